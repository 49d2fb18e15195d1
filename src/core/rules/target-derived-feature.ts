/**
 * LO205 target-derived-feature: the model's features contain its own target: the target column
 * left in X (`X = df.drop(columns=["id"])` with `y = df["price"]`), a feature computed from the
 * target (`df["ppsf"] = df["price"] / df["sqft"]`), a target encoding computed on all rows
 * (`df.groupby("city")["price"].transform("mean")`), or the column the target was made from
 * (`df["good"] = df["quality"] >= 7` with `quality` kept in X).
 *
 * Why it matters: the test score looks excellent because the answer is among the inputs, and the
 * model cannot run in production, where the target is exactly what is unknown.
 *
 * Bad:  y = df["price"]; df["ppsf"] = df["price"] / df["sqft"]; X = df.drop(columns=["price"])
 * Good: y = df["price"]; X = df.drop(columns=["price"])  # features known before the sale only
 */
import type { DataflowQueries, FitEvent } from '../analysis/dataflow';
import { dataflowOf } from '../analysis/dataflow';
import { columnsRead, columnTarget, stringList } from '../analysis/dataflow-column-text';
import { assignsToSubscript, columnFlowOf, deletedSomewhere, type ColumnFlow } from '../analysis/dataflow-columns';
import type { NodeSite } from '../analysis/dataflow-sites';
import { namesIn } from '../analysis/dataflow-text';
import { targetColumnOf, type TargetColumn } from '../analysis/dataflow-target';
import type { Fix } from '../findings';
import type { Range } from '../notebook/model';
import { relatedAt } from './dataflow-messages';
import type { Rule, RuleContext, RuleReport } from './rule';

export const targetDerivedFeature: Rule = {
  id: 'LO205',
  name: 'target-derived-feature',
  category: 'leakage',
  severity: 'error',
  description:
    'The features contain the target: the target column left in X, a feature computed from the target, or a target encoding over all rows.',
  check(ctx) {
    const q = dataflowOf(ctx);
    let flow: ColumnFlow | undefined;
    const reports = new Map<string, RuleReport>();
    const derivedByTarget = new Map<string, Derived[]>();
    const add = (report: RuleReport, key: string): void => {
      const full = `${report.cellIndex}|${report.range.start.line}:${report.range.start.character}|${key}`;
      if (!reports.has(full)) reports.set(full, report);
    };
    for (const fit of q.graph.fits) {
      if ((fit.kind !== 'model' && fit.kind !== 'search') || fit.data === undefined) continue;
      const target = targetColumnOf(q, fit);
      if (target === undefined) continue;
      // Built only when some fit has a target column to follow (shared with the other column rules).
      flow ??= columnFlowOf(ctx, q);
      const created = columnAssignments(flow, target.frameName, target.column);
      const left = targetLeftInX(ctx, flow, fit, target, created);
      if (left !== undefined) add(left, target.column);
      const key = `${target.frame}|${target.column}`;
      const derived = derivedByTarget.get(key) ?? derivedColumns(ctx, flow, target);
      derivedByTarget.set(key, derived);
      for (const report of derivedFeatures(flow, fit, target, derived)) add(report, 'derived');
      const source = targetSource(ctx, flow, fit, target, created);
      if (source !== undefined) add(source, 'source');
    }
    return [...reports.values()];
  },
};

interface ColumnAssignment {
  id: number;
  frame: string;
  column: string;
  value: string;
  range: Range;
  cellIndex: number;
}

/** Column assignments `frame[column] = ...` in the graph (nodes and their value texts). */
function columnAssignments(flow: ColumnFlow, frame: string, column?: string): ColumnAssignment[] {
  return allColumnAssignments(flow).filter((a) => a.frame === frame && (column === undefined || a.column === column));
}

/** Every column assignment (cells that assign to a subscript), in node order, parsed once per flow. */
function allColumnAssignments(flow: ColumnFlow): readonly ColumnAssignment[] {
  let all = columnAssignmentsOf.get(flow);
  if (all !== undefined) return all;
  all = [];
  for (const [id, site] of flow.sitesWhere(assignsToSubscript)) {
    const a = site.assignment;
    if (a === undefined || site.target === undefined) continue;
    const target = columnTarget(a.targetTexts[site.target] ?? '');
    if (target === undefined) continue;
    const cellIndex = site.cell.cell.index;
    all.push({ id, frame: target.frame, column: target.column, value: a.value.text, range: a.range, cellIndex });
  }
  columnAssignmentsOf.set(flow, all);
  return all;
}

const columnAssignmentsOf = new WeakMap<ColumnFlow, ColumnAssignment[]>();

/** `X = df.drop(columns=["id"])` with `y = df["price"]`: the target column reaches the fit's X. */
function targetLeftInX(
  ctx: RuleContext,
  flow: ColumnFlow,
  fit: FitEvent,
  target: TargetColumn,
  created: ReadonlyArray<{ id: number }>,
): RuleReport | undefined {
  if (target.popped || deletedSomewhere(ctx, target.frameName, target.column)) return undefined;
  const q = flow.q;
  // An earlier version of the table holds the column when it was created (or loaded) before it, and
  // the column can be followed from there to the target's table without a join that may have brought it.
  const holds = (id: number): boolean =>
    id === target.frame ||
    (q.derivesFrom(target.frame, id) &&
      (created.length === 0 || created.some((c) => q.derivesFrom(id, c.id))) &&
      !joinedOn(
        flow,
        flow.columnPath(target.frame, (x) => x === id, target.column),
      ));
  const path = flow.columnPath(fit.data as number, holds, target.column);
  if (path === undefined) return undefined;
  // The assignment that built the features from the table: the named node nearest the table on the walk.
  const xNode = path
    .slice(0, -1)
    .reverse()
    .find((id) => {
      const node = q.node(id);
      return node?.name !== undefined && node.name !== target.frameName && flow.site(id)?.assignment !== undefined;
    });
  const at = xNode === undefined ? undefined : flow.site(xNode);
  const name = xNode === undefined ? undefined : q.node(xNode)?.name;
  const report: RuleReport = {
    cellIndex: at?.cell.cell.index ?? fit.cellIndex,
    range: at?.assignment?.range ?? fit.range,
    message:
      `${name === undefined ? 'The features still contain' : `\`${name}\` still contains`} the target column \`${target.column}\` ` +
      `(the model's y is \`${target.frameName}["${target.column}"]\`): the model is trained with the answer among its ` +
      'inputs, so its test score is meaningless and it cannot run in production, where the target is unknown. ' +
      `Drop it from the features: \`${target.frameName}.drop(columns=["${target.column}"])\`.`,
    related: [targetRelated(q, target), relatedAt(fit, 'The model is trained here')],
  };
  const fix = at === undefined ? undefined : dropFix(at, target.column);
  if (fix !== undefined) report.fix = fix;
  return report;
}

/** No path, or one through `pd.concat`/`merge`/`join`: the column may come from the other table. */
function joinedOn(flow: ColumnFlow, path: readonly number[] | undefined): boolean {
  if (path === undefined) return true;
  return path.some((id) => /(^|\.)(concat|merge|join)$/.test(flow.site(id)?.call?.callee ?? ''));
}

const LAGGED = /\.(shift|rolling|expanding|ewm)\s*\(/;
const ENCODING = /\.(groupby|transform|agg|aggregate|map)\s*\(|\.mean\(\)/;

/** Features computed from the target column that reach the fit's X. */
interface Derived {
  id: number;
  column: string;
  range: Range;
  cellIndex: number;
  /** The text through which it reads the target. */
  reads: string;
}

/** Column assignments of the target's table computed from the target (not lagged), once per target. */
function derivedColumns(ctx: RuleContext, flow: ColumnFlow, target: TargetColumn): Derived[] {
  const q = flow.q;
  const out: Derived[] = [];
  for (const feature of columnAssignments(flow, target.frameName)) {
    if (feature.column === target.column || deletedSomewhere(ctx, target.frameName, feature.column)) continue;
    const reads = readsTarget(flow, feature.id, feature.value, target);
    if (reads === undefined || LAGGED.test(reads)) continue;
    if (!q.derivesFrom(feature.id, target.frame) && !q.derivesFrom(target.frame, feature.id)) continue;
    out.push({ id: feature.id, column: feature.column, range: feature.range, cellIndex: feature.cellIndex, reads });
  }
  return out;
}

/** Features computed from the target column that reach the fit's X. */
function derivedFeatures(flow: ColumnFlow, fit: FitEvent, target: TargetColumn, derived: Derived[]): RuleReport[] {
  const q = flow.q;
  const reports: RuleReport[] = [];
  for (const feature of derived) {
    if (!flow.columnReaches(fit.data as number, feature.id, feature.column)) continue;
    const reads = feature.reads;
    const encoding = ENCODING.test(reads);
    const report: RuleReport = {
      cellIndex: feature.cellIndex,
      range: feature.range,
      message: encoding
        ? `\`${feature.column}\` is a target encoding: it averages the target \`${target.column}\` over ` +
          (q.isTrainData(feature.id)
            ? 'the training rows without holding any out'
            : 'all rows, the test rows included') +
          ", so each row's own answer leaks into its feature and the scores are optimistic. Compute the encoding out " +
          'of fold on the training part only (sklearn TargetEncoder in a Pipeline).'
        : `\`${feature.column}\` is computed from the target \`${target.column}\` and is one of the model's features: the ` +
          'model reads the answer back from it, and in production, where the target is unknown, the feature cannot ' +
          'be computed. Drop it from the features, or build it from columns known before the target.',
      related: [targetRelated(q, target), relatedAt(fit, 'The model is trained here')],
    };
    if (encoding) report.severity = 'warning';
    reports.push(report);
  }
  return reports;
}

/** The text through which a value reads the target column (itself, or a variable it reads), if any. */
function readsTarget(flow: ColumnFlow, id: number, value: string, target: TargetColumn): string | undefined {
  if (columnsRead(value, [target.frameName]).has(target.column)) return value;
  const node = flow.q.node(id);
  for (const name of namesIn(value)) {
    if (name === target.frameName) continue;
    const near = (node?.deps ?? []).flatMap((d) => {
      const n = flow.q.node(d);
      return n?.name === undefined ? [d, ...(n?.deps ?? [])] : [d];
    });
    const dep = near.map((d) => flow.q.node(d)).find((n) => n?.name === name);
    if (dep !== undefined && /groupby|\.agg|\.mean\(/.test(dep.text)) {
      if (columnsRead(dep.text, [target.frameName]).has(target.column)) return dep.text;
    }
  }
  return undefined;
}

/** `df["good"] = df["quality"] >= 7; y = df["good"]` with `quality` still in X. */
function targetSource(
  ctx: RuleContext,
  flow: ColumnFlow,
  fit: FitEvent,
  target: TargetColumn,
  created: ReadonlyArray<{ id: number; value: string; range: Range; cellIndex: number }>,
): RuleReport | undefined {
  const q = flow.q;
  for (const made of created) {
    if (!q.derivesFrom(target.frame, made.id)) continue;
    const sources = [...columnsRead(made.value, [target.frameName])].filter((c) => c !== target.column);
    const source = sources[0];
    if (sources.length !== 1 || source === undefined || deletedSomewhere(ctx, target.frameName, source)) continue;
    if (!flow.columnReaches(fit.data as number, made.id, source)) continue;
    return {
      cellIndex: made.cellIndex,
      range: made.range,
      message:
        `The target \`${target.column}\` is computed from \`${source}\` alone, and \`${source}\` is still one of the ` +
        "model's features: the model reads the answer back from it, so the test score is meaningless. Drop " +
        `\`${source}\` from the features.`,
      related: [targetRelated(q, target), relatedAt(fit, 'The model is trained here')],
    };
  }
  return undefined;
}

function targetRelated(q: DataflowQueries, target: TargetColumn): { cellIndex: number; range: Range; message: string } {
  const node = q.node(target.node);
  return {
    cellIndex: node?.cellIndex ?? 0,
    range: node?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    message: `The target \`${target.column}\` is selected here`,
  };
}

/** `X = df.drop(columns=["id"])` -> `X = df.drop(columns=["id", "price"])`, when the list is written out. */
function dropFix(site: NodeSite, column: string): Fix | undefined {
  const a = site.assignment;
  const call = a?.callIndex === undefined ? undefined : site.cell.facts.calls[a.callIndex];
  if (call?.method !== 'drop') return undefined;
  const positional = call.args.filter((x) => x.keyword === undefined && x.spread === undefined);
  const arg = call.args.find((x) => x.keyword === 'columns') ?? positional[0];
  const text = arg?.value.text.trim() ?? '';
  const list = stringList(text);
  if (arg === undefined || list === undefined || !text.endsWith(']') || arg.range.end.character === 0) return undefined;
  const quote = text.includes("'") && !text.includes('"') ? "'" : '"';
  const at = { line: arg.range.end.line, character: arg.range.end.character - 1 };
  const newText = `${list.length > 0 ? ', ' : ''}${quote}${column}${quote}`;
  return {
    title: `Drop the target \`${column}\` from the features`,
    edits: [{ cellIndex: site.cell.cell.index, range: { start: at, end: at }, newText }],
  };
}
