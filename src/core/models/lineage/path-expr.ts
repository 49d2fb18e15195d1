/**
 * Evaluates the Python expression a notebook passes as a file path, as far as it is knowable without
 * running it: string literals, f-strings, `+` concatenation, `os.path.join`, `pathlib.Path(...)`, the
 * `/` operator on paths, `.joinpath`, `.parent`, `.with_suffix`, `str()`/`os.fspath()`, `"{}".format()`,
 * and names bound earlier to such values. Parts that cannot be known (a variable bound to a function
 * result, an f-string field of a loop variable) become holes; a value that is all hole is unknown.
 */
import type { SyntaxNode } from '@lezer/common';
import { stringLiteralValue } from '../../analysis/values';
import { parsePython } from '../../notebook/parse';

/** One part of a path: literal text, or a hole for a part only known at run time. */
export type PathPart = string | null;

export interface PathValue {
  parts: PathPart[];
}

export interface PathScope {
  /** The value bound to a plain name at this point of the notebook, if it is a path. */
  lookup(name: string): PathValue | undefined;
  /** Qualified name of a dotted callee (`os.path.join`, `pathlib.Path`), through the notebook's imports. */
  qualify(dotted: string): string | undefined;
}

const JOIN = new Set(['os.path.join', 'posixpath.join', 'ntpath.join']);
const PATH_CLASSES = /^(pathlib\.)?(Pure)?(Posix|Windows)?Path$/;
const IDENTITY = new Set(['str', 'os.fspath', 'os.path.abspath', 'os.path.normpath', 'os.path.expanduser']);
const IDENTITY_METHODS = new Set(['resolve', 'absolute', 'expanduser', 'as_posix']);
const MAX_TEXT = 400;

export function literal(text: string): PathValue {
  return { parts: [text] };
}

/** The value of `text` (one expression), or undefined when nothing about it is known. */
export function evaluatePath(text: string, scope: PathScope): PathValue | undefined {
  if (text.length > MAX_TEXT) return undefined;
  const tree = parsePython(text);
  const stmt = tree.topNode.firstChild;
  const expr = stmt?.firstChild;
  if (!stmt || !expr || stmt.name !== 'ExpressionStatement' || stmt.nextSibling) return undefined;
  const value = new Evaluator(text, scope).value(expr);
  return value && value.parts.some((p) => p !== null && p !== '') ? normalizeParts(value) : undefined;
}

/** The value as text with holes shown as `*`, e.g. `models/*.onnx`. */
export function pathText(value: PathValue): string {
  return value.parts.map((p) => (p === null ? '*' : p)).join('');
}

export function isExact(value: PathValue): boolean {
  return value.parts.every((p) => p !== null);
}

class Evaluator {
  constructor(
    private readonly src: string,
    private readonly scope: PathScope,
  ) {}

  private text(n: SyntaxNode): string {
    return this.src.slice(n.from, n.to);
  }

  value(n: SyntaxNode): PathValue | undefined {
    switch (n.name) {
      case 'String':
        return literal(stringLiteralValue(this.text(n)));
      case 'ContinuedString':
        return concat(children(n).map((c) => this.value(c)));
      case 'FormatString':
        return this.formatString(n);
      case 'Number':
        return literal(this.text(n));
      case 'VariableName':
        return this.scope.lookup(this.text(n));
      case 'ParenthesizedExpression':
        return this.value(children(n).find((c) => c.name !== '(' && c.name !== ')') ?? n);
      case 'BinaryExpression':
        return this.binary(n);
      case 'CallExpression':
        return this.call(n);
      case 'MemberExpression':
        return this.member(n);
      default:
        return undefined;
    }
  }

  private formatString(n: SyntaxNode): PathValue {
    const text = this.text(n);
    const quote = text.search(/['"]/);
    const triple = text.startsWith(text[quote].repeat(3), quote) && text.length >= quote + 6;
    const open = quote + (triple ? 3 : 1);
    const parts: PathPart[] = [];
    let at = n.from + open;
    for (const field of children(n).filter((c) => c.name === 'FormatReplacement')) {
      parts.push(this.src.slice(at, field.from).replace(/\{\{/g, '{').replace(/\}\}/g, '}'));
      const inner = children(field).find((c) => c.name !== '{' && c.name !== '}' && c.name !== 'FormatSpec');
      const spec = children(field).some((c) => c.name === 'FormatSpec' || c.name === 'FormatConversion');
      const value = inner && !spec ? this.value(inner) : undefined;
      parts.push(...(value?.parts ?? [null]));
      at = field.to;
    }
    const close = n.to - (triple ? 3 : 1);
    parts.push(this.src.slice(at, Math.max(at, close)).replace(/\{\{/g, '{').replace(/\}\}/g, '}'));
    return { parts };
  }

  private binary(n: SyntaxNode): PathValue | undefined {
    const [left, op, right] = children(n);
    if (!left || !op || !right) return undefined;
    const operator = this.text(op);
    if (operator === '+') return concat([this.value(left) ?? hole(), this.value(right) ?? hole()]);
    if (operator === '/') return join([this.value(left) ?? hole(), this.value(right) ?? hole()]);
    return undefined;
  }

  private call(n: SyntaxNode): PathValue | undefined {
    const callee = n.firstChild;
    const argList = n.getChild('ArgList');
    if (!callee || !argList) return undefined;
    const args = children(argList).filter((c) => !['(', ')', ','].includes(c.name));
    if (args.some((a) => a.name === 'VariableName' && a.nextSibling?.name === 'AssignOp')) return undefined;
    const values = args.map((a) => this.value(a) ?? hole());
    if (callee.name === 'MemberExpression') {
      const method = callee.lastChild && callee.lastChild.name === 'PropertyName' ? this.text(callee.lastChild) : '';
      const receiver = callee.firstChild;
      const dotted = this.text(callee);
      const qualified = /^[\w.]+$/.test(dotted) ? this.scope.qualify(dotted) : undefined;
      if (qualified !== undefined) return this.function(qualified, values);
      if (!receiver) return undefined;
      return this.method(receiver, method, args, values);
    }
    if (callee.name !== 'VariableName') return undefined;
    const name = this.text(callee);
    return this.function(this.scope.qualify(name) ?? name, values);
  }

  private function(qualified: string, values: PathValue[]): PathValue | undefined {
    if (JOIN.has(qualified) || PATH_CLASSES.test(qualified)) return values.length > 0 ? join(values) : literal('.');
    if (IDENTITY.has(qualified) && values.length === 1) return values[0];
    return undefined;
  }

  private method(receiver: SyntaxNode, method: string, args: SyntaxNode[], values: PathValue[]): PathValue | undefined {
    if (method === 'format' && /String$/.test(receiver.name)) return this.format(receiver, values);
    const base = this.value(receiver);
    if (!base) return undefined;
    if (IDENTITY_METHODS.has(method) && args.length === 0) return base;
    if (method === 'joinpath') return join([base, ...values]);
    if (method === 'with_suffix' && values.length === 1 && isExact(base) && isExact(values[0])) {
      const path = pathText(base);
      return literal(path.replace(/(\.[^./]*)?$/, pathText(values[0])));
    }
    return undefined;
  }

  /** `"{}/model_{}.pkl".format(d, v)` with automatic or numbered fields; named fields become holes. */
  private format(receiver: SyntaxNode, values: PathValue[]): PathValue | undefined {
    const template = this.value(receiver);
    if (!template || !isExact(template)) return undefined;
    const parts: PathPart[] = [];
    let auto = 0;
    const re = /\{\{|\}\}|\{([^{}]*)\}/g;
    let last = 0;
    const text = pathText(template);
    for (let m = re.exec(text); m; m = re.exec(text)) {
      parts.push(text.slice(last, m.index));
      last = m.index + m[0].length;
      if (m[1] === undefined) parts.push(m[0][0]);
      else {
        const field = m[1].split(/[:!]/)[0];
        const index = field === '' ? auto++ : /^\d+$/.test(field) ? Number(field) : -1;
        parts.push(...(m[1].includes(':') ? [null] : (values[index]?.parts ?? [null])));
      }
    }
    parts.push(text.slice(last));
    return { parts };
  }

  private member(n: SyntaxNode): PathValue | undefined {
    const property = n.lastChild;
    const receiver = n.firstChild;
    if (!property || !receiver || property.name !== 'PropertyName' || this.text(property) !== 'parent')
      return undefined;
    const base = this.value(receiver);
    if (!base || !isExact(base)) return undefined;
    const path = pathText(base).replace(/\/+$/, '');
    const slash = path.lastIndexOf('/');
    return literal(slash < 0 ? '.' : slash === 0 ? '/' : path.slice(0, slash));
  }
}

function children(n: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let c = n.firstChild; c; c = c.nextSibling) out.push(c);
  return out;
}

function hole(): PathValue {
  return { parts: [null] };
}

function concat(values: Array<PathValue | undefined>): PathValue {
  return { parts: values.flatMap((v) => v?.parts ?? [null]) };
}

/** Python's path joining: an absolute component (a literal starting with `/` or a drive) restarts the path. */
function join(values: PathValue[]): PathValue {
  let parts: PathPart[] = [];
  for (const value of values) {
    const first = value.parts[0];
    const absolute = typeof first === 'string' && /^([/\\]|[A-Za-z]:[/\\])/.test(first);
    if (absolute || parts.length === 0) parts = [...value.parts];
    else {
      const last = parts[parts.length - 1];
      if (!(typeof last === 'string' && /[/\\]$/.test(last))) parts.push('/');
      parts.push(...value.parts);
    }
  }
  return { parts };
}

/** Backslashes to slashes, adjacent literals merged, adjacent holes merged. */
function normalizeParts(value: PathValue): PathValue {
  const parts: PathPart[] = [];
  for (const part of value.parts) {
    const prev = parts[parts.length - 1];
    if (part === null) {
      if (prev !== null || parts.length === 0) parts.push(null);
    } else if (part !== '') {
      const text = part.replace(/\\/g, '/');
      if (typeof prev === 'string') parts[parts.length - 1] = prev + text;
      else parts.push(text);
    }
  }
  return { parts };
}
