/**
 * How many CPU cores it takes to serve the volume `liftoff.yaml` expects within its latency budget, from the
 * measured benchmark. The arithmetic, documented in docs/models.md ("Cores needed"):
 *
 * - peak rate = predictionsPerDay / 86,400 s × peak factor. liftoff.yaml has no peak factor, so traffic is
 *   assumed to peak at 3× the daily average (a common rule of thumb for daytime-heavy traffic); the
 *   projection says it assumed this.
 * - usable batch sizes: p95 at that batch fits the budget, and, above batch 1, enough requests arrive at the
 *   peak rate to fill a batch in the time the budget leaves after inference (dynamic batching waits at most
 *   budget − p95). Without a budget every measured batch size counts.
 * - cores = ceil(peak rate / (best per-core throughput among usable batches × 70% target utilisation)), at
 *   least one. The benchmark runs onnxruntime with one intra-op thread, so its rows/s are per core.
 *
 * A projection, not a promise: it leaves out request parsing, network and the serving framework.
 */
import type { ProjectManifest } from '../project/manifest';
import type { BenchmarkResult, LatencyStats } from './onnx/probe-types';

export const SECONDS_PER_DAY = 86_400;
export const DEFAULT_PEAK_FACTOR = 3;
export const TARGET_UTILISATION = 0.7;

export interface CapacityInputs {
  predictionsPerDay?: number;
  latencyBudgetMs?: number;
  /** Peak-to-average ratio of the traffic; DEFAULT_PEAK_FACTOR when not given. */
  peakFactor?: number;
  /** serving.replicas, to split the cores per replica. */
  replicas?: number;
}

export type CapacityProjection =
  | {
      ok: true;
      predictionsPerDay: number;
      averagePerSecond: number;
      peakFactor: number;
      peakFactorAssumed: boolean;
      peakPerSecond: number;
      latencyBudgetMs?: number;
      /** The batch size the projection serves with, and its measured p95 and per-core rows/s. */
      batch: number;
      p95Ms: number;
      perCoreThroughput: number;
      utilisation: number;
      cores: number;
      replicas?: number;
      coresPerReplica?: number;
      /** One sentence for people. */
      summary: string;
    }
  /** overBudget: even the fastest batch misses the latency budget (a finding, not missing input). */
  | { ok: false; reason: string; overBudget?: boolean };

export function projectCores(inputs: CapacityInputs, benchmark: BenchmarkResult | undefined): CapacityProjection {
  const volume = inputs.predictionsPerDay;
  if (volume === undefined) return { ok: false, reason: 'set business.predictionsPerDay in liftoff.yaml' };
  if (!benchmark || benchmark.runs.length === 0) return { ok: false, reason: 'run the benchmark first' };
  const peakFactor = inputs.peakFactor ?? DEFAULT_PEAK_FACTOR;
  const averagePerSecond = volume / SECONDS_PER_DAY;
  const peakPerSecond = averagePerSecond * peakFactor;
  const budget = inputs.latencyBudgetMs;
  const usable = benchmark.runs.filter((r) => fits(r, budget, peakPerSecond));
  if (usable.length === 0) {
    const fastest = [...benchmark.runs].sort((a, b) => a.p95Ms - b.p95Ms)[0]!;
    return {
      ok: false,
      overBudget: true,
      reason:
        `p95 at batch ${fastest.batch} is ${round(fastest.p95Ms)} ms, over the ${budget} ms latency budget: ` +
        'more cores do not help; make the model faster (smaller, quantised) or revisit business.latencyBudgetMs',
    };
  }
  const best = usable.reduce((a, b) => (b.throughput > a.throughput ? b : a));
  const cores = Math.max(1, Math.ceil(peakPerSecond / (best.throughput * TARGET_UTILISATION)));
  const projection: CapacityProjection = {
    ok: true,
    predictionsPerDay: volume,
    averagePerSecond,
    peakFactor,
    peakFactorAssumed: inputs.peakFactor === undefined,
    peakPerSecond,
    ...(budget !== undefined ? { latencyBudgetMs: budget } : {}),
    batch: best.batch,
    p95Ms: best.p95Ms,
    perCoreThroughput: best.throughput,
    utilisation: TARGET_UTILISATION,
    cores,
    summary: '',
  };
  if (inputs.replicas !== undefined && inputs.replicas > 0) {
    projection.replicas = inputs.replicas;
    projection.coresPerReplica = Math.ceil(cores / inputs.replicas);
  }
  projection.summary = summaryOf(projection);
  return projection;
}

function fits(r: LatencyStats, budget: number | undefined, peakPerSecond: number): boolean {
  if (budget === undefined) return true;
  if (r.p95Ms > budget) return false;
  // A batch of b needs b requests within the wait the budget leaves after inference.
  return r.batch <= 1 || peakPerSecond * ((budget - r.p95Ms) / 1000) >= r.batch;
}

function summaryOf(p: Extract<CapacityProjection, { ok: true }>): string {
  const peak = `${round(p.peakPerSecond)}/s at peak (${p.peakFactor}× the daily average${p.peakFactorAssumed ? ', assumed' : ''})`;
  const per = `${Math.round(p.perCoreThroughput).toLocaleString('en-US')} rows/s per core at batch ${p.batch}`;
  const budget = p.latencyBudgetMs !== undefined ? `, p95 ${round(p.p95Ms)} ms within ${p.latencyBudgetMs} ms` : '';
  const replicas = p.coresPerReplica !== undefined ? ` (${p.coresPerReplica} per replica × ${p.replicas})` : '';
  const cores = `${p.cores} core${p.cores === 1 ? '' : 's'}${replicas}`;
  return `${cores} for ${p.predictionsPerDay.toLocaleString('en-US')} predictions/day: ${peak}, ${per}${budget}, at ${Math.round(p.utilisation * 100)}% utilisation`;
}

function round(n: number): string {
  return n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2);
}

/** The projection for a manifest's business goal and serving replicas. */
export function projectCoresFor(manifest: ProjectManifest, benchmark: BenchmarkResult | undefined): CapacityProjection {
  const { predictionsPerDay, latencyBudgetMs } = manifest.business;
  return projectCores(
    {
      ...(predictionsPerDay !== undefined ? { predictionsPerDay } : {}),
      ...(latencyBudgetMs !== undefined ? { latencyBudgetMs } : {}),
      ...(manifest.serving.replicas !== undefined ? { replicas: manifest.serving.replicas } : {}),
    },
    benchmark,
  );
}
