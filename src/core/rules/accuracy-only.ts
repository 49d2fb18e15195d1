/**
 * LO301 accuracy-only: a classifier evaluated with accuracy alone (sklearn accuracy_score or Keras
 * metrics=["accuracy"]) and no other classification metric anywhere in the notebook.
 *
 * Why it matters: on imbalanced data (churn, fraud, defects) a model that always predicts the majority
 * class scores high accuracy and catches nothing; precision/recall per class and the confusion matrix
 * show what production will see.
 *
 * Bad:  print(accuracy_score(y_test, y_pred))
 * Good: print(classification_report(y_test, y_pred)); print(confusion_matrix(y_test, y_pred))
 */
import type { CallFact, CellFacts, ImportFact } from '../analysis/facts';
import type { Fix } from '../findings';
import { cellPartAt, cellParts, NO_RESULTS, someCell, type CellPart } from '../analysis/cell-memo';
import {
  argValueText,
  keywordArg,
  mayNameMetrics,
  positionalArg,
  resolvedCalls,
  type CallSite,
  type ResolvedCall,
} from './helpers';
import type { Rule, RuleReport } from './rule';

// prettier-ignore
const OTHER_SKLEARN_METRICS = new Set([
  'precision_score', 'recall_score', 'f1_score', 'fbeta_score', 'roc_auc_score', 'average_precision_score',
  'classification_report', 'confusion_matrix', 'multilabel_confusion_matrix', 'ConfusionMatrixDisplay',
  'RocCurveDisplay', 'PrecisionRecallDisplay', 'DetCurveDisplay', 'precision_recall_curve', 'roc_curve', 'det_curve',
  'log_loss', 'balanced_accuracy_score', 'matthews_corrcoef', 'cohen_kappa_score', 'brier_score_loss',
  'precision_recall_fscore_support', 'jaccard_score', 'hinge_loss',
]);

/** Scorer strings, Keras metric names/classes, torchmetrics and HF evaluate names beyond accuracy. */
const OTHER_METRIC_TEXT =
  /\b(f1\w*|roc_auc\w*|precision\w*|recall\w*|average_precision|neg_log_loss|balanced_accuracy|matthews_corrcoef|jaccard\w*|auc|AUC|Precision|Recall|F1Score|FBetaScore|AUROC|ConfusionMatrix)\b/;
const KERAS_ACCURACY =
  /["'](accuracy|acc|binary_accuracy|categorical_accuracy|sparse_categorical_accuracy)["']|Accuracy\(/;

export const accuracyOnly: Rule = {
  id: 'LO301',
  name: 'accuracy-only',
  category: 'evaluation',
  severity: 'warning',
  description: 'A classifier is evaluated with accuracy only; add precision/recall, a confusion matrix or ROC-AUC.',
  check(ctx) {
    if (someCell(ctx, otherMetrics)) return [];
    return cellParts(ctx, accuracyEvaluations).flat();
  },
};

/** The cell imports or uses a classification metric other than accuracy. */
const otherMetrics: CellPart<boolean> = (ctx, cell, at) =>
  usesOtherMetrics(cell.facts, cellPartAt(ctx, at, resolvedCalls), mayNameMetrics(cell.cell.source));

/** The cell's accuracy-only evaluations, reported when no cell uses another metric. */
const accuracyEvaluations: CellPart<readonly RuleReport[]> = (ctx, cell, at) => {
  let reports: RuleReport[] | undefined;
  const calls = cellPartAt(ctx, at, resolvedCalls);
  for (let i = 0; i < calls.length; i++) {
    const { call, qualified } = calls[i] as ResolvedCall;
    if (qualified === 'sklearn.metrics.accuracy_score')
      (reports ??= []).push(accuracyScoreReport({ cell, call, qualified }));
    else if (isKerasAccuracyCompile(call)) (reports ??= []).push(kerasReport({ cell, call, qualified }));
  }
  return reports ?? NO_RESULTS;
};

function usesOtherMetrics(facts: CellFacts, calls: readonly ResolvedCall[], namesMetrics: boolean): boolean {
  const imports = facts.imports;
  for (let i = 0; i < imports.length; i++) if (isOtherSklearnMetric((imports[i] as ImportFact).qualified)) return true;
  for (let i = 0; i < calls.length; i++) {
    const { call, qualified } = calls[i] as ResolvedCall;
    if (qualified !== undefined && (isOtherSklearnMetric(qualified) || isOtherLibraryMetric(qualified, call))) {
      return true;
    }
    if (!namesMetrics) continue;
    const metricText = keywordArg(call, 'scoring', 'metrics', 'eval_metric')?.value.text;
    if (metricText !== undefined && OTHER_METRIC_TEXT.test(metricText)) return true;
  }
  return false;
}

const SKLEARN_METRICS = 'sklearn.metrics.';

/** `sklearn.metrics.<name>[.…]` with `<name>` another metric; no split: this runs for every call and import. */
function isOtherSklearnMetric(qualified: string): boolean {
  if (!qualified.startsWith(SKLEARN_METRICS)) return false;
  const end = qualified.indexOf('.', SKLEARN_METRICS.length);
  return OTHER_SKLEARN_METRICS.has(qualified.slice(SKLEARN_METRICS.length, end < 0 ? undefined : end));
}

/** TensorFlow's own confusion matrix (`tf.math.confusion_matrix`), often drawn as a heatmap. */
const TF_CONFUSION_MATRIX = /^tensorflow\.(math\.)?confusion_matrix$/;

function isOtherLibraryMetric(qualified: string, call: CallFact): boolean {
  if (qualified.startsWith('torchmetrics.')) return OTHER_METRIC_TEXT.test(qualified);
  if (qualified.startsWith('tensorflow.') && TF_CONFUSION_MATRIX.test(qualified)) return true;
  if (qualified === 'evaluate.load') return OTHER_METRIC_TEXT.test(positionalArg(call, 0)?.value.text ?? '');
  return false;
}

function isKerasAccuracyCompile(call: CallFact): boolean {
  if (call.method !== 'compile') return false;
  const metrics = keywordArg(call, 'metrics')?.value.text;
  return metrics !== undefined && KERAS_ACCURACY.test(metrics);
}

const MESSAGE =
  'Accuracy is the only metric used to evaluate this classifier: on imbalanced data a model that always predicts the majority class scores well and catches nothing.';

function accuracyScoreReport({ cell, call }: CallSite): RuleReport {
  const report: RuleReport = {
    cellIndex: cell.cell.index,
    range: call.range,
    message: `${MESSAGE} Report precision, recall and F1 per class and a confusion matrix (or ROC-AUC).`,
  };
  const yTrue = keywordArg(call, 'y_true') ?? positionalArg(call, 0);
  const yPred = keywordArg(call, 'y_pred') ?? positionalArg(call, 1);
  if (yTrue !== undefined && yPred !== undefined) {
    const source = cell.cell.source;
    report.fix = reportCellFix(cell.cell.index, argValueText(source, yTrue), argValueText(source, yPred));
  }
  return report;
}

function reportCellFix(cellIndex: number, yTrue: string, yPred: string): Fix {
  const source = [
    'from sklearn.metrics import classification_report, confusion_matrix',
    '',
    `print(classification_report(${yTrue}, ${yPred}))`,
    `print(confusion_matrix(${yTrue}, ${yPred}))`,
  ].join('\n');
  return {
    title: 'Insert a cell with a classification report and confusion matrix',
    edits: [],
    inserts: [{ index: cellIndex + 1, kind: 'code', source }],
  };
}

function kerasReport({ cell, call }: CallSite): RuleReport {
  return {
    cellIndex: cell.cell.index,
    range: keywordArg(call, 'metrics')?.range ?? call.range,
    message: `${MESSAGE} Add keras.metrics.Precision(), Recall() and AUC(), or evaluate predictions with sklearn's classification_report.`,
  };
}
