/**
 * Which top-level fact made each dataflow node: the assignment behind a named node, the call behind
 * a call's result. Rules that read columns (`df["ratio"] = ...`) need the fact, not just the lineage.
 */
import type { AnalyzedCell, RuleContext } from '../rules/rule';
import type { DataflowQueries, DataNode } from './dataflow';
import { planOf } from './dataflow-cell';
import type { AssignmentFact, CallFact } from './facts';

/** The fact that produced a node: an assignment (named nodes) or a call (call results). */
export interface NodeSite {
  cell: AnalyzedCell;
  assignment?: AssignmentFact;
  /** Index of the node's name among the assignment's targets. */
  target?: number;
  call?: CallFact;
}

const indexes = new WeakMap<DataflowQueries, Map<number, NodeSite>>();

/** Node id -> the top-level fact that made it (helper bodies replayed at a call are left out). */
export function nodeSites(ctx: Pick<RuleContext, 'codeCells'>, q: DataflowQueries): Map<number, NodeSite> {
  let index = indexes.get(q);
  if (index !== undefined) return index;
  const byKey = new Map<string, NodeSite[]>();
  for (const cell of ctx.codeCells) {
    const plan = planOf(cell);
    for (const item of plan.items()) {
      const range = item.call?.range ?? item.assignment?.range;
      if (range === undefined) continue;
      const key = `${cell.cell.index}|${plan.rangeKey(range)}`;
      const site: NodeSite =
        item.call !== undefined ? { cell, call: item.call } : { cell, assignment: item.assignment };
      byKey.set(key, [...(byKey.get(key) ?? []), site]);
    }
  }
  index = new Map();
  // Nodes replayed from a helper's body carry the range of the notebook's call of the helper: the
  // call's own result is the first node at that range, an assignment's the last one with its name.
  const claimed = new Map<string, number>();
  for (const node of q.graph.nodes) {
    const r = node.range;
    const key = `${node.cellIndex}|${r.start.line}:${r.start.character}:${r.end.line}:${r.end.character}`;
    const sites = byKey.get(key);
    if (sites === undefined) continue;
    if (node.name === undefined) {
      const site = sites.find((s) => s.call !== undefined);
      if (site === undefined || claimed.has(key)) continue;
      claimed.set(key, node.id);
      index.set(node.id, site);
      continue;
    }
    const site = namedSite(sites, node);
    if (site === undefined) continue;
    const earlier = claimed.get(`${key}|${node.name}`);
    if (earlier !== undefined) index.delete(earlier);
    claimed.set(`${key}|${node.name}`, node.id);
    index.set(node.id, site);
  }
  indexes.set(q, index);
  return index;
}

function namedSite(sites: readonly NodeSite[], node: DataNode): NodeSite | undefined {
  for (const site of sites) {
    const target = site.assignment?.targets.indexOf(node.name ?? '') ?? -1;
    if (target >= 0) return { ...site, target };
  }
  return undefined;
}
