/**
 * Evaluation numbers printed in notebook outputs: metric lines (`Accuracy: 0.80`), scikit-learn's
 * classification_report and 2x2 confusion matrices. Read from OutputSummary.text, never recomputed.
 */
import type { Notebook } from '../notebook/model';

export interface ReportedMetric {
  name: string;
  value: number;
  file: string;
  cellIndex: number;
}

/** Binary counts, positive class = the last row of the report or matrix (1 / True / yes). */
export interface Confusion {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
  file: string;
  cellIndex: number;
}

export interface ReportedEvaluation {
  metrics: ReportedMetric[];
  confusion?: Confusion;
}

const METRIC_NAMES: Record<string, string> = {
  accuracy: 'accuracy',
  precision: 'precision',
  recall: 'recall',
  f1: 'f1',
  'f1-score': 'f1',
  f1_score: 'f1',
  'roc-auc': 'roc_auc',
  roc_auc: 'roc_auc',
  'roc auc': 'roc_auc',
  auc: 'roc_auc',
  mae: 'mae',
  mse: 'mse',
  rmse: 'rmse',
  r2: 'r2',
};
const METRIC_LINE =
  /^\s*(?:test\s+|val(?:idation)?\s+)?(accuracy|precision|recall|f1[-_ ]?(?:score)?|roc[-_ ]?auc|auc|mae|rmse|mse|r2)(?:[ _]score)?\s*[:=]\s*(-?\d+(?:\.\d+)?(?:e-?\d+)?)/i;
const REPORT_ROW = /^\s*(\S+)\s+(\d?\.\d+)\s+(\d?\.\d+)\s+(\d?\.\d+)\s+(\d+)\s*$/;
const MATRIX = /\[\[\s*(\d+)[\s,]+(\d+)\s*\]\s*,?\s*\[\s*(\d+)[\s,]+(\d+)\s*\]\]/;

export function reportedEvaluation(notebooks: readonly Notebook[]): ReportedEvaluation {
  const result: ReportedEvaluation = { metrics: [] };
  for (const notebook of notebooks) {
    for (const cell of notebook.cells) {
      const text = cell.outputs.text;
      if (text === '') continue;
      const where = { file: notebook.path, cellIndex: cell.index };
      result.metrics.push(...metricLines(text).map((m) => ({ ...m, ...where })));
      const confusion = fromMatrix(text) ?? fromReport(text);
      if (confusion !== undefined) result.confusion = { ...confusion, ...where };
    }
  }
  return result;
}

function metricLines(text: string): { name: string; value: number }[] {
  const found: { name: string; value: number }[] = [];
  for (const line of text.split('\n')) {
    const m = METRIC_LINE.exec(line);
    const key = m?.[1]?.toLowerCase().replace(/[-_ ]?score$/, '');
    const name = key === undefined ? undefined : (METRIC_NAMES[key] ?? METRIC_NAMES[key.replace(/[-_]/g, ' ')]);
    if (name !== undefined && m?.[2] !== undefined) found.push({ name, value: Number(m[2]) });
  }
  const accuracy = /^\s*accuracy\s+(\d?\.\d+)\s+\d+\s*$/m.exec(text);
  if (accuracy?.[1] !== undefined) found.push({ name: 'accuracy', value: Number(accuracy[1]) });
  return found;
}

type Counts = Omit<Confusion, 'file' | 'cellIndex'>;

function fromMatrix(text: string): Counts | undefined {
  const m = MATRIX.exec(text);
  if (m === null) return undefined;
  const [tn, fp, fn, tp] = m.slice(1, 5).map(Number) as [number, number, number, number];
  return { tp, fp, fn, tn };
}

/** Two class rows of a classification_report give back the 2x2 counts: recall x support, then precision. */
function fromReport(text: string): Counts | undefined {
  const rows = text
    .split('\n')
    .map((line) => REPORT_ROW.exec(line))
    .filter((m): m is RegExpExecArray => m !== null && !/avg$/.test(m[1] ?? ''));
  if (rows.length !== 2) return undefined;
  const [neg, pos] = rows.map((r) => ({ precision: Number(r[2]), recall: Number(r[3]), support: Number(r[5]) }));
  if (neg === undefined || pos === undefined || pos.precision === 0) return undefined;
  const tp = Math.round(pos.recall * pos.support);
  const fp = Math.round(tp / pos.precision - tp);
  return { tp, fn: pos.support - tp, fp, tn: neg.support - fp };
}
