/**
 * What the dataflow derives from one cell alone, computed once per distinct cell and reused by every
 * later analysis: the line table, the top-level `def` and `for` blocks, the calls and bindings in
 * evaluation order (top level and per helper body), the exact text of each call, and the names each
 * expression text reads. None of it depends on other cells, so the cross-cell pass (dataflow-build.ts)
 * only folds these plans in document order.
 *
 * Plans are kept in a WeakMap keyed by the immutable CellFacts object: FactsCache hands out the same
 * facts object for the same cell text, so while a cell is unchanged its plan survives across analyses,
 * and it is collected with its facts. This is a pure memo of a function of (facts, source), not state
 * that changes results; the stored source is compared on every lookup because one facts object can
 * stand for several sources (the shared empty facts of non-Python or unparsable cells).
 */
import type { Range } from '../notebook/model';
import { textIn } from '../notebook/text';
import type { AnalyzedCell } from '../rules/rule';
import { blockEnd, functionBlocks, namesIn, type Block, type FunctionBlock } from './dataflow-text';
import type { AssignmentFact, CallFact, CellFacts } from './facts';

export type Item = { call: CallFact; assignment?: undefined } | { call?: undefined; assignment: AssignmentFact };

export class CellPlan {
  private linesMemo: string[] | undefined;
  private topItems: Item[] | undefined;
  private topAssignments: AssignmentFact[] | undefined;
  private loopsMemo: Block[] | undefined;
  private readonly helperItems = new Map<FunctionBlock, Item[]>();
  private readonly callTexts = new Map<CallFact, string>();
  private readonly names = new Map<string, readonly string[]>();
  private readonly rangeKeys = new Map<Range, string>();
  /** Top-level `def`s of the cell (helpers the notebook may call). */
  readonly defs: FunctionBlock[];

  constructor(
    readonly source: string,
    readonly facts: CellFacts,
  ) {
    this.defs = functionBlocks(source);
  }

  get lines(): string[] {
    return (this.linesMemo ??= this.source.split(/\r?\n/));
  }

  /** Calls and bindings that run as the cell runs (not inside a top-level def), in evaluation order. */
  items(): Item[] {
    if (this.topItems !== undefined) return this.topItems;
    const defs = this.defs;
    const inDef = (line: number): boolean => defs.some((d) => line >= d.headerLine && line <= d.lastLine);
    const calls = this.facts.calls.filter((c) => c.inFunction === undefined && !inDef(c.range.start.line));
    const assignments = this.facts.assignments.filter((a) => !inDef(a.range.start.line));
    this.topAssignments = assignments;
    this.topItems = orderItems(calls, assignments);
    return this.topItems;
  }

  /** Blocks of the cell's top-level `for` loops (headers of the top-level `for` bindings). */
  loops(): Block[] {
    if (this.loopsMemo !== undefined) return this.loopsMemo;
    this.items();
    const lines = this.lines;
    // In binding order (outer loops first), as the sites' loop ids expect.
    this.loopsMemo = (this.topAssignments ?? [])
      .filter((a) => a.via === 'for')
      .map((a) => ({ headerLine: a.range.start.line, lastLine: blockEnd(lines, a.range.start.line) }));
    return this.loopsMemo;
  }

  /** Calls and bindings of a helper's body, in evaluation order, for replaying it at a call. */
  bodyItems(block: FunctionBlock): Item[] {
    let items = this.helperItems.get(block);
    if (items === undefined) {
      const inBody = (line: number): boolean => line > block.headerLine && line <= block.lastLine;
      const calls = this.facts.calls.filter((c) => c.inFunction === block.name);
      const assignments = this.facts.assignments.filter((a) => inBody(a.range.start.line));
      items = orderItems(calls, assignments);
      this.helperItems.set(block, items);
    }
    return items;
  }

  /** The exact source text of a call of this cell. */
  callText(call: CallFact): string {
    let text = this.callTexts.get(call);
    if (text === undefined) {
      text = textIn(this.lines, call.range);
      this.callTexts.set(call, text);
    }
    return text;
  }

  /** A key equal for equal ranges (facts give a call and the argument that is that call equal ranges). */
  rangeKey(r: Range): string {
    let key = this.rangeKeys.get(r);
    if (key === undefined) {
      key = `${r.start.line}:${r.start.character}:${r.end.line}:${r.end.character}`;
      this.rangeKeys.set(r, key);
    }
    return key;
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

/** Calls when they end (nested calls first), bindings after their value; a `for` binds before its body. */
function orderItems(calls: readonly CallFact[], assignments: readonly AssignmentFact[]): Item[] {
  const items: Array<{ at: Range; item: Item; rank: number }> = [
    ...calls.map((call) => ({ at: call.range, item: { call }, rank: 0 })),
    ...assignments.map((a) => ({ at: a.range, item: { assignment: a }, rank: a.via === 'for' ? 0 : 1 })),
  ];
  items.sort((x, y) => compareEnd(x.at, y.at) || x.rank - y.rank);
  return items.map((x) => x.item);
}

function compareEnd(a: Range, b: Range): number {
  return a.end.line - b.end.line || a.end.character - b.end.character || b.start.line - a.start.line;
}
