/**
 * Runs an ONNX model in onnxruntime-node inside a child process (ARCHITECTURE.md, rule 5): a
 * hostile, broken or huge model can crash, hang or eat memory there, never in the editor or CLI.
 * The child gets a timeout, a JS heap cap and an RSS watchdog; its stderr (onnxruntime's log) is
 * collected into the report, never printed. Cancel through an AbortSignal.
 */
import { fork } from 'node:child_process';
import * as path from 'node:path';
import { runtimeLogLines } from './probe-errors';
import type { ProbeReport, ProbeRequest, WorkerMessage } from './probe-types';

export interface ProbeOptions {
  bench?: boolean;
  batchSizes?: number[];
  /** Whole probe, child start to result. */
  timeoutMs?: number;
  maxMemoryMb?: number;
  benchBudgetMs?: number;
  maxIterations?: number;
  warmup?: number;
  intraOpThreads?: number;
  signal?: AbortSignal;
  onProgress?: (phase: string, fraction: number) => void;
  /** The worker script; defaults to onnx-worker.js next to the running bundle. */
  workerPath?: string;
  /** Extra node flags for the child (tests load the TypeScript worker through tsx). */
  execArgv?: string[];
}

const MAX_STDERR = 64 * 1024;

/** dist/onnx-worker.js next to the bundle; from sources (tests run TypeScript via tsx), the worker's .ts. */
export function defaultWorker(): { path: string; execArgv: string[] } {
  if (__filename.endsWith('.ts')) return { path: path.join(__dirname, 'worker.ts'), execArgv: ['--import', 'tsx'] };
  return { path: path.join(__dirname, 'onnx-worker.js'), execArgv: [] };
}

export function probeOnnx(modelPath: string, options: ProbeOptions = {}): Promise<ProbeReport> {
  const started = Date.now();
  const maxMemoryMb = options.maxMemoryMb ?? 2048;
  const request: ProbeRequest = {
    modelPath,
    bench: options.bench ?? false,
    batchSizes: options.batchSizes ?? [1, 8, 64],
    benchBudgetMs: options.benchBudgetMs ?? 1500,
    maxIterations: options.maxIterations ?? 1000,
    warmup: options.warmup ?? 10,
    maxRssBytes: maxMemoryMb * 1024 * 1024,
    // A benchmark runs on one intra-op thread, so its rows/s are per core (capacity.ts projects cores from them).
    ...(options.intraOpThreads !== undefined || options.bench ? { intraOpThreads: options.intraOpThreads ?? 1 } : {}),
  };
  const timeoutMs = options.timeoutMs ?? (request.bench ? 120_000 : 30_000);
  return new Promise((resolve) => {
    let stderr = '';
    let settled = false;
    const finish = (report: Omit<ProbeReport, 'runtimeLog' | 'elapsedMs'>): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      if (child.exitCode === null) child.kill('SIGKILL');
      resolve({ ...report, runtimeLog: runtimeLogLines(stderr), elapsedMs: Date.now() - started });
    };
    const worker = defaultWorker();
    const child = fork(options.workerPath ?? worker.path, [], {
      execArgv: [
        `--max-old-space-size=${Math.max(64, Math.floor(maxMemoryMb / 2))}`,
        ...(options.execArgv ?? worker.execArgv),
      ],
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      if (stderr.length < MAX_STDERR) stderr += chunk.toString('utf8');
    });
    child.stdout?.resume();
    child.on('message', (message: WorkerMessage) => {
      if (message.type === 'progress') options.onProgress?.(message.phase, message.fraction);
      else if (message.type === 'oom') {
        finish({
          status: 'out-of-memory',
          reason: `the runtime passed the ${maxMemoryMb} MB memory cap and was stopped`,
        });
      } else finish(message.report);
    });
    child.on('error', (error) =>
      finish({ status: 'crashed', reason: `the runtime process failed to start: ${error.message}` }),
    );
    child.on('exit', (code, signal) => finish({ status: 'crashed', reason: crashReason(code, signal, stderr) }));
    const timer = setTimeout(
      () =>
        finish({
          status: 'timeout',
          reason: `the runtime did not finish within ${Math.round(timeoutMs / 1000)} s and was stopped`,
        }),
      timeoutMs,
    );
    const onAbort = (): void => finish({ status: 'cancelled', reason: 'cancelled' });
    if (options.signal?.aborted) onAbort();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    if (!settled) child.send(request);
  });
}

function crashReason(code: number | null, signal: NodeJS.Signals | null, stderr: string): string {
  const last = runtimeLogLines(stderr).slice(-1)[0];
  const how = signal !== null ? `was killed by ${signal}` : `exited with code ${code}`;
  if (/heap out of memory|Allocation failed/i.test(stderr)) return 'the runtime ran out of memory';
  return `the runtime process ${how}${last ? `: ${last}` : ''}`;
}
