/**
 * The few named helpers templates may use, one per quoting context. Each either quotes its value so the
 * target language reads it back unchanged, or throws when that is impossible: a scaffold must never
 * produce a Dockerfile or workflow whose meaning depends on what a file happened to be called.
 */

export class HelperError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HelperError';
  }
}

function text(helper: string, value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'boolean') return String(value);
  throw new HelperError(`helper '${helper}' needs a string or number, got ${describe(value)}`);
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing (is the field missing from the context?)';
  if (value === null) return 'null';
  return Array.isArray(value) ? 'a list' : `a ${typeof value}`;
}

const CONTROL = /[\u0000-\u001f\u007f]/;

/** A YAML double-quoted scalar (JSON strings are valid YAML 1.2 double-quoted scalars). */
export function yamlString(value: unknown): string {
  return JSON.stringify(text('yamlString', value));
}

/** One POSIX shell word in single quotes; control characters are refused. */
export function shellArg(value: unknown): string {
  const s = text('shellArg', value);
  if (CONTROL.test(s))
    throw new HelperError(`helper 'shellArg' refuses a value with control characters: ${JSON.stringify(s)}`);
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** One element of a Dockerfile exec-form JSON array (COPY ["a b", "/dest"], CMD [...]). */
export function dockerJson(value: unknown): string {
  const s = text('dockerJson', value);
  if (CONTROL.test(s))
    throw new HelperError(`helper 'dockerJson' refuses a value with control characters: ${JSON.stringify(s)}`);
  return JSON.stringify(s);
}

/** A .dockerignore / Go filepath.Match pattern matching exactly this path. */
export function ignorePattern(value: unknown): string {
  const s = text('ignorePattern', value);
  if (CONTROL.test(s))
    throw new HelperError(`helper 'ignorePattern' refuses a value with control characters: ${JSON.stringify(s)}`);
  return s.replace(/[\\*?[\]]/g, (c) => `\\${c}`);
}

/** A Python string literal (JSON string syntax is a subset of Python's). */
export function pyString(value: unknown): string {
  return JSON.stringify(text('pyString', value));
}

/** Any value as JSON (numbers, lists, strings) for JSON and YAML flow contexts. */
export function json(value: unknown): string {
  if (value === undefined) throw new HelperError(`helper 'json' got ${describe(value)}`);
  return JSON.stringify(value);
}

export const HELPERS: Readonly<Record<string, (value: unknown) => string>> = {
  yamlString,
  shellArg,
  dockerJson,
  ignorePattern,
  pyString,
  json,
};
