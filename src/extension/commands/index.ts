/** Registers every Liftoff command, each through the same wrapper (see command-runner.ts). */
import type * as vscode from 'vscode';
import { CATALOG } from '../../core/scaffold/catalog';
import { CommandIds, scaffoldPartCommand } from '../command-ids';
import { registerCommand } from '../command-runner';
import type { Logger } from '../logging';
import type { ModelReportPanels } from '../model-panel';
import type { NotebookAnalyzer } from '../notebook-analyzer';
import type { ReadinessFolders } from '../readiness-folders';
import type { ReadinessProvider } from '../readiness-view';
import type { ScaffoldDeps } from '../scaffold-flow';
import { analyzeWorkspace } from './analyze-workspace';
import { attestItem } from './attest-item';
import { defineBusinessGoal } from './define-business';
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
  readiness: { model: ReadinessFolders; provider: ReadinessProvider };
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
  for (const part of CATALOG) {
    registerCommand(context, deps.log, scaffoldPartCommand(part.id), scaffoldPart(deps.scaffold, part.id));
  }
  registerReadinessCommands(context, deps);
}

function registerReadinessCommands(context: vscode.ExtensionContext, deps: CommandDeps): void {
  const { model, provider } = deps.readiness;
  registerCommand(context, deps.log, CommandIds.revealReadinessItem, revealItem(provider));
  registerCommand(context, deps.log, CommandIds.fixReadinessItem, fixItem(provider));
  registerCommand(context, deps.log, CommandIds.scaffoldReadinessItem, scaffoldItem());
  registerCommand(context, deps.log, CommandIds.attestReadinessItem, attestItem(model));
  registerCommand(context, deps.log, CommandIds.openManifest, openManifest(model));
  registerCommand(context, deps.log, CommandIds.defineBusinessGoal, defineBusinessGoal(model));
}
