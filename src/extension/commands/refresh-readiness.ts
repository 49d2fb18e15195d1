/**
 * `liftoff.readiness.refresh`: analyses again what the Readiness view shows: the whole workspace if it
 * was analysed (so new and deleted notebooks are picked up), otherwise the open notebooks.
 */
import type { NotebookAnalyzer } from '../notebook-analyzer';

export function refreshReadiness(analyzer: NotebookAnalyzer) {
  return (): Promise<void> => analyzer.refresh();
}
