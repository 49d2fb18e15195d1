/**
 * What the row-aggregate search (dataflow-aggregates.ts) reads in one statement or cell's facts, without the
 * dataflow: statistic calls, in-place calls, group transforms and the operands of a hand-written scaling.
 */
import type { CallFact, CellFacts } from './facts';

/** A statistic of rows computed in the text (`.mean(`, `.quantile(`). */
export const STATISTIC = /\.(mean|median|std|var|min|max|quantile|mode)\s*\(/;
/** The statistics a hand-written scaling divides or subtracts by. */
export const SCALE_STATISTIC = /\.(mean|std|min|max|median)\(/;
/** Methods that change the data in place with `inplace=True`. */
export const IN_PLACE = new Set(['fillna', 'clip', 'where', 'mask']);

/**
 * Whether a statement of the cell can be a use `useIn` finds, by its conditions loosened to the cell: a group
 * transform, quantile bin, `fillna` or `clip` call, an in-place call, or an assignment whose value holds a scaling statistic
 * or, when `bound()` says some name holds a statistic, a `-` or `/`. Most cells hold none, and their nodes are
 * then never matched to facts; helper bodies (read without a node) bind nothing.
 */
export function mayUseIn(facts: CellFacts, bound: () => boolean): boolean {
  if (candidateCalls(facts).length > 0) return true;
  for (const call of facts.calls) if (IN_PLACE.has(call.method ?? '') && isInPlace(call)) return true;
  for (const a of facts.assignments) {
    if (a.via !== undefined) continue;
    const text = a.value.text;
    if (SCALE_STATISTIC.test(text) || ((text.includes('-') || text.includes('/')) && bound())) return true;
  }
  return false;
}

export function isInPlace(call: CallFact): boolean {
  return call.args.some((x) => x.keyword === 'inplace' && x.value.text === 'True');
}

export function argsText(call: CallFact): string {
  return call.args.map((x) => x.value.text).join(', ');
}

/**
 * `pd.qcut(df["fare"], 4)`: bins at the quantiles of the rows it is given (pandas' `qcut`, as a method of
 * the module or imported by name). `pd.cut` with explicit edges reads no statistic and is not one.
 */
export function isQuantileBin(c: CallFact): boolean {
  return c.receiver === undefined ? c.callee === 'qcut' : c.method === 'qcut';
}

export function isGroupTransform(c: CallFact): boolean {
  return c.method === 'transform' && /groupby\s*\(/.test(c.receiver ?? '');
}

const candidates = new WeakMap<CellFacts, CallFact[]>();

/** The calls of a cell `useIn` reads (group transforms, quantile bins, `fillna`, `clip`), in order: once per cell. */
export function candidateCalls(facts: CellFacts): CallFact[] {
  let found = candidates.get(facts);
  if (found === undefined) {
    found = facts.calls.filter(
      (c) => isGroupTransform(c) || isQuantileBin(c) || c.method === 'fillna' || c.method === 'clip',
    );
    candidates.set(facts, found);
  }
  return found;
}

const operands = new Map<string, RegExp>();

/** `- name`, `/ (name`: the name divides or is subtracted (compiled once per name). */
export function operandPattern(name: string): RegExp {
  let re = operands.get(name);
  if (re === undefined) {
    if (operands.size >= 10_000) operands.clear();
    re = new RegExp(`[-/]\\s*\\(?\\s*${name}\\b`);
    operands.set(name, re);
  }
  return re;
}
