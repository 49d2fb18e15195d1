/**
 * Keeps findings in step with the editor: analyse on open (and every notebook already open at
 * activation), debounced on change, at once on save; forget on close; redo on settings change.
 */
import * as vscode from 'vscode';
import { affectsLiftoff, readConfig } from './config';
import type { Logger } from './logging';
import { NOTEBOOK_GLOB, type NotebookAnalyzer } from './notebook-analyzer';

export interface NotebookEventsDeps {
  analyzer: NotebookAnalyzer;
  log: Logger;
}

const CELL_SCHEME = 'vscode-notebook-cell';

export function registerNotebookAnalysis(context: vscode.ExtensionContext, deps: NotebookEventsDeps): void {
  const { analyzer } = deps;
  // Closed notebooks analysed from disk stay current when files change under them (git checkout, sync).
  const files = vscode.workspace.createFileSystemWatcher(NOTEBOOK_GLOB);
  context.subscriptions.push(
    files,
    files.onDidCreate((uri) => analyzer.fileChanged(uri)),
    files.onDidChange((uri) => analyzer.fileChanged(uri)),
    files.onDidDelete((uri) => analyzer.fileDeleted(uri)),
    vscode.workspace.onDidOpenNotebookDocument((doc) => analyzer.analyzeOpen(doc)),
    vscode.workspace.onDidChangeNotebookDocument((e) => analyzer.schedule(e.notebook)),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.document.uri.scheme !== CELL_SCHEME || e.contentChanges.length === 0) return;
      const notebook = notebookOfCell(e.document);
      if (notebook) analyzer.schedule(notebook);
    }),
    vscode.workspace.onDidSaveNotebookDocument((doc) => analyzer.analyzeOpen(doc)),
    vscode.workspace.onDidCloseNotebookDocument((doc) => analyzer.closed(doc)),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (affectsLiftoff(e)) onConfigurationChanged(deps);
    }),
  );
  // After activate() returns: the first analysis loads the core (dist/engine.js), which activation must not wait for.
  const timer = setTimeout(() => {
    for (const doc of vscode.workspace.notebookDocuments) void analyzer.analyzeOpen(doc);
  }, 0);
  context.subscriptions.push({ dispose: () => clearTimeout(timer) });
}

function onConfigurationChanged({ analyzer, log }: NotebookEventsDeps): void {
  if (!readConfig().enable) {
    log.info('liftoff.enable is off: clearing findings');
    analyzer.reset();
    return;
  }
  log.info('Settings changed: re-analysing');
  analyzer.reanalyzeAll().catch((err: unknown) => log.error('Re-analysis after a settings change failed', err));
}

function notebookOfCell(cellDoc: vscode.TextDocument): vscode.NotebookDocument | undefined {
  return vscode.workspace.notebookDocuments.find((nb) => nb.getCells().some((c) => c.document === cellDoc));
}
