/**
 * Renders one template with a PRIVATE Handlebars environment (never the global one, so nobody else's
 * helpers or partials leak in), `noEscape` (Dockerfiles and YAML are not HTML) and `strict` (a missing
 * value is an error naming the template and field, never an empty string). Only our named helpers are
 * allowed, so a user's override cannot call something we do not know. Handlebars loads on first use.
 */
import type * as HandlebarsNs from 'handlebars';
import { HELPERS } from './helpers';

type HandlebarsEnv = typeof HandlebarsNs;
type Ast = hbs.AST.Program;

export class TemplateError extends Error {
  constructor(
    readonly template: string,
    message: string,
  ) {
    super(`template ${template}: ${message}`);
    this.name = 'TemplateError';
  }
}

let loading: Promise<HandlebarsEnv> | undefined;

/** One private environment per process, created on first use (keeps Handlebars off the activation path). */
function environment(): Promise<HandlebarsEnv> {
  loading ??= import('handlebars').then((mod) => {
    const hb = (mod as { default?: HandlebarsEnv }).default ?? mod;
    const env = hb.create();
    for (const [name, fn] of Object.entries(HELPERS)) env.registerHelper(name, (value: unknown) => fn(value));
    return env;
  });
  return loading;
}

const KNOWN_HELPERS = Object.fromEntries(Object.keys(HELPERS).map((name) => [name, true]));

/** Renders `source` (the text of template `name`) with `context`; every failure is a TemplateError. */
export async function renderTemplate(name: string, source: string, context: object): Promise<string> {
  const env = await environment();
  let ast: Ast;
  try {
    ast = env.parse(source);
  } catch (error) {
    throw new TemplateError(name, `cannot be parsed: ${messageOf(error)}`);
  }
  const missing = referencedFields(ast).filter((field) => !(field in context));
  if (missing.length > 0) {
    const list = missing.map((f) => `"${f}"`).join(', ');
    throw new TemplateError(name, `uses ${list}, which the scaffold context does not provide`);
  }
  try {
    const compiled = env.compile(ast, {
      noEscape: true,
      strict: true,
      knownHelpers: KNOWN_HELPERS,
      knownHelpersOnly: true,
    });
    return compiled(context);
  } catch (error) {
    throw new TemplateError(name, describeRenderError(error));
  }
}

/** Handlebars says `"x" not defined in [object Object] - 3:10`; people want the field and the line. */
function describeRenderError(error: unknown): string {
  const message = messageOf(error);
  const m = /^"([^"]+)" not defined in .* - (\d+):(\d+)$/.exec(message);
  if (m) return `line ${m[2]}, column ${Number(m[3]) + 1}: the field "${m[1]}" is missing`;
  return message;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

type Node = hbs.AST.Node & Record<string, unknown>;

/**
 * Top-level context fields a template reads outside `each`/`with` blocks (inside those, `strict`
 * checks lookups as they happen). Needed because Handlebars' strict mode does not check a helper's
 * arguments or an `#if`'s condition: without this, `{{#if featurs}}` would quietly be false.
 */
export function referencedFields(program: Ast): string[] {
  const found = new Set<string>();
  const visit = (node: Node | undefined, scoped: boolean): void => {
    if (node === undefined || node === null || typeof node !== 'object') return;
    if (node.type === 'PathExpression') {
      const path = node as unknown as hbs.AST.PathExpression;
      if (!scoped && !path.data && path.depth === 0 && path.parts.length > 0) found.add(path.parts[0]);
      return;
    }
    const isBlock = node.type === 'BlockStatement';
    const helperName =
      isBlock || node.type === 'MustacheStatement' || node.type === 'SubExpression' ? pathName(node) : '';
    const helper = helperName !== '' && isHelperCall(node, helperName);
    const entersScope = isBlock && (!helper || helperName === 'each' || helperName === 'with');
    for (const [key, child] of Object.entries(node)) {
      if (key === 'loc' || (key === 'path' && helper)) continue;
      const childScoped = scoped || (entersScope && (key === 'program' || key === 'inverse'));
      if (Array.isArray(child)) for (const c of child) visit(c as Node, childScoped);
      else if (child && typeof child === 'object') visit(child as Node, childScoped);
    }
  };
  visit(program as unknown as Node, false);
  return [...found];
}

function pathName(node: Node): string {
  const path = node.path as hbs.AST.PathExpression | undefined;
  return path?.type === 'PathExpression' ? path.original : '';
}

const BUILTIN_BLOCKS = new Set(['if', 'unless', 'each', 'with']);

/** Whether the node's path names a helper (`{{#if x}}`, `{{yamlString x}}`) rather than a field. */
function isHelperCall(node: Node, name: string): boolean {
  const params = node.params as unknown[] | undefined;
  return (params !== undefined && params.length > 0) || BUILTIN_BLOCKS.has(name) || name in KNOWN_HELPERS;
}
