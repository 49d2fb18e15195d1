/**
 * Analyses many notebooks on worker threads. Parsing dominates the cost and notebooks are independent,
 * so a workspace or CI run scales with the cores; a handful of notebooks is analysed in-process,
 * where starting threads would cost more than it saves.
 */
import { availableParallelism, loadavg } from 'node:os';
import { Worker } from 'node:worker_threads';
import { FactsCache } from '../analysis/cache';
import type { SeverityOverrides } from '../analyze';
import type { ProjectInfo } from '../project/project-info';
import type { AnalysisResult, AnalysisTask } from './protocol';
import { analyzeTask } from './task';

export interface NotebookText {
  path: string;
  text: string;
  /** This notebook's rule settings (its liftoff.yaml); replaces `PoolOptions.severity` when given. */
  severity?: SeverityOverrides;
  /** The project around this notebook (see core/project/context.ts). */
  project?: ProjectInfo;
}

export interface PoolOptions {
  /** Worker threads to use; 1 or less analyses in-process. */
  workers: number;
  /** Path of the bundled worker entry (dist/analysis-worker.js next to the CLI bundle). */
  workerScript: string;
  severity?: SeverityOverrides;
  /**
   * Below this much notebook text, threads are not worth starting. When left to the default, threads
   * are also skipped while the machine has no idle core (see `hasIdleCore`); passing a value (tests,
   * benchmarks) makes the caller's choice final.
   */
  minParallelBytes?: number;
  /**
   * The facts cache of analyses in this thread (workers keep their own): a caller that analyses the same
   * notebooks again (`check --min-score`'s readiness) passes one to both.
   */
  cache?: FactsCache;
}

const DEFAULT_MIN_PARALLEL_BYTES = 2_000_000;

/**
 * Each worker is a fresh V8 isolate that loads the bundle and JIT-compiles the whole analysis again
 * (its first pass over a corpus runs about 2x slower than a warm thread), and the notebook texts are
 * copied to it. That only pays off when the threads really run side by side: on a busy machine (load
 * average at or above the core count, as on shared CI runners) two threads get one core between them
 * and the pool is slower than analysing in-process (measured on the 112-notebook corpus, 2 cores,
 * load 3-5: 2.4-3.0 s in-process vs 3.9-6.0 s on 2 workers, both from a cold process).
 */
function hasIdleCore(): boolean {
  const [load1] = loadavg();
  // loadavg() is [0, 0, 0] where the platform has none (Windows): assume idle cores.
  return load1 === undefined || availableParallelism() - load1 >= 1;
}

/** Results in input order. A worker that dies fails the call with its error; findings never go missing silently. */
export async function analyzeNotebookTexts(
  inputs: readonly NotebookText[],
  opts: PoolOptions,
): Promise<AnalysisResult[]> {
  const bytes = inputs.reduce((n, f) => n + f.text.length, 0);
  const workers = Math.min(opts.workers, inputs.length);
  const small = bytes < (opts.minParallelBytes ?? DEFAULT_MIN_PARALLEL_BYTES);
  if (workers <= 1 || small || (opts.minParallelBytes === undefined && !hasIdleCore())) {
    const cache = opts.cache ?? new FactsCache();
    return inputs.map((f, id) => analyzeTask(toTask(f, id, opts), cache));
  }
  const tasks: AnalysisTask[] = inputs.map((f, id) => toTask(f, id, opts));
  // Largest first, handed out one at a time, keeps both threads busy until the end.
  const queue = [...tasks].sort((a, b) => b.text.length - a.text.length);
  const results: AnalysisResult[] = new Array(tasks.length);
  const threads = Array.from({ length: workers }, () => new Worker(opts.workerScript));
  try {
    await Promise.all(threads.map((thread) => drain(thread, queue, results)));
  } finally {
    await Promise.all(threads.map((t) => t.terminate()));
  }
  return results;
}

function toTask(input: NotebookText, id: number, opts: PoolOptions): AnalysisTask {
  return { id, ...input, severity: input.severity ?? opts.severity };
}

function drain(thread: Worker, queue: AnalysisTask[], results: AnalysisResult[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const next = (): void => {
      const task = queue.shift();
      if (task === undefined) resolve();
      else thread.postMessage(task);
    };
    thread.on('message', (result: AnalysisResult) => {
      results[result.id] = result;
      next();
    });
    thread.on('error', reject);
    thread.on('exit', (code) => {
      if (queue.length > 0 || code !== 0) reject(new Error(`analysis worker exited with code ${code}`));
    });
    next();
  });
}
