/**
 * Alias resolution: `np.random.seed` with {np: "numpy"} -> "numpy.random.seed".
 * Pure, so the engine can reuse it across cells with every import seen so far.
 */

/**
 * Python builtins that rules care about by name (`open`, `eval`, `print`...). An unimported name
 * that is a builtin qualifies to itself, so rules can test `qualified === 'open'` uniformly.
 */
export const PYTHON_BUILTINS: ReadonlySet<string> = new Set([
  'abs',
  'all',
  'any',
  'ascii',
  'bin',
  'bool',
  'breakpoint',
  'bytearray',
  'bytes',
  'callable',
  'chr',
  'classmethod',
  'compile',
  'complex',
  'delattr',
  'dict',
  'dir',
  'display',
  'divmod',
  'enumerate',
  'eval',
  'exec',
  'filter',
  'float',
  'format',
  'frozenset',
  'getattr',
  'globals',
  'hasattr',
  'hash',
  'help',
  'hex',
  'id',
  'input',
  'int',
  'isinstance',
  'issubclass',
  'iter',
  'len',
  'list',
  'locals',
  'map',
  'max',
  'memoryview',
  'min',
  'next',
  'object',
  'oct',
  'open',
  'ord',
  'pow',
  'print',
  'property',
  'range',
  'repr',
  'reversed',
  'round',
  'set',
  'setattr',
  'slice',
  'sorted',
  'staticmethod',
  'str',
  'sum',
  'super',
  'tuple',
  'type',
  'vars',
  'zip',
  '__import__',
]);

/**
 * Resolves a dotted name through its first segment: an import alias is replaced by what it stands for;
 * a builtin stays as written; anything else is unknown (undefined).
 */
export function qualifyName(dotted: string, imports: ReadonlyMap<string, string>): string | undefined {
  const dot = dotted.indexOf('.');
  const head = dot < 0 ? dotted : dotted.slice(0, dot);
  const target = imports.get(head);
  if (target !== undefined) return dot < 0 ? target : target + dotted.slice(dot);
  return PYTHON_BUILTINS.has(head) ? dotted : undefined;
}

/**
 * `qualifyName` for a text that may not be a dotted name at all (a callee like `f(x).g`, a value's
 * source): the cheap tests come first and a qualified name is only built for a dotted name that
 * resolves, so most texts (local names, chained calls) cost no string. Same answers as
 * `isDottedName(text) ? qualifyName(text, imports) : undefined`.
 */
export function qualifyText(text: string, imports: ReadonlyMap<string, string>): string | undefined {
  const dot = text.indexOf('.');
  const headLength = dot < 0 ? text.length : dot;
  let target: string | undefined;
  if (imports.size > 0) target = imports.get(dot < 0 ? text : text.slice(0, dot));
  if (target === undefined) {
    if (!maybeBuiltin(text, headLength) || !PYTHON_BUILTINS.has(dot < 0 ? text : text.slice(0, dot))) return undefined;
    return isDottedName(text) ? text : undefined;
  }
  if (!isDottedName(text)) return undefined;
  return dot < 0 ? target : target + text.slice(dot);
}

/** Lengths of the builtins by first character (a-z and `_`), as bit sets: rejects most heads without a lookup. */
const BUILTIN_LENGTHS: Uint32Array = (() => {
  const table = new Uint32Array(128);
  for (const name of PYTHON_BUILTINS) table[name.charCodeAt(0)] |= 1 << name.length;
  return table;
})();

function maybeBuiltin(text: string, headLength: number): boolean {
  const first = text.charCodeAt(0);
  return first < 128 && headLength < 32 && (BUILTIN_LENGTHS[first] & (1 << headLength)) !== 0;
}

const DOTTED = /^[A-Za-z_\u00a0-\uffff][\w\u00a0-\uffff]*(?:\.[A-Za-z_\u00a0-\uffff][\w\u00a0-\uffff]*)*$/;

/** Whether a piece of source is a plain dotted name (`a`, `a.b.c`), the only thing worth qualifying. */
export function isDottedName(text: string): boolean {
  return DOTTED.test(text);
}
