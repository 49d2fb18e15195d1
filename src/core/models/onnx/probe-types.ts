/** What the ONNX probe reports, and the messages between the probe and its child process. */

export interface RuntimeValue {
  name: string;
  /** `float32`, `int64`, `string`...; `non-tensor` for sequences and maps (sklearn's ZipMap). */
  type: string;
  /** Dimensions as the runtime sees them: numbers, or symbolic names for dynamic ones. */
  shape: Array<number | string>;
}

export interface OutputCheck {
  name: string;
  type: string;
  dims: number[];
  nan: number;
  inf: number;
}

export interface SmokeResult {
  ms: number;
  feeds: Array<{ name: string; type: string; dims: number[] }>;
  outputs: OutputCheck[];
  /** Outputs onnxruntime-node cannot return (non-tensor, e.g. ZipMap's list of dicts): not fetched. */
  skippedOutputs: string[];
  /** Same input, same output, bit for bit, over two runs. */
  deterministic: boolean;
}

export interface LatencyStats {
  batch: number;
  iterations: number;
  meanMs: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  /** Rows per second at this batch size, from the timed runs. */
  throughput: number;
}

export interface BenchmarkResult {
  warmup: number;
  /** onnxruntime's intra-op threads during the runs (1 by default: rows/s per core); absent = runtime default. */
  intraOpThreads?: number;
  runs: LatencyStats[];
  /** Why some batch sizes were left out (e.g. a fixed batch dimension). */
  note?: string;
}

export type ProbeStatus = 'ok' | 'load-failed' | 'run-failed' | 'timeout' | 'cancelled' | 'out-of-memory' | 'crashed';

export type ProbeFailure =
  | 'external-data-missing'
  | 'unsupported-opset'
  | 'unsupported-operator'
  | 'not-onnx'
  | 'invalid-model'
  | 'unsupported-input'
  /** The model loads; the made-up inputs were rejected (feature count or values guessed). */
  | 'synthetic-input-rejected'
  | 'other';

export interface ProbeReport {
  status: ProbeStatus;
  /** A sentence for people, when status is not ok. */
  reason?: string;
  failure?: ProbeFailure;
  runtimeVersion?: string;
  loadMs?: number;
  inputs?: RuntimeValue[];
  outputs?: RuntimeValue[];
  smoke?: SmokeResult;
  benchmark?: BenchmarkResult;
  /** onnxruntime's own messages (stderr), kept out of Liftoff's output. */
  runtimeLog: string[];
  /** Wall time of the whole probe, child start included. */
  elapsedMs: number;
}

export interface ProbeRequest {
  modelPath: string;
  bench: boolean;
  batchSizes: number[];
  /** Per batch size: stop timing after this long or this many runs, whichever comes first. */
  benchBudgetMs: number;
  maxIterations: number;
  warmup: number;
  /** Resident memory above which the child stops itself (out of memory). */
  maxRssBytes: number;
  intraOpThreads?: number;
}

export type WorkerMessage =
  | { type: 'progress'; phase: string; fraction: number }
  | { type: 'result'; report: Omit<ProbeReport, 'runtimeLog' | 'elapsedMs'> }
  | { type: 'oom'; rss: number };
