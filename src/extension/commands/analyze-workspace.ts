/** `liftoff.workspace.analyze`: analyses every notebook in the workspace and says what it found. */
import * as vscode from 'vscode';
import { readConfig } from '../config';
import type { NotebookAnalyzer, WorkspaceSummary } from '../notebook-analyzer';

export function analyzeWorkspace(analyzer: NotebookAnalyzer) {
  return async (): Promise<WorkspaceSummary | undefined> => {
    if (!readConfig().enable) {
      void vscode.window.showInformationMessage('Liftoff is turned off (setting "liftoff.enable").');
      return undefined;
    }
    const summary = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: 'Liftoff: analysing notebooks', cancellable: false },
      () => analyzer.analyzeWorkspace(),
    );
    // Not awaited: the command resolves when the analysis is done, not when the message is dismissed.
    void vscode.window.showInformationMessage(summaryMessage(summary));
    return summary;
  };
}

function summaryMessage({ findings, notebooks, failed }: WorkspaceSummary): string {
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  const unreadable = failed > 0 ? ` (${plural(failed, 'notebook')} could not be read: see the Liftoff log)` : '';
  if (notebooks === 0 && failed === 0) return 'Liftoff found no notebooks in this workspace.';
  return `Liftoff found ${plural(findings, 'finding')} in ${plural(notebooks, 'notebook')}${unreadable}.`;
}
