/**
 * LO201 preprocessing-leakage: a scaler, imputer, encoder, feature selector, PCA, vectorizer or
 * tokenizer is fitted on data whose rows later become (or already are) the evaluated test set, and
 * what it learned is used to train a model.
 *
 * Why it matters: the preprocessor learned means, vocabularies or selected features from the test
 * rows, so the test score is optimistic and production (which never sees its own future) does worse.
 *
 * Bad:  X = StandardScaler().fit_transform(X); X_tr, X_te, y_tr, y_te = train_test_split(X, y)
 * Good: X_tr, X_te, y_tr, y_te = train_test_split(X, y); model = make_pipeline(StandardScaler(), clf).fit(X_tr, y_tr)
 */
import type { DataflowQueries, FitEvent, Site, SplitEvent } from '../analysis/dataflow';
import { dataflowOf } from '../analysis/dataflow';
import { TRAIN_NAME } from '../analysis/dataflow-kinds';
import { applicationsOf, evaluatedModelUses, evaluatedSplits } from '../analysis/dataflow-evals';
import { fitLabel, nodeLabel, relatedAt } from './dataflow-messages';
import { aggregateReports } from './preprocessing-aggregates';
import type { Rule, RuleReport } from './rule';

export const preprocessingLeakage: Rule = {
  id: 'LO201',
  name: 'preprocessing-leakage',
  category: 'leakage',
  severity: 'warning',
  description:
    'A scaler, imputer, encoder, selector or vectorizer is fitted on data that includes the test rows, so test scores are optimistic.',
  check(ctx) {
    const q = dataflowOf(ctx);
    const splits = evaluatedSplits(q);
    const reports: RuleReport[] = [];
    for (const fit of q.graph.fits) {
      if (fit.kind !== 'preprocessor' || fit.data === undefined) continue;
      const applied = applicationsOf(q, fit);
      // Prefer the split that comes after the fit: that is the order people need to swap.
      const candidates = [...splits].sort((a, b) => Number(a.order < fit.order) - Number(b.order < fit.order));
      const split = candidates.find((s) => sawTestRows(q, fit, s) && evaluatedModelUses(q, s, applied));
      if (split !== undefined) reports.push(splitReport(q, fit, split));
      else {
        const cv = leakedCrossValidation(q, fit, applied);
        if (cv !== undefined) reports.push(cvReport(q, fit, cv));
      }
    }
    reports.push(...aggregateReports(ctx, q, splits, (node) => namedTraining(q, node)));
    return reports;
  },
};

/** The fitted rows include the split's test rows: split later from them, or the fit saw test data. */
function sawTestRows(q: DataflowQueries, fit: FitEvent, split: SplitEvent): boolean {
  const data = fit.data as number;
  return split.test.some((t) => q.derivesFrom(t, data) || q.derivesFrom(data, t));
}

/** `X = scaler.fit_transform(X); cross_val_score(model, X, y)`: every fold's held-out part was seen. */
function leakedCrossValidation(q: DataflowQueries, fit: FitEvent, applied: readonly number[]): Site | undefined {
  const data = fit.data as number;
  if (q.isTrainData(data) || q.isTestData(data) || namedTraining(q, data)) return undefined;
  return q.graph.cvs.find(
    (cv) => cv.order > fit.order && cv.data !== undefined && applied.some((n) => q.derivesFrom(cv.data as number, n)),
  );
}

/**
 * `train_df` loaded by a helper we cannot see into is still a training part: preprocessing it
 * before cross-validating on it is the common, milder case we leave alone.
 */
function namedTraining(q: DataflowQueries, data: number): boolean {
  for (const id of q.ancestors(data)) if (TRAIN_NAME.test(q.node(id)?.name ?? '')) return true;
  return false;
}

function splitReport(q: DataflowQueries, fit: FitEvent, split: SplitEvent): RuleReport {
  const when =
    split.order > fit.order
      ? `is split into train and test later (cell ${split.cellIndex + 1})`
      : 'includes the test rows';
  return {
    cellIndex: fit.cellIndex,
    range: fit.range,
    message:
      `${fitLabel(fit)} is fitted on ${nodeLabel(q, fit.data)}, which ${when}: what it learns from the test rows ` +
      'leaks into training and the test score is optimistic. Split first and fit it on the training part only, ' +
      'or put it in a Pipeline with the model.',
    related: [relatedAt(split, 'The data is split into train and test here')],
  };
}

function cvReport(q: DataflowQueries, fit: FitEvent, cv: Site): RuleReport {
  return {
    cellIndex: fit.cellIndex,
    range: fit.range,
    message:
      `${fitLabel(fit)} is fitted on all of ${nodeLabel(q, fit.data)} before cross-validation (cell ${cv.cellIndex + 1}): ` +
      'every validation fold was seen during fitting, so the scores are optimistic. Put it in a Pipeline with the model ' +
      'and cross-validate the pipeline.',
    related: [relatedAt(cv, 'Cross-validated here on the preprocessed data')],
  };
}
