/**
 * Resuming the cross-cell dataflow fold after an edit. The fold (dataflow-build.ts) visits the code cells
 * in order, and what it has built after cell k depends only on cells 0..k. So an analysis that asks for
 * it (the editor, `AnalyzeOptions.incremental`) keeps a checkpoint of the builder's state before every
 * cell, and the next analysis of the same notebook restores the checkpoint at the first cell that
 * changed (its facts object, text or index differ) and folds only from there.
 *
 * Checkpoints cost almost nothing, because nothing is copied to take one. The builder's state is found
 * generically (so that state added to it later is covered without touching this file):
 * - every Map the builder or its global Scope owns is replaced by a TrailMap, which logs each change
 *   (map, key, previous value) on one trail; a checkpoint records the trail's length, and restoring it
 *   undoes the trail back to that length, in the same maps, which the next fold then takes over (the
 *   builder keeps no Sets: one would make the fold throw until it is journaled too);
 * - every array (the graph's node and event lists, the pending selections) only grows: a checkpoint
 *   records its length, and a restore gives the new fold a copy of that prefix (the graph arrays of
 *   earlier analyses are handed out and never change);
 * - numbers, strings and booleans (the order counter) are recorded by value.
 * Earlier nodes are not immutable: a later split marks them train or test. The builder logs each such
 * change (node id, previous role) in `roleLog`, and copies a node taken over from an earlier graph before
 * changing it, so graphs handed out by earlier analyses never change; a restore puts back the roles the
 * nodes had at the checkpoint from that log. test/unit/dataflow-resume.test.ts checks, over many random
 * edits of generated notebooks, that a resumed fold gives exactly the graph and findings of a cold one.
 * The nodes taken over keep their dependencies, so the queries over the new graph also take over the
 * ancestor sets computed over the old one for them (inheritAncestors, DataflowQueries).
 */
import type { AnalyzedCell } from '../rules/rule';
import type { Dataflow, DataNode } from './dataflow';
import type { FactsCache } from './cache';
import { Trail, TrailMap } from './dataflow-trail';

/** What the builder exposes for checkpoints: its other own fields are read generically. */
export interface Resumable {
  readonly graph: Dataflow;
  readonly globals: object;
  /** Role changes of nodes, two entries each: node id, the role it had before. */
  readonly roleLog: Array<number | DataNode['role']>;
  /** Nodes below this id belong to an earlier analysis's graph too: copy before changing them. */
  sharedNodes: number;
}

/** A field of the builder (0), its global scope (1) or its graph (2) that checkpoints cover. */
interface Field {
  owner: 0 | 1 | 2;
  key: string;
  kind: 'map' | 'array' | 'value';
}

/** A notebook's fold: the cells it covered, its checkpoints, and the maps and arrays they refer to. */
export class FoldState {
  /** The code cells the last fold covered, three entries each: facts object, source, index. */
  private cells: unknown[] = [];
  /**
   * The checkpoints, oldest first, `2 + fields.length` entries each: the code cells folded before it,
   * the trail's length, then per field an array's length or a primitive's value (0 for a map).
   */
  private checkpoints: Array<number | string | boolean> = [];
  private count = 0;
  graph: Dataflow | undefined;
  /** The fields of the builder that checkpoints cover, found on the first fold. */
  private fields: Field[] = [];
  /** The maps the folds share (by field, undefined for other fields) and their trail. */
  private maps: Array<TrailMap<unknown, unknown> | undefined> = [];
  private trail = new Trail();
  /** The last fold's arrays (by field) and role log, which the checkpoints hold prefixes of. */
  private arrays: unknown[][] = [];
  private roleLog: Array<number | DataNode['role']> = [];
  /** The graph the last fold resumed from, and how many of its nodes it took over (0: a cold fold). */
  private resumedFrom: Dataflow | undefined;
  private shared = 0;
  /** Ancestor sets computed over the last graph queried (see DataflowQueries). */
  private ancestors: { graph: Dataflow; sets: Map<number, Set<number>> } | undefined;

  /**
   * Restores into the fresh builder `b` the latest checkpoint still valid for `cells`, and returns the
   * index of the first code cell left to fold (0: nothing reusable).
   */
  restore(b: Resumable, cells: readonly AnalyzedCell[]): number {
    let same = 0;
    const keys = this.cells;
    const limit = Math.min(cells.length, keys.length / 3);
    while (same < limit && sameCell(cells[same] as AnalyzedCell, keys, same * 3)) same++;
    // Until finish(), nothing matches: a fold that fails half-way leaves no checkpoint to resume from.
    const graph = this.graph;
    this.cells = [];
    this.graph = undefined;
    const stride = 2 + this.fields.length;
    while (this.count > 0 && (this.checkpoints[(this.count - 1) * stride] as number) > same) this.count--;
    this.resumedFrom = undefined;
    this.shared = 0;
    if (this.count === 0 || graph === undefined) {
      this.start(b);
      return 0;
    }
    const cp = (this.count - 1) * stride;
    const values = this.checkpoints;
    this.trail.undo(values[cp + 1] as number);
    this.fields.forEach((f, i) => {
      const owner = ownerOf(b, f.owner);
      const value = values[cp + 2 + i];
      if (f.kind === 'map') owner[f.key] = this.maps[i];
      else if (f.kind === 'array') owner[f.key] = (this.arrays[i] as unknown[]).slice(0, value as number);
      else owner[f.key] = value;
    });
    // The roles the nodes had at the checkpoint: undo the later changes, latest first.
    const nodes = b.graph.nodes;
    const log = this.roleLog;
    for (let i = log.length - 2; i >= b.roleLog.length; i -= 2) {
      const id = log[i] as number;
      const node = nodes[id];
      if (node !== undefined) nodes[id] = withRole(node, log[i + 1] as DataNode['role']);
    }
    b.sharedNodes = nodes.length;
    this.resumedFrom = graph;
    this.shared = nodes.length;
    return values[cp] as number;
  }

  /**
   * For the queries over `graph` (this state's latest fold), which keep their ancestor sets in `sets`:
   * the sets computed over the graph that fold resumed from, valid for node ids below `below` (those
   * nodes were taken over with their dependencies). Undefined when there are none to reuse.
   */
  inheritAncestors(
    graph: Dataflow,
    sets: Map<number, Set<number>>,
  ): { sets: Map<number, Set<number>>; below: number } | undefined {
    const before = this.ancestors;
    this.ancestors = { graph, sets };
    if (before === undefined || graph !== this.graph || before.graph !== this.resumedFrom) return undefined;
    return { sets: before.sets, below: this.shared };
  }

  /** A cold fold: finds the builder's fields and gives it fresh journaled maps. */
  private start(b: Resumable): void {
    this.checkpoints = [];
    this.count = 0;
    this.trail = new Trail();
    this.fields = fieldsOf(b);
    this.maps = this.fields.map((f) => {
      if (f.kind !== 'map') return undefined;
      const owner = ownerOf(b, f.owner);
      const map = new TrailMap<unknown, unknown>(this.trail);
      for (const [k, v] of owner[f.key] as Map<unknown, unknown>) map.set(k, v);
      owner[f.key] = map;
      return map;
    });
  }

  /** How many checkpoints the state holds. */
  get checkpointCount(): number {
    return this.count;
  }

  /** Called before folding code cell `at`: records a checkpoint (nothing is copied). */
  mark(b: Resumable, at: number): void {
    const stride = 2 + this.fields.length;
    const values = this.checkpoints;
    if (at === 0 || (this.count > 0 && values[(this.count - 1) * stride] === at)) return;
    let n = this.count * stride;
    values[n++] = at;
    values[n++] = this.trail.length;
    for (const f of this.fields) {
      const value = ownerOf(b, f.owner)[f.key] as number | string | boolean | unknown[];
      values[n++] = f.kind === 'map' ? 0 : Array.isArray(value) ? value.length : value;
    }
    this.count++;
  }

  /** After the fold: the cells it covered and the arrays the checkpoints are prefixes of. */
  finish(b: Resumable, cells: readonly AnalyzedCell[]): void {
    const keys = new Array<unknown>(cells.length * 3);
    cells.forEach((c, i) => {
      keys[i * 3] = c.facts;
      keys[i * 3 + 1] = c.cell.source;
      keys[i * 3 + 2] = c.cell.index;
    });
    this.cells = keys;
    this.graph = b.graph;
    this.arrays = this.fields.map((f) => (f.kind === 'array' ? (ownerOf(b, f.owner)[f.key] as unknown[]) : []));
    this.roleLog = b.roleLog;
  }
}

/** Builder fields that are not fold state. */
const SKIP = new Set(['ctx', 'graph', 'resume', 'sharedNodes']);

function fieldsOf(b: Resumable): Field[] {
  const fields: Field[] = [];
  const visit = (owner: 0 | 1 | 2): void => {
    for (const [key, value] of Object.entries(ownerOf(b, owner))) {
      if (owner === 0 && SKIP.has(key)) continue;
      if (value instanceof Map) fields.push({ owner, key, kind: 'map' });
      else if (value instanceof Set) throw new Error(`dataflow checkpoints journal Maps, not Sets: make ${key} a Map`);
      else if (Array.isArray(value)) fields.push({ owner, key, kind: 'array' });
      else if (isPrimitive(value)) fields.push({ owner, key, kind: 'value' });
    }
  };
  visit(0);
  visit(1);
  visit(2);
  return fields;
}

function ownerOf(b: Resumable, owner: 0 | 1 | 2): Record<string, unknown> {
  return (owner === 0 ? b : owner === 1 ? b.globals : b.graph) as unknown as Record<string, unknown>;
}

function isPrimitive(value: unknown): value is number | string | boolean {
  return typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean';
}

function sameCell(cell: AnalyzedCell, keys: readonly unknown[], at: number): boolean {
  return cell.facts === keys[at] && cell.cell.source === keys[at + 1] && cell.cell.index === keys[at + 2];
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
