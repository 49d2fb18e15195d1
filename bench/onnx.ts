/**
 * ONNX: header inspection time on a small and a ~100 MB model (the reader must not touch the weights),
 * and the overhead of Liftoff's benchmark harness (child process) against a plain onnxruntime-node loop
 * on the same model, same batch sizes, measured side by side in alternating rounds (`npx tsx bench/onnx.ts`
 * runs just this part).
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileSource } from '../src/core/models/source';
import { readOnnxHeader } from '../src/core/models/onnx/header';
import { probeOnnx } from '../src/core/models/onnx/probe';
import { median } from './stats';

const WORK = join(tmpdir(), 'liftoff-bench-models');

/** Generated with the repo's fixture script (Debian python3-onnx); undefined when that is not available. */
function generatedModel(n: number): string | undefined {
  const path = join(WORK, `matmul-${n}.onnx`);
  if (existsSync(path)) return path;
  mkdirSync(WORK, { recursive: true });
  try {
    execFileSync('/usr/bin/python3', ['scripts/make-model-fixtures.py', '--big', path, String(n)], { stdio: 'pipe' });
    return path;
  } catch {
    return undefined;
  }
}

export interface HeaderResult {
  model: string;
  bytes: number;
  headerMs: number;
  readWholeFileMs: number;
}

async function headerTime(model: string, rounds: number): Promise<HeaderResult> {
  const stat = await fs.stat(model);
  const header: number[] = [];
  const whole: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    const handle = await fs.open(model, 'r');
    try {
      const report = await readOnnxHeader(fileSource(handle, stat.size));
      if (!report.ok) throw new Error(`${model}: ${report.reason}`);
    } finally {
      await handle.close();
    }
    header.push(performance.now() - t0);
    const t1 = performance.now();
    await fs.readFile(model);
    whole.push(performance.now() - t1);
  }
  return { model, bytes: stat.size, headerMs: median(header), readWholeFileMs: median(whole) };
}

export interface HarnessResult {
  model: string;
  batch: number;
  /** Medians over the rounds of each side's p50. */
  harnessP50Ms: number;
  plainP50Ms: number;
  /** Median over the rounds of harness p50 ÷ plain p50 measured in the same round. */
  ratio: number;
  ratioMin: number;
  ratioMax: number;
  rounds: number;
}

/**
 * A plain onnxruntime-node loop in a fresh child process of its own, so both sides start alike (new process,
 * new session, cold caches); run with `node -e` from the repository root, where onnxruntime-node resolves.
 */
const PLAIN_LOOP = `
const ort = require('onnxruntime-node');
process.once('message', async ({ model, n, warmup, runs }) => {
  const session = await ort.InferenceSession.create(model, { logSeverityLevel: 3, graphOptimizationLevel: 'all', intraOpNumThreads: 1 });
  const p50 = [];
  for (const { batch, iterations } of runs) {
    const feeds = { X: new ort.Tensor('float32', new Float32Array(batch * n).fill(0.5), [batch, n]) };
    for (let i = 0; i < warmup; i++) await session.run(feeds);
    const times = [];
    for (let i = 0; i < iterations; i++) { const t0 = performance.now(); await session.run(feeds); times.push(performance.now() - t0); }
    times.sort((a, b) => a - b);
    p50.push(times[Math.floor(times.length / 2)]);
  }
  process.send(p50, () => process.exit(0));
});`;

function plainLoop(model: string, n: number, warmup: number, runs: Array<{ batch: number; iterations: number }>) {
  return new Promise<number[]>((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', PLAIN_LOOP], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    child.once('message', (p50) => resolve(p50 as number[]));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? undefined : reject(new Error(`plain loop exited with ${code}`))));
    child.send({ model, n, warmup, runs });
  });
}

/** Both sides run exactly this many timed runs per batch size, after the same warm-up. */
const ITERATIONS = 500;
const WARMUP = 10;

/**
 * Liftoff's probe against a plain loop on the same model, batch sizes and iteration counts, side by side:
 * each round runs both, one after the other, each in a fresh child process, and the ratio is taken within
 * the round; the result is the median over the rounds. (A single sequential comparison against a warm
 * in-process session, as before, measured the machine's load between the two phases: 1.15 at batch 64.)
 */
async function harnessOverhead(model: string, n: number, batches: number[], rounds: number): Promise<HarnessResult[]> {
  const bundled = join(__dirname, 'onnx-worker.js');
  const perRound: Array<Array<{ harness: number; plain: number }>> = [];
  for (let round = 0; round < rounds; round++) {
    // Alternate which side goes first, so a trend in the machine's load does not favour one side.
    const plainFirst = round % 2 === 1;
    const runs = batches.map((batch) => ({ batch, iterations: ITERATIONS }));
    let plain = plainFirst ? await plainLoop(model, n, WARMUP, runs) : [];
    const report = await probeOnnx(model, {
      bench: true,
      batchSizes: batches,
      intraOpThreads: 1,
      warmup: WARMUP,
      maxIterations: ITERATIONS,
      benchBudgetMs: 60_000,
      timeoutMs: 300_000,
      ...(existsSync(bundled) ? { workerPath: bundled, execArgv: [] } : {}),
    });
    const bench = report.benchmark;
    if (bench === undefined) throw new Error(`probe failed: ${report.reason ?? report.status}`);
    if (!plainFirst) plain = await plainLoop(model, n, WARMUP, runs);
    perRound.push(bench.runs.map((r, i) => ({ harness: r.p50Ms, plain: plain[i]! })));
  }
  return batches.map((batch, i) => {
    const ratios = perRound.map((r) => r[i]!.harness / r[i]!.plain);
    return {
      model,
      batch,
      harnessP50Ms: median(perRound.map((r) => r[i]!.harness)),
      plainP50Ms: median(perRound.map((r) => r[i]!.plain)),
      ratio: median(ratios),
      ratioMin: Math.min(...ratios),
      ratioMax: Math.max(...ratios),
      rounds,
    };
  });
}

export async function benchOnnx(
  rounds: number,
): Promise<{ header: HeaderResult[]; harness: HarnessResult[] } | undefined> {
  const small = 'test/fixtures/models/matmul-add.onnx';
  const big = generatedModel(5000);
  const mid = generatedModel(512);
  if (big === undefined || mid === undefined) return undefined;
  const header = [await headerTime(small, rounds), await headerTime(big, rounds)];
  const harness = await harnessOverhead(mid, 512, [1, 8, 64], Math.max(3, Math.min(rounds, 9)));
  return { header, harness };
}

/** `npx tsx bench/onnx.ts`: the ONNX part alone (BENCH_ROUNDS rounds, default 7). */
// Not `require.main === module`: inside the bench bundle (out/bench/main.js) that is true as well.
if (/[\\/]bench[\\/]onnx\.ts$/.test(process.argv[1] ?? '')) {
  void benchOnnx(Number(process.env.BENCH_ROUNDS ?? 7)).then((r) => {
    if (!r) return console.log('ONNX: skipped (no /usr/bin/python3 with onnx to generate the models)');
    console.table(r.header);
    console.table(
      r.harness.map((h) => ({
        batch: h.batch,
        harness: h.harnessP50Ms.toFixed(3),
        plain: h.plainP50Ms.toFixed(3),
        ratio: h.ratio.toFixed(3),
        range: `${h.ratioMin.toFixed(2)}–${h.ratioMax.toFixed(2)}`,
        rounds: h.rounds,
      })),
    );
  });
}
