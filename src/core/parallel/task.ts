/** One notebook analysed from its text: what each worker thread, or the caller in-process, runs. */
import type { FactsCache } from '../analysis/cache';
import { analyzeNotebookText } from '../analyze';
import type { AnalysisResult, AnalysisTask } from './protocol';

export function analyzeTask(task: AnalysisTask, factsCache: FactsCache): AnalysisResult {
  const ruleErrors: string[] = [];
  const findings = analyzeNotebookText(task.path, task.text, {
    cache: factsCache,
    severity: task.severity,
    project: task.project,
    onRuleError: (rule, error) =>
      ruleErrors.push(`${rule.name}: ${error instanceof Error ? error.message : String(error)}`),
  });
  return { id: task.id, findings, ruleErrors };
}
