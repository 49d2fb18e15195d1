/**
 * The dataflow builder's reusable lists: the results of the calls visited in a frame, and the node ids
 * gathered for a new node's dependencies. Both keep their room between uses, so a fold allocates only
 * what the graph keeps.
 */
import type { Range } from '../notebook/model';
import { rangeKey, type RangeKey } from './dataflow-cell';

/**
 * Result node of each call visited so far in a frame, by the call's range, in the order first visited.
 * Most frames have few calls (a cell's): lists searched in order, which reset() keeps the room of for the
 * next frame; a frame with many calls gets an index by range too.
 */
/** Calls in a frame from which results are also indexed by range. */
const INDEXED = 16;

export class Results {
  private readonly keys: RangeKey[] = [];
  private readonly ranges: Range[] = [];
  private readonly nodes: number[] = [];
  private length = 0;
  private index: Map<RangeKey, number> | undefined;

  /** Empties the results, for a new frame. */
  reset(): this {
    this.length = 0;
    this.index = undefined;
    return this;
  }

  private find(key: RangeKey): number {
    if (this.index !== undefined) return this.index.get(key) ?? -1;
    for (let i = 0; i < this.length; i++) if (this.keys[i] === key) return i;
    return -1;
  }

  get(range: Range): number | undefined {
    const i = this.find(rangeKey(range));
    return i < 0 ? undefined : this.nodes[i];
  }

  set(range: Range, node: number): void {
    const key = rangeKey(range);
    const i = this.find(key);
    if (i >= 0) {
      this.nodes[i] = node;
      return;
    }
    this.keys[this.length] = key;
    this.ranges[this.length] = range;
    this.nodes[this.length++] = node;
    if (this.index !== undefined) this.index.set(key, this.length - 1);
    else if (this.length === INDEXED) this.index = new Map(this.keys.slice(0, INDEXED).map((k, j) => [k, j]));
  }

  /** Results of the calls inside `outer`, in the order they were first visited. */
  pushInside(outer: Range, into: DepList): void {
    for (let i = 0; i < this.length; i++) if (inside(this.ranges[i] as Range, outer)) into.add(this.nodes[i] as number);
  }
}

/**
 * Node ids being gathered for a new node's dependencies. The list is reused (its room stays), so
 * what is allocated is the exact-size copy the node keeps.
 */
export class DepList {
  private readonly ids: number[] = [];
  length = 0;

  /** Empties the list, for a new gathering. */
  reset(): this {
    this.length = 0;
    return this;
  }

  add(id: number): void {
    this.ids[this.length++] = id;
  }

  first(): number | undefined {
    return this.length > 0 ? this.ids[0] : undefined;
  }

  /**
   * The ids in order, without repeats, as a new exact-size array. Repeats are rare: the list is checked
   * first and then copied into an array of its final size (shortening an array afterwards is a call into
   * the runtime). Not by `slice`: the graph keeps these arrays, and sliced ones were promoted by young
   * collections (1.3 MB more per corpus round; those of `new Array` can be allocated old from the start).
   */
  toArray(): number[] {
    const ids = this.ids;
    const length = this.length;
    let repeats = false;
    for (let i = 1; i < length && !repeats; i++) {
      const id = ids[i] as number;
      for (let j = 0; j < i && !repeats; j++) repeats = ids[j] === id;
    }
    if (!repeats) {
      const out = new Array<number>(length);
      for (let i = 0; i < length; i++) out[i] = ids[i] as number;
      return out;
    }
    const out: number[] = [];
    for (let i = 0; i < length; i++) if (!out.includes(ids[i] as number)) out.push(ids[i] as number);
    return out.slice();
  }
}

/** Whether range `r` lies within `outer` (ends included). */
export function inside(r: Range, outer: Range): boolean {
  const { start: s, end: e } = r;
  const startsAfter =
    s.line > outer.start.line || (s.line === outer.start.line && s.character >= outer.start.character);
  const endsBefore = e.line < outer.end.line || (e.line === outer.end.line && e.character <= outer.end.character);
  return startsAfter && endsBefore;
}
