/**
 * `liftoff.readiness.refresh`: analyses again what the Readiness view shows: the whole workspace if it
 * was analysed (so new and deleted notebooks are picked up), otherwise the open notebooks; then rebuilds
 * the checklist from a fresh listing of the workspace (file caches forgotten).
 */
import type { NotebookAnalyzer } from '../notebook-analyzer';
import type { ReadinessModel } from '../readiness-model';

export function refreshReadiness(analyzer: NotebookAnalyzer, readiness: ReadinessModel) {
  return async (): Promise<void> => {
    await analyzer.refresh();
    await readiness.rebuild(true);
  };
}
