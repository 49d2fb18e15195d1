/**
 * Columns over the dataflow: whether a column of a table still reaches a value
 * (`X = df.drop(columns=["price"])` does not carry `price`), following copies, column-preserving
 * methods, drops, column assignments, row selections and splits. Everything here answers "don't
 * know" (false) rather than guess: the rules built on it only fire on what they can read.
 */
import type { AnalyzedCell, RuleContext } from '../rules/rule';
import type { DataflowQueries, DataNode } from './dataflow';
import { planOf } from './dataflow-cell';
import { columnTarget, droppedColumns, literalFor, stringList } from './dataflow-column-text';
import { CellSiteIndex, nodeSites, type NodeSite } from './dataflow-sites';
import type { AssignmentFact, CallFact } from './facts';
import { comparePositions } from '../notebook/positions';

/** Methods that keep a table's columns as they are (rows or values may change). */
const KEEPS_COLUMNS = new Set([
  'copy', 'dropna', 'fillna', 'reset_index', 'astype', 'sort_values', 'sort_index', 'replace', 'sample', 'head',
  'tail', 'drop_duplicates', 'query', 'interpolate', 'ffill', 'bfill', 'infer_objects', 'convert_dtypes', 'round',
  'abs', 'clip', 'assign', 'to_numpy', 'set_index',
]); // prettier-ignore

/** Functions that keep (at least) the columns of their first argument. */
const KEEPS_ARG_COLUMNS = /^(pd|pandas)\.(get_dummies|concat)$/;

/** One step back from a node: where to, and which columns it removes or keeps from there on. */
interface Step {
  next?: number | undefined;
  removes?: string[] | undefined;
  keeps?: string[];
}

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

  /** The sites of one cell's nodes, in node order. */
  sitesOfCell(cellIndex: number): ReadonlyMap<number, NodeSite> {
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

  private callsOf(cellIndex: number): Array<[number, NodeSite & { call: CallFact }]> {
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
        step = this.stepBack(id);
        this.steps.set(id, step);
      }
      for (const c of step.removes ?? []) if (!walk.blocked.has(c)) walk.blocked.set(c, i);
      if (step.keeps !== undefined) walk.selects.push({ at: i, columns: new Set(step.keeps) });
      id = step.next;
    }
    this.walks.set(to, walk);
    return walk;
  }

  private stepBack(id: number): Step {
    const node = this.q.node(id);
    const site = this.site(id);
    if (node === undefined) return {};
    // A train/test part (`X_train` of train_test_split) has the columns of what was split.
    if (node.role !== undefined) return node.deps.length === 1 ? { next: node.deps[0] } : {};
    if (node.name !== undefined) {
      const a = site?.assignment;
      if (a === undefined || site?.target === undefined) return {};
      const targetText = a.targetTexts[site.target] ?? '';
      if (targetText !== node.name) {
        // `df["c"] = ...`: older values of `c` do not reach past this point.
        const col = columnTarget(targetText);
        const next = node.deps.find((d) => this.q.node(d)?.name === node.name);
        return col === undefined || next === undefined ? {} : { next, removes: [col.column] };
      }
      if (a.augmented) return {};
      // `X, y = df.drop(...), df["y"]`: each name's node depends on its own part of the tuple.
      if (a.targets.length !== 1) {
        return a.value.kind === 'collection' && node.deps.length === 1 ? { next: node.deps[0] } : {};
      }
      return this.valueStep(node, a.value.text);
    }
    const call = site?.call;
    if (call === undefined) return this.valueStep(node, node.text);
    return this.callStep(node, call);
  }

  /** `X = df`, `X = df.drop(...)` (its call node), `X = df[["a", "b"]]`, `X = df.values`, `df[mask]`. */
  private valueStep(node: DataNode, value: string): Step {
    const text = value.trim().replace(/\.(values|to_numpy\(\))$/, '');
    if (/^[A-Za-z_]\w*$/.test(text)) return node.deps.length === 1 ? { next: node.deps[0] } : {};
    const callDep = node.deps.find((d) => {
      const site = this.site(d);
      return site?.call !== undefined && this.callTextOf(site) === text;
    });
    if (callDep !== undefined) return { next: callDep };
    // `X, y = df.drop(...), df["y"]`: the parts of a tuple are not linked to their calls' nodes.
    const sameText = this.callsOf(node.cellIndex).find(([id, site]) => id < node.id && this.callTextOf(site) === text);
    if (sameText !== undefined && /\)$/.test(text)) return { next: sameText[0] };
    const rows = /^([A-Za-z_]\w*)\.(?:iloc|loc)\s*\[([^,]+)\]$/.exec(text);
    if (rows !== null) return { next: this.sameName(node, rows[1] ?? '') };
    const selection = /^([A-Za-z_]\w*)\s*\[([\s\S]+)\]$/.exec(text);
    if (selection === null) return {};
    const base = this.sameName(node, selection[1] ?? '');
    const inner = (selection[2] ?? '').trim();
    const list = inner.startsWith('[') ? stringList(inner) : this.literalFor(node.id, inner);
    if (list !== undefined) return { next: base, keeps: list };
    // `df[mask]`, `X[train_idx]`: a selection of rows keeps every column.
    return this.isRowSelector(node, inner) ? { next: base } : {};
  }

  private isRowSelector(node: DataNode, inner: string): boolean {
    // `df[df.columns[df.columns != "y"]]` compares, but selects columns.
    if (/\.columns\b/.test(inner)) return false;
    if (/[<>]|==|!=|\.isin\(|\.between\(|\.notna\(|\.isna\(|\.notnull\(|\.isnull\(/.test(inner)) return true;
    if (!/^~?[A-Za-z_]\w*$/.test(inner)) return false;
    const name = inner.replace('~', '');
    const dep = node.deps.map((d) => this.q.node(d)).find((n) => n?.name === name);
    if (dep === undefined) return false;
    // `cols = [c for c in df.columns if c != "y"]` compares too, but it lists columns.
    const listsColumns = /^\s*[[(]|\bfor\b|\.columns\b|\blist\(/.test(dep.text);
    return dep.role !== undefined || (!listsColumns && /[<>]|==|!=|\.isin\(/.test(dep.text));
  }

  private callStep(node: DataNode, call: CallFact): Step {
    const method = call.method;
    if (method === undefined) {
      if (!KEEPS_ARG_COLUMNS.test(call.callee)) return {};
      const first = call.args.find((a) => a.keyword === undefined);
      const base = first === undefined ? undefined : /^\[?\s*([A-Za-z_]\w*)/.exec(first.value.text)?.[1];
      return base === undefined ? {} : { next: this.sameName(node, base) };
    }
    let removes: string[] | undefined;
    if (method === 'drop') {
      removes = droppedColumns(call, (name) => this.literalFor(node.id, name));
      if (removes === undefined) return {};
    } else if (!KEEPS_COLUMNS.has(method)) return {};
    if (method === 'set_index') removes = call.args.flatMap((a) => stringList(a.value.text) ?? []);
    return { next: this.receiverNode(node, call), removes };
  }

  /** The node of the call's receiver: a nested call (`df.drop(...).dropna()`) or a variable. */
  private receiverNode(node: DataNode, call: CallFact): number | undefined {
    const receiver = call.receiver ?? '';
    if (receiver.endsWith(')')) return this.receiverCall(node.cellIndex, call);
    const base = /^[A-Za-z_]\w*$/.exec(receiver)?.[0];
    return base === undefined ? undefined : this.sameName(node, base);
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

  private sameName(node: DataNode, name: string): number | undefined {
    return node.deps.find((d) => this.q.node(d)?.name === name) ?? this.viaCall(node, name);
  }

  /** `X = df.drop(...)`: the name node is the call's dependency, one level down. */
  private viaCall(node: DataNode, name: string): number | undefined {
    for (const d of node.deps) {
      const dep = this.q.node(d);
      if (dep?.name !== undefined) continue;
      const found = dep?.deps.find((x) => this.q.node(x)?.name === name);
      if (found !== undefined) return found;
    }
    return undefined;
  }

  private callTextOf(site: NodeSite): string | undefined {
    return site.call === undefined ? undefined : planOf(site.cell).callText(site.call).trim();
  }
}

/** Whether a cell assigns to a subscript (`df["c"] = ...`): only such cells hold column assignments. */
export function assignsToSubscript({ facts }: AnalyzedCell): boolean {
  // No closure per assignment (it runs over every cell, and closures showed in allocation profiles).
  const list = facts.assignments;
  for (let i = 0; i < list.length; i++) if ((list[i] as AssignmentFact).targetTexts.some(hasSubscript)) return true;
  return false;
}

const hasSubscript = (text: string): boolean => text.includes('[');

const sameStart = (a: CallFact, b: CallFact): boolean => comparePositions(a.range.start, b.range.start) === 0;
const endsAfter = (a: CallFact, b: CallFact): boolean => comparePositions(a.range.end, b.range.end) > 0;

const flows = new WeakMap<DataflowQueries, ColumnFlow>();

export function columnFlowOf(ctx: Pick<RuleContext, 'codeCells'>, q: DataflowQueries): ColumnFlow {
  let flow = flows.get(q);
  if (flow === undefined) {
    flow = new ColumnFlow(ctx, q);
    flows.set(q, flow);
  }
  return flow;
}
