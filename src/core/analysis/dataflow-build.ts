/**
 * Builds the dataflow graph: walks the code cells in document order, and inside a cell visits its
 * top-level calls and bindings in evaluation order (a call when it ends, so nested calls come first;
 * a binding after its right-hand side). Names resolve through a scope chain so helper functions can
 * be replayed with the notebook's own arguments (dataflow-calls.ts) without touching globals.
 */
import type { Range } from '../notebook/model';
import type { AnalyzedCell } from '../rules/rule';
import type { Dataflow, DataflowInput, DataNode, Site } from './dataflow';
import { visitCall } from './dataflow-calls';
import { planOf, type CellPlan, type Item } from './dataflow-cell';
import { DepList, Results } from './dataflow-lists';
import { kindOfClass, type ObjectKind } from './dataflow-kinds';
import { bindAssignment } from './dataflow-assign';
import type { Replay } from './dataflow-replay';
import type { Selection } from './dataflow-splits';
import { isKeyword, leadingNameEnd, lineInBlock, type Block, type FunctionBlock } from './dataflow-text';
import { type FoldState, foldStateOf } from './dataflow-resume';

const DOTTED_NAME = /^[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*$/;

/** Names visible at a point: a helper's locals over the notebook's globals. */
export class Scope {
  readonly vars = new Map<string, number>();
  /** Latest fit of the object held by a variable (or written as `models[name]`). */
  readonly fits = new Map<string, number>();
  readonly objects = new Map<string, { kind: ObjectKind; className?: string }>();
  /** Loop variable -> the collection it iterates (`for name, m in models.items()`): fits reach `models`. */
  readonly iterates = new Map<string, string>();

  constructor(readonly parent?: Scope) {}

  lookup(name: string): number | undefined {
    return this.vars.get(name) ?? this.parent?.lookup(name);
  }

  fitOf(key: string): number | undefined {
    return this.fits.get(key) ?? this.parent?.fitOf(key);
  }

  objectOf(name: string): { kind: ObjectKind; className?: string } | undefined {
    return this.objects.get(name) ?? this.parent?.objects.get(name);
  }
}

export interface Helper {
  cell: AnalyzedCell;
  block: FunctionBlock;
}

/** One cell being visited (or one helper body being replayed at a call site). */
export interface Frame {
  cell: AnalyzedCell;
  /** What the dataflow derives from the cell alone (memoized across analyses). */
  plan: CellPlan;
  scope: Scope;
  /** Result node of each call visited so far in this frame, keyed by its range. */
  results: Results;
  /** When replaying a helper: the notebook call site every event is reported at. */
  callSite?: Site;
  loops: Block[];
}

export class Builder {
  readonly graph: Dataflow = { nodes: [], fits: [], splits: [], evals: [], cvs: [] };
  readonly globals = new Scope();
  readonly helpers = new Map<string, Helper>();
  /** For a helper call's result node: what each `return`ed name held (its node, its fit). */
  readonly helperReturns = new Map<number, Array<{ node?: number | undefined; fit?: number | undefined }>>();
  /** What of each helper's body its replays visit: derived data, in a WeakMap (which checkpoints leave alone). */
  readonly replays = new WeakMap<Helper, Replay>();
  /** Selections of a value (`X[:n]`, `df[mask]`) waiting for their complement. */
  readonly selections: Selection[] = [];
  /** Position in execution order of the last site (numbers and collections here are checkpointed generically). */
  order = 0;
  /** Role changes of nodes, two entries each: node id, the role it had before (see setRole). */
  readonly roleLog: Array<number | DataNode['role']> = [];
  /** Nodes below this id are shared with an earlier analysis's graph (set when resuming). */
  sharedNodes = 0;
  /** Results of the cell being visited and of the helper being replayed in it (one level: see replayHelper). */
  private readonly cellResults = new Results();
  readonly helperResults = new Results();
  /** Reused lists for gathering dependencies: an expression's, and a call's or a binding's node's. */
  private readonly exprDeps = new DepList();
  readonly nodeDeps = new DepList();
  private readonly lastQualified: { cellIndex: number; dotted: string; qualified: string | undefined } = {
    cellIndex: -1,
    dotted: '',
    qualified: undefined,
  };

  constructor(
    readonly ctx: DataflowInput,
    /** Checkpoints of an earlier fold of the same notebook to resume from (see dataflow-resume.ts). */
    private readonly resume?: FoldState,
  ) {}

  build(): Dataflow {
    const cells = this.ctx.codeCells;
    if (this.resume === undefined) {
      for (const cell of cells) this.visitCell(cell);
      return this.graph;
    }
    for (let i = this.resume.restore(this, cells); i < cells.length; i++) {
      this.resume.mark(this, i);
      this.visitCell(cells[i] as AnalyzedCell);
    }
    this.resume.finish(this, cells);
    return this.graph;
  }

  private visitCell(cell: AnalyzedCell): void {
    const plan = planOf(cell, this.resume !== undefined);
    for (const block of plan.defs) this.helpers.set(block.name, { cell, block });
    const items = plan.items();
    if (items.length === 0) return;
    const frame: Frame = { cell, plan, scope: this.globals, results: this.cellResults.reset(), loops: plan.loops() };
    this.visitItems(frame, items);
  }

  /** Visits calls and bindings in evaluation order (see CellPlan). */
  visitItems(frame: Frame, items: readonly Item[]): void {
    for (const item of items) {
      if (item.call !== undefined) visitCall(this, frame, item.call);
      else bindAssignment(this, frame, item.assignment);
    }
  }

  /** Where an event at `range` happens: a new object each time (events are built on it, see `event`). */
  site(frame: Frame, range: Range): Site {
    const at = frame.callSite;
    if (at !== undefined)
      return { cellIndex: at.cellIndex, range: at.range, order: ++this.order, loops: at.loops, helper: at.helper };
    const loops: string[] = [];
    for (let i = 0; i < frame.loops.length; i++) {
      const b = frame.loops[i] as Block;
      if (lineInBlock(b, range.start.line)) loops.push(`${frame.cell.cell.index}:${b.headerLine}`);
    }
    return { cellIndex: frame.cell.cell.index, range, order: ++this.order, loops };
  }

  /**
   * An event at `range`: its own fields assigned onto a new site. Not a literal that spreads the site:
   * on Node.js 20 (V8 11.3) a spread followed by more fields takes V8's slow path, about 8 µs for an
   * event of seven fields against a fiftieth of that here, and fits and evaluations are built on every fold.
   */
  event<T extends object>(frame: Frame, range: Range, fields: T): Site & T {
    return Object.assign(this.site(frame, range), fields);
  }

  addNode(frame: Frame, range: Range, text: string, deps: readonly number[] | DepList, name?: string): DataNode {
    const id = this.graph.nodes.length;
    const short = text.length > 300 ? text.slice(0, 300) : text;
    const cellIndex = frame.callSite?.cellIndex ?? frame.cell.cell.index;
    const at = frame.callSite?.range ?? range;
    const ids = deps instanceof DepList ? deps.toArray() : unique(deps);
    // One literal per shape: a name added afterwards would take the node out of its in-object room.
    const node: DataNode =
      name === undefined
        ? { id, text: short, cellIndex, range: at, deps: ids }
        : { id, text: short, cellIndex, range: at, deps: ids, name };
    this.graph.nodes.push(node);
    return node;
  }

  /** Marks a node as the train or test part of a split; a node shared with an earlier graph is copied first. */
  setRole(id: number, role: 'train' | 'test'): void {
    const nodes = this.graph.nodes;
    let node = nodes[id] as DataNode;
    if (id < this.sharedNodes) {
      node = { ...node };
      nodes[id] = node;
    }
    this.roleLog.push(id, node.role);
    node.role = role;
  }

  /**
   * The node an expression evaluates to: a visited call's result when the range is exactly a call,
   * the variable's current node for a bare name, else a new node over the names it reads and the
   * calls inside it.
   */
  exprNode(frame: Frame, text: string, range: Range | undefined): number | undefined {
    if (range !== undefined) {
      const result = frame.results.get(range);
      if (result !== undefined) return result;
    }
    const trimmed = text.trim();
    if (/^[A-Za-z_]\w*$/.test(trimmed)) return frame.scope.lookup(trimmed);
    const deps = this.depsOf(frame, text, range);
    if (deps.length === 0) return undefined;
    return this.addNode(frame, range ?? zeroRange(), text, deps).id;
  }

  /**
   * Nodes an expression reads: its names (fitted objects excluded) and the calls nested in it, added
   * to `into` (by default a list the next call of depsOf reuses: read it before building anything else).
   */
  depsOf(frame: Frame, text: string, range: Range | undefined, into = this.exprDeps.reset()): DepList {
    // A third of these texts are one name (a receiver, `X=X_train`): read without namesIn's scan or list.
    if (leadingNameEnd(text) === text.length) {
      if (text.length > 0 && !isKeyword(text)) readName(frame, text, into);
    } else {
      // Indexed: a text without names gets namesIn's one frozen list, which `for…of` iterates off the fast path.
      const names = frame.plan.namesIn(text);
      for (let i = 0; i < names.length; i++) readName(frame, names[i] as string, into);
    }
    if (range !== undefined) frame.results.pushInside(range, into);
    return into;
  }

  /**
   * The qualified name of a dotted name in the frame's cell. The last answer is kept: a call's binding
   * comes right after the call in the plan's order, and asks again of the same callee (its split, the kind
   * of object it makes). A plain object, which checkpoints leave alone: it is this fold's, not fold state.
   */
  qualify(frame: Frame, dotted: string): string | undefined {
    const cellIndex = frame.cell.cell.index;
    const last = this.lastQualified;
    if (last.cellIndex === cellIndex && last.dotted === dotted) return last.qualified;
    const qualified = DOTTED_NAME.test(dotted) ? this.ctx.qualify(cellIndex, dotted) : undefined;
    last.cellIndex = cellIndex;
    last.dotted = dotted;
    last.qualified = qualified;
    return qualified;
  }

  /** Class of an object-creating expression: `StandardScaler(...)`, `make_pipeline(...)`. */
  kindOf(frame: Frame, calleeText: string, argsText: () => string): { kind: ObjectKind; className?: string } {
    const className = this.qualify(frame, calleeText);
    if (className === 'sklearn.pipeline.Pipeline' || className === 'sklearn.pipeline.make_pipeline') {
      // Only a pipeline's arguments are read (the text of every other constructor's is not built).
      const kinds = frame.plan.namesIn(argsText()).map((n) => kindOfClass(this.qualify(frame, n)));
      const kind = kinds.includes('model') ? 'model' : kinds.includes('preprocessor') ? 'preprocessor' : 'unknown';
      return { kind, className };
    }
    const kind = kindOfClass(className);
    return className === undefined ? { kind } : { kind, className };
  }
}

export function buildEvents(ctx: DataflowInput): Dataflow {
  return new Builder(ctx, foldStateOf(ctx)).build();
}

/** Adds the node a name holds to `into`, unless it holds an object (a fitted model is not data). */
function readName(frame: Frame, name: string, into: DepList): void {
  if (frame.scope.objectOf(name) !== undefined) return;
  const node = frame.scope.lookup(name);
  if (node !== undefined) into.add(node);
}

function zeroRange(): Range {
  return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
}

/** `[...new Set(xs)]` without the Set, as an exact-size copy: dependency lists are short. */
function unique(xs: readonly number[]): number[] {
  let repeats = false;
  for (let i = 1; i < xs.length && !repeats; i++) repeats = xs.lastIndexOf(xs[i] as number, i - 1) >= 0;
  if (!repeats) return xs.slice();
  const out: number[] = [];
  for (const x of xs) if (!out.includes(x)) out.push(x);
  return out.slice();
}
