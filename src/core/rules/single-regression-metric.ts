/**
 * LO306 single-regression-metric: a regressor is evaluated, and the whole notebook measures
 * regression error one way only (only R², or only MSE/RMSE, or only MAE), with no look at residuals.
 *
 * Why it matters: R² says how much variance is explained, not how far off a prediction is in the
 * target's units; RMSE is dominated by a few large errors, MAE hides them. Production needs the error
 * people will feel (MAE, RMSE in units) and how it is spread (residuals), to set SLAs and alerts.
 *
 * Bad:  print(r2_score(y_test, y_pred))
 * Good: MAE, RMSE and R² on the test set, and a residual plot (PredictionErrorDisplay)
 */
import { dataflowOf, type DataflowQueries, type EvalEvent, type FitEvent } from '../analysis/dataflow';
import { isHeldOut } from '../analysis/dataflow-evals';
import type { Fix } from '../findings';
import { fitLabel, relatedAt } from './dataflow-messages';
import { evaluationCall, truthAndPrediction } from './evaluation-sites';
import { cellPartAt, cellParts, NO_RESULTS, type CellPart } from '../analysis/cell-memo';
import { keywordArg, lastSegment, mayNameMetrics, resolvedCalls } from './helpers';
import { taskOfFit } from './model-task';
import type { Rule, RuleContext } from './rule';

/** Regression error families: RMSE is MSE's square root, so the two are one way of measuring. */
const FAMILIES: ReadonlyArray<readonly [string, RegExp]> = [
  ['R²', /^(r2_score|explained_variance_score|r2|explained_variance|R2Score|ExplainedVariance)$/],
  [
    'squared error',
    /^(mean_squared_error|root_mean_squared_error|(neg_)?(root_)?mean_squared_error|mse|rmse|MeanSquaredError|RootMeanSquaredError)$/i,
  ],
  [
    'absolute error',
    /^(mean_absolute_error|median_absolute_error|(neg_)?(mean|median)_absolute_error|mae|MeanAbsoluteError)$/i,
  ],
  ['percentage error', /^((neg_)?mean_absolute_percentage_error|mape|MeanAbsolutePercentageError)$/i],
  ['squared log error', /^((neg_)?(root_)?mean_squared_log_error|msle|MeanSquaredLogarithmicError)$/i],
  ['max error', /^max_error$/],
  ['deviance', /^((neg_)?mean_(poisson|gamma|tweedie)_deviance|d2_\w+_score|mean_pinball_loss)$/],
];
const METRIC_LIBRARY = /^(sklearn\.metrics|torchmetrics(\.functional)?|(tensorflow\.)?keras\.metrics)\./;
/**
 * Residual checks, prediction-error plots, summaries that print several statistics at once, and a
 * hand-computed mean absolute error (`np.mean(np.abs(y - p))`, `(y - p).abs().mean()`).
 */
const LOOKS_FURTHER =
  /\bresid\w*|PredictionErrorDisplay|\bprobplot\(|\.summary\(\)|\bregression_report\b|\b(np\.)?mean\(\s*(np\.)?abs\(|\babs\(.*-.*\)\s*\)?\.mean\(\)|-.*\)\.abs\(\)\.mean\(\)/i;
const STRING_LITERAL = /["']([A-Za-z_0-9]+)["']/g;

export const singleRegressionMetric: Rule = {
  id: 'LO306',
  name: 'single-regression-metric',
  category: 'evaluation',
  severity: 'info',
  description:
    'A regression model is evaluated with a single metric (only R², only MSE/RMSE or only MAE) and no residual check.',
  check(ctx) {
    const q = dataflowOf(ctx);
    const evaluations = regressionEvaluations(q);
    const first = evaluations[0];
    if (first === undefined) return [];
    const families = familiesUsed(ctx);
    if (evaluations.some((e) => e.evaluation.how === 'score')) families.add('R²');
    if (families.size !== 1 || ctx.codeCells.some((c) => LOOKS_FURTHER.test(c.cell.source))) return [];
    const [family] = families;
    const { evaluation, fit } = evaluations.find((e) => isHeldOut(q, e.evaluation)) ?? first;
    const report = {
      cellIndex: evaluation.cellIndex,
      range: evaluation.range,
      message:
        `${fitLabel(fit)} is a regressor, and the notebook measures its error one way only (${family}). ` +
        `${family === 'R²' ? 'R² does not say how far off a prediction is in the target’s units' : `${family[0]?.toUpperCase()}${family.slice(1)} alone does not say how much of the variation the model explains, or how errors spread`}. ` +
        'Report MAE, RMSE and R² on the test set, and look at the residuals (PredictionErrorDisplay).',
      related: [relatedAt(fit, 'Regressor fitted here')],
    };
    const fix = metricsFix(ctx, evaluation);
    return [fix === undefined ? report : { ...report, fix }];
  },
};

/** Evaluations of regressors, in order. */
function regressionEvaluations(q: DataflowQueries): Array<{ evaluation: EvalEvent; fit: FitEvent }> {
  const found: Array<{ evaluation: EvalEvent; fit: FitEvent }> = [];
  for (const evaluation of q.graph.evals) {
    const fit = q.graph.fits[evaluation.fit];
    if (fit !== undefined && taskOfFit(q, fit) === 'regression') found.push({ evaluation, fit });
  }
  return found;
}

function familyOf(name: string): string | undefined {
  return FAMILIES.find(([, re]) => re.test(name))?.[0];
}

/**
 * Every regression metric the notebook names: metric functions (called or imported), scorer
 * strings (`scoring="neg_mean_absolute_error"`) and Keras metric names.
 */
function familiesUsed(ctx: RuleContext): Set<string> {
  const families = new Set<string>();
  const parts = cellParts(ctx, cellFamilies);
  for (const part of parts) for (const family of part.imported) families.add(family);
  for (const part of parts) for (const family of part.called) families.add(family);
  return families;
}

/** The metric families a cell imports, and those its calls use or name (kept apart: imports count first). */
const cellFamilies: CellPart<MetricFamilies> = (ctx, cell, at) => {
  const facts = cell.facts;
  const familiesOf = (names: Iterable<string | undefined>): string[] => {
    const found: string[] = [];
    for (const name of names) {
      const family = name === undefined ? undefined : familyOf(name);
      if (family !== undefined) found.push(family);
    }
    return found;
  };
  const imported = facts.imports.filter((i) => METRIC_LIBRARY.test(i.qualified)).map((i) => lastSegment(i.qualified));
  const called: Array<string | undefined> = [];
  const namesMetrics = mayNameMetrics(cell.cell.source);
  for (const { call, qualified } of cellPartAt(ctx, at, resolvedCalls)) {
    if (qualified !== undefined && METRIC_LIBRARY.test(qualified)) called.push(lastSegment(qualified));
    if (!namesMetrics) continue;
    const named = keywordArg(call, 'scoring', 'metrics', 'metric', 'eval_metric')?.value.text ?? '';
    for (const m of named.matchAll(STRING_LITERAL)) called.push(m[1]);
  }
  const families = { imported: familiesOf(imported), called: familiesOf(called) };
  // Most cells name no metric: they share one part instead of keeping two empty lists each.
  return families.imported.length === 0 && families.called.length === 0 ? NO_FAMILIES : families;
};

interface MetricFamilies {
  imported: readonly string[];
  called: readonly string[];
}

const NO_FAMILIES: MetricFamilies = { imported: NO_RESULTS, called: NO_RESULTS };

/** A cell after the evaluation printing MAE, RMSE and R² of the same predictions. */
function metricsFix(ctx: RuleContext, evaluation: EvalEvent): Fix | undefined {
  const call = evaluationCall(ctx, evaluation);
  if (call === undefined) return undefined;
  const pair = truthAndPrediction(call, evaluation.how);
  if (pair === undefined) return undefined;
  const prediction = /^[A-Za-z_]\w*$/.test(pair.prediction) ? pair.prediction : 'y_pred_check';
  const lines = [
    'import numpy as np',
    'from sklearn.metrics import mean_absolute_error, mean_squared_error, r2_score',
    '',
    ...(prediction === pair.prediction ? [] : [`${prediction} = ${pair.prediction}`]),
    `print("MAE: ", mean_absolute_error(${pair.truth}, ${prediction}))`,
    `print("RMSE:", np.sqrt(mean_squared_error(${pair.truth}, ${prediction})))`,
    `print("R²:  ", r2_score(${pair.truth}, ${prediction}))`,
  ];
  return {
    title: 'Insert a cell with MAE, RMSE and R²',
    edits: [],
    inserts: [{ index: evaluation.cellIndex + 1, kind: 'code', source: lines.join('\n') }],
  };
}
