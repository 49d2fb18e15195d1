/**
 * Per-cell results of rules, kept across analyses. Most rules look at each cell alone (its strings, calls,
 * imports) and then combine; that per-cell part is a function of the cell's text (its facts are cached by
 * text and immutable), its index and, when call names are resolved, the import scope it sees
 * (`RuleContext.importScope`). Kept on those keys, a re-analysis after an edit computes the edited cell's
 * parts again and reads every other cell's from here (the dataflow's per-cell plans work the same way).
 */
import type { CellFacts } from '../analysis/facts';
import type { AnalyzedCell, RuleContext } from './rule';

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
  parts: unknown[];
}

/** Per facts, the record of each index the text was seen at (identical cells share facts). */
const records = new WeakMap<CellFacts, Map<number, CellRecord>>();
/** The records of one analysis run, aligned with its `codeCells`. */
const runs = new WeakMap<RuleContext, CellRecord[]>();
const slots = new WeakMap<CellPart<unknown>, number>();
let slotCount = 0;
/** A part that returned undefined (a hole in `parts` is one not computed yet). */
const UNDEFINED = Symbol('undefined');

/** Counts part computations, for tests that check what an edit recomputes. */
export const cellPartStats = { computed: 0 };

/** `part` of every code cell of `ctx`, aligned with `ctx.codeCells`; computed only for cells not seen before. */
export function cellParts<T>(ctx: RuleContext, part: CellPart<T>): T[] {
  const slot = slotOf(part);
  const cellRecords = recordsOf(ctx);
  const out = new Array<T>(cellRecords.length);
  for (let i = 0; i < cellRecords.length; i++) out[i] = valueAt(ctx, cellRecords, i, slot, part);
  return out;
}

/** Whether `part` holds for some code cell; cells after the first that does are not asked. */
export function someCell(ctx: RuleContext, part: CellPart<boolean>): boolean {
  const slot = slotOf(part);
  const cellRecords = recordsOf(ctx);
  for (let i = 0; i < cellRecords.length; i++) if (valueAt(ctx, cellRecords, i, slot, part)) return true;
  return false;
}

/** `part` of `ctx.codeCells[at]` alone (for a part built on another part). */
export function cellPartAt<T>(ctx: RuleContext, at: number, part: CellPart<T>): T {
  return valueAt(ctx, recordsOf(ctx), at, slotOf(part), part);
}

function slotOf(part: CellPart<unknown>): number {
  let slot = slots.get(part);
  if (slot === undefined) {
    slot = slotCount++;
    slots.set(part, slot);
  }
  return slot;
}

function valueAt<T>(ctx: RuleContext, cellRecords: CellRecord[], at: number, slot: number, part: CellPart<T>): T {
  const record = cellRecords[at] as CellRecord;
  let value = record.parts[slot];
  if (value === undefined) {
    const computed = part(ctx, ctx.codeCells[at] as AnalyzedCell, at);
    value = computed === undefined ? UNDEFINED : computed;
    record.parts[slot] = value;
    cellPartStats.computed++;
  }
  return (value === UNDEFINED ? undefined : value) as T;
}

function recordsOf(ctx: RuleContext): CellRecord[] {
  let list = runs.get(ctx);
  if (list === undefined) {
    list = ctx.codeCells.map((cell) => recordOf(ctx, cell));
    runs.set(ctx, list);
  }
  return list;
}

function recordOf(ctx: RuleContext, { cell, facts }: AnalyzedCell): CellRecord {
  // Without import scopes (a context built by hand), answers of ctx.qualify hold for this run only.
  const scope = ctx.importScope?.(cell.index) ?? ctx;
  let byIndex = records.get(facts);
  if (byIndex === undefined) {
    byIndex = new Map();
    records.set(facts, byIndex);
  }
  const known = byIndex.get(cell.index);
  // Facts stand for their text, except the one empty facts object given to cells that are not analysed.
  if (known !== undefined && known.source === cell.source && known.scope === scope) return known;
  // A text seen at many positions (blank cells, cells moved around): keep the map small.
  if (byIndex.size >= 256) byIndex.clear();
  const record: CellRecord = { source: cell.source, scope, parts: [] };
  byIndex.set(cell.index, record);
  return record;
}
