/** Registers every Liftoff command, each through the same wrapper (see command-runner.ts). */
import type * as vscode from 'vscode';
import { CommandIds } from '../command-ids';
import { registerCommand } from '../command-runner';
import type { Logger } from '../logging';
import type { NotebookAnalyzer } from '../notebook-analyzer';
import { analyzeWorkspace } from './analyze-workspace';
import { refreshReadiness } from './refresh-readiness';
import { revealFinding } from './reveal-finding';

export interface CommandDeps {
  log: Logger;
  analyzer: NotebookAnalyzer;
}

export function registerCommands(context: vscode.ExtensionContext, deps: CommandDeps): void {
  registerCommand(context, deps.log, CommandIds.analyzeWorkspace, analyzeWorkspace(deps.analyzer));
  registerCommand(context, deps.log, CommandIds.refreshReadiness, refreshReadiness(deps.analyzer));
  registerCommand(context, deps.log, CommandIds.revealFinding, revealFinding(deps.log));
}
