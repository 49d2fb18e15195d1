/** One entry point for "what is this model file?": the header and runtime probe for ONNX, the scan for pickles. */
import { artifactKind, type ArtifactKind } from './discover';
import type { CapacityProjection } from './capacity';
import type { ArtifactLineage } from './lineage/link';
import { readOnnxHeader, type OnnxHeaderReport } from './onnx/header';
import { probeOnnx, type ProbeOptions } from './onnx/probe';
import type { ProbeReport } from './onnx/probe-types';
import { scanPickleArtifact, type PickleScanReport } from './pickle/scan';
import type { ByteSource } from './source';

export interface ArtifactReport {
  path: string;
  kind: ArtifactKind | 'unknown';
  fileBytes: number;
  header?: OnnxHeaderReport;
  probe?: ProbeReport;
  pickle?: PickleScanReport;
  /** Which notebook cell writes the file and whether the file is stale (set by faces that look at the workspace). */
  lineage?: ArtifactLineage;
  /** Cores needed for liftoff.yaml's volume and latency budget, from the benchmark (faces that read the manifest). */
  capacity?: CapacityProjection;
  /** Set for formats Liftoff recognises but does not inspect yet. */
  note?: string;
  /** The headline: the model failed to load, or a pickle names dangerous imports or could not be scanned. */
  failed: boolean;
}

/** A model that loads but rejects made-up inputs still loads: that is not a failure of the file. */
function probeRan(probe: ProbeReport): boolean {
  if (probe.status === 'ok') return true;
  return (
    probe.status === 'run-failed' &&
    (probe.failure === 'synthetic-input-rejected' || probe.failure === 'unsupported-input')
  );
}

const PICKLE_KINDS: ReadonlySet<string> = new Set(['pickle', 'joblib', 'torch']);

export async function inspectArtifact(
  filePath: string,
  source: ByteSource,
  probe: ProbeOptions | false,
): Promise<ArtifactReport> {
  const kind = artifactKind(filePath) ?? 'unknown';
  const report: ArtifactReport = { path: filePath, kind, fileBytes: source.size, failed: false };
  if (kind === 'onnx') {
    report.header = await readOnnxHeader(source);
    if (report.header.ok && probe !== false) report.probe = await probeOnnx(filePath, probe);
    report.failed = !report.header.ok || (report.probe !== undefined && !probeRan(report.probe));
  } else if (PICKLE_KINDS.has(kind)) {
    report.pickle = await scanPickleArtifact(source, { name: filePath });
    report.failed = report.pickle.dangerous.length > 0 || !report.pickle.complete;
  } else {
    report.note =
      kind === 'unknown' ? 'not a model format Liftoff knows' : `${kind} files are recognised but not inspected yet`;
  }
  return report;
}
