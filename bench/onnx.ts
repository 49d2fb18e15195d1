/**
 * ONNX: header inspection time on a small and a ~100 MB model (the reader must not touch the weights),
 * and the overhead of Liftoff's benchmark harness (child process) against a plain onnxruntime-node loop
 * on the same model, same batch sizes, measured side by side.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { fileSource } from '../src/cli/file-source';
import { readOnnxHeader } from '../src/core/models/onnx/header';
import { probeOnnx } from '../src/core/models/onnx/probe';
import { median, percentile } from './stats';

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
  harnessP50Ms: number;
  plainP50Ms: number;
  ratio: number;
}

/** The same model, batch sizes and iteration count in Liftoff's probe and in a plain loop. */
async function harnessOverhead(model: string, n: number, batches: number[]): Promise<HarnessResult[]> {
  const report = await probeOnnx(model, {
    bench: true,
    batchSizes: batches,
    intraOpThreads: 1,
    timeoutMs: 300_000,
    workerPath: join(__dirname, 'onnx-worker.js'),
  });
  if (report.benchmark === undefined) throw new Error(`probe failed: ${report.reason ?? report.status}`);
  const session = await ort.InferenceSession.create(model, {
    logSeverityLevel: 3,
    graphOptimizationLevel: 'all',
    intraOpNumThreads: 1,
  });
  const results: HarnessResult[] = [];
  for (const run of report.benchmark.runs) {
    const feeds = { X: new ort.Tensor('float32', new Float32Array(run.batch * n).fill(0.5), [run.batch, n]) };
    for (let i = 0; i < report.benchmark.warmup; i++) await session.run(feeds);
    const times: number[] = [];
    for (let i = 0; i < run.iterations; i++) {
      const t0 = performance.now();
      await session.run(feeds);
      times.push(performance.now() - t0);
    }
    const plain = percentile(times, 50);
    results.push({ model, batch: run.batch, harnessP50Ms: run.p50Ms, plainP50Ms: plain, ratio: run.p50Ms / plain });
  }
  await session.release();
  return results;
}

export async function benchOnnx(
  rounds: number,
): Promise<{ header: HeaderResult[]; harness: HarnessResult[] } | undefined> {
  const small = 'test/fixtures/models/matmul-add.onnx';
  const big = generatedModel(5000);
  const mid = generatedModel(512);
  if (big === undefined || mid === undefined) return undefined;
  const header = [await headerTime(small, rounds), await headerTime(big, rounds)];
  const harness = await harnessOverhead(mid, 512, [1, 8, 64]);
  return { header, harness };
}
