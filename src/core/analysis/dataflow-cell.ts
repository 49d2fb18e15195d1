/**
 * What the dataflow derives from one cell alone, computed once per distinct cell and reused by every
 * later analysis: the line offsets (and, for cells with `def` or `for` blocks, the lines), the top-level
 * `def` and `for` blocks, the calls and bindings in evaluation order (top level and per helper body), and
 * the names each expression text reads. A call's exact text is one slice of the source at those offsets,
 * cheaper to take again than to look up. None of it depends on other cells, so the cross-cell pass
 * (dataflow-build.ts) only folds these plans in document order.
 *
 * Plans are kept in a WeakMap keyed by the immutable CellFacts object: FactsCache hands out the same
 * facts object for the same cell text, so while a cell is unchanged its plan survives across analyses,
 * and it is collected with its facts. This is a pure memo of a function of (facts, source), not state
 * that changes results; the stored source is compared on every lookup because one facts object can
 * stand for several sources (the shared empty facts of non-Python or unparsable cells).
 */
import type { Range } from '../notebook/model';
import { lineStarts } from '../notebook/parse';
import { textIn } from '../notebook/text';
import type { AnalyzedCell } from '../rules/rule';
import { blockEnd, functionBlocks, namesIn, type Block, type FunctionBlock } from './dataflow-text';
import type { AssignmentFact, CallFact, CellFacts } from './facts';

export type Item = { call: CallFact; assignment?: undefined } | { call?: undefined; assignment: AssignmentFact };

export class CellPlan {
  private linesMemo: string[] | undefined;
  /** Offsets where the source's lines start, when it has no `\r` (else call texts are read by lines). */
  private startsMemo: number[] | undefined;
  private topItems: Item[] | undefined;
  private topAssignments: AssignmentFact[] | undefined;
  private loopsMemo: Block[] | undefined;
  private byRange: Map<RangeKey, Item[]> | undefined;
  private helperItems: Map<FunctionBlock, Item[]> | undefined;
  private readonly names = new Map<string, readonly string[]>();
  /** Top-level `def`s of the cell (helpers the notebook may call). */
  readonly defs: FunctionBlock[];

  constructor(
    readonly source: string,
    readonly facts: CellFacts,
  ) {
    // Most cells define nothing: no `def` anywhere, no line to test.
    this.defs = source.includes('def') ? functionBlocks(source, this.lines) : [];
  }

  get lines(): string[] {
    return (this.linesMemo ??= this.source.split(/\r?\n/));
  }

  /** Calls and bindings that run as the cell runs (not inside a top-level def), in evaluation order. */
  items(): Item[] {
    if (this.topItems !== undefined) return this.topItems;
    const defs = this.defs;
    const { calls, assignments } = this.facts;
    const items: Item[] = [];
    for (const call of calls) if (call.inFunction === undefined && !inDefs(defs, call.range)) items.push({ call });
    const topAssignments: AssignmentFact[] = [];
    for (const assignment of assignments) {
      if (inDefs(defs, assignment.range)) continue;
      topAssignments.push(assignment);
      items.push({ assignment });
    }
    this.topAssignments = topAssignments.slice();
    // Kept as long as the cell is unchanged: exact-size copies (see compact in extract.ts).
    this.topItems = sortItems(items).slice();
    return this.topItems;
  }

  /** The top-level items by the key of their range (a call and a binding may share one), in order. */
  itemsByRange(): ReadonlyMap<RangeKey, readonly Item[]> {
    if (this.byRange !== undefined) return this.byRange;
    const byKey = new Map<RangeKey, Item[]>();
    for (const item of this.items()) {
      const key = rangeKey(item.call !== undefined ? item.call.range : item.assignment.range);
      const list = byKey.get(key);
      if (list === undefined) byKey.set(key, [item]);
      else list.push(item);
    }
    this.byRange = byKey;
    return byKey;
  }

  /** Blocks of the cell's top-level `for` loops (headers of the top-level `for` bindings). */
  loops(): Block[] {
    if (this.loopsMemo !== undefined) return this.loopsMemo;
    this.items();
    // In binding order (outer loops first), as the sites' loop ids expect; most cells have none.
    const loops: Block[] = [];
    for (const a of this.topAssignments ?? []) {
      if (a.via === 'for')
        loops.push({ headerLine: a.range.start.line, lastLine: blockEnd(this.lines, a.range.start.line) });
    }
    this.loopsMemo = loops.length === 0 ? NO_LOOPS : loops;
    return this.loopsMemo;
  }

  /** Calls and bindings of a helper's body, in evaluation order, for replaying it at a call. */
  bodyItems(block: FunctionBlock): Item[] {
    this.helperItems ??= new Map();
    let items = this.helperItems.get(block);
    if (items === undefined) {
      const inBody = (line: number): boolean => line > block.headerLine && line <= block.lastLine;
      items = [];
      for (const call of this.facts.calls) if (call.inFunction === block.name) items.push({ call });
      for (const assignment of this.facts.assignments)
        if (inBody(assignment.range.start.line)) items.push({ assignment });
      sortItems(items);
      this.helperItems.set(block, items);
    }
    return items;
  }

  /**
   * The exact source text of a call of this cell: one slice of the source (not kept: it costs less than
   * a lookup would), or for a source with `\r` (where lines and offsets part) read by lines.
   */
  callText(call: CallFact): string {
    const { start, end } = call.range;
    if (this.startsMemo === undefined) {
      if (this.source.includes('\r')) return textIn(this.lines, call.range);
      this.startsMemo = lineStarts(this.source);
    }
    const from = this.startsMemo[start.line];
    const to = this.startsMemo[end.line];
    if (from === undefined || to === undefined) return textIn(this.lines, call.range);
    return this.source.slice(from + start.character, to + end.character);
  }

  /** `namesIn(text)`, memoized; the array is shared and must not be mutated. */
  namesIn(text: string): readonly string[] {
    let names = this.names.get(text);
    if (names === undefined) {
      names = namesIn(text);
      this.names.set(text, names);
    }
    return names;
  }
}

const NO_LOOPS: Block[] = Object.freeze([]) as unknown as Block[];

const plans = new WeakMap<CellFacts, CellPlan>();

export function planOf(cell: AnalyzedCell): CellPlan {
  const source = cell.cell.source;
  let plan = plans.get(cell.facts);
  if (plan === undefined || plan.source !== source) {
    plan = new CellPlan(source, cell.facts);
    plans.set(cell.facts, plan);
  }
  return plan;
}

/**
 * A key equal for equal ranges, and only for them (facts give a call and the argument that is that call
 * equal ranges): a number, or for very long cells a string.
 */
export type RangeKey = number | string;

const SPAN = 8192;

/** The four positions packed in 52 bits when each is below 8192, the usual case: no string is built. */
export function rangeKey(r: Range): RangeKey {
  const { start, end } = r;
  if (start.line < SPAN && start.character < SPAN && end.line < SPAN && end.character < SPAN) {
    return ((start.line * SPAN + start.character) * SPAN + end.line) * SPAN + end.character;
  }
  return `${start.line}:${start.character}:${end.line}:${end.character}`;
}

function inDefs(defs: readonly FunctionBlock[], range: Range): boolean {
  const line = range.start.line;
  for (const d of defs) if (line >= d.headerLine && line <= d.lastLine) return true;
  return false;
}

/**
 * Calls when they end (nested calls first), bindings after their value; a `for` binds before its body.
 * Sorted in place (stable: calls, then bindings, in fact order among equals).
 */
function sortItems(items: Item[]): Item[] {
  return items.sort((x, y) => compareEnd(rangeOfItem(x), rangeOfItem(y)) || rankOf(x) - rankOf(y));
}

function rangeOfItem(item: Item): Range {
  return item.call !== undefined ? item.call.range : item.assignment.range;
}

function rankOf(item: Item): number {
  return item.call !== undefined || item.assignment.via === 'for' ? 0 : 1;
}

function compareEnd(a: Range, b: Range): number {
  return a.end.line - b.end.line || a.end.character - b.end.character || b.start.line - a.start.line;
}
