/**
 * Per-cell results of rules, computed once per analysis and kept across incremental ones. Most rules look at
 * each cell alone (its strings, calls, imports) and then combine; that per-cell part is a function of the
 * cell's text (its facts are cached by text and immutable), its index and, when call names are resolved, the
 * import scope it sees (`RuleContext.importScope`). Kept on those keys, a re-analysis after an edit computes
 * the edited cell's parts again and reads every other cell's from here (the dataflow's per-cell plans work the
 * same way). Only analyses that will be followed by another (`incremental`, the editor's) keep them.
 */
import { foldStateOf } from './dataflow-resume';
import type { CellFacts } from './facts';
import type { AnalyzedCell, RuleContext } from '../rules/rule';

/**
 * One rule's work on one cell. It may read `cell.facts`, `cell.cell.source`, `cell.cell.index` and
 * `ctx.qualify` for this cell, nothing else (not outputs, execution counts, other cells, the project),
 * and must not keep `cell` itself in its result: the result is reused by later analyses. Define parts
 * once, at module level: each function is one slot. `at` is the cell's position in `ctx.codeCells`, for
 * reading another part of the same cell with `cellPartAt`.
 */
export type CellPart<T> = (ctx: RuleContext, cell: AnalyzedCell, at: number) => T;

interface CellRecord {
  source: string;
  scope: object;
  index: number;
  parts: unknown[];
}

/**
 * Per facts, the record of the index the text was seen at; a map by index once it is seen at several
 * (identical cells share facts). Most texts stand at one index: they keep no map of their own.
 */
const records = new WeakMap<CellFacts, CellRecord | Map<number, CellRecord>>();
/** The parts of every code cell of one analysis run, aligned with its `codeCells`. */
const runs = new WeakMap<RuleContext, unknown[][]>();
const slots = new WeakMap<CellPart<unknown>, number>();
let slotCount = 0;
/** A part that returned undefined (a hole in `parts` is one not computed yet). */
const UNDEFINED = Symbol('undefined');

/**
 * The one empty list for parts that find nothing in a cell (most cells: no paths, secrets, seeds, unsafe
 * loads). An incremental analysis keeps results as long as their cell, so every collection copies them; one
 * shared array costs nothing. Part results are read, never changed (the type is readonly). Not frozen on
 * purpose: V8 iterates frozen arrays off its fast path, and a `for...of` that meets them beside plain
 * arrays became slower (LO405's check on the editor's path, measured: about 40% slower with frozen lists).
 */
export const NO_RESULTS: readonly never[] = [];

/** Counts part computations, for tests that check what an edit recomputes. */
export const cellPartStats = { computed: 0 };

/** `part` of every code cell of `ctx`, aligned with `ctx.codeCells`; computed only for cells not seen before. */
export function cellParts<T>(ctx: RuleContext, part: CellPart<T>): T[] {
  const slot = slotOf(part);
  const all = partsOf(ctx);
  const out = new Array<T>(all.length);
  for (let i = 0; i < all.length; i++) out[i] = valueAt(ctx, all, i, slot, part);
  return out;
}

/** Whether `part` holds for some code cell; cells after the first that does are not asked. */
export function someCell(ctx: RuleContext, part: CellPart<boolean>): boolean {
  const slot = slotOf(part);
  const all = partsOf(ctx);
  for (let i = 0; i < all.length; i++) if (valueAt(ctx, all, i, slot, part)) return true;
  return false;
}

/** `part` of `ctx.codeCells[at]` alone (for a part built on another part). */
export function cellPartAt<T>(ctx: RuleContext, at: number, part: CellPart<T>): T {
  return valueAt(ctx, partsOf(ctx), at, slotOf(part), part);
}

function slotOf(part: CellPart<unknown>): number {
  let slot = slots.get(part);
  if (slot === undefined) {
    slot = slotCount++;
    slots.set(part, slot);
  }
  return slot;
}

function valueAt<T>(ctx: RuleContext, cellParts: unknown[][], at: number, slot: number, part: CellPart<T>): T {
  const parts = cellParts[at] as unknown[];
  let value = parts[slot];
  if (value === undefined) {
    const computed = part(ctx, ctx.codeCells[at] as AnalyzedCell, at);
    value = computed === undefined ? UNDEFINED : computed;
    parts[slot] = value;
    cellPartStats.computed++;
  }
  return (value === UNDEFINED ? undefined : value) as T;
}

function partsOf(ctx: RuleContext): unknown[][] {
  let list = runs.get(ctx);
  if (list === undefined) {
    // Parts are kept for a later analysis only when there will be one (the editor's, `incremental`): a cold
    // analysis uses each part in this run alone, and kept for the life of the cell's facts they held about 4 MB
    // of the corpus's heap (a seventh of what its analysis keeps) for nothing.
    list =
      foldStateOf(ctx) === undefined
        ? ctx.codeCells.map(() => new Array(slotCount))
        : ctx.codeCells.map((cell) => recordOf(ctx, cell).parts);
    runs.set(ctx, list);
  }
  return list;
}

function recordOf(ctx: RuleContext, { cell, facts }: AnalyzedCell): CellRecord {
  // Without import scopes (a context built by hand), answers of ctx.qualify hold for this run only.
  const scope = ctx.importScope?.(cell.index) ?? ctx;
  const kept = records.get(facts);
  const known = kept instanceof Map ? kept.get(cell.index) : kept?.index === cell.index ? kept : undefined;
  // Facts stand for their text, except the one empty facts object given to cells that are not analysed.
  if (known !== undefined && known.source === cell.source && known.scope === scope) return known;
  // Slots known so far are made at once, instead of growing the list as parts fill it.
  const record: CellRecord = { source: cell.source, scope, index: cell.index, parts: new Array(slotCount) };
  if (kept instanceof Map) {
    // A text seen at many positions (blank cells, cells moved around): keep the map small.
    if (kept.size >= 256) kept.clear();
    kept.set(cell.index, record);
  } else if (kept === undefined || kept.index === cell.index) records.set(facts, record);
  else
    records.set(
      facts,
      new Map([
        [kept.index, kept],
        [cell.index, record],
      ]),
    );
  return record;
}
