/**
 * Loads `liftoff.yaml`: parse with eemeli/yaml (keeps node positions), validate against the JSON Schema
 * with ajv, and report every problem as `file:line:col message`. A missing file is not an error.
 */
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { Document } from 'yaml';
import schema from '../../../schemas/liftoff.schema.json';
import { defaultManifest, MANIFEST_FILE, type ProjectManifest } from './manifest';
import { yaml } from './yaml-module';

export interface ManifestError {
  file: string;
  /** 1-based, as editors and compilers print them. */
  line: number;
  column: number;
  /** Dotted path of the offending value, e.g. `business.predictionsPerDay` (empty for syntax errors). */
  path: string;
  message: string;
}

export interface LoadedManifest {
  /** Defaults filled in; when the file has errors, the valid parts are still used where the shape allows. */
  manifest: ProjectManifest;
  errors: ManifestError[];
  /** Whether a file was given at all. */
  present: boolean;
}

let validator: ValidateFunction | undefined;

/** Compiled on first use: ajv compilation costs a few milliseconds the extension should not pay at activation. */
function validate(value: unknown): ErrorObject[] {
  validator ??= compileSchema();
  return validator(value) ? [] : [...(validator.errors ?? [])];
}

/** ajv, like yaml, is required on first use (see yaml-module.ts). */
function compileSchema(): ValidateFunction {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Ajv = (require('ajv') as typeof import('ajv')).default;
  return new Ajv({ allErrors: true, strict: true }).compile(schema);
}

export function loadManifest(text: string | undefined, file = MANIFEST_FILE): LoadedManifest {
  if (text === undefined) return { manifest: defaultManifest(), errors: [], present: false };
  const lines = new (yaml().LineCounter)();
  const doc = yaml().parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const at = (offset: number) => lines.linePos(offset);
  const syntax = doc.errors.map((e) => ({ file, ...at(e.pos[0]), path: '', message: firstLine(e.message) }));
  if (syntax.length > 0) return { manifest: defaultManifest(), errors: syntax.map(toPosition), present: true };
  const value: unknown = doc.toJS() ?? {};
  const errors = validate(value).map((e) => schemaError(e, doc, at, file));
  return { manifest: withDefaults(value), errors: dedupe(errors), present: true };
}

function toPosition(e: { file: string; line: number; col: number; path: string; message: string }): ManifestError {
  return { file: e.file, line: e.line, column: e.col, path: e.path, message: e.message };
}

function schemaError(
  e: ErrorObject,
  doc: Document,
  at: (offset: number) => { line: number; col: number },
  file: string,
): ManifestError {
  const segments = e.instancePath.split('/').slice(1).map(unescapePointer);
  const extra = e.keyword === 'additionalProperties' ? String(e.params.additionalProperty) : undefined;
  const keyPath = extra === undefined ? segments : [...segments, extra];
  const node = nodeAt(doc, segments, extra);
  const { line, col } = at(node?.range?.[0] ?? 0);
  const path = keyPath
    .map((s) => (/^\d+$/.test(s) ? `[${s}]` : s))
    .join('.')
    .replace(/\.\[/g, '[');
  return { file, line, column: col, path, message: describe(e, path, extra) };
}

/** The value node at the path, or the key node of an unknown property, so the caret lands on the culprit. */
function nodeAt(doc: Document, segments: string[], extra: string | undefined) {
  const keys = segments.map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  const parent = keys.length === 0 ? doc.contents : doc.getIn(keys, true);
  if (extra === undefined) return yaml().isNode(parent) ? parent : undefined;
  const items = (parent as { items?: { key?: unknown }[] } | undefined)?.items ?? [];
  const pair = items.find((p) => yaml().isNode(p.key) && (p.key as { value?: unknown }).value === extra);
  return yaml().isNode(pair?.key) ? pair.key : yaml().isNode(parent) ? parent : undefined;
}

function describe(e: ErrorObject, path: string, extra: string | undefined): string {
  const subject = path === '' ? 'liftoff.yaml' : path;
  switch (e.keyword) {
    case 'type':
      return `${subject} must be ${article(String(e.params.type))}`;
    case 'enum':
      return `${subject} must be one of ${(e.params.allowedValues as unknown[]).join(', ')}`;
    case 'additionalProperties':
      return `unknown property '${extra ?? ''}'`;
    case 'required':
      return `${subject === 'liftoff.yaml' ? '' : `${subject} `}needs '${String(e.params.missingProperty)}'`.trim();
    default:
      return `${subject} ${e.message ?? 'is invalid'}`;
  }
}

function article(type: string): string {
  const name = type === 'integer' ? 'whole number' : type;
  return /^[aeiou]/.test(name) ? `an ${name}` : `a ${name}`;
}

function unescapePointer(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}

function dedupe(errors: ManifestError[]): ManifestError[] {
  const seen = new Set<string>();
  return errors.filter(
    (e) => !seen.has(`${e.line}:${e.column}:${e.message}`) && seen.add(`${e.line}:${e.column}:${e.message}`),
  );
}

/** Keeps only the parts whose shape is usable, so one typo does not blank the whole manifest. */
function withDefaults(value: unknown): ProjectManifest {
  const base = defaultManifest();
  if (!isRecord(value)) return base;
  const pick = <K extends keyof ProjectManifest>(key: K, ok: (v: unknown) => boolean): ProjectManifest[K] =>
    ok(value[key]) ? (value[key] as ProjectManifest[K]) : base[key];
  return {
    ...(value.version === 1 ? { version: 1 as const } : {}),
    models: pick('models', Array.isArray),
    business: pick('business', isRecord),
    serving: pick('serving', isRecord),
    monitoring: pick('monitoring', isRecord),
    retraining: pick('retraining', isRecord),
    attestations: pick('attestations', Array.isArray),
    rules: pick('rules', isRecord),
    ...(isRecord(value.scaffold) ? { scaffold: value.scaffold as ProjectManifest['scaffold'] } : {}),
  };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** `liftoff.yaml:12:5 business.predictionsPerDay must be a number` */
export function formatManifestError(e: ManifestError): string {
  return `${e.file}:${e.line}:${e.column} ${e.message}`;
}
