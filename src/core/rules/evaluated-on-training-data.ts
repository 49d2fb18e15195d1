/**
 * LO302 evaluated-on-training-data: a model is scored (score/evaluate, or a metric over its
 * predictions) on the very rows it was fitted on, and never on held-out rows, although the notebook
 * does keep data aside elsewhere. (With no held-out data at all, LO303 no-holdout reports instead.)
 *
 * Why it matters: a training score measures memorisation, not generalisation; a deep tree or a
 * nearest-neighbour model scores ~100% on its training rows and much less in production.
 *
 * Bad:  model.fit(X_train, y_train); print(model.score(X_train, y_train))
 * Good: model.fit(X_train, y_train); print(model.score(X_test, y_test))
 */
import { dataflowOf } from '../analysis/dataflow';
import { notebookHasHoldout, objectHasHeldOutEvaluation, trainingEvaluations } from '../analysis/dataflow-evals';
import { assignedNames, fitLabel, nodeLabel, relatedAt } from './dataflow-messages';
import type { Rule, RuleReport } from './rule';

export const evaluatedOnTrainingData: Rule = {
  id: 'LO302',
  name: 'evaluated-on-training-data',
  category: 'evaluation',
  severity: 'error',
  description:
    'A model is only ever evaluated on the data it was trained on, so its score says nothing about new data.',
  check(ctx) {
    const q = dataflowOf(ctx);
    if (!notebookHasHoldout(q, assignedNames(ctx))) return [];
    const reports: RuleReport[] = [];
    const reported = new Set<string>();
    for (const { evaluation, fit } of trainingEvaluations(q)) {
      if (reported.has(fit.object) || objectHasHeldOutEvaluation(q, fit.object)) continue;
      reported.add(fit.object);
      reports.push({
        cellIndex: evaluation.cellIndex,
        range: evaluation.range,
        message:
          `${fitLabel(fit)} is evaluated on ${nodeLabel(q, evaluation.data)}, the data it was fitted on, and on no held-out ` +
          'data: this measures memorisation, not how it will do on new data. Evaluate it on the test or validation set ' +
          '(or with cross-validation).',
        related: [relatedAt(fit, 'Fitted here on the same data')],
      });
    }
    return reports;
  },
};
