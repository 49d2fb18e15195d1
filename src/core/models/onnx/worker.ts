/**
 * The child process that loads onnxruntime-node (bundled as dist/onnx-worker.js). It receives one
 * ProbeRequest over IPC, creates a session, runs the smoke test and the optional benchmark, sends
 * progress and one result, then exits. A watchdog stops it when its memory passes the cap.
 */
import type * as Ort from 'onnxruntime-node';
import type {
  BenchmarkResult,
  LatencyStats,
  OutputCheck,
  ProbeRequest,
  RuntimeValue,
  SmokeResult,
  WorkerMessage,
} from './probe-types';
import { classifyRuntimeError } from './probe-errors';
import { concreteDims, hasDynamicBatch, percentile, syntheticInput, UnsupportedInputError } from './synthetic';

type Feeds = Record<string, Ort.Tensor>;

function send(message: WorkerMessage): void {
  process.send?.(message);
}

process.once('message', (request: ProbeRequest) => {
  watchMemory(request.maxRssBytes);
  probe(request).then(
    () => process.exit(0),
    (error: unknown) => {
      send({ type: 'result', report: { status: 'crashed', reason: String(error), failure: 'other' } });
      process.exit(0);
    },
  );
});

function watchMemory(maxRss: number): void {
  const timer = setInterval(() => {
    const rss = process.memoryUsage.rss();
    if (rss > maxRss) {
      send({ type: 'oom', rss });
      process.exit(3);
    }
  }, 50);
  timer.unref();
}

async function probe(request: ProbeRequest): Promise<void> {
  send({ type: 'progress', phase: 'loading the runtime', fraction: 0 });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ort = require('onnxruntime-node') as typeof Ort;
  const runtimeVersion = ort.env.versions.node ?? ort.env.versions.common;
  const started = performance.now();
  let session: Ort.InferenceSession;
  try {
    const options: Ort.InferenceSession.SessionOptions = { logSeverityLevel: 3, graphOptimizationLevel: 'all' };
    if (request.intraOpThreads !== undefined) options.intraOpNumThreads = request.intraOpThreads;
    session = await ort.InferenceSession.create(request.modelPath, options);
  } catch (error) {
    const { failure, reason } = classifyRuntimeError(String((error as Error)?.message ?? error));
    send({ type: 'result', report: { status: 'load-failed', failure, reason, runtimeVersion } });
    return;
  }
  const loadMs = performance.now() - started;
  const inputs = session.inputMetadata.map(toRuntimeValue);
  const outputs = session.outputMetadata.map(toRuntimeValue);
  const base = { runtimeVersion, loadMs, inputs, outputs };
  send({ type: 'progress', phase: 'smoke inference', fraction: 0.1 });
  let smoke: SmokeResult;
  try {
    smoke = await smokeTest(ort, session, inputs, outputs);
  } catch (error) {
    const message = String((error as Error)?.message ?? error);
    const guesses = guessedInputs(inputs);
    const classified =
      error instanceof UnsupportedInputError
        ? { failure: 'unsupported-input' as const, reason: message }
        : guesses.length > 0
          ? {
              failure: 'synthetic-input-rejected' as const,
              reason: `the smoke run on synthetic inputs failed, maybe because Liftoff had to guess (${guesses.join('; ')}): ${classifyRuntimeError(message).reason}`,
            }
          : classifyRuntimeError(message);
    send({ type: 'result', report: { ...base, status: 'run-failed', ...classified } });
    return;
  }
  const benchmark = request.bench ? await runBenchmark(ort, session, inputs, fetchable(outputs), request) : undefined;
  send({ type: 'result', report: { ...base, status: 'ok', smoke, ...(benchmark ? { benchmark } : {}) } });
}

/** What the synthetic feeds had to make up: unnamed non-batch dims (set to 1) and integer values (0). */
function guessedInputs(inputs: readonly RuntimeValue[]): string[] {
  const guesses: string[] = [];
  for (const input of inputs) {
    const unknown = input.shape.map((d, i) => (i > 0 && typeof d !== 'number' ? i : -1)).filter((i) => i >= 0);
    if (unknown.length > 0) guesses.push(`${input.name} dims ${unknown.join(',')} set to 1`);
    if (/int/.test(input.type)) guesses.push(`${input.name} filled with 0`);
  }
  return guesses;
}

function toRuntimeValue(meta: Ort.InferenceSession.ValueMetadata): RuntimeValue {
  if (!meta.isTensor) return { name: meta.name, type: 'non-tensor', shape: [] };
  return { name: meta.name, type: meta.type, shape: [...meta.shape] };
}

function fetchable(outputs: readonly RuntimeValue[]): string[] {
  return outputs.filter((o) => o.type !== 'non-tensor').map((o) => o.name);
}

function makeFeeds(ort: typeof Ort, inputs: readonly RuntimeValue[], batch: number): Feeds {
  const feeds: Feeds = {};
  for (const input of inputs) {
    const t = syntheticInput(input, batch);
    feeds[input.name] = new ort.Tensor(t.type as 'float32', t.data as Float32Array, t.dims);
  }
  return feeds;
}

async function smokeTest(
  ort: typeof Ort,
  session: Ort.InferenceSession,
  inputs: readonly RuntimeValue[],
  outputs: readonly RuntimeValue[],
): Promise<SmokeResult> {
  const feeds = makeFeeds(ort, inputs, 1);
  const fetches = fetchable(outputs);
  const t0 = performance.now();
  const first = await session.run(feeds, fetches);
  const ms = performance.now() - t0;
  const second = await session.run(feeds, fetches);
  return {
    ms,
    feeds: inputs.map((i) => ({ name: i.name, type: i.type, dims: concreteDims(i.shape, 1) })),
    outputs: fetches.map((name) => checkOutput(name, first[name]!)),
    skippedOutputs: outputs.filter((o) => o.type === 'non-tensor').map((o) => o.name),
    deterministic: fetches.every((name) => sameTensor(first[name]!, second[name]!)),
  };
}

function checkOutput(name: string, tensor: Ort.Tensor): OutputCheck {
  let nan = 0;
  let inf = 0;
  if (tensor.type === 'float32' || tensor.type === 'float64') {
    for (const v of tensor.data as Float32Array) {
      if (Number.isNaN(v)) nan++;
      else if (!Number.isFinite(v)) inf++;
    }
  }
  return { name, type: tensor.type, dims: [...tensor.dims], nan, inf };
}

function sameTensor(a: Ort.Tensor, b: Ort.Tensor): boolean {
  if (a.type !== b.type || a.dims.join() !== b.dims.join()) return false;
  if (Array.isArray(a.data)) return (a.data as string[]).join('\u0000') === (b.data as string[]).join('\u0000');
  const x = a.data as ArrayLike<number>;
  const y = b.data as ArrayLike<number>;
  const bytesA = new Uint8Array(
    (x as Float32Array).buffer,
    (x as Float32Array).byteOffset,
    (x as Float32Array).byteLength,
  );
  const bytesB = new Uint8Array(
    (y as Float32Array).buffer,
    (y as Float32Array).byteOffset,
    (y as Float32Array).byteLength,
  );
  return Buffer.compare(bytesA, bytesB) === 0;
}

async function runBenchmark(
  ort: typeof Ort,
  session: Ort.InferenceSession,
  inputs: readonly RuntimeValue[],
  fetches: string[],
  request: ProbeRequest,
): Promise<BenchmarkResult> {
  const dynamic = hasDynamicBatch(inputs);
  const batches = dynamic ? request.batchSizes : [1];
  const runs: LatencyStats[] = [];
  for (const [i, batch] of batches.entries()) {
    send({ type: 'progress', phase: `benchmark, batch ${batch}`, fraction: 0.2 + (0.8 * i) / batches.length });
    const feeds = makeFeeds(ort, inputs, batch);
    for (let w = 0; w < request.warmup; w++) await session.run(feeds, fetches);
    const samples: number[] = [];
    const until = performance.now() + request.benchBudgetMs;
    while (samples.length < request.maxIterations && (samples.length < 5 || performance.now() < until)) {
      const t0 = performance.now();
      await session.run(feeds, fetches);
      samples.push(performance.now() - t0);
    }
    runs.push(stats(batch, samples));
  }
  const note = dynamic ? undefined : 'the batch dimension is fixed, so only the model as given was timed';
  const threads = request.intraOpThreads !== undefined ? { intraOpThreads: request.intraOpThreads } : {};
  return { warmup: request.warmup, ...threads, runs, ...(note ? { note } : {}) };
}

function stats(batch: number, samples: number[]): LatencyStats {
  const sorted = [...samples].sort((a, b) => a - b);
  const total = samples.reduce((a, b) => a + b, 0);
  return {
    batch,
    iterations: samples.length,
    meanMs: total / samples.length,
    p50Ms: percentile(sorted, 50),
    p95Ms: percentile(sorted, 95),
    p99Ms: percentile(sorted, 99),
    throughput: (batch * samples.length) / (total / 1000),
  };
}
