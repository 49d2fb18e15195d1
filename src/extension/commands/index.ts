/** Registers every Liftoff command, each through the same wrapper (see command-runner.ts). */
import type * as vscode from 'vscode';
import { CommandIds } from '../command-ids';
import { registerCommand } from '../command-runner';
import type { Logger } from '../logging';
import type { ModelReportPanels } from '../model-panel';
import type { NotebookAnalyzer } from '../notebook-analyzer';
import type { ScaffoldDeps } from '../scaffold-flow';
import { analyzeWorkspace } from './analyze-workspace';
import { inspectModel } from './inspect-model';
import { refreshReadiness } from './refresh-readiness';
import { revealFinding } from './reveal-finding';
import { scaffoldDeployment } from './scaffold-deployment';
import { scaffoldPart } from './scaffold-part';

export interface CommandDeps {
  log: Logger;
  analyzer: NotebookAnalyzer;
  modelPanels: ModelReportPanels;
  scaffold: ScaffoldDeps;
}

export function registerCommands(context: vscode.ExtensionContext, deps: CommandDeps): void {
  registerCommand(context, deps.log, CommandIds.analyzeWorkspace, analyzeWorkspace(deps.analyzer));
  registerCommand(context, deps.log, CommandIds.refreshReadiness, refreshReadiness(deps.analyzer));
  registerCommand(context, deps.log, CommandIds.revealFinding, revealFinding(deps.log));
  registerCommand(context, deps.log, CommandIds.inspectModel, inspectModel(deps.modelPanels));
  registerCommand(context, deps.log, CommandIds.scaffoldDeployment, scaffoldDeployment(deps.scaffold));
  registerCommand(context, deps.log, CommandIds.scaffoldDocker, scaffoldPart(deps.scaffold, 'docker'));
  registerCommand(context, deps.log, CommandIds.scaffoldRequirements, scaffoldPart(deps.scaffold, 'requirements'));
  registerCommand(context, deps.log, CommandIds.scaffoldServing, scaffoldPart(deps.scaffold, 'serving'));
  registerCommand(context, deps.log, CommandIds.scaffoldCi, scaffoldPart(deps.scaffold, 'ci'));
}
