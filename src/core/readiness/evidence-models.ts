/**
 * Model reports as readiness evidence: what the ONNX header reader, the onnxruntime probe (smoke run and
 * benchmark) and the pickle scanner said about the artifacts in the project. Pure: reports in, facts out.
 * Faces gather the reports (collect.ts: header and pickle scan always; probe and benchmark when asked or
 * when the editor already has them).
 */
import { artifactKind } from '../models/discover';
import type { ArtifactReport } from '../models/inspect';

/** The artifact kinds readiness inspects: ONNX (header, probe) and the pickle family (scan). */
const INSPECTED: ReadonlySet<string> = new Set(['onnx', 'pickle', 'joblib', 'torch']);
/** A project with more model files than this is inspected on the first ones only (sorted by path). */
export const MAX_INSPECTED_MODELS = 50;

/** The files readiness asks a face to inspect. */
export function inspectedModels(files: readonly string[]): string[] {
  return files.filter((f) => INSPECTED.has(artifactKind(f) ?? '')).slice(0, MAX_INSPECTED_MODELS);
}

export interface ModelLatency {
  path: string;
  batch: number;
  p95Ms: number;
}

export interface ModelFacts {
  reports: readonly ArtifactReport[];
  /** Pickle, joblib or PyTorch files whose scan names imports that run code when loaded. */
  unsafePickles: ArtifactReport[];
  /** ONNX files that are valid and, when probed, load and run in onnxruntime. */
  servable: ArtifactReport[];
  /** ONNX files that are not valid models, or that onnxruntime could not load or run. */
  broken: ArtifactReport[];
  /** ONNX files whose smoke run produced NaN or infinite values, with the outputs concerned. */
  nonFinite: { path: string; outputs: string[] }[];
  /** The smallest benchmarked batch of each benchmarked ONNX file (batch 1 when measured). */
  latency: ModelLatency[];
}

/** Why a probe that ran is still fine: the model loads, only the made-up inputs were rejected. */
function probeRan(report: ArtifactReport): boolean {
  const probe = report.probe;
  if (probe === undefined || probe.status === 'ok') return true;
  return (
    probe.status === 'run-failed' &&
    (probe.failure === 'synthetic-input-rejected' || probe.failure === 'unsupported-input')
  );
}

export function modelFacts(reports: readonly ArtifactReport[]): ModelFacts {
  const onnx = reports.filter((r) => r.kind === 'onnx');
  const facts: ModelFacts = {
    reports,
    unsafePickles: reports.filter((r) => (r.pickle?.dangerous.length ?? 0) > 0),
    servable: onnx.filter((r) => r.header?.ok === true && probeRan(r)),
    broken: onnx.filter((r) => r.header?.ok !== true || !probeRan(r)),
    nonFinite: [],
    latency: [],
  };
  for (const r of onnx) {
    const bad = (r.probe?.smoke?.outputs ?? []).filter((o) => o.nan > 0 || o.inf > 0).map((o) => o.name);
    if (bad.length > 0) facts.nonFinite.push({ path: r.path, outputs: bad });
    const runs = [...(r.probe?.benchmark?.runs ?? [])].sort((a, b) => a.batch - b.batch);
    if (runs[0] !== undefined) facts.latency.push({ path: r.path, batch: runs[0].batch, p95Ms: runs[0].p95Ms });
  }
  return facts;
}

/** Why an ONNX file is broken, in a few words. */
export function brokenReason(report: ArtifactReport): string {
  if (report.header && !report.header.ok) return report.header.reason;
  return report.probe?.reason ?? `the onnxruntime probe ended with ${report.probe?.status ?? 'an error'}`;
}

/** `os.system, builtins.eval` */
export function dangerousImports(report: ArtifactReport): string {
  return [...new Set((report.pickle?.dangerous ?? []).map((d) => d.ref))].join(', ');
}

export const ms = (n: number): string => `${n.toLocaleString('en-US', { maximumFractionDigits: 2 })} ms`;
