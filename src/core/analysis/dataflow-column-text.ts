/**
 * Reading column names out of expression texts: string literals and lists of them, column
 * assignment targets (`df["x"]`), the columns an expression reads and the ones a `drop` removes, and the
 * list a name held (`cols = ["a", "b"]` ... `df.drop(columns=cols)`).
 */
import type { DataflowQueries } from './dataflow';
import { splitTopLevel } from './dataflow-text';
import type { CallFact } from './facts';

/** `df['ratio']`, `df.loc[:, "ratio"]` as an assignment target: the table and the column. */
export interface ColumnTarget {
  frame: string;
  column: string;
}

const STRING = /^[rRuU]?(['"])([^'"\\]*)\1$/;

/** `'price'` -> "price"; anything else undefined. */
export function stringLiteral(text: string): string | undefined {
  return STRING.exec(text.trim())?.[2];
}

/** `['a', "b"]`, `('a',)`, `'a'` -> the strings; undefined when any element is not a string literal. */
export function stringList(text: string): string[] | undefined {
  const t = text.trim();
  const single = stringLiteral(t);
  if (single !== undefined) return [single];
  const inner = /^[[(]([\s\S]*)[\])]$/.exec(t)?.[1];
  if (inner === undefined) return undefined;
  const parts = splitTopLevel(inner).map(stringLiteral);
  return parts.every((p): p is string => p !== undefined) ? parts : undefined;
}

const COLUMN_TARGET = /^([A-Za-z_]\w*)(?:\.loc\s*\[\s*:\s*,\s*|\s*\[\s*)(['"])([^'"\\]+)\2\s*\]$/;

/** `df['ratio']` / `df.loc[:, 'ratio']` -> { frame: "df", column: "ratio" }. */
export function columnTarget(text: string): ColumnTarget | undefined {
  const m = COLUMN_TARGET.exec(text.trim());
  return m === null ? undefined : { frame: m[1] ?? '', column: m[3] ?? '' };
}

/** Attributes of a DataFrame or Series that are not columns (`df.values`, `df.shape`). */
const FRAME_ATTRIBUTES = new Set([
  'values', 'index', 'columns', 'shape', 'dtypes', 'dtype', 'T', 'iloc', 'loc', 'at', 'iat', 'str', 'dt', 'cat',
  'size', 'ndim', 'empty', 'name', 'array', 'plot', 'axes', 'attrs', 'flags', 'sparse', 'hasnans', 'nbytes',
]); // prettier-ignore

/**
 * Column names an expression reads: strings inside subscripts (`df['a']`, `g['t']`, `df[['a', 'b']]`,
 * `df.loc[:, 'a']`) and `frame.attr` reads of the given tables (`df.price`, not `df.values`).
 */
export function columnsRead(text: string, frames: readonly string[] = []): Set<string> {
  const out = new Set<string>();
  for (const m of text.matchAll(/[\w)\]]\s*\[([^[\]]*(?:\[[^[\]]*\][^[\]]*)*)\]/g)) {
    for (const s of (m[1] ?? '').matchAll(/(['"])([^'"\\]+)\1/g)) out.add(s[2] ?? '');
  }
  for (const frame of frames) {
    const re = new RegExp(`(?<![\\w.])${frame}\\.([A-Za-z_]\\w*)\\b(?!\\s*\\()`, 'g');
    for (const m of text.matchAll(re)) if (!FRAME_ATTRIBUTES.has(m[1] ?? '')) out.add(m[1] ?? '');
  }
  return out;
}

/**
 * Columns a `drop` call removes: `columns=[...]`, or labels with `axis=1`/`axis="columns"`.
 * Undefined when it drops rows, or the columns are not literals (or names bound to literals).
 */
export function droppedColumns(call: CallFact, literal: (name: string) => string[] | undefined): string[] | undefined {
  const columns = call.args.find((a) => a.keyword === 'columns');
  if (columns !== undefined) return listOf(columns.value.text, literal);
  const axis = call.args.find((a) => a.keyword === 'axis')?.value.text.replace(/['"]/g, '');
  const positional = call.args.filter((a) => a.keyword === undefined && a.spread === undefined);
  const axisOne = axis === '1' || axis === 'columns' || positional[1]?.value.text === '1';
  const labels = call.args.find((a) => a.keyword === 'labels') ?? positional[0];
  if (!axisOne || labels === undefined) return undefined;
  return listOf(labels.value.text, literal);
}

function listOf(text: string, literal: (name: string) => string[] | undefined): string[] | undefined {
  const direct = stringList(text);
  if (direct !== undefined) return direct;
  return /^[A-Za-z_]\w*$/.test(text.trim()) ? literal(text.trim()) : undefined;
}

/** The strings a name held where `at` was computed; needs the graph only, not the column-flow index. */
export function literalFor(q: DataflowQueries, at: number, name: string): string[] | undefined {
  const id = namedBehind(q, at, name, 40, true);
  const node = id === undefined ? undefined : q.node(id);
  return node === undefined ? undefined : stringList(node.text);
}

/**
 * Where `name` was bound as `at` reads it: the nearest node with that name behind `at` (or `at` itself when
 * `includeAt`), looking through unnamed expression nodes only, over at most `limit` nodes.
 */
export function namedBehind(
  q: DataflowQueries,
  at: number,
  name: string,
  limit: number,
  includeAt: boolean,
): number | undefined {
  const seen = new Set<number>();
  const stack = [at];
  while (stack.length > 0 && seen.size < limit) {
    const id = stack.pop() as number;
    if (seen.has(id)) continue;
    seen.add(id);
    const node = q.node(id);
    if (node === undefined) continue;
    if (node.name === name && (includeAt || id !== at)) return id;
    if (node.name === undefined || id === at) stack.push(...node.deps);
  }
  return undefined;
}
