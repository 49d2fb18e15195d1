/**
 * Resuming the cross-cell dataflow fold after an edit. The fold (dataflow-build.ts) visits the code cells
 * in order, and what it has built after cell k depends only on cells 0..k. So an analysis that asks for
 * it (the editor, `AnalyzeOptions.incremental`) keeps checkpoints of the builder's state every few cells,
 * and the next analysis of the same notebook restores the last checkpoint before the first cell that
 * changed (its facts object, text or index differ) and folds only from there.
 *
 * A checkpoint is taken generically, so that state added to the builder later is covered without
 * touching this file: every Map and Set the builder or its global Scope owns is copied, every array (the
 * graph's node and event lists, the pending selections) is recorded by its length (they only grow), and
 * numbers, strings and booleans (the order counter) by value. Earlier nodes are not immutable: a later split marks them train or test,
 * so each node's `role` is recorded too; a restored node whose role differs is a copy, so graphs handed
 * out by earlier analyses never change. test/unit/dataflow-resume.test.ts checks, over many random
 * edits of generated notebooks, that a resumed fold gives exactly the graph and findings of a cold one.
 */
import type { AnalyzedCell } from '../rules/rule';
import type { Dataflow, DataNode } from './dataflow';
import type { FactsCache } from './cache';

/** What the builder exposes for checkpoints: its own fields are read generically. */
export interface Resumable {
  readonly graph: Dataflow;
}

interface CellKey {
  facts: object;
  source: string;
  index: number;
}

interface Checkpoint {
  /** Code cells folded before this checkpoint. */
  at: number;
  /** Field name -> copied Map or Set, array length or primitive, for the builder and (prefixed `globals.`) its scope. */
  fields: Map<string, unknown>;
  graphLengths: Map<string, number>;
  /** The nodes that had a role then (few do), by id. */
  roles: Map<number, NonNullable<DataNode['role']>>;
}

/** A notebook's fold: the cells it covered, its checkpoints, and the arrays they are prefixes of. */
export class FoldState {
  cells: CellKey[] = [];
  checkpoints: Checkpoint[] = [];
  graph: Dataflow | undefined;
  arrays = new Map<string, unknown[]>();

  /**
   * Cells between checkpoints: about 10 per notebook, never fewer than 8 cells apart. Each one copies the
   * builder's maps (all the notebook's variable names); a resumed fold redoes half a spacing on average.
   */
  static spacing(cells: number): number {
    return Math.max(8, Math.ceil(cells / 10));
  }

  /**
   * Restores into the fresh builder `b` the latest checkpoint still valid for `cells`, and returns the
   * index of the first code cell left to fold (0: nothing reusable).
   */
  restore(b: Resumable, cells: readonly AnalyzedCell[]): number {
    let same = 0;
    const limit = Math.min(cells.length, this.cells.length);
    while (same < limit && sameCell(cells[same] as AnalyzedCell, this.cells[same] as CellKey)) same++;
    // Until finish(), nothing matches: a fold that fails half-way leaves no checkpoint to resume from.
    this.cells = [];
    while (this.checkpoints.length > 0 && (this.checkpoints.at(-1) as Checkpoint).at > same) this.checkpoints.pop();
    const cp = this.checkpoints.at(-1);
    if (cp === undefined || this.graph === undefined) return 0;
    for (const [name, value] of cp.fields) {
      const target = fieldOf(b, name);
      if (value instanceof Map && target instanceof Map) for (const [k, v] of value) target.set(k, v);
      else if (value instanceof Set && target instanceof Set) for (const v of value) target.add(v);
      else if (typeof value === 'number' && Array.isArray(target))
        target.push(...(this.arrays.get(name) ?? []).slice(0, value));
      else if (isPrimitive(value)) setField(b, name, value);
    }
    const old = this.graph as unknown as Record<string, unknown[]>;
    const graph = b.graph as unknown as Record<string, unknown[]>;
    for (const [name, length] of cp.graphLengths) graph[name]?.push(...(old[name] ?? []).slice(0, length));
    const nodes = b.graph.nodes;
    nodes.forEach((node, i) => {
      const role = cp.roles.get(i);
      if (node.role !== role) nodes[i] = withRole(node, role);
    });
    return cp.at;
  }

  /** Called before folding code cell `at`: records a checkpoint every `spacing` cells. */
  mark(b: Resumable, at: number, spacing: number): void {
    if (at - (this.checkpoints.at(-1)?.at ?? 0) < spacing) return;
    const fields = new Map<string, unknown>();
    collect(b as unknown as Record<string, unknown>, '', fields, this.arrays);
    const graphLengths = new Map<string, number>();
    for (const [name, list] of Object.entries(b.graph)) if (Array.isArray(list)) graphLengths.set(name, list.length);
    const roles = new Map<number, NonNullable<DataNode['role']>>();
    b.graph.nodes.forEach((n, i) => {
      if (n.role !== undefined) roles.set(i, n.role);
    });
    this.checkpoints.push({ at, fields, graphLengths, roles });
  }

  /** After the fold: the cells it covered and the arrays the checkpoints are prefixes of. */
  finish(b: Resumable, cells: readonly AnalyzedCell[]): void {
    this.cells = cells.map((c) => ({ facts: c.facts, source: c.cell.source, index: c.cell.index }));
    this.graph = b.graph;
    this.arrays = new Map();
    collectArrays(b as unknown as Record<string, unknown>, '', this.arrays);
  }
}

const SKIP = new Set(['ctx', 'graph', 'resume']);

function collect(
  obj: Record<string, unknown>,
  prefix: string,
  into: Map<string, unknown>,
  arrays: Map<string, unknown[]>,
): void {
  for (const [key, value] of Object.entries(obj)) {
    if (prefix === '' && SKIP.has(key)) continue;
    const name = prefix + key;
    if (value instanceof Map) into.set(name, new Map(value));
    else if (value instanceof Set) into.set(name, new Set(value));
    else if (Array.isArray(value)) into.set(name, value.length);
    else if (isPrimitive(value)) into.set(name, value);
    else if (prefix === '' && key === 'globals' && typeof value === 'object' && value !== null) {
      collect(value as Record<string, unknown>, 'globals.', into, arrays);
    }
  }
}

function collectArrays(obj: Record<string, unknown>, prefix: string, into: Map<string, unknown[]>): void {
  for (const [key, value] of Object.entries(obj)) {
    if (prefix === '' && SKIP.has(key)) continue;
    if (Array.isArray(value)) into.set(prefix + key, value);
    else if (prefix === '' && key === 'globals' && typeof value === 'object' && value !== null) {
      collectArrays(value as Record<string, unknown>, 'globals.', into);
    }
  }
}

function fieldOf(b: Resumable, name: string): unknown {
  const [first, second] = name.split('.');
  const top = (b as unknown as Record<string, unknown>)[first as string];
  return second === undefined ? top : (top as Record<string, unknown>)[second];
}

function isPrimitive(value: unknown): value is number | string | boolean {
  return typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean';
}

function setField(b: Resumable, name: string, value: number | string | boolean): void {
  const [first, second] = name.split('.');
  if (second === undefined) (b as unknown as Record<string, unknown>)[first as string] = value;
  else
    ((b as unknown as Record<string, Record<string, unknown>>)[first as string] as Record<string, unknown>)[second] =
      value;
}

function sameCell(cell: AnalyzedCell, key: CellKey): boolean {
  return cell.facts === key.facts && cell.cell.index === key.index && cell.cell.source === key.source;
}

function withRole(node: DataNode, role: DataNode['role']): DataNode {
  const copy = { ...node };
  if (role === undefined) delete copy.role;
  else copy.role = role;
  return copy;
}

/** Fold states by notebook path, per facts cache (the editor's), the most recently used few kept. */
const states = new WeakMap<FactsCache, Map<string, FoldState>>();
const MAX_NOTEBOOKS = 16;

export function foldStateFor(cache: FactsCache, path: string): FoldState {
  let byPath = states.get(cache);
  if (byPath === undefined) {
    byPath = new Map();
    states.set(cache, byPath);
  }
  let state = byPath.get(path);
  if (state !== undefined) byPath.delete(path);
  else state = new FoldState();
  byPath.set(path, state);
  if (byPath.size > MAX_NOTEBOOKS) byPath.delete(byPath.keys().next().value as string);
  return state;
}

/** The fold state an analysis context resumes from (set by analyzeNotebook when asked to be incremental). */
const attached = new WeakMap<object, FoldState>();

export function attachFoldState(ctx: object, state: FoldState): void {
  attached.set(ctx, state);
}

export function foldStateOf(ctx: object): FoldState | undefined {
  return attached.get(ctx);
}
