/**
 * Analyses many notebooks on worker threads. Parsing dominates the cost and notebooks are independent,
 * so a workspace or CI run scales with the cores; a handful of notebooks is analysed in-process,
 * where starting threads would cost more than it saves.
 */
import { Worker } from 'node:worker_threads';
import { FactsCache } from '../analysis/cache';
import type { SeverityOverrides } from '../analyze';
import type { AnalysisResult, AnalysisTask } from './protocol';
import { analyzeTask } from './task';

export interface NotebookText {
  path: string;
  text: string;
}

export interface PoolOptions {
  /** Worker threads to use; 1 or less analyses in-process. */
  workers: number;
  /** Path of the bundled worker entry (dist/analysis-worker.js next to the CLI bundle). */
  workerScript: string;
  severity?: SeverityOverrides;
  /** Below this much notebook text, threads are not worth starting. */
  minParallelBytes?: number;
}

const DEFAULT_MIN_PARALLEL_BYTES = 2_000_000;

/** Results in input order. A worker that dies fails the call with its error; findings never go missing silently. */
export async function analyzeNotebookTexts(inputs: readonly NotebookText[], opts: PoolOptions): Promise<AnalysisResult[]> {
  const bytes = inputs.reduce((n, f) => n + f.text.length, 0);
  const workers = Math.min(opts.workers, inputs.length);
  if (workers <= 1 || bytes < (opts.minParallelBytes ?? DEFAULT_MIN_PARALLEL_BYTES)) {
    const cache = new FactsCache();
    return inputs.map((f, id) => analyzeTask({ id, ...f, severity: opts.severity }, cache));
  }
  const tasks: AnalysisTask[] = inputs.map((f, id) => ({ id, ...f, severity: opts.severity }));
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
