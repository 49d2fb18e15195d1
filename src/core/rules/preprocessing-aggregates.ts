/**
 * The row-aggregate half of LO201 preprocessing-leakage: a mean, median, standard deviation, min/max,
 * quantile or group statistic computed on all rows and used to fill, scale, clip, bin or encode the data
 * before it is split into train and test, when a model trained on the result is evaluated on that
 * test part. Aggregates over the target column are left to LO205 (target-derived-feature).
 */
import type { DataflowQueries, SplitEvent } from '../analysis/dataflow';
import { type AggregateTransform, aggregateTransforms } from '../analysis/dataflow-aggregates';
import { evaluatedModelUses } from '../analysis/dataflow-evals';
import { targetColumnOf } from '../analysis/dataflow-target';
import { comparePositions } from '../notebook/positions';
import { relatedAt } from './dataflow-messages';
import { textOf } from './helpers';
import type { RuleContext, RuleReport } from './rule';

const USE: Record<AggregateTransform['use'], string> = {
  fill: 'fills missing values with',
  scale: 'scales with',
  clip: 'clips at',
  group: 'replaces values with group statistics:',
  bin: 'bins by',
};

/** What to do instead: bins need their edges from the training rows, the rest a fitted transformer. */
function remedy(use: AggregateTransform['use']): string {
  return use === 'bin'
    ? 'Split first and compute the bin edges on the training part only (`pd.qcut(..., retbins=True)`, then ' +
        '`pd.cut` with those edges), or use KBinsDiscretizer(strategy="quantile") in a Pipeline with the model.'
    : 'Split first and compute the statistic on the training part only, or use SimpleImputer/StandardScaler in a ' +
        'Pipeline with the model.';
}

export function aggregateReports(
  ctx: RuleContext,
  q: DataflowQueries,
  splits: readonly SplitEvent[],
  isTraining: (node: number) => boolean,
): RuleReport[] {
  if (splits.length === 0) return [];
  // Only data a split's test rows derive from can leak into them (a flag per node, not a set of ids).
  const feeds = new Uint8Array(q.graph.nodes.length);
  for (const s of splits) for (const x of s.test) q.visitAncestors(x, feeds);
  const feedsTest = (node: number): boolean => feeds[node] === 1;
  const transforms = aggregateTransforms(ctx, q, feedsTest);
  if (transforms.length === 0) return [];
  const targets = new Set<string>();
  for (const fit of q.graph.fits) {
    const target = fit.kind === 'model' || fit.kind === 'search' ? targetColumnOf(q, fit) : undefined;
    if (target !== undefined) targets.add(target.column);
  }
  // One report per cell and split: `fillna` on five columns in one cell is one decision to revisit.
  const byCell = new Map<string, { first: AggregateTransform; split: SplitEvent; more: number }>();
  for (const t of transforms) {
    if ([...t.columns].some((c) => targets.has(c))) continue;
    const data = [t.node, t.source].filter((n): n is number => n !== undefined);
    if (data.some((n) => q.isTrainData(n) || q.isTestData(n) || isTraining(n))) continue;
    const anchor = data.find(feedsTest);
    if (anchor === undefined) continue;
    const split = splits.find(
      (s) => s.test.some((x) => q.derivesFrom(x, anchor)) && evaluatedModelUses(q, s, [anchor]),
    );
    if (split === undefined) continue;
    const key = `${t.cellIndex}|${split.id}`;
    const known = byCell.get(key);
    if (known === undefined) byCell.set(key, { first: t, split, more: 0 });
    else if (comparePositions(known.first.range.start, t.range.start) !== 0) known.more++;
  }
  return [...byCell.values()].map(({ first, split, more }) => report(ctx, first, split, more));
}

function report(ctx: RuleContext, t: AggregateTransform, split: SplitEvent, more: number): RuleReport {
  const source = ctx.notebook.cells[t.cellIndex]?.source ?? '';
  const statement = textOf(source, t.range).split('\n')[0]?.trim() ?? '';
  const shown = statement.length > 50 ? `${statement.slice(0, 47)}...` : statement;
  return {
    cellIndex: t.cellIndex,
    range: t.range,
    message:
      `\`${shown}\` ${USE[t.use]} the ${t.statistic} of all rows, before the data is split into train and test ` +
      `(cell ${split.cellIndex + 1})${more > 0 ? ` (and ${more} more such statement${more > 1 ? 's' : ''} in this cell)` : ''}: ` +
      `the test rows shape what the model trains on, so the test score is optimistic. ${remedy(t.use)}`,
    related: [
      { ...t.at, message: `The ${t.statistic} ${t.use === 'bin' ? 'are' : 'is'} computed on the full data here` },
      ...(t.calledAt === undefined ? [] : [{ ...t.calledAt, message: 'The helper is called on the full data here' }]),
      relatedAt(split, 'The data is split into train and test here'),
    ],
  };
}
