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
import { kindOfClass, type ObjectKind } from './dataflow-kinds';
import { bindAssignment } from './dataflow-assign';
import type { Selection } from './dataflow-splits';
import {
  functionBlocks,
  lineInBlock,
  loopBlocks,
  namesIn,
  rangeKey,
  type Block,
  type FunctionBlock,
} from './dataflow-text';
import type { AssignmentFact, CallFact } from './facts';

const DOTTED_NAME = /^[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*$/;

/** Names visible at a point: a helper's locals over the notebook's globals. */
export class Scope {
  readonly vars = new Map<string, number>();
  /** Latest fit of the object held by a variable (or written as `models[name]`). */
  readonly fits = new Map<string, number>();
  readonly objects = new Map<string, { kind: ObjectKind; className?: string }>();

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
  scope: Scope;
  /** Result node of each call visited so far in this frame, keyed by its range. */
  results: Map<string, number>;
  /** When replaying a helper: the notebook call site every event is reported at. */
  callSite?: Site;
  loops: Block[];
}

type Item = { call: CallFact } | { assignment: AssignmentFact };

export class Builder {
  readonly graph: Dataflow = { nodes: [], fits: [], splits: [], evals: [], cvs: [] };
  readonly globals = new Scope();
  readonly helpers = new Map<string, Helper>();
  /** For a helper call's result node: what each `return`ed name held (its node, its fit). */
  readonly helperReturns = new Map<number, Array<{ node?: number | undefined; fit?: number | undefined }>>();
  /** Selections of a value (`X[:n]`, `df[mask]`) waiting for their complement. */
  readonly selections: Selection[] = [];
  private order = 0;

  constructor(readonly ctx: DataflowInput) {}

  build(): Dataflow {
    for (const cell of this.ctx.codeCells) this.visitCell(cell);
    return this.graph;
  }

  private visitCell(cell: AnalyzedCell): void {
    const defs = functionBlocks(cell.cell.source);
    for (const block of defs) this.helpers.set(block.name, { cell, block });
    const inDef = (line: number): boolean => defs.some((d) => line >= d.headerLine && line <= d.lastLine);
    const calls = cell.facts.calls.filter((c) => c.inFunction === undefined && !inDef(c.range.start.line));
    const assignments = cell.facts.assignments.filter((a) => !inDef(a.range.start.line));
    const loopLines = assignments.filter((a) => a.via === 'for').map((a) => a.range.start.line);
    const frame: Frame = {
      cell,
      scope: this.globals,
      results: new Map(),
      loops: loopBlocks(cell.cell.source, loopLines),
    };
    this.visitItems(frame, calls, assignments);
  }

  /** Visits calls and bindings in evaluation order. */
  visitItems(frame: Frame, calls: readonly CallFact[], assignments: readonly AssignmentFact[]): void {
    const items: Array<{ at: Range; item: Item; rank: number }> = [
      ...calls.map((call) => ({ at: call.range, item: { call }, rank: 0 })),
      // A `for` binds its targets before the body runs; other bindings after their value.
      ...assignments.map((a) => ({ at: a.range, item: { assignment: a }, rank: a.via === 'for' ? 0 : 1 })),
    ];
    items.sort((x, y) => compareEnd(x.at, y.at) || x.rank - y.rank);
    for (const { item } of items) {
      if ('call' in item) visitCall(this, frame, item.call);
      else bindAssignment(this, frame, item.assignment);
    }
  }

  site(frame: Frame, range: Range): Site {
    if (frame.callSite !== undefined) return { ...frame.callSite, order: ++this.order };
    const loops = frame.loops.filter((b) => lineInBlock(b, range.start.line));
    const site: Site = {
      cellIndex: frame.cell.cell.index,
      range,
      order: ++this.order,
      loops: loops.map((b) => `${frame.cell.cell.index}:${b.headerLine}`),
    };
    return site;
  }

  addNode(frame: Frame, range: Range, text: string, deps: number[], name?: string): DataNode {
    const node: DataNode = {
      id: this.graph.nodes.length,
      text: text.length > 300 ? text.slice(0, 300) : text,
      cellIndex: frame.callSite?.cellIndex ?? frame.cell.cell.index,
      range: frame.callSite?.range ?? range,
      deps: [...new Set(deps)],
    };
    if (name !== undefined) node.name = name;
    this.graph.nodes.push(node);
    return node;
  }

  /**
   * The node an expression evaluates to: a visited call's result when the range is exactly a call,
   * the variable's current node for a bare name, else a new node over the names it reads and the
   * calls inside it.
   */
  exprNode(frame: Frame, text: string, range: Range | undefined): number | undefined {
    if (range !== undefined) {
      const result = frame.results.get(rangeKey(frame.cell.cell.index, range));
      if (result !== undefined) return result;
    }
    const trimmed = text.trim();
    if (/^[A-Za-z_]\w*$/.test(trimmed)) return frame.scope.lookup(trimmed);
    const deps = this.depsOf(frame, text, range);
    if (deps.length === 0) return undefined;
    return this.addNode(frame, range ?? zeroRange(), text, deps).id;
  }

  /** Nodes an expression reads: its names (fitted objects excluded) and the calls nested in it. */
  depsOf(frame: Frame, text: string, range: Range | undefined): number[] {
    const deps: number[] = [];
    for (const name of namesIn(text)) {
      if (frame.scope.objectOf(name) !== undefined) continue;
      const node = frame.scope.lookup(name);
      if (node !== undefined) deps.push(node);
    }
    if (range !== undefined) {
      const prefix = `${frame.cell.cell.index}:`;
      for (const [key, node] of frame.results) {
        if (key.startsWith(prefix) && keyInside(key, range)) deps.push(node);
      }
    }
    return deps;
  }

  qualify(frame: Frame, dotted: string): string | undefined {
    if (!DOTTED_NAME.test(dotted)) return undefined;
    return this.ctx.qualify(frame.cell.cell.index, dotted);
  }

  /** Class of an object-creating expression: `StandardScaler(...)`, `make_pipeline(...)`. */
  kindOf(frame: Frame, calleeText: string, argsText: string): { kind: ObjectKind; className?: string } {
    const className = this.qualify(frame, calleeText);
    if (className === 'sklearn.pipeline.Pipeline' || className === 'sklearn.pipeline.make_pipeline') {
      const kinds = namesIn(argsText).map((n) => kindOfClass(this.qualify(frame, n)));
      const kind = kinds.includes('model') ? 'model' : kinds.includes('preprocessor') ? 'preprocessor' : 'unknown';
      return { kind, className };
    }
    const kind = kindOfClass(className);
    return className === undefined ? { kind } : { kind, className };
  }
}

export function buildEvents(ctx: DataflowInput): Dataflow {
  return new Builder(ctx).build();
}

function compareEnd(a: Range, b: Range): number {
  return a.end.line - b.end.line || a.end.character - b.end.character || b.start.line - a.start.line;
}

function zeroRange(): Range {
  return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
}

function keyInside(key: string, outer: Range): boolean {
  const [, sl, sc, el, ec] = key.split(':').map(Number) as [number, number, number, number, number];
  const startsAfter = sl > outer.start.line || (sl === outer.start.line && sc >= outer.start.character);
  const endsBefore = el < outer.end.line || (el === outer.end.line && ec <= outer.end.character);
  return startsAfter && endsBefore;
}
