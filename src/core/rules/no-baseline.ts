/**
 * LO305 no-baseline: a classifier or regressor is evaluated, but nothing simple is evaluated next to
 * it for comparison: no DummyClassifier/DummyRegressor, no majority-class or mean prediction, no
 * linear model or naive Bayes, and the notebook never speaks of a baseline.
 *
 * Why it matters: "0.91 accuracy" or "RMSE 4.2" means nothing without the score of predicting the
 * majority class or the mean. Models that barely beat (or lose to) a constant go to production.
 *
 * Bad:  rf.fit(X_train, y_train); print(accuracy_score(y_test, rf.predict(X_test)))
 * Good: DummyClassifier(strategy="most_frequent").fit(X_train, y_train).score(X_test, y_test) next to it
 */
import { someCell, type CellPart } from '../analysis/cell-memo';
import { dataflowOf, type DataflowQueries, type EvalEvent, type FitEvent } from '../analysis/dataflow';
import { isHeldOut } from '../analysis/dataflow-evals';
import { isSupervisedMetric } from '../analysis/dataflow-kinds';
import type { Fix } from '../findings';
import { fitLabel, relatedAt } from './dataflow-messages';
import { evaluationCall, fitInputTexts, nodeText, truthAndPrediction } from './evaluation-sites';
import { targetFromFile } from './class-balance-unchecked';
import { hasCallWhere, type CallSite } from './helpers';
import { taskOfFit, type Task } from './model-task';
import type { Rule, RuleContext, RuleReport } from './rule';

/** Models simple enough to be the reference a complex one must beat. */
const SIMPLE_MODEL =
  /^(sklearn\.(dummy|linear_model|naive_bayes)\.[A-Z]\w*|sklearn\.tree\.DecisionTree(Classifier|Regressor)|statsmodels\.\S+)$/;
/** Code (comments included) or prose that names a baseline or a constant prediction. */
const BASELINE_WORDS =
  /\b(baseline|null[ _]accuracy|majority[ _]class|most[ _]frequent|zero[ _]?rule|ZeroR|naive[ _](forecast|model|prediction|predictor)|Dummy(Classifier|Regressor))/i;
/** A constant prediction compared with the truth: `mean_absolute_error(y_test, np.full(n, y_train.mean()))`. */
const CONSTANT_PREDICTION =
  /\.(mean|median|mode)\(|\bnp\.(mean|median|full|full_like|zeros|zeros_like|ones|ones_like|repeat)\(|\]\s*\*\s*len\(/;
/** Null accuracy the way tutorials compute it: `max(y_test.mean(), 1 - y_test.mean())`. */
const NULL_ACCURACY =
  /1\s*-\s*[\w.[\]'"]+\.mean\(\)|value_counts\([^)]*normalize\s*=\s*True[^)]*\)\s*(\.\w+\(\))?\.max\(\)/;

export const noBaseline: Rule = {
  id: 'LO305',
  name: 'no-baseline',
  category: 'evaluation',
  severity: 'info',
  description:
    'A model is evaluated but no baseline (a dummy, majority-class or mean prediction, or a simple linear model) is evaluated for comparison.',
  check(ctx) {
    const q = dataflowOf(ctx);
    // Bundled toy datasets (iris, digits, MNIST) are exercises with well-known baselines.
    const evaluated = evaluatedModels(q).filter((e) => targetFromFile(q, e.fit));
    if (evaluated.length === 0 || hasBaseline(ctx)) return [];
    const first = evaluated.find((e) => isHeldOut(q, e.evaluation)) ?? evaluated[0];
    if (first === undefined) return [];
    const { evaluation, fit, task } = first;
    const constant =
      task === 'classification' ? 'always predicting the most frequent class' : 'always predicting the mean';
    const report: RuleReport = {
      cellIndex: evaluation.cellIndex,
      range: evaluation.range,
      message:
        `${fitLabel(fit)} is evaluated here, but no baseline is evaluated anywhere in the notebook, so nobody can tell ` +
        `whether its score beats ${constant}. Score a ${task === 'classification' ? 'DummyClassifier' : 'DummyRegressor'} ` +
        '(or a simple linear model) on the same split, with the same metric, and report both.',
      related: [relatedAt(fit, 'Model fitted here')],
    };
    const fix = baselineFix(ctx, q, evaluation, fit, task);
    if (fix !== undefined) report.fix = fix;
    return [report];
  },
};

interface EvaluatedModel {
  evaluation: EvalEvent;
  fit: FitEvent;
  task: Task;
}

/** Evaluations of supervised models whose task the class names tell, in order. */
function evaluatedModels(q: DataflowQueries): EvaluatedModel[] {
  const found: EvaluatedModel[] = [];
  for (const evaluation of q.graph.evals) {
    const fit = q.graph.fits[evaluation.fit];
    const task = fit === undefined ? undefined : taskOfFit(q, fit);
    if (fit !== undefined && task !== undefined) found.push({ evaluation, fit, task });
  }
  return found;
}

function hasBaseline(ctx: RuleContext): boolean {
  // Code cells through their kept part (the editor re-tests the edited cell only); prose on every analysis.
  if (someCell(ctx, baselineInCell) || hasCallWhere(ctx, isBaselineCall)) return true;
  return ctx.notebook.cells.some((c) => c.kind !== 'code' && namesBaseline(c.source));
}

/**
 * A code cell that names a baseline or imports a simple model (`from sklearn.linear_model import
 * LogisticRegression`, used through a dict or a list of models).
 */
const baselineInCell: CellPart<boolean> = (_ctx, { cell, facts }) =>
  namesBaseline(cell.source) || facts.imports.some((i) => SIMPLE_MODEL.test(i.qualified));

function namesBaseline(text: string): boolean {
  return BASELINE_WORDS.test(text) || NULL_ACCURACY.test(text);
}

/** A simple model, or a metric of constant predictions. */
function isBaselineCall({ call, qualified }: CallSite): boolean {
  if (qualified !== undefined && SIMPLE_MODEL.test(qualified)) return true;
  return isSupervisedMetric(qualified) && call.args.some((a) => CONSTANT_PREDICTION.test(a.value.text));
}

/**
 * A cell after the evaluation that fits a dummy on the same training data and scores it the same way
 * (same metric on the same rows), when the evaluation and the fit read back as plain code.
 */
function baselineFix(
  ctx: RuleContext,
  q: DataflowQueries,
  evaluation: EvalEvent,
  fit: FitEvent,
  task: Task,
): Fix | undefined {
  const inputs = fitInputTexts(q, fit);
  const call = evaluationCall(ctx, evaluation);
  if (inputs === undefined || call === undefined) return undefined;
  // No variable can be called `baseline` here: the word alone keeps the rule quiet.
  const name = 'baseline';
  let scored: string;
  if (evaluation.how === 'score' && call.call.method === 'score') {
    const pair = truthAndPrediction(call, 'score');
    const x = nodeText(q, evaluation.data);
    if (pair === undefined || x === undefined) return undefined;
    scored = `${name}.score(${x}, ${pair.truth})`;
  } else if (evaluation.how === 'metric' && isSupervisedMetric(call.qualified)) {
    const pair = truthAndPrediction(call, 'metric');
    const x = nodeText(q, evaluation.data);
    // Probabilities and scores (ROC-AUC on predict_proba) need another call than predict: no fix.
    if (pair === undefined || x === undefined || /predict_proba|decision_function|\[\s*:/.test(pair.prediction))
      return undefined;
    const extra = call.call.args
      .filter((a) => a.keyword !== undefined && a.keyword !== 'y_true' && a.keyword !== 'y_pred')
      .map((a) => `, ${a.keyword}=${a.value.text}`)
      .join('');
    scored = `${call.call.callee}(${pair.truth}, ${name}.predict(${x})${extra})`;
  } else return undefined;
  const cls = task === 'classification' ? 'DummyClassifier' : 'DummyRegressor';
  const strategy = task === 'classification' ? 'most_frequent' : 'mean';
  const source = [
    `from sklearn.dummy import ${cls}`,
    '',
    `${name} = ${cls}(strategy="${strategy}").fit(${inputs.x}, ${inputs.y})`,
    `print("baseline:", ${scored})`,
  ].join('\n');
  return {
    title: `Insert a cell that scores a ${cls} baseline the same way`,
    edits: [],
    inserts: [{ index: evaluation.cellIndex + 1, kind: 'code', source }],
  };
}
