/**
 * LO202 oversampling-before-split: SMOTE, RandomOverSampler, ADASYN (any imblearn over-sampler or
 * combination) or `resample(..., replace=True)` is applied before the data is split or
 * cross-validated, so copies or synthetic neighbours of training rows land in the test set.
 *
 * Why it matters: the model is tested on near-duplicates of what it trained on; the score can look
 * excellent while the model fails on real new cases, and the test class balance is no longer real.
 *
 * Bad:  X_res, y_res = SMOTE().fit_resample(X, y); X_tr, X_te, y_tr, y_te = train_test_split(X_res, y_res)
 * Good: X_tr, X_te, y_tr, y_te = train_test_split(X, y); X_res, y_res = SMOTE().fit_resample(X_tr, y_tr)
 */
import type { DataflowQueries, FitEvent, Site } from '../analysis/dataflow';
import { dataflowOf } from '../analysis/dataflow';
import { evaluatedSplits } from '../analysis/dataflow-evals';
import { fitLabel, relatedAt } from './dataflow-messages';
import type { Rule, RuleReport } from './rule';

export const oversamplingBeforeSplit: Rule = {
  id: 'LO202',
  name: 'oversampling-before-split',
  category: 'leakage',
  severity: 'error',
  description:
    'Oversampling (SMOTE, RandomOverSampler, resample with replacement) runs before the train/test split, so test rows copy training rows.',
  check(ctx) {
    const q = dataflowOf(ctx);
    const splits = evaluatedSplits(q);
    const reports: RuleReport[] = [];
    for (const fit of q.graph.fits) {
      if (fit.kind !== 'oversampler' || fit.method === 'fit') continue;
      const split = splits.find(
        (s) => s.order > fit.order && s.test.some((t) => fit.outputs.some((o) => q.derivesFrom(t, o))),
      );
      if (split !== undefined) {
        reports.push(
          report(
            fit,
            split,
            `is split into train and test afterwards (cell ${split.cellIndex + 1})`,
            'The oversampled data is split here',
          ),
        );
        continue;
      }
      const cv = crossValidatedAfter(q, fit);
      if (cv !== undefined)
        reports.push(
          report(fit, cv, `is cross-validated afterwards (cell ${cv.cellIndex + 1})`, 'Cross-validated here'),
        );
    }
    return reports;
  },
};

/** Cross-validation over the resampled rows, when they were not already a training part. */
function crossValidatedAfter(q: DataflowQueries, fit: FitEvent): Site | undefined {
  if (fit.data !== undefined && (q.isTrainData(fit.data) || q.isTestData(fit.data))) return undefined;
  return q.graph.cvs.find(
    (cv) =>
      cv.order > fit.order && cv.data !== undefined && fit.outputs.some((o) => q.derivesFrom(cv.data as number, o)),
  );
}

function report(fit: FitEvent, at: Site, what: string, relatedMessage: string): RuleReport {
  return {
    cellIndex: fit.cellIndex,
    range: fit.range,
    message:
      `${fitLabel(fit)} oversamples the data before it ${what}: duplicated or synthetic copies of training rows end up ` +
      'in the evaluation data, so the scores are inflated. Split first and oversample the training part only ' +
      '(or use an imblearn Pipeline inside cross-validation).',
    related: [relatedAt(at, relatedMessage)],
  };
}
