/**
 * What the dataflow derives from one cell alone, computed once per cell of an analysis (in the editor, once
 * per distinct cell text, for every later analysis): the line offsets (and, for cells with `def` or `for`
 * blocks, the lines), the top-level `def` and `for` blocks, and the calls and bindings in evaluation order
 * (top level and per helper body). A call's exact text is one slice of the source at those offsets, cheaper
 * to take again than to look up; the names an expression reads are kept by text only in the plans an editor
 * keeps (a cold analysis scans again: see namesIn). None of it depends on other cells, so the cross-cell pass
 * (dataflow-build.ts) only folds these plans in document order.
 *
 * The editor's analyses, whose folds resume, keep their plans in a WeakMap keyed by the immutable CellFacts
 * object: FactsCache hands out the same facts object for the same cell text, so while a cell is unchanged
 * its plan survives across analyses, and it is collected with its facts. Other analyses keep theirs by
 * their context's cells only (planOf). This is a pure memo of a function of (facts, source), not state that
 * changes results; the stored source is compared on every lookup because one facts object can stand for
 * several sources (the shared empty facts of non-Python or unparsable cells).
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
  private loopsMemo: Block[] | undefined;
  private byRange: Map<RangeKey, Item[]> | undefined;
  private helperItems: Map<FunctionBlock, Item[]> | undefined;
  /** The names each expression text reads, kept only by plans that outlive their analysis (see namesIn). */
  private names: Map<string, readonly string[]> | undefined;
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
    // Indexed loops: facts' empty lists are one frozen array, which `for…of` iterates off V8's fast path.
    const items: Item[] = [];
    for (let i = 0; i < calls.length; i++) {
      const call = calls[i] as CallFact;
      if (call.inFunction === undefined && !inDefs(defs, call.range)) items.push({ call });
    }
    for (let i = 0; i < assignments.length; i++) {
      const assignment = assignments[i] as AssignmentFact;
      if (!inDefs(defs, assignment.range)) items.push({ assignment });
    }
    // Kept as long as the plan: an exact-size array (see compact in extract.ts).
    this.topItems = sortedItems(items);
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
    // The top-level `for` bindings in binding order (outer loops first), as the sites' loop ids expect.
    const { assignments } = this.facts;
    let loops: Block[] | undefined;
    for (let i = 0; i < assignments.length; i++) {
      const a = assignments[i] as AssignmentFact;
      if (a.via !== 'for' || inDefs(this.defs, a.range)) continue;
      (loops ??= []).push({ headerLine: a.range.start.line, lastLine: blockEnd(this.lines, a.range.start.line) });
    }
    // Most cells have none.
    this.loopsMemo = loops ?? NO_LOOPS;
    return this.loopsMemo;
  }

  /** Calls and bindings of a helper's body, in evaluation order, for replaying it at a call. */
  bodyItems(block: FunctionBlock): Item[] {
    this.helperItems ??= new Map();
    let items = this.helperItems.get(block);
    if (items === undefined) {
      const inBody = (line: number): boolean => line > block.headerLine && line <= block.lastLine;
      items = [];
      const { calls, assignments } = this.facts;
      for (let i = 0; i < calls.length; i++) {
        const call = calls[i] as CallFact;
        if (call.inFunction === block.name) items.push({ call });
      }
      for (let i = 0; i < assignments.length; i++) {
        const assignment = assignments[i] as AssignmentFact;
        if (inBody(assignment.range.start.line)) items.push({ assignment });
      }
      items = sortedItems(items);
      this.helperItems.set(block, items);
    }
    return items;
  }

  /**
   * `namesIn(text)`, kept by text in a plan an editor's analysis keeps (its next fold reads the same texts
   * again); a cold analysis scans again instead, which costs less than the memo's lookups and entries when
   * each plan is folded once. The array may be shared and must not be mutated.
   */
  namesIn(text: string): readonly string[] {
    const names = this.names;
    if (names === undefined) return namesIn(text);
    let found = names.get(text);
    if (found === undefined) {
      found = namesIn(text);
      names.set(text, found);
    }
    return found;
  }

  /** From now on namesIn keeps its answers (the plan is kept for later analyses). */
  keepNames(): void {
    this.names ??= new Map();
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
}

const NO_LOOPS: Block[] = Object.freeze([]) as unknown as Block[];

/** Plans kept across analyses, by facts object: those of the folds that checkpoint (the editor's). */
const kept = new WeakMap<CellFacts, CellPlan>();
/**
 * The other plans of an analysis ride on its context's cell object, gone with the context. A property,
 * not a WeakMap by cell: a weak entry per cell per analysis grew a table that lived on after the analysis
 * (about 1 MB allocated and 0.2 MB promoted per corpus round) and that the collector walks as ephemerons.
 */
interface PlannedCell extends AnalyzedCell {
  plan?: CellPlan;
}

/**
 * The plan of a cell. A fold that resumes later (`keep`: the editor's, see dataflow-resume.ts) keeps its
 * plans for the next analysis; a cold analysis reads each plan a few times (its fold, then rules asking for
 * sites) and drops them with its context: kept, they were 4.5 MB of the 25 MB a cold analysis of the corpus
 * left on the heap, for no later analysis to read (their CPU cost is the same within noise either way).
 */
export function planOf(cell: AnalyzedCell, keep = false): CellPlan {
  const source = cell.cell.source;
  const known = kept.get(cell.facts);
  if (known !== undefined && known.source === source) return known;
  let plan = (cell as PlannedCell).plan;
  if (plan === undefined) {
    plan = new CellPlan(source, cell.facts);
    if (!keep) (cell as PlannedCell).plan = plan;
  }
  if (keep) {
    kept.set(cell.facts, plan);
    plan.keepNames();
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
  for (let i = 0; i < defs.length; i++) {
    const d = defs[i] as FunctionBlock;
    if (line >= d.headerLine && line <= d.lastLine) return true;
  }
  return false;
}

/** Items a plan sorts by one number each (their index takes the number's lowest 12 bits). */
const KEYED = 4096;
/** Room for the sort keys, reused: one view of it per sort. */
const keys = new Float64Array(KEYED);

/**
 * Calls when they end (nested calls first), bindings after their value; a `for` binds before its body.
 * Stable (calls, then bindings, in fact order among equals), as a new exact-size array. Each item's place
 * is one number (end line, end character, start line backwards, rank, then its index) and the numbers
 * are sorted natively, which costs less than calling a comparison per pair and allocates nothing per
 * item; positions past 8191 or lists past 4095 items take the comparison sort.
 */
function sortedItems(items: readonly Item[]): Item[] {
  const n = items.length;
  // One item or none: nothing to sort (and no view of the keys to make).
  if (n <= 1) return items.slice();
  if (n >= KEYED) return items.slice().sort(compareItems);
  for (let i = 0; i < n; i++) {
    const item = items[i] as Item;
    const { start, end } = rangeOfItem(item);
    if (end.line >= SPAN || end.character >= SPAN || start.line >= SPAN) return items.slice().sort(compareItems);
    keys[i] = (((end.line * SPAN + end.character) * SPAN + (SPAN - 1 - start.line)) * 2 + rankOf(item)) * KEYED + i;
  }
  const sorted = keys.subarray(0, n).sort();
  const out = new Array<Item>(n);
  for (let i = 0; i < n; i++) out[i] = items[(sorted[i] as number) % KEYED] as Item;
  return out;
}

function compareItems(x: Item, y: Item): number {
  return compareEnd(rangeOfItem(x), rangeOfItem(y)) || rankOf(x) - rankOf(y);
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
