/**
 * Columns over the dataflow: whether a column of a table still reaches a value
 * (`X = df.drop(columns=["price"])` does not carry `price`), following copies, column-preserving
 * methods, drops, column assignments, row selections and splits. Everything here answers "don't
 * know" (false) rather than guess: the rules built on it only fire on what they can read.
 */
import type { AnalyzedCell, RuleContext } from '../rules/rule';
import type { DataflowQueries } from './dataflow';
import { literalFor } from './dataflow-column-text';
import { stepBack, type Step } from './dataflow-column-steps';
import { cellParts, NO_RESULTS, type CellPart } from './cell-memo';
import { CellSiteIndex, nodeSites, type NodeSite } from './dataflow-sites';
import type { AssignmentFact, CallFact, CellFacts } from './facts';
import { comparePositions } from '../notebook/positions';

interface Walk {
  ids: number[];
  /** Node -> its step in `ids`. */
  step: Map<number, number>;
  /** Column -> the first step (from the walk's start) that dropped, replaced or re-created it. */
  blocked: Map<string, number>;
  /** Explicit column selections, by step. */
  selects: Array<{ at: number; columns: Set<string> }>;
}

/** Whether a column of the node at step `i` survives the steps before it (nearer the walk's start). */
function alive(walk: Walk, column: string, i: number): boolean {
  const blocked = walk.blocked.get(column);
  if (blocked !== undefined && blocked < i) return false;
  return walk.selects.every((s) => s.at >= i || s.columns.has(column));
}

/**
 * Lineage questions about columns: built once per dataflow (it shares the dataflow's memo key). Walks
 * read the sites of the few cells they pass (`site`); questions about every node (`sites`) match all of
 * them once.
 */
export class ColumnFlow {
  private readonly walks = new Map<number, Walk>();
  private readonly steps = new Map<number, Step>();
  private readonly cellSites: CellSiteIndex;
  private allSites: Map<number, NodeSite> | undefined;

  /** Call nodes per cell, for chains (`a.f().g()`): made per cell on first use. */
  private readonly callsByCell = new Map<number, Array<[number, NodeSite & { call: CallFact }]>>();

  constructor(
    private readonly ctx: Pick<RuleContext, 'codeCells'>,
    readonly q: DataflowQueries,
  ) {
    this.cellSites = new CellSiteIndex(ctx, q);
  }

  /** Every node's site, in node order (`nodeSites`): for questions about the whole notebook. */
  get sites(): Map<number, NodeSite> {
    return (this.allSites ??= nodeSites(this.ctx, this.q));
  }

  /** The site of one node: its cell's nodes are matched, not the notebook's (unless `sites` was asked). */
  site(id: number): NodeSite | undefined {
    return this.allSites !== undefined ? this.allSites.get(id) : this.cellSites.get(id);
  }

  /** The sites of one cell's nodes, as [node id, site] in node order. */
  sitesOfCell(cellIndex: number): ReadonlyArray<[number, NodeSite]> {
    return this.cellSites.ofCell(cellIndex);
  }

  /**
   * The sites of the cells `where` accepts, in node order (as in `sites`): for questions that only cells
   * with some text or fact can answer, so the other cells' nodes are never matched to facts. `at` is the
   * cell's position in the context's `codeCells` (for per-cell parts, cell-memo.ts).
   */
  sitesWhere(where: (cell: AnalyzedCell, at: number) => boolean): Array<[number, NodeSite]> {
    const out: Array<[number, NodeSite]> = [];
    const cells = this.ctx.codeCells;
    for (let at = 0; at < cells.length; at++) {
      const cell = cells[at] as AnalyzedCell;
      if (where(cell, at)) for (const entry of this.sitesOfCell(cell.cell.index)) out.push(entry);
    }
    return out.sort((a, b) => a[0] - b[0]);
  }

  /** The call nodes of one cell, in node order: for chains (`a.f().g()`). */
  callsOf(cellIndex: number): Array<[number, NodeSite & { call: CallFact }]> {
    let list = this.callsByCell.get(cellIndex);
    if (list !== undefined) return list;
    list = [];
    for (const [id, site] of this.sitesOfCell(cellIndex)) {
      if (site.call !== undefined) list.push([id, site as NodeSite & { call: CallFact }]);
    }
    this.callsByCell.set(cellIndex, list);
    return list;
  }

  /** The strings a name held where `at` was computed (`target = "price"` read by a later node). */
  literalFor(at: number, name: string): string[] | undefined {
    return literalFor(this.q, at, name);
  }

  /**
   * Whether `column` of the table at `from` still reaches `to`: walks back from `to` through plain
   * copies, column-preserving methods, drops, selections, row selections, splits and column
   * assignments, and answers true only when the walk arrives at `from` and nothing nearer `to`
   * dropped the column, left it out of a selection or assigned it anew. A step the walk cannot read
   * ends it (false).
   */
  columnReaches(to: number, from: number | ((id: number) => boolean), column: string): boolean {
    const walk = this.walk(to);
    const i = typeof from === 'number' ? (walk.step.get(from) ?? -1) : walk.ids.findIndex(from);
    return i >= 0 && alive(walk, column, i);
  }

  /** The nodes the walk of `columnReaches` passed, from `to` back to the first that `from` accepts. */
  columnPath(to: number, from: (id: number) => boolean, column: string): number[] | undefined {
    const walk = this.walk(to);
    const i = walk.ids.findIndex(from);
    return i >= 0 && alive(walk, column, i) ? walk.ids.slice(0, i + 1) : undefined;
  }

  /** The walk back from a node, once per node: its steps and what each did to the columns. */
  private walk(to: number): Walk {
    let walk = this.walks.get(to);
    if (walk !== undefined) return walk;
    walk = { ids: [], step: new Map(), blocked: new Map(), selects: [] };
    let id: number | undefined = to;
    for (let i = 0; id !== undefined && i < 5000 && !walk.step.has(id); i++) {
      walk.step.set(id, i);
      walk.ids.push(id);
      let step = this.steps.get(id);
      if (step === undefined) {
        step = stepBack(this, id);
        this.steps.set(id, step);
      }
      for (const c of step.removes ?? []) if (!walk.blocked.has(c)) walk.blocked.set(c, i);
      if (step.keeps !== undefined) walk.selects.push({ at: i, columns: new Set(step.keeps) });
      id = step.next;
    }
    this.walks.set(to, walk);
    return walk;
  }

  /** In a chain `a.f().g()`, the node of `a.f()` for the call `g` (the dataflow does not link them). */
  receiverCall(cellIndex: number, call: CallFact): number | undefined {
    let best: { id: number; call: CallFact } | undefined;
    for (const [id, site] of this.callsOf(cellIndex)) {
      const inner = site.call;
      if (inner === call) continue;
      if (!sameStart(inner, call) || !endsAfter(call, inner)) continue;
      if (best === undefined || endsAfter(inner, best.call)) best = { id, call: inner };
    }
    return best?.id;
  }

  /** The outermost call of the chain that starts with this call (`df.sort_values(...).reset_index()`). */
  chainEnd(id: number): number {
    const site = this.site(id);
    if (site?.call === undefined) return id;
    let best = id;
    let bestCall = site.call;
    for (const [other, s] of this.callsOf(site.cell.cell.index)) {
      const outer = s.call;
      if (outer.receiver === undefined) continue;
      if (sameStart(outer, bestCall) && endsAfter(outer, bestCall)) {
        best = other;
        bestCall = outer;
      }
    }
    return best;
  }
}

/**
 * Whether a cell assigns to a subscript (`df["c"] = ...`): only such cells hold column assignments. Asked
 * of every cell on every analysis, so kept per facts object (facts stand for their text and never change).
 */
export function assignsToSubscript({ facts }: AnalyzedCell): boolean {
  let known = subscriptAssigners.get(facts);
  if (known === undefined) {
    known = false;
    // No closure per assignment (closures showed in allocation profiles).
    const list = facts.assignments;
    for (let i = 0; i < list.length && !known; i++) known = (list[i] as AssignmentFact).targetTexts.some(hasSubscript);
    subscriptAssigners.set(facts, known);
  }
  return known;
}

const subscriptAssigners = new WeakMap<CellFacts, boolean>();

const hasSubscript = (text: string): boolean => text.includes('[');

const sameStart = (a: CallFact, b: CallFact): boolean => comparePositions(a.range.start, b.range.start) === 0;
const endsAfter = (a: CallFact, b: CallFact): boolean => comparePositions(a.range.end, b.range.end) > 0;

/**
 * `del df["price"]` or a bare `df.pop("price")` anywhere: the column left the table at a point the
 * dataflow does not track, so whether it still reaches a value cannot be told (the rules then stay quiet).
 */
export function deletedSomewhere(ctx: RuleContext, frame: string, column: string): boolean {
  let removed = removedColumns.get(ctx);
  if (removed === undefined) {
    removed = new Set();
    for (const list of cellParts(ctx, removedInCell)) for (const key of list) removed.add(key);
    removedColumns.set(ctx, removed);
  }
  return removed.has(`${frame}|${column}`);
}

/** The columns a cell deletes or pops, as `frame|column` (kept per cell across analyses). */
const removedInCell: CellPart<readonly string[]> = (_ctx, { cell }) => {
  // Both forms need `.pop(` or the word `del` (not in `model`): scans cheaper than the pattern.
  if (!cell.source.includes('.pop(') && !DEL.test(cell.source)) return NO_RESULTS;
  const keys: string[] = [];
  for (const m of cell.source.matchAll(REMOVED)) keys.push(`${m[1] ?? m[3]}|${m[2] ?? m[4]}`);
  return keys.length === 0 ? NO_RESULTS : keys;
};

const DEL = /\bdel\s/;
const REMOVED =
  /\bdel\s+([A-Za-z_]\w*)\s*\[\s*\[?\s*['"]([^'"]+)['"]|\b([A-Za-z_]\w*)\.pop\(\s*\[?\s*['"]([^'"]+)['"]/g;
const removedColumns = new WeakMap<RuleContext, Set<string>>();

const flows = new WeakMap<DataflowQueries, ColumnFlow>();

export function columnFlowOf(ctx: Pick<RuleContext, 'codeCells'>, q: DataflowQueries): ColumnFlow {
  let flow = flows.get(q);
  if (flow === undefined) {
    flow = new ColumnFlow(ctx, q);
    flows.set(q, flow);
  }
  return flow;
}
