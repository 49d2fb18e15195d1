/**
 * Maps whose changes can be undone: every set or delete of a TrailMap is logged on a Trail (the map,
 * the key, the value before), so a point in time is the trail's length and going back to it undoes the
 * later entries, latest first. The dataflow checkpoints (dataflow-resume.ts) are built on this.
 * An undo restores every key's value, not the order of iteration: a deleted key put back comes last
 * (the dataflow builder only looks keys up).
 */

const ABSENT = Symbol('absent');

/**
 * The log of the maps' changes, three entries each: map, key, previous value (or ABSENT). Undoing only
 * lowers `length`: the array keeps its room for the entries the next fold writes again.
 */
export class Trail {
  readonly entries: unknown[] = [];
  length = 0;

  log(map: Map<unknown, unknown>, key: unknown, old: unknown): void {
    const e = this.entries;
    const n = this.length;
    if (n === e.length) e.push(map, key, old);
    else {
      e[n] = map;
      e[n + 1] = key;
      e[n + 2] = old;
    }
    this.length = n + 3;
  }

  /** Undoes the changes back to length `to`, latest first, without logging. */
  undo(to: number): void {
    const e = this.entries;
    for (let i = this.length - 3; i >= to; i -= 3) {
      const map = e[i] as Map<unknown, unknown>;
      const old = e[i + 2];
      if (old === ABSENT) Map.prototype.delete.call(map, e[i + 1]);
      else Map.prototype.set.call(map, e[i + 1], old);
    }
    this.length = to;
  }
}

/** A Map that logs every change on a trail, so a checkpoint is the trail's length. */
export class TrailMap<K, V> extends Map<K, V> {
  constructor(private readonly trail: Trail) {
    super();
  }

  override set(key: K, value: V): this {
    const old = super.get(key);
    this.trail.log(this, key, old === undefined && !super.has(key) ? ABSENT : old);
    return super.set(key, value);
  }

  override delete(key: K): boolean {
    if (!super.has(key)) return false;
    this.trail.log(this, key, super.get(key));
    return super.delete(key);
  }

  override clear(): void {
    for (const key of [...super.keys()]) this.delete(key);
  }
}
