/**
 * The part of the scaffold context that comes from liftoff.yaml: the business goal (model card),
 * the latency budget and the expected volume (alert rules), replicas (Kubernetes). Numbers are
 * prepared here because templates cannot compute: PromQL wants seconds, a model card wants "50,000".
 */
import type { ProjectManifest } from '../project/manifest';
import { DEFAULT_DRIFT_MEAN_SHIFT, DEFAULT_LATENCY_BUDGET_MS, DEFAULT_REPLICAS, type ScaffoldContext } from './context';

export type ManifestFields = Pick<
  ScaffoldContext,
  'business' | 'traffic' | 'latency' | 'driftMeanShift' | 'replicas' | 'maxReplicas' | 'modelTask' | 'modelTarget'
>;

/** Traffic below a fifth of the expected volume, or above three times it, is worth a look. */
const LOW_FACTOR = 0.2;
const HIGH_FACTOR = 3;

export function manifestFields(manifest: ProjectManifest | undefined, notes: string[]): ManifestFields {
  const business = manifest?.business ?? {};
  const budget = positive(business.latencyBudgetMs);
  const perDay = positive(business.predictionsPerDay);
  const replicas = manifest?.serving?.replicas ?? DEFAULT_REPLICAS;
  const model = manifest?.models?.[0];
  const currency = oneLine(business.currency ?? '');
  const money = (n: number | undefined) =>
    n === undefined || !Number.isFinite(n) ? '' : `${n}${currency === '' ? '' : ` ${currency}`}`;
  notes.push(
    budget !== undefined
      ? `latency SLO: p95 under ${budget} ms (liftoff.yaml)`
      : `latency SLO: p95 under ${DEFAULT_LATENCY_BUDGET_MS} ms (default; set business.latencyBudgetMs in liftoff.yaml)`,
  );
  if (perDay === undefined)
    notes.push('expected volume unknown (business.predictionsPerDay): only "no traffic" is alerted on');
  const budgetMs = budget ?? DEFAULT_LATENCY_BUDGET_MS;
  return {
    business: {
      declared: Object.values(business).some((v) => v !== undefined),
      kpi: oneLine(business.kpi ?? ''),
      owner: oneLine(business.owner ?? ''),
      costFalsePositive: money(business.costFalsePositive),
      costFalseNegative: money(business.costFalseNegative),
      unitErrorCost: money(business.unitErrorCost),
      predictionsPerDay: perDay === undefined ? '' : perDay.toLocaleString('en-US'),
    },
    traffic: {
      known: perDay !== undefined,
      perDay: perDay ?? 0,
      lowPerDay: round(LOW_FACTOR * (perDay ?? 0)),
      highPerDay: round(HIGH_FACTOR * (perDay ?? 0)),
    },
    latency: { budgetMs, budgetSeconds: round(budgetMs / 1000), fromManifest: budget !== undefined },
    driftMeanShift: DEFAULT_DRIFT_MEAN_SHIFT,
    replicas,
    maxReplicas: Math.max(replicas * 4, replicas + 2),
    modelTask: oneLine(model?.task ?? ''),
    modelTarget: oneLine(model?.target ?? ''),
  };
}

function positive(n: number | undefined): number | undefined {
  return typeof n === 'number' && Number.isFinite(n) && n > 0 ? n : undefined;
}

/** Six significant digits: PromQL and YAML read it back exactly, and 0.1 + 0.2 noise stays out. */
function round(n: number): number {
  return Number(n.toPrecision(6));
}

function oneLine(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
}
