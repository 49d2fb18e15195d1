/**
 * Cross-cell dataflow: a value-lineage graph over the code cells in document order, built from the
 * per-cell facts only (pure; no tree, no kernel). Every binding of a name creates a new DataNode that
 * records what it was derived from, so `df = df.dropna()` keeps the lineage of the old `df`. On top of
 * the graph, events say where data was loaded, split (and which parts are train or test), fitted
 * (by which object, on which node), transformed, predicted and evaluated. Leakage and evaluation rules
 * are questions over this graph ("does the data this scaler saw flow into the split's test part?").
 */
import type { Range } from '../notebook/model';
import type { RuleContext } from '../rules/rule';

/** What the dataflow needs of a rule context: the code cells and import resolution. */
export type DataflowInput = Pick<RuleContext, 'codeCells' | 'qualify'>;
import { buildEvents } from './dataflow-build';
import type { ObjectKind } from './dataflow-kinds';
import { foldStateOf } from './dataflow-resume';
import { NO_SPLITS, splitReach } from './dataflow-reach';

/** Where an event happened; helpers' events are located at the notebook's call of the helper. */
export interface Site {
  cellIndex: number;
  range: Range;
  /** Position in execution (document) order, for "before"/"after". */
  order: number;
  /** Ids of the `for` loops around the site ("cell:line"), innermost last. */
  loops: string[];
  /** Set when the event comes from inside a notebook-defined helper function. */
  helper?: string;
}

export interface DataNode {
  id: number;
  /** The variable bound to this value; undefined for an intermediate expression. */
  name?: string;
  text: string;
  cellIndex: number;
  range: Range;
  deps: number[];
  /** The expression itself loads data (read_csv, np.load, load_iris...). */
  loads?: boolean;
  role?: 'train' | 'test';
  /** For a prediction: the fit whose model produced it, and the node that was predicted. */
  predictedBy?: number;
  predictedData?: number;
  /** For `obj.transform(X)`: the fit of the object that transformed it. */
  transformedBy?: number;
}

export interface FitEvent extends Site {
  id: number;
  /** The variable holding the fitted object ("scaler", "model"), or its call text. */
  object: string;
  /** The node of that variable's binding (the constructed object), when known. */
  objectNode?: number;
  className?: string;
  kind: ObjectKind;
  method: string;
  /** Node of the data (X) argument; undefined when the call had none. */
  data?: number;
  /** Node of the target (y) argument, for supervised fits. */
  target?: number;
  /** Nodes the call's result was bound to (fit_transform / fit_resample outputs). */
  outputs: number[];
  /** Keras-style `validation_split=` / `validation_data=`: a held-out part evaluated during fit. */
  validates: boolean;
  /** Fitted through a loop variable over a collection (`for name, m in models.items(): m.fit(...)`): one model per item. */
  perItem?: boolean;
  text: string;
}

export interface SplitEvent extends Site {
  id: number;
  kind: 'train_test_split' | 'cv-iterator' | 'slice' | 'mask' | 'sample' | 'files';
  inputs: number[];
  train: number[];
  test: number[];
}

export interface EvalEvent extends Site {
  /** The fit that produced the evaluated model (latest fit of the object before the evaluation). */
  fit: number;
  /** The node whose rows were evaluated (X of score(), or what predict() saw). */
  data: number;
  how: 'score' | 'evaluate' | 'metric';
}

export interface CvEvent extends Site {
  callee: string;
  /** The model (fit) passed in, when it is a fitted-object variable. */
  object?: string;
  data?: number;
}

export interface Dataflow {
  nodes: DataNode[];
  fits: FitEvent[];
  splits: SplitEvent[];
  evals: EvalEvent[];
  cvs: CvEvent[];
}

export function buildDataflow(ctx: DataflowInput): Dataflow {
  return buildEvents(ctx);
}

// Several rules ask the same notebook; the graph is built once per RuleContext (one analysis run).
// A weak memo keyed by the context (not a RuleContext field) keeps RuleContext plain data that tests
// and callers build by hand; it holds no state beyond the run. What survives across runs is per cell
// (dataflow-cell.ts) and, when the fold resumed (dataflow-resume.ts), the ancestor sets of the nodes it
// took over, so this fold over the cells' plans is all an edit re-does.
const memo = new WeakMap<DataflowInput, DataflowQueries>();

export function dataflowOf(ctx: DataflowInput): DataflowQueries {
  let queries = memo.get(ctx);
  if (queries === undefined) {
    const graph = buildDataflow(ctx);
    const sets = new Map<number, Set<number>>();
    queries = new DataflowQueries(graph, sets, foldStateOf(ctx)?.inheritAncestors(graph, sets));
    memo.set(ctx, queries);
  }
  return queries;
}

/** Lineage questions over one graph, with ancestor sets computed once per node. */
export class DataflowQueries {
  constructor(
    readonly graph: Dataflow,
    private readonly ancestorSets = new Map<number, Set<number>>(),
    /** Sets computed over an earlier graph whose nodes below `below` this graph shares. */
    private readonly inherited?: { sets: Map<number, Set<number>>; below: number },
  ) {}

  /** Computed on first use: the graph does not change once built. */
  private readonly reach: { test?: Array<readonly number[]> | null; train?: Array<readonly number[]> | null } = {};
  private testEvals: EvalEvent[][] | undefined;

  private known(id: number): Set<number> | undefined {
    const own = this.ancestorSets.get(id);
    if (own !== undefined || this.inherited === undefined || id >= this.inherited.below) return own;
    const set = this.inherited.sets.get(id);
    if (set !== undefined) this.ancestorSets.set(id, set);
    return set;
  }

  node(id: number): DataNode | undefined {
    return this.graph.nodes[id];
  }

  /** Every node `id` derives from, itself included. */
  ancestors(id: number): Set<number> {
    const known = this.known(id);
    if (known !== undefined) return known;
    const seen = new Set<number>();
    const stack = [id];
    while (stack.length > 0) {
      const next = stack.pop() as number;
      if (seen.has(next)) continue;
      seen.add(next);
      const cached = next === id ? undefined : this.known(next);
      if (cached !== undefined) for (const a of cached) seen.add(a);
      else for (const dep of this.graph.nodes[next]?.deps ?? []) stack.push(dep);
    }
    this.ancestorSets.set(id, seen);
    return seen;
  }

  /**
   * Visits `from` and every node it derives from that `seen` has not marked yet, marking each: one walk over
   * the dependencies, no ancestor set built (for questions about the union of many nodes' ancestors, where
   * the sets of each would cost more than the answer). Walks started one after another with the same `seen`
   * visit each node once in all. `visit` returning false stops the walk, and the call returns false.
   */
  visitAncestors(from: number, seen: Uint8Array, visit?: (node: DataNode) => boolean | void): boolean {
    if (seen[from] === 1) return true;
    const nodes = this.graph.nodes;
    seen[from] = 1;
    const stack = [from];
    while (stack.length > 0) {
      const node = nodes[stack.pop() as number];
      if (node === undefined) continue;
      const deps = node.deps;
      for (let i = 0; i < deps.length; i++) {
        const dep = deps[i] as number;
        if (seen[dep] !== 1) {
          seen[dep] = 1;
          stack.push(dep);
        }
      }
      if (visit !== undefined && visit(node) === false) return false;
    }
    return true;
  }

  derivesFrom(id: number, ancestor: number): boolean {
    return this.ancestors(id).has(ancestor);
  }

  /** Whether the value derives from the test part of any split (or of a held-out file). */
  isTestData(id: number): boolean {
    for (const a of this.ancestors(id)) if (this.graph.nodes[a]?.role === 'test') return true;
    return false;
  }

  isTrainData(id: number): boolean {
    for (const a of this.ancestors(id)) if (this.graph.nodes[a]?.role === 'train') return true;
    return false;
  }

  /** Whether the value derives from loaded data. */
  isLoaded(id: number): boolean {
    for (const a of this.ancestors(id)) if (this.graph.nodes[a]?.loads === true) return true;
    return false;
  }

  /** The evaluations whose rows derive from the test part of `split`, in graph order. */
  evalsOnTestOf(split: SplitEvent): readonly EvalEvent[] {
    const reach = this.splitReach('test');
    const k = this.splitIndex(split);
    if (reach === undefined || k < 0)
      return this.graph.evals.filter((e) => split.test.some((t) => this.derivesFrom(e.data, t)));
    if (this.testEvals === undefined) {
      // Every split's at once: one pass over the evaluations instead of one per split.
      const bySplit: EvalEvent[][] = this.graph.splits.map(() => []);
      for (const e of this.graph.evals) for (const s of reach[e.data] ?? NO_SPLITS) bySplit[s]?.push(e);
      this.testEvals = bySplit;
    }
    return this.testEvals[k] ?? [];
  }

  /** The split's index in `graph.splits` (its id, as the builder numbers them), or -1 if not this graph's. */
  splitIndex(split: SplitEvent): number {
    return this.graph.splits[split.id] === split ? split.id : this.graph.splits.indexOf(split);
  }

  /** Per node, the splits (indexes into `graph.splits`) whose test or train part it derives from (dataflow-reach.ts). */
  splitReach(part: 'test' | 'train'): ReadonlyArray<readonly number[]> | undefined {
    let known = this.reach[part];
    if (known === undefined) {
      known = splitReach(this.graph.nodes, this.graph.splits, part) ?? null;
      this.reach[part] = known;
    }
    return known ?? undefined;
  }

  /**
   * Same rows as the fit saw: the very node, an equal expression over the same nodes, or one derived
   * from the other without touching test data (`X_train` vs `scaler.transform(X_train)`).
   */
  sameRows(fitData: number, evalData: number): boolean {
    if (fitData === evalData) return true;
    const a = this.graph.nodes[fitData];
    const b = this.graph.nodes[evalData];
    if (a === undefined || b === undefined) return false;
    if (a.name === undefined && b.name === undefined && a.text === b.text && sameDeps(a, b)) return true;
    if (this.isTestData(evalData) || this.isTestData(fitData)) return false;
    return this.derivesFrom(evalData, fitData) && onlyRowPreserving(this, evalData, fitData);
  }
}

function sameDeps(a: DataNode, b: DataNode): boolean {
  return a.deps.length === b.deps.length && a.deps.every((d, i) => d === b.deps[i]);
}

/** Between `from` and `to`, no split or selection happened (a subscript or sample may drop rows). */
function onlyRowPreserving(q: DataflowQueries, from: number, to: number): boolean {
  let current = q.node(from);
  for (let steps = 0; current !== undefined && steps < 20; steps++) {
    if (current.id === to) return true;
    if (current.role !== undefined || /\.sample\(|\.head\(|\.tail\(|\[\s*:|:\s*\]/.test(current.text)) return false;
    const next = current.deps.find((d) => q.derivesFrom(d, to));
    current = next === undefined ? undefined : q.node(next);
  }
  return false;
}
