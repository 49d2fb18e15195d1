/** Liftoff's entry point. activate() only wires the features together (ARCHITECTURE.md, rule 8). */
import type * as vscode from 'vscode';
import { RULES } from '../core/rules/registry';
import { registerCodeActions } from './code-actions';
import { registerCommands } from './commands';
import { registerDiagnostics } from './diagnostics';
import { FindingsStore } from './findings-store';
import { createLogger } from './logging';
import { NotebookAnalyzer } from './notebook-analyzer';
import { registerNotebookAnalysis } from './notebook-events';
import { registerReadinessView, type ReadinessProvider } from './readiness-view';

/**
 * What activate() returns, i.e. `vscode.extensions.getExtension('liftoff.liftoff')?.exports`.
 * Integration tests read the editor's state through it.
 */
export interface LiftoffApi {
  /** Data provider of the Readiness view: `getChildren()` / `getTreeItem()` give what the view shows. */
  readonly readiness: ReadinessProvider;
  /** Latest findings per notebook; `onDidChange` fires after every analysis. */
  readonly findings: FindingsStore;
}

export function activate(context: vscode.ExtensionContext): LiftoffApi {
  const log = createLogger(context);
  const store = new FindingsStore();
  const analyzer = new NotebookAnalyzer(store, log);
  context.subscriptions.push(store, analyzer);

  registerDiagnostics(context, { store });
  registerCodeActions(context, { store });
  const readiness = registerReadinessView(context, { store, rules: RULES });
  registerCommands(context, { log, analyzer });
  // Last: it analyses the notebooks already open, and everything above must be listening by then.
  registerNotebookAnalysis(context, { analyzer, log });
  return { readiness, findings: store };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
