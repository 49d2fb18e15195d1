/**
 * Near dependencies: a node's dependencies seen through the unnamed expression nodes in between (the
 * table a statistic reads, a name bound to a statistic), and the cells whose nodes can have a given node
 * among them, so a question about a few nodes reads only those cells' sites.
 */
import type { AnalyzedCell } from '../rules/rule';
import type { ColumnFlow } from './dataflow-columns';
import type { NodeSite } from './dataflow-sites';

/** A node's dependencies, looking through the unnamed expression nodes in between. */
export function nearDeps(flow: ColumnFlow, id: number): number[] {
  const out: number[] = [];
  const stack = [...(flow.q.node(id)?.deps ?? [])];
  while (stack.length > 0 && out.length < 40) {
    const d = stack.pop() as number;
    if (out.includes(d)) continue;
    out.push(d);
    const node = flow.q.node(d);
    if (node !== undefined && node.name === undefined && !node.loads) stack.push(...node.deps);
  }
  return out;
}

/**
 * The sites of the cells holding a node that is relevant or has a relevant near dependency, in node
 * order: a superset of the sites a question about relevant nodes and their near dependencies can need,
 * found in one pass over the nodes (the data LO201's test rows derive from is a few nodes, so most
 * cells' nodes are never matched to facts). Every site if a node depends on a later one. `where`, when
 * given, leaves out the cells it rejects (those that cannot hold what the question looks for).
 */
export function sitesNear(
  flow: ColumnFlow,
  relevant: (node: number) => boolean,
  where?: (cell: AnalyzedCell) => boolean,
): Iterable<[number, NodeSite]> {
  const nodes = flow.q.graph.nodes;
  // A node reaches a relevant one as a near dependency: relevant itself, or unnamed and read through.
  const reaches = new Uint8Array(nodes.length);
  const cells = new Set<number>();
  // Indexed loops: `for...of` over each node's dependencies allocated per node here (heap profiles).
  for (let id = 0; id < nodes.length; id++) {
    const node = nodes[id];
    if (node === undefined) continue;
    let viaDep = false;
    const deps = node.deps;
    for (let k = 0; k < deps.length; k++) {
      const d = deps[k] as number;
      if (d >= id) return where === undefined ? flow.sites : flow.sitesWhere(where);
      if (reaches[d] === 1) viaDep = true;
    }
    const self = relevant(id);
    if (self || viaDep) cells.add(node.cellIndex);
    if (self || (viaDep && node.name === undefined && !node.loads)) reaches[id] = 1;
  }
  return flow.sitesWhere((cell) => cells.has(cell.cell.index) && (where === undefined || where(cell)));
}
