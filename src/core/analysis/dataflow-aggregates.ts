/**
 * Row aggregates used to transform data: the hand-written versions of a scaler or an imputer.
 * `df["x"] = (df["x"] - df["x"].mean()) / df["x"].std()`, `df["x"].fillna(df["x"].mean())`,
 * `df.fillna(df.median())`, `df["x"].clip(df["x"].quantile(0.01), df["x"].quantile(0.99))`,
 * `df.groupby("g")["x"].transform("mean")`, `pd.qcut(df["x"], 4)`, with the statistic written in place or bound to a name
 * first (`m = df["x"].mean()`). A statistic that is only printed is not a transformation.
 */
import type { Range } from '../notebook/model';
import { rangeContains } from '../notebook/positions';
import type { AnalyzedCell, RuleContext } from '../rules/rule';
import type { DataflowQueries } from './dataflow';
import { planOf } from './dataflow-cell';
import { columnsRead } from './dataflow-column-text';
import { columnFlowOf, type ColumnFlow } from './dataflow-columns';
import { nearDeps, sitesNear } from './dataflow-near';
import { anyCellMentions, type NodeSite } from './dataflow-sites';
import { namesIn } from './dataflow-text';
import {
  argsText,
  candidateCalls,
  IN_PLACE,
  isGroupTransform,
  isInPlace,
  isQuantileBin,
  mayUseIn,
  operandPattern,
  SCALE_STATISTIC,
  STATISTIC,
} from './dataflow-aggregate-text';
import type { AssignmentFact, CallFact } from './facts';

export type AggregateUse = 'fill' | 'scale' | 'clip' | 'group' | 'bin';

export interface AggregateTransform {
  /** The node that holds the transformed data (the table after the assignment, or the in-place call). */
  node: number;
  /** The table the statistic was computed from, as it was then. */
  source?: number;
  cellIndex: number;
  range: Range;
  use: AggregateUse;
  /** "mean", "median", "quantile"..., "quantiles" for a bin. */
  statistic: string;
  /** Where the statistic was computed (in the statement, or where a name was bound to it). */
  at: { cellIndex: number; range: Range };
  /** Columns the statement reads, to leave target columns to LO205. */
  columns: Set<string>;
  /** For a statement inside a helper function: where the notebook calls the helper. */
  calledAt?: { cellIndex: number; range: Range };
}

const UNBOUND = (): boolean => false;

/**
 * Every use below reads a statistic method (`.mean(`, in place or bound to a name), a `groupby` or a `qcut`,
 * written in some cell: without one, the column-flow index is not built at all.
 */
const STATISTIC_WORDS = /\.\s*(mean|median|std|var|min|max|quantile|mode)\b|groupby|qcut/;

/**
 * `relevant`, when given, limits the answer to transforms whose node or source passes it (LO201 asks only
 * about data its test rows derive from): other statements are not read at all.
 */
export function aggregateTransforms(
  ctx: RuleContext,
  q: DataflowQueries,
  relevant?: (node: number) => boolean,
): AggregateTransform[] {
  if (!anyCellMentions(ctx, STATISTIC_WORDS)) return [];
  const flow = columnFlowOf(ctx, q);
  const found: AggregateTransform[] = [];
  // The source is one of the node's near dependencies (`sourceOf`).
  const skip = (id: number): boolean => relevant !== undefined && !relevant(id) && !nearDeps(flow, id).some(relevant);
  let bound: boolean | undefined;
  const binds = (): boolean => (bound ??= q.graph.nodes.some((n) => n.name !== undefined && STATISTIC.test(n.text)));
  const sites = relevant === undefined ? flow.sites : sitesNear(flow, relevant, (c) => mayUseIn(c.facts, binds));
  for (const [id, site] of sites) {
    const a = site.assignment;
    let statement: { range: Range; text: string } | undefined;
    if (a !== undefined && site.target !== undefined && !a.via) statement = { range: a.range, text: a.value.text };
    else if (site.call !== undefined && IN_PLACE.has(site.call.method ?? '') && isInPlace(site.call)) {
      statement = {
        range: site.call.range,
        text: `${site.call.receiver ?? ''}.${site.call.method ?? ''}(${argsText(site.call)})`,
      };
    }
    if (statement === undefined || skip(id)) continue;
    const use = useIn(flow, id, site.cell, statement);
    if (use === undefined) continue;
    const transform: AggregateTransform = {
      node: id,
      cellIndex: site.cell.cell.index,
      range: statement.range,
      use: use.use,
      statistic: use.statistic,
      at: use.at,
      columns: columnsRead(statement.text),
    };
    const source = sourceOf(flow, id, use.text);
    if (source !== undefined) transform.source = source;
    found.push(transform);
  }
  found.push(...inHelpers(ctx, flow, relevant));
  return found;
}

/**
 * `def clean(df): df["age"] = df["age"].fillna(df["age"].mean()); return df` called as
 * `data = clean(data)`: the statement in the helper, with the call's result as the transformed data.
 * The helpers' statements are read first (no node is needed to tell a use); callers only for those.
 */
function inHelpers(
  ctx: Pick<RuleContext, 'codeCells'>,
  flow: ColumnFlow,
  relevant: ((node: number) => boolean) | undefined,
): AggregateTransform[] {
  const uses: Array<{ cell: AnalyzedCell; helper: string; a: AssignmentFact; use: Use }> = [];
  for (const cell of ctx.codeCells) {
    const plan = planOf(cell);
    // Most cells define no helper, and most helpers compute no statistic: their bodies are not read.
    if (plan.defs.length === 0 || !mayUseIn(cell.facts, UNBOUND)) continue;
    for (const block of plan.defs) {
      for (const item of plan.bodyItems(block)) {
        const a = item.assignment;
        if (a === undefined || a.via !== undefined) continue;
        const use = useIn(flow, undefined, cell, { range: a.range, text: a.value.text });
        if (use !== undefined) uses.push({ cell, helper: block.name, a, use });
      }
    }
  }
  if (uses.length === 0) return [];
  const calls = plainCallsTo(flow, new Set(uses.map((u) => u.helper)));
  const found: AggregateTransform[] = [];
  for (const { cell, helper, a, use } of uses) {
    for (const [id, site] of calls.get(helper) ?? []) {
      // `df = clean(df)` holds what the helper returned, which the call's own node does not.
      const assigned = assignedFrom(flow, site);
      if (relevant !== undefined && !relevant(id) && (assigned === undefined || !relevant(assigned))) continue;
      const transform: AggregateTransform = {
        node: id,
        cellIndex: cell.cell.index,
        range: a.range,
        use: use.use,
        statistic: use.statistic,
        at: use.at,
        columns: columnsRead(a.value.text),
        calledAt: { cellIndex: site.cell.cell.index, range: site.call?.range ?? a.range },
      };
      if (assigned !== undefined) transform.source = assigned;
      found.push(transform);
    }
  }
  return found;
}

/**
 * The flow's calls of the given plain functions (`clean(df)`, not `df.clean()`), by callee, in node
 * order: only the cells that call one have their nodes matched to facts.
 */
function plainCallsTo(flow: ColumnFlow, helpers: ReadonlySet<string>): Map<string, Array<[number, NodeSite]>> {
  const byCallee = new Map<string, Array<[number, NodeSite]>>();
  const calling = flow.sitesWhere(({ facts }) =>
    facts.calls.some((c) => c.receiver === undefined && helpers.has(c.callee)),
  );
  for (const [id, site] of calling) {
    if (site.call === undefined || site.call.receiver !== undefined) continue;
    const list = byCallee.get(site.call.callee);
    if (list === undefined) byCallee.set(site.call.callee, [[id, site]]);
    else list.push([id, site]);
  }
  return byCallee;
}

interface Use {
  use: AggregateUse;
  statistic: string;
  /** The text holding the statistic (the statement, or the bound name's expression). */
  text: string;
  at: { cellIndex: number; range: Range };
}

function assignedFrom(flow: ColumnFlow, caller: NodeSite): number | undefined {
  for (const [id, site] of flow.sitesOfCell(caller.cell.cell.index)) {
    const a = site.assignment;
    if (a?.callIndex !== undefined && site.cell === caller.cell && site.cell.facts.calls[a.callIndex] === caller.call) {
      return id;
    }
  }
  return undefined;
}

/** How the statement uses a statistic of rows to change data, if it does. */
function useIn(
  flow: ColumnFlow,
  id: number | undefined,
  cell: AnalyzedCell,
  statement: { range: Range; text: string },
): Use | undefined {
  const here = { cellIndex: cell.cell.index, range: statement.range };
  const calls = candidateCalls(cell.facts).filter((c) => rangeContains(statement.range, c.range));
  const group = calls.find(isGroupTransform);
  if (group !== undefined) {
    const how = group.args.map((x) => x.value.text).join(' ');
    const stat = /['"](mean|median|std|var|min|max)['"]/.exec(how)?.[1] ?? STATISTIC.exec(how)?.[1];
    if (stat !== undefined) return { use: 'group', statistic: stat, text: statement.text, at: atCall(cell, group) };
  }
  const bin = calls.find(isQuantileBin);
  if (bin !== undefined) {
    // The binned data is the first argument (`x`), whose table `sourceOf` reads.
    const data = bin.args.find((x) => x.keyword === undefined || x.keyword === 'x')?.value.text ?? statement.text;
    return { use: 'bin', statistic: 'quantiles', text: data, at: atCall(cell, bin) };
  }
  for (const call of calls) {
    const method = call.method ?? '';
    if (method !== 'fillna' && method !== 'clip') continue;
    for (const arg of call.args) {
      const inline = STATISTIC.exec(arg.value.text);
      if (inline !== null && !/\blambda\b/.test(arg.value.text)) {
        const use = method === 'fillna' ? 'fill' : 'clip';
        return { use, statistic: inline[1] ?? 'mean', text: arg.value.text, at: here };
      }
      const bound = id === undefined ? undefined : boundStatistic(flow, id, arg.value.text);
      if (bound !== undefined) return { use: method === 'fillna' ? 'fill' : 'clip', ...bound };
    }
  }
  // `(x - x.mean()) / x.std()`, `(x - x.min()) / (x.max() - x.min())`: scaling by hand. Both checks
  // below need a statistic call or a `-`/`/` in the text itself (blanking strings only removes matches).
  const mayScale = SCALE_STATISTIC.test(statement.text);
  const bindable = id !== undefined && (statement.text.includes('-') || statement.text.includes('/'));
  if (!mayScale && !bindable) return undefined;
  const code = statement.text.replace(/(['"])[^'"\n]*\1/g, (q) => `${q[0]}${'_'.repeat(q.length - 2)}${q[0]}`);
  const scaled = mayScale ? /[-/]\s*\(?\s*[\w.[\]'"]+\.(mean|std|min|max|median)\([^()]*\)/.exec(code) : null;
  if (scaled !== null) return { use: 'scale', statistic: scaled[1] ?? 'mean', text: statement.text, at: here };
  if (id === undefined || (!code.includes('-') && !code.includes('/'))) return undefined;
  for (const name of namesIn(statement.text)) {
    if (!operandPattern(name).test(code)) continue;
    const bound = boundStatistic(flow, id, name);
    if (bound !== undefined) return { use: 'scale', ...bound };
  }
  return undefined;
}

/** `mean_age` bound to `df["Age"].mean()` before the statement reads it. */
function boundStatistic(flow: ColumnFlow, id: number, text: string): Omit<Use, 'use'> | undefined {
  const name = text.trim();
  if (!/^[A-Za-z_]\w*$/.test(name)) return undefined;
  for (const d of nearDeps(flow, id)) {
    const node = flow.q.node(d);
    if (node?.name !== name) continue;
    const stat = STATISTIC.exec(node.text);
    const site = flow.site(d);
    if (stat === null || site?.assignment === undefined || /\blambda\b/.test(node.text)) return undefined;
    return {
      statistic: stat[1] ?? 'mean',
      text: node.text,
      at: { cellIndex: site.cell.cell.index, range: site.assignment.range },
    };
  }
  return undefined;
}

/** The table node the statistic reads: the variable at the start of its expression. */
function sourceOf(flow: ColumnFlow, id: number, text: string): number | undefined {
  const base = /([A-Za-z_]\w*)\s*(?:\[|\.)/.exec(text.replace(/^\W+/, ''))?.[1];
  if (base === undefined) return undefined;
  return nearDeps(flow, id).find((d) => flow.q.node(d)?.name === base);
}

function atCall(cell: AnalyzedCell, call: CallFact): { cellIndex: number; range: Range } {
  return { cellIndex: cell.cell.index, range: call.range };
}
