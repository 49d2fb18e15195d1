/**
 * Which top-level fact made each dataflow node: the assignment behind a named node, the call behind
 * a call's result. Rules that read columns (`df["ratio"] = ...`) need the fact, not just the lineage.
 */
import type { AnalyzedCell, RuleContext } from '../rules/rule';
import type { DataflowQueries, DataNode } from './dataflow';
import { planOf, rangeKey, type RangeKey } from './dataflow-cell';
import { cellPartAt, someCell, type CellPart } from './cell-memo';
import type { AssignmentFact, CallFact } from './facts';

/** The fact that produced a node: an assignment (named nodes) or a call (call results). */
export interface NodeSite {
  cell: AnalyzedCell;
  assignment?: AssignmentFact;
  /** Index of the node's name among the assignment's targets. */
  target?: number;
  call?: CallFact;
}

const indexes = new WeakMap<DataflowQueries, Map<number, NodeSite>>();

/** The facts of a cell's top-level items, by the key of their range: once per cell text (its plan). */
type Items = ReadonlyArray<Pick<NodeSite, 'call' | 'assignment'>>;
type ItemsByRange = ReadonlyMap<RangeKey, Items>;

/** A cell's items by range, and which node claimed each (one list of items per range of the cell). */
interface CellSites {
  cell: AnalyzedCell;
  items: ItemsByRange;
  /** Made on first use: most cells' nodes claim nothing twice. */
  calls?: Map<Items, number>;
  names?: Map<Items, Map<string, number>>;
}

/** Node id -> the top-level fact that made it (helper bodies replayed at a call are left out). */
export function nodeSites(ctx: Pick<RuleContext, 'codeCells'>, q: DataflowQueries): Map<number, NodeSite> {
  let index = indexes.get(q);
  if (index !== undefined) return index;
  const cells = new Map<number, CellSites>();
  for (const cell of ctx.codeCells) {
    cells.set(cell.cell.index, { cell, items: planOf(cell).itemsByRange() });
  }
  index = new Map();
  for (const node of q.graph.nodes) {
    const at = cells.get(node.cellIndex);
    if (at !== undefined) claim(at, node, index);
  }
  indexes.set(q, index);
  return index;
}

/**
 * The sites of one cell's nodes, for questions about a few nodes (a walk back from a fit, a cell's
 * column assignments): only the cells asked about are matched, not every node of the notebook. The
 * same answers as `nodeSites`, whose rules hold within a cell.
 */
export class CellSiteIndex {
  /**
   * Whether the nodes' cell indexes never decrease in id order (the fold visits cells in order, and a
   * helper's replayed nodes carry the calling cell): then a cell's nodes are found by binary search.
   * Checked on first use; otherwise node ids by cell index, in id order.
   */
  private ordered: boolean | undefined;
  private nodesByCell: Map<number, number[]> | undefined;
  /** The sites of the nodes of every cell matched so far, by node id: one map, not one per cell. */
  private readonly sites = new Map<number, NodeSite>();
  /** Cells whose nodes were matched, and the entries of those asked for in order (made on first use). */
  private readonly matched = new Set<number>();
  private readonly entries = new Map<number, Array<[number, NodeSite]>>();

  constructor(
    private readonly ctx: Pick<RuleContext, 'codeCells'>,
    private readonly q: DataflowQueries,
  ) {}

  /** The site of a node, matching its cell's nodes on first use. */
  get(id: number): NodeSite | undefined {
    const node = this.q.node(id);
    if (node === undefined) return undefined;
    if (!this.matched.has(node.cellIndex)) this.match(node.cellIndex);
    return this.sites.get(id);
  }

  /** A cell's sites as [node id, site], in id order (as in `nodeSites`). */
  ofCell(cellIndex: number): ReadonlyArray<[number, NodeSite]> {
    const list = this.entries.get(cellIndex);
    if (list !== undefined) return list;
    if (!this.matched.has(cellIndex)) this.match(cellIndex);
    const out: Array<[number, NodeSite]> = [];
    const sites = this.sites;
    const add = (id: number): void => {
      const site = sites.get(id);
      if (site !== undefined) out.push([id, site]);
    };
    if (this.isOrdered()) for (let id = this.first(cellIndex), end = this.end(id, cellIndex); id < end; id++) add(id);
    else for (const id of this.nodeIdsOf(cellIndex)) add(id);
    this.entries.set(cellIndex, out);
    return out;
  }

  private match(cellIndex: number): void {
    this.matched.add(cellIndex);
    const cell = codeCell(this.ctx.codeCells, cellIndex);
    if (cell === undefined) return;
    const plan = planOf(cell);
    const nodes = this.q.graph.nodes;
    if (!this.isOrdered()) {
      const at: CellSites = { cell, items: plan.itemsByRange() };
      for (const id of this.nodeIdsOf(cellIndex)) claim(at, nodes[id] as DataNode, this.sites);
      return;
    }
    const first = this.first(cellIndex);
    const end = this.end(first, cellIndex);
    // The cell's nodes as the last match of the same text left them (an edit elsewhere refolds this cell
    // into nodes of the same ranges and names, only numbered anew): the same items claimed, by offset.
    const known = claimsOf.get(plan);
    if (known !== undefined && sameShape(known, nodes, first, end)) {
      for (const c of known.claimed) {
        const site: NodeSite =
          c.call !== undefined ? { cell, call: c.call } : { cell, assignment: c.assignment, target: c.target };
        this.sites.set(first + c.offset, site);
      }
      return;
    }
    const at: CellSites = { cell, items: plan.itemsByRange() };
    const claimed = new Map<number, NodeSite>();
    for (let id = first; id < end; id++) claim(at, nodes[id] as DataNode, claimed);
    const shape: CellClaims = { keys: [], names: [], claimed: [] };
    for (let id = first; id < end; id++) {
      const node = nodes[id] as DataNode;
      shape.keys.push(rangeKey(node.range));
      shape.names.push(node.name);
    }
    for (const [id, site] of claimed) {
      this.sites.set(id, site);
      const { call, assignment, target } = site;
      shape.claimed.push(
        call !== undefined ? { offset: id - first, call } : { offset: id - first, assignment, target },
      );
    }
    claimsOf.set(plan, shape);
  }

  /** In an ordered graph: the first id of the cell's nodes (or of a later cell's), and the id after its last. */
  private first(cellIndex: number): number {
    return firstOfCell(this.q.graph.nodes, cellIndex);
  }

  private end(first: number, cellIndex: number): number {
    const nodes = this.q.graph.nodes;
    let end = first;
    while (end < nodes.length && (nodes[end] as DataNode).cellIndex === cellIndex) end++;
    return end;
  }

  private isOrdered(): boolean {
    if (this.ordered === undefined) {
      const nodes = this.q.graph.nodes;
      let ordered = true;
      for (let id = 0; id < nodes.length && ordered; id++) {
        const node = nodes[id] as DataNode;
        ordered = node.id === id && (id === 0 || (nodes[id - 1] as DataNode).cellIndex <= node.cellIndex);
      }
      this.ordered = ordered;
    }
    return this.ordered;
  }

  private nodeIdsOf(cellIndex: number): readonly number[] {
    if (this.nodesByCell === undefined) {
      const byCell = new Map<number, number[]>();
      for (const node of this.q.graph.nodes) {
        const list = byCell.get(node.cellIndex);
        if (list === undefined) byCell.set(node.cellIndex, [node.id]);
        else list.push(node.id);
      }
      this.nodesByCell = byCell;
    }
    return this.nodesByCell.get(cellIndex) ?? [];
  }
}

/**
 * What matching a cell's nodes gave, by the cell's plan (one per text): the nodes' range keys and names,
 * and the items claimed, by the node's offset from the cell's first node. Without the cell object: the
 * sites are made again with the analysis's own.
 */
interface CellClaims {
  keys: RangeKey[];
  names: Array<string | undefined>;
  claimed: Array<{ offset: number; call?: CallFact; assignment?: AssignmentFact; target?: number }>;
}

const claimsOf = new WeakMap<object, CellClaims>();

function sameShape(known: CellClaims, nodes: readonly DataNode[], first: number, end: number): boolean {
  if (known.keys.length !== end - first) return false;
  for (let i = 0; i < known.keys.length; i++) {
    const node = nodes[first + i] as DataNode;
    if (node.name !== known.names[i] || rangeKey(node.range) !== known.keys[i]) return false;
  }
  return true;
}

/** The code cell at a notebook index: code cells are in notebook order (a linear search if not). */
function codeCell(cells: readonly AnalyzedCell[], index: number): AnalyzedCell | undefined {
  const found = cells[firstNotBelow(cells.length, (i) => (cells[i] as AnalyzedCell).cell.index, index)];
  return found?.cell.index === index ? found : cells.find((c) => c.cell.index === index);
}

/** The first id whose node is in the cell or a later one, in nodes ordered by cell index. */
function firstOfCell(nodes: readonly DataNode[], cellIndex: number): number {
  return firstNotBelow(nodes.length, (i) => (nodes[i] as DataNode).cellIndex, cellIndex);
}

/** Binary search over positions 0..length whose keys never decrease: the first whose key is not below `key`. */
function firstNotBelow(length: number, keyAt: (i: number) => number, key: number): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keyAt(mid) < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Links a node to its cell's item at its range, if it is the node that item made. Nodes replayed from a
 * helper's body carry the range of the notebook's call of the helper: the call's own result is the
 * first node at that range, an assignment's the last one with its name.
 */
function claim(at: CellSites, node: DataNode, index: Map<number, NodeSite>): void {
  const items = at.items.get(rangeKey(node.range));
  if (items === undefined) return;
  if (node.name === undefined) {
    const item = items.find((s) => s.call !== undefined);
    at.calls ??= new Map();
    if (item === undefined || at.calls.has(items)) return;
    at.calls.set(items, node.id);
    index.set(node.id, { cell: at.cell, call: item.call });
    return;
  }
  const site = namedSite(at.cell, items, node);
  if (site === undefined) return;
  at.names ??= new Map();
  let byName = at.names.get(items);
  if (byName === undefined) {
    byName = new Map();
    at.names.set(items, byName);
  }
  const earlier = byName.get(node.name);
  if (earlier !== undefined) index.delete(earlier);
  byName.set(node.name, node.id);
  index.set(node.id, site);
}

function namedSite(cell: AnalyzedCell, items: Readonly<Items>, node: DataNode): NodeSite | undefined {
  for (const { assignment } of items) {
    const target = assignment === undefined ? -1 : assignment.targets.indexOf(node.name ?? '');
    if (target >= 0) return { cell, assignment, target };
  }
  return undefined;
}

/** One part per pattern (module-level constants of the column questions): answered once per cell (cell-memo.ts). */
const mentionParts = new WeakMap<RegExp, CellPart<boolean>>();

function mentionPart(pattern: RegExp): CellPart<boolean> {
  let part = mentionParts.get(pattern);
  if (part === undefined) {
    part = (_ctx, { cell }) => pattern.test(cell.source);
    mentionParts.set(pattern, part);
  }
  return part;
}

/**
 * Whether any code cell's source matches `pattern`: the cheap precondition of an index over every node
 * (no date word in the notebook, no time cue). A per-cell part: kept across analyses where cell-memo.ts keeps
 * parts, with no map per cell of its own.
 */
export function anyCellMentions(ctx: RuleContext, pattern: RegExp): boolean {
  return someCell(ctx, mentionPart(pattern));
}

/** Whether the source of `ctx.codeCells[at]` matches `pattern` (kept as for `anyCellMentions`). */
export function cellMentions(ctx: RuleContext, at: number, pattern: RegExp): boolean {
  return cellPartAt(ctx, at, mentionPart(pattern));
}
