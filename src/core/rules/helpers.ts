/** Small shared helpers for rule checks: walking calls, resolving callees, positions and edits. */
import type { ArgFact, CallFact } from '../analysis/facts';
import type { CellTextEdit } from '../findings';
import type { Position, Range } from '../notebook/model';
import { comparePositions } from '../notebook/positions';
import { cellPartAt, cellParts, NO_RESULTS, someCell, type CellPart } from '../analysis/cell-memo';
import type { AnalyzedCell, RuleContext } from './rule';
import { sourceLines, textOf } from '../notebook/text';

export { sourceLines, textOf };

export interface CallSite {
  cell: AnalyzedCell;
  call: CallFact;
  /** Callee with import aliases resolved through every import seen up to this cell. */
  qualified?: string;
}

/** A call with its callee resolved through the imports its cell sees. */
export interface ResolvedCall {
  call: CallFact;
  qualified?: string;
}

/**
 * A cell's calls in source order with their resolved callees, kept across analyses (cell-memo.ts).
 * Rules ask for the calls they care about with `callSitesWhere`, or combine this per cell.
 */
export const resolvedCalls: CellPart<readonly ResolvedCall[]> = (ctx, { cell, facts }) =>
  // Sorting is stable, so calls already in order (the usual case) need no sorted copy.
  (inSourceOrder(facts.calls) ? facts.calls : [...facts.calls].sort(byStart)).map((call) => ({
    call,
    qualified: qualifyCallee(ctx, cell.index, call),
  }));

const byStart = (a: CallFact, b: CallFact): number => comparePositions(a.range.start, b.range.start);

function inSourceOrder(calls: readonly CallFact[]): boolean {
  for (let i = 1; i < calls.length; i++) if (byStart(calls[i - 1] as CallFact, calls[i] as CallFact) > 0) return false;
  return true;
}

/**
 * The call sites for which `select` holds, in document order. `select` is a per-cell question (it may
 * read the site's call, resolved callee and cell text, like a CellPart, and must not keep the site: it is
 * one object refilled for every call), so its answers are kept per cell across analyses; pass a function
 * defined once at module level.
 */
export function callSitesWhere(ctx: RuleContext, select: (site: CallSite) => boolean): CallSite[] {
  const sites: CallSite[] = [];
  cellParts(ctx, selectionOf(select)).forEach((calls, i) => {
    if (calls.length === 0) return;
    const cell = ctx.codeCells[i] as AnalyzedCell;
    for (const { call, qualified } of calls) sites.push({ cell, call, qualified });
  });
  return sites;
}

/** Whether any call site satisfies `select` (a per-cell question, as for `callSitesWhere`). */
export function hasCallWhere(ctx: RuleContext, select: (site: CallSite) => boolean): boolean {
  let part = anySelections.get(select);
  if (part === undefined) {
    const selection = selectionOf(select);
    part = (c, _cell, at) => cellPartAt(c, at, selection).length > 0;
    anySelections.set(select, part);
  }
  return someCell(ctx, part);
}

const selections = new WeakMap<(site: CallSite) => boolean, CellPart<readonly ResolvedCall[]>>();
const anySelections = new WeakMap<(site: CallSite) => boolean, CellPart<boolean>>();

function selectionOf(select: (site: CallSite) => boolean): CellPart<readonly ResolvedCall[]> {
  let part = selections.get(select);
  if (part === undefined) {
    part = (ctx, cell, at) => {
      const calls = cellPartAt(ctx, at, resolvedCalls);
      if (calls.length === 0) return NO_RESULTS;
      // One site, refilled for each call (`select` answers and keeps nothing); a list only for a cell with a
      // chosen call (most have none).
      const site: CallSite = { cell, call: (calls[0] as ResolvedCall).call, qualified: undefined };
      let chosen: ResolvedCall[] | undefined;
      for (let i = 0; i < calls.length; i++) {
        const resolved = calls[i] as ResolvedCall;
        site.call = resolved.call;
        site.qualified = resolved.qualified;
        if (select(site)) (chosen ??= []).push(resolved);
      }
      return chosen ?? NO_RESULTS;
    };
    selections.set(select, part);
  }
  return part;
}

/** Resolves `call.callee` when it is a plain dotted name (`np.random.seed`), else undefined. */
export function qualifyCallee(ctx: RuleContext, cellIndex: number, call: CallFact): string | undefined {
  if (!isDottedName(call.callee)) return undefined;
  return ctx.qualify(cellIndex, call.callee) ?? call.qualified;
}

/**
 * Whether `text` is a plain dotted name, `/^[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*$/`, tested by its characters:
 * this runs for every call of every cell, and callees are short.
 */
export function isDottedName(text: string): boolean {
  let atStart = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 46 /* . */) {
      if (atStart) return false;
      atStart = true;
      continue;
    }
    const letter = (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95; /* a-z A-Z _ */
    if (!letter && (atStart || c < 48 || c > 57)) return false;
    atStart = false;
  }
  return !atStart;
}

export function lastSegment(dotted: string): string {
  const i = dotted.lastIndexOf('.');
  return i < 0 ? dotted : dotted.slice(i + 1);
}

/**
 * The first argument passed by one of `names` (plain indexed loops: this runs for most calls of most rules,
 * and a call without arguments has the facts' one frozen empty list, which `for...of` iterates off V8's fast
 * path, allocating).
 */
export function keywordArg(call: CallFact, ...names: string[]): ArgFact | undefined {
  const args = call.args;
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as ArgFact;
    const keyword = a.keyword;
    if (keyword === undefined) continue;
    for (let k = 0; k < names.length; k++) if (keyword === names[k]) return a;
  }
  return undefined;
}

/**
 * Whether calls in a cell may pass metric names by keyword (`scoring=`, `metric=`, `metrics=`,
 * `eval_metric=`): a keyword is written in the cell's text, so a cell without these words needs no
 * argument scan of its calls.
 */
export function mayNameMetrics(source: string): boolean {
  return source.includes('metric') || source.includes('scoring');
}

export function positionalArg(call: CallFact, index: number): ArgFact | undefined {
  let seen = 0;
  const args = call.args;
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as ArgFact;
    if (a.keyword !== undefined || a.spread !== undefined) continue;
    if (seen++ === index) return a;
  }
  return undefined;
}

/** `f(**options)` may pass anything, so a rule cannot tell which keywords are missing. */
export function hasKeywordSpread(call: CallFact): boolean {
  return call.args.some((a) => a.spread === '**');
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
