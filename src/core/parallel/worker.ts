/**
 * Entry of an analysis worker thread (bundled as dist/analysis-worker.js). Each worker keeps its own
 * facts cache for the life of the pool, so cells repeated across notebooks are parsed once per worker.
 */
import { parentPort } from 'node:worker_threads';
import { FactsCache } from '../analysis/cache';
import type { AnalysisTask } from './protocol';
import { analyzeTask } from './task';

const cache = new FactsCache();

parentPort?.on('message', (task: AnalysisTask) => {
  parentPort?.postMessage(analyzeTask(task, cache));
});
