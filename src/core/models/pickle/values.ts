/**
 * The symbolic values the pickle machine keeps on its stack and memo, and what is read from them:
 * library versions recorded in `__dict__` entries (`_sklearn_version`) and the size of the NumPy
 * arrays joblib writes inline after a NumpyArrayWrapper. Nothing here is ever built or called.
 */
export type Value =
  | { k: 'str'; v: string }
  | { k: 'int'; v: number }
  | { k: 'tuple'; items: Value[] }
  | { k: 'dict'; entries: Array<[Value, Value]> }
  | { k: 'global'; name: string }
  | { k: 'obj'; cls: string; args?: Value }
  | { k: 'mark' }
  | { k: 'other' };

export const OTHER: Value = { k: 'other' };

/** Key/value pairs of a flat item list (DICT, SETITEMS); an odd last item is dropped. */
export function pairs(items: Value[]): Array<[Value, Value]> {
  const out: Array<[Value, Value]> = [];
  for (let i = 0; i + 1 < items.length; i += 2) out.push([items[i]!, items[i + 1]!]);
  return out;
}

/** Records `_sklearn_version: '1.5.2'`-style entries as `versions.sklearn`. */
export function recordVersions(entries: Array<[Value, Value]>, versions: Record<string, string>): void {
  for (const [key, value] of entries) {
    if (key.k === 'str' && value.k === 'str' && /_version$/.test(key.v) && key.v.length < 64) {
      versions[key.v.replace(/^_+|_version$/g, '') || key.v] = value.v;
    }
  }
}

export type InlineArray = { bytes: number; padded: boolean } | 'object';

/**
 * What follows a BUILD of `target` with `state` in the stream: the bytes of a joblib NumpyArrayWrapper's
 * array, 'object' when the array is a pickle of its own, undefined for any other BUILD or an unknown size.
 */
export function joblibArray(target: Value, state: Value | undefined): InlineArray | undefined {
  if (target.k !== 'obj' || !target.cls.endsWith('NumpyArrayWrapper') || state?.k !== 'dict') return undefined;
  const field = (key: string): Value | undefined => state.entries.find(([k]) => k.k === 'str' && k.v === key)?.[1];
  return inlineArray(field('shape'), field('dtype'), field('numpy_array_alignment_bytes') !== undefined);
}

/** Size of an inline joblib array from its shape and numpy.dtype(...) reduce; undefined if unknown. */
function inlineArray(shape: Value | undefined, dtype: Value | undefined, padded: boolean): InlineArray | undefined {
  if (shape?.k !== 'tuple' || dtype?.k !== 'obj' || dtype.args?.k !== 'tuple') return undefined;
  const code = dtype.args.items[0];
  if (code?.k !== 'str') return undefined;
  if (code.v.startsWith('O')) return 'object';
  const itemsize = Number(/\d+$/.exec(code.v)?.[0] ?? NaN) || (code.v === '?' || code.v === 'b1' ? 1 : NaN);
  const dims = shape.items.map((d) => (d.k === 'int' ? d.v : NaN));
  const count = dims.reduce((a, b) => a * b, 1);
  if (!Number.isFinite(itemsize) || !Number.isFinite(count)) return undefined;
  // Unicode dtypes name their length in characters of 4 bytes ('U5' = 20 bytes).
  const bytes = count * (code.v.startsWith('U') ? itemsize * 4 : itemsize);
  return { bytes, padded };
}
