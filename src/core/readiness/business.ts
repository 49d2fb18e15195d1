/** Business numbers: the reported evaluation priced with liftoff.yaml's costs and volume. */
import type { Notebook } from '../notebook/model';
import type { BusinessGoal } from '../project/manifest';
import { reportedEvaluation, type Confusion, type ReportedMetric } from './metrics';

export interface CostRange {
  /** Equal when the split between false positives and false negatives is known. */
  low: number;
  high: number;
}

export interface BusinessNumbers {
  metrics: ReportedMetric[];
  confusion?: Confusion;
  costPer1000?: CostRange;
  costPerDay?: CostRange;
  currency: string;
  /** How the numbers were derived, or what is missing. */
  why: string;
}

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

export function businessNumbers(notebooks: readonly Notebook[], goal: BusinessGoal): BusinessNumbers {
  const { metrics, confusion } = reportedEvaluation(notebooks);
  const currency = typeof goal.currency === 'string' ? goal.currency : '';
  const base = { metrics, ...(confusion ? { confusion } : {}), currency };
  const per1000 = costPer1000(metrics, confusion, goal);
  if ('missing' in per1000) return { ...base, why: per1000.missing };
  const volume = num(goal.predictionsPerDay);
  const perDay = volume === undefined ? undefined : scale(per1000.range, volume / 1000);
  return {
    ...base,
    costPer1000: per1000.range,
    ...(perDay ? { costPerDay: perDay } : {}),
    why: volume === undefined ? `${per1000.how}; set business.predictionsPerDay for a daily figure` : per1000.how,
  };
}

type Priced = { range: CostRange; how: string } | { missing: string };

function costPer1000(metrics: ReportedMetric[], confusion: Confusion | undefined, goal: BusinessGoal): Priced {
  const fpCost = num(goal.costFalsePositive);
  const fnCost = num(goal.costFalseNegative);
  const mae = metrics.find((m) => m.name === 'mae')?.value;
  const unit = num(goal.unitErrorCost);
  if (mae !== undefined && unit !== undefined) {
    const cost = 1000 * mae * unit;
    return { range: { low: cost, high: cost }, how: `MAE ${mae} x unit error cost ${unit} per prediction` };
  }
  if (fpCost === undefined || fnCost === undefined) {
    return {
      missing:
        'set business.costFalsePositive and costFalseNegative (or unitErrorCost) in liftoff.yaml to price errors',
    };
  }
  if (confusion !== undefined) {
    const n = confusion.tp + confusion.fp + confusion.fn + confusion.tn;
    const cost = n === 0 ? 0 : (1000 * (confusion.fp * fpCost + confusion.fn * fnCost)) / n;
    return {
      range: { low: cost, high: cost },
      how: `${confusion.fp} false positives and ${confusion.fn} false negatives in ${n} test rows`,
    };
  }
  const accuracy = [...metrics].reverse().find((m) => m.name === 'accuracy')?.value;
  if (accuracy === undefined)
    return { missing: 'no accuracy, classification_report or confusion matrix in the notebook outputs' };
  const errors = 1000 * (1 - accuracy);
  return {
    range: { low: errors * Math.min(fpCost, fnCost), high: errors * Math.max(fpCost, fnCost) },
    how: `accuracy ${accuracy} alone: ${errors.toFixed(0)} errors per 1,000, split between FP and FN unknown (print a confusion matrix)`,
  };
}

function scale(range: CostRange, factor: number): CostRange {
  return { low: range.low * factor, high: range.high * factor };
}
