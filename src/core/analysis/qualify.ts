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

const DOTTED = /^[A-Za-z_\u00a0-\uffff][\w\u00a0-\uffff]*(?:\.[A-Za-z_\u00a0-\uffff][\w\u00a0-\uffff]*)*$/;

/** Whether a piece of source is a plain dotted name (`a`, `a.b.c`), the only thing worth qualifying. */
export function isDottedName(text: string): boolean {
  return DOTTED.test(text);
}
