/**
 * `liftoff.readiness.refresh`: analyses again what the Readiness view shows: the whole workspace if it
 * was analysed (so new and deleted notebooks are picked up), otherwise the open notebooks; then rebuilds
 * the checklist of every workspace folder from a fresh listing (file caches forgotten).
 */
import type { NotebookAnalyzer } from '../notebook-analyzer';
import type { ReadinessFolders } from '../readiness-folders';

export function refreshReadiness(analyzer: NotebookAnalyzer, readiness: ReadinessFolders) {
  return async (): Promise<void> => {
    await analyzer.refresh();
    await readiness.rebuild(true);
  };
}
