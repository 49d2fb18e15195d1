/**
 * LO303 no-holdout: models are fitted and scored, but the notebook keeps no data aside at all: no
 * train/test split, no cross-validation, no validation set, no separate test file. Every reported
 * score is a training score.
 *
 * Why it matters: without held-out data nobody knows how the model does on data it has not seen,
 * which is the only thing production will give it.
 *
 * Bad:  model.fit(X, y); print(model.score(X, y))
 * Good: X_tr, X_te, y_tr, y_te = train_test_split(X, y, random_state=0); model.fit(X_tr, y_tr); print(model.score(X_te, y_te))
 */
import { dataflowOf } from '../analysis/dataflow';
import { notebookHasHoldout, trainingEvaluations } from '../analysis/dataflow-evals';
import { assignedNames, fitLabel, relatedAt } from './dataflow-messages';
import type { Rule, RuleReport } from './rule';

export const noHoldout: Rule = {
  id: 'LO303',
  name: 'no-holdout',
  category: 'evaluation',
  severity: 'error',
  description: 'Models are fitted and scored but no data is held out (no split, cross-validation or validation set).',
  check(ctx) {
    const q = dataflowOf(ctx);
    if (notebookHasHoldout(q, assignedNames(ctx))) return [];
    const reports: RuleReport[] = [];
    const reported = new Set<string>();
    for (const { evaluation, fit } of trainingEvaluations(q)) {
      if (fit.target === undefined || reported.has(fit.object)) continue;
      reported.add(fit.object);
      reports.push({
        cellIndex: evaluation.cellIndex,
        range: evaluation.range,
        message:
          `${fitLabel(fit)} is scored on the data it was fitted on, and the notebook holds no data out (no train/test split, ` +
          'cross-validation or validation set): the score is a training score. Split off a test set with ' +
          'train_test_split (or use cross_val_score) and report the score on data the model has not seen.',
        related: [relatedAt(fit, 'Fitted here on all the data')],
      });
    }
    return reports;
  },
};
