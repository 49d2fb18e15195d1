/** Registers every Liftoff command, each through the same wrapper (see command-runner.ts). */
import type * as vscode from 'vscode';
import { CommandIds } from '../command-ids';
import { registerCommand } from '../command-runner';
import type { Logger } from '../logging';
import type { ModelReportPanels } from '../model-panel';
import type { NotebookAnalyzer } from '../notebook-analyzer';
import type { ReadinessModel } from '../readiness-model';
import type { ReadinessProvider } from '../readiness-view';
import type { ScaffoldDeps } from '../scaffold-flow';
import { analyzeWorkspace } from './analyze-workspace';
import { attestItem } from './attest-item';
import { fixItem } from './fix-item';
import { inspectModel } from './inspect-model';
import { openManifest } from './open-manifest';
import { refreshReadiness } from './refresh-readiness';
import { revealFinding } from './reveal-finding';
import { revealItem } from './reveal-item';
import { scaffoldDeployment } from './scaffold-deployment';
import { scaffoldItem } from './scaffold-item';
import { scaffoldPart } from './scaffold-part';

export interface CommandDeps {
  log: Logger;
  analyzer: NotebookAnalyzer;
  modelPanels: ModelReportPanels;
  scaffold: ScaffoldDeps;
  readiness: { model: ReadinessModel; provider: ReadinessProvider };
}

export function registerCommands(context: vscode.ExtensionContext, deps: CommandDeps): void {
  registerCommand(context, deps.log, CommandIds.analyzeWorkspace, analyzeWorkspace(deps.analyzer));
  registerCommand(
    context,
    deps.log,
    CommandIds.refreshReadiness,
    refreshReadiness(deps.analyzer, deps.readiness.model),
  );
  registerCommand(context, deps.log, CommandIds.revealFinding, revealFinding(deps.log));
  registerCommand(context, deps.log, CommandIds.inspectModel, inspectModel(deps.modelPanels));
  registerCommand(context, deps.log, CommandIds.scaffoldDeployment, scaffoldDeployment(deps.scaffold));
  registerCommand(context, deps.log, CommandIds.scaffoldDocker, scaffoldPart(deps.scaffold, 'docker'));
  registerCommand(context, deps.log, CommandIds.scaffoldRequirements, scaffoldPart(deps.scaffold, 'requirements'));
  registerCommand(context, deps.log, CommandIds.scaffoldServing, scaffoldPart(deps.scaffold, 'serving'));
  registerCommand(context, deps.log, CommandIds.scaffoldCi, scaffoldPart(deps.scaffold, 'ci'));
  registerReadinessCommands(context, deps);
}

function registerReadinessCommands(context: vscode.ExtensionContext, deps: CommandDeps): void {
  const { model, provider } = deps.readiness;
  registerCommand(context, deps.log, CommandIds.revealReadinessItem, revealItem(provider));
  registerCommand(context, deps.log, CommandIds.fixReadinessItem, fixItem(provider));
  registerCommand(context, deps.log, CommandIds.scaffoldReadinessItem, scaffoldItem());
  registerCommand(context, deps.log, CommandIds.attestReadinessItem, attestItem(model));
  registerCommand(context, deps.log, CommandIds.openManifest, openManifest());
}
