/**
 * The part of the scaffold context that comes from liftoff.yaml: the business goal (model card),
 * the latency budget and the expected volume (alert rules), replicas (Kubernetes). Numbers are
 * prepared here because templates cannot compute: PromQL wants seconds, a model card wants "50,000".
 */
import type { ProjectManifest } from '../project/manifest';
import {
  DEFAULT_DRIFT_MEAN_SHIFT,
  DEFAULT_KS_THRESHOLD,
  DEFAULT_LATENCY_BUDGET_MS,
  DEFAULT_PSI_THRESHOLD,
  DEFAULT_REPLICAS,
  DEFAULT_RETRAIN_SCHEDULE,
  type DriftContext,
  type ScaffoldContext,
} from './context';

export type ManifestFields = Pick<
  ScaffoldContext,
  | 'business'
  | 'traffic'
  | 'latency'
  | 'driftMeanShift'
  | 'replicas'
  | 'maxReplicas'
  | 'modelTask'
  | 'modelTarget'
  | 'drift'
  | 'retrainSchedule'
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
    drift: driftFields(manifest, notes),
    retrainSchedule: cronOf(manifest?.retraining?.schedule, notes),
  };
}

/** PSI unless liftoff.yaml says KS; its threshold applies to that test, the other keeps its default. */
function driftFields(manifest: ProjectManifest | undefined, notes: string[]): DriftContext {
  const declared = manifest?.monitoring?.drift ?? {};
  const method = declared.method === 'ks' ? 'ks' : 'psi';
  if (declared.method !== undefined && declared.method !== method && declared.method !== 'psi')
    notes.push(`drift check: method ${declared.method} is not supported by the generated script; using PSI`);
  const threshold = positive(declared.threshold);
  const useThreshold = threshold !== undefined && (declared.method === undefined || declared.method === method);
  return {
    method,
    psiThreshold: method === 'psi' && useThreshold ? threshold : DEFAULT_PSI_THRESHOLD,
    ksThreshold: method === 'ks' && useThreshold ? threshold : DEFAULT_KS_THRESHOLD,
    fromManifest: useThreshold,
    features: (declared.features ?? []).map(oneLine).filter((f) => f !== ''),
  };
}

/** Five cron fields of the characters cron uses; anything else falls back to the default, said so. */
function cronOf(schedule: string | undefined, notes: string[]): string {
  if (schedule === undefined) return DEFAULT_RETRAIN_SCHEDULE;
  const trimmed = schedule.trim();
  if (/^[0-9*,\/-]+( [0-9A-Za-z*,\/-]+){4}$/.test(trimmed)) return trimmed;
  notes.push(
    `retraining.schedule "${oneLine(schedule)}" is not a 5-field cron expression; using ${DEFAULT_RETRAIN_SCHEDULE}`,
  );
  return DEFAULT_RETRAIN_SCHEDULE;
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
