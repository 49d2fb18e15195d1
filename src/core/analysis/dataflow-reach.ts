/**
 * For every node of a dataflow graph, the splits whose test (or train) part it derives from. Rules ask
 * "does this derive from that split's test rows?" of every split and every evaluation; asked pair by pair
 * that is quadratic in a long notebook (200 splits in 2,000 cells). One pass in id order answers it for all
 * of them, since a node's dependencies are earlier nodes.
 */
import type { DataNode, SplitEvent } from './dataflow';

export const NO_SPLITS: readonly number[] = [];

/**
 * Per node id, the indexes into `splits` whose `part` it derives from (itself included), sorted by first
 * reach. Undefined if a dependency points forward or nodes are not indexed by id: ask the ancestor sets then.
 */
export function splitReach(
  nodes: readonly DataNode[],
  splits: readonly SplitEvent[],
  part: 'test' | 'train',
): Array<readonly number[]> | undefined {
  const reach = new Array<readonly number[]>(nodes.length);
  for (let k = 0; k < splits.length; k++) {
    for (const id of (splits[k] as SplitEvent)[part]) {
      if (id < 0 || id >= nodes.length) continue;
      const own = reach[id];
      if (own === undefined) reach[id] = [k];
      else if (!own.includes(k)) reach[id] = [...own, k];
    }
  }
  for (let id = 0; id < nodes.length; id++) {
    const node = nodes[id] as DataNode;
    if (node.id !== id) return undefined;
    let found = reach[id];
    const deps = node.deps;
    for (let i = 0; i < deps.length; i++) {
      const d = deps[i] as number;
      if (d >= id) return undefined;
      const from = reach[d];
      if (from === undefined || from === found || from.length === 0) continue;
      found = found === undefined ? from : union(found, from);
    }
    reach[id] = found ?? NO_SPLITS;
  }
  return reach;
}

/** `a` with the entries of `b` it lacks; `a` itself when it has them all (lists are short). */
function union(a: readonly number[], b: readonly number[]): readonly number[] {
  let out: number[] | undefined;
  for (const x of b) if (!a.includes(x) && !(out?.includes(x) ?? false)) (out ??= [...a]).push(x);
  return out ?? a;
}
