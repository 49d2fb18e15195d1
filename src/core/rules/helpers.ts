/** Small shared helpers for rule checks: walking calls, resolving callees, positions and edits. */
import type { ArgFact, CallFact, CellFacts } from '../analysis/facts';
import type { CellTextEdit } from '../findings';
import type { Position, Range } from '../notebook/model';
import type { AnalyzedCell, RuleContext } from './rule';
import { sourceLines, textOf } from '../notebook/text';

export { sourceLines, textOf };

const DOTTED_NAME = /^[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*$/;

export interface CallSite {
  cell: AnalyzedCell;
  call: CallFact;
  /** Callee with import aliases resolved through every import seen up to this cell. */
  qualified?: string;
}

/**
 * Every call of the notebook, in document order (cell, then position). Several rules walk them, so
 * the list is built once per RuleContext (one analysis run) and each cell's sorted calls once per
 * distinct cell (keyed by its immutable, cached facts). Callers must not mutate the sites.
 */
export function* callSites(ctx: RuleContext): Generator<CallSite> {
  yield* callSiteList(ctx);
}

const siteLists = new WeakMap<RuleContext, readonly CallSite[]>();
const sortedCalls = new WeakMap<CellFacts, readonly CallFact[]>();

function callSiteList(ctx: RuleContext): readonly CallSite[] {
  let sites = siteLists.get(ctx);
  if (sites === undefined) {
    const list: CallSite[] = [];
    for (const cell of ctx.codeCells) {
      for (const call of sortedCallsOf(cell.facts)) {
        list.push({ cell, call, qualified: qualifyCallee(ctx, cell.cell.index, call) });
      }
    }
    sites = list;
    siteLists.set(ctx, sites);
  }
  return sites;
}

function sortedCallsOf(facts: CellFacts): readonly CallFact[] {
  let calls = sortedCalls.get(facts);
  if (calls === undefined) {
    calls = [...facts.calls].sort((a, b) => comparePositions(a.range.start, b.range.start));
    sortedCalls.set(facts, calls);
  }
  return calls;
}

/** Resolves `call.callee` when it is a plain dotted name (`np.random.seed`), else undefined. */
export function qualifyCallee(ctx: RuleContext, cellIndex: number, call: CallFact): string | undefined {
  if (!DOTTED_NAME.test(call.callee)) return undefined;
  return ctx.qualify(cellIndex, call.callee) ?? call.qualified;
}

export function lastSegment(dotted: string): string {
  const i = dotted.lastIndexOf('.');
  return i < 0 ? dotted : dotted.slice(i + 1);
}

export function keywordArg(call: CallFact, ...names: string[]): ArgFact | undefined {
  return call.args.find((a) => a.keyword !== undefined && names.includes(a.keyword));
}

export function positionalArg(call: CallFact, index: number): ArgFact | undefined {
  return call.args.filter((a) => a.keyword === undefined && a.spread === undefined)[index];
}

/** `f(**options)` may pass anything, so a rule cannot tell which keywords are missing. */
export function hasKeywordSpread(call: CallFact): boolean {
  return call.args.some((a) => a.spread === '**');
}

export function comparePositions(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

export function rangeContains(outer: Range, inner: Range): boolean {
  return comparePositions(outer.start, inner.start) <= 0 && comparePositions(inner.end, outer.end) <= 0;
}

/** True when (cellA, posA) comes before (cellB, posB) in document order. */
export function isBefore(cellA: number, posA: Position, cellB: number, posB: Position): boolean {
  return cellA < cellB || (cellA === cellB && comparePositions(posA, posB) < 0);
}

/** The first line of a cell, for findings about the cell as a whole. */
export function firstLineRange(source: string): Range {
  const first = sourceLines(source)[0] ?? '';
  return { start: { line: 0, character: 0 }, end: { line: 0, character: first.length } };
}

/**
 * Adds a keyword argument to a call: right after the last argument (so a trailing comma or a
 * multi-line argument list stays valid), or inside empty parentheses.
 */
export function addKeywordArgEdit(cellIndex: number, call: CallFact, keywordText: string): CellTextEdit {
  const last = call.args[call.args.length - 1];
  if (last === undefined) {
    const at = { line: call.argsRange.start.line, character: call.argsRange.start.character + 1 };
    return { cellIndex, range: { start: at, end: at }, newText: keywordText };
  }
  return { cellIndex, range: { start: last.range.end, end: last.range.end }, newText: `, ${keywordText}` };
}

/** Short display form of a callee for messages: `RandomForestClassifier`, `np.random.rand`. */
export function displayCallee(call: CallFact): string {
  return call.callee.length > 60 ? `${call.callee.slice(0, 57)}...` : call.callee;
}

/** The full source of an argument's value, without its `keyword=` part. */
export function argValueText(source: string, arg: ArgFact): string {
  const text = textOf(source, arg.range);
  return arg.keyword === undefined ? text : text.replace(/^\s*\w+\s*=\s*/, '');
}
