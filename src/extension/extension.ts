/** Liftoff's entry point. activate() only wires the features together (ARCHITECTURE.md, rule 8). */
import type * as vscode from 'vscode';
import { registerCodeActions } from './code-actions';
import { registerCommands } from './commands';
import { registerDiagnostics } from './diagnostics';
import { FindingsStore } from './findings-store';
import { createLogger } from './logging';
import { registerModelEditor } from './model-editor';
import { ModelReportPanels } from './model-panel';
import { ModelReports } from './model-reports';
import { NotebookAnalyzer } from './notebook-analyzer';
import { WorkspaceContexts } from './project-context';
import { registerNotebookAnalysis } from './notebook-events';
import { ReadinessFolders } from './readiness-folders';
import { registerReadinessView, type ReadinessProvider } from './readiness-view';
import { registerScaffoldPreview } from './scaffold-preview';
import { registerStatusBar } from './status-bar';

/**
 * What activate() returns, i.e. `vscode.extensions.getExtension('liftoff.liftoff')?.exports`.
 * Integration tests read the editor's state through it.
 */
export interface LiftoffApi {
  /**
   * Data provider of the Readiness view: `getChildren()` / `getTreeItem()` give what the view shows,
   * `report` the ReadinessReport of the first workspace folder (rebuilt, debounced, as files and analyses
   * change; with several folders, each is a root row of the view).
   */
  readonly readiness: ReadinessProvider;
  /** The status-bar item's text, e.g. `Liftoff: 0` ('' while there is no report). */
  statusBarText(): string;
  /** Latest findings per notebook; `onDidChange` fires after every analysis. */
  readonly findings: FindingsStore;
  /**
   * Model reports shown by the ONNX editor (`liftoff.onnxInspector`) and "Inspect Model":
   * `lastReport(uri)` is the latest ArtifactReport for that file (header first, then with the probe and
   * lineage); `lastPage(uri)` the HTML last rendered for it.
   */
  readonly models: Pick<ModelReports, 'lastReport' | 'lastPage'>;
  /** The scaffold preview's documents: `planned(uri)` is what the latest plan would write there. */
  readonly scaffold: { planned(uri: vscode.Uri): string | undefined };
}

export function activate(context: vscode.ExtensionContext): LiftoffApi {
  const log = createLogger(context);
  const store = new FindingsStore();
  const projects = new WorkspaceContexts(log);
  const analyzer = new NotebookAnalyzer(store, log, projects);
  context.subscriptions.push(store, analyzer, projects);
  // liftoff.yaml or a dependency declaration changed: only the notebooks under that folder run again.
  projects.onDidChange((folder) => void analyzer.reanalyzeUnder(folder), undefined, context.subscriptions);

  registerDiagnostics(context, { store });
  registerCodeActions(context, { store });
  const models = new ModelReports();
  const readinessFolders = new ReadinessFolders({ store, log, models });
  context.subscriptions.push(readinessFolders);
  const readiness = registerReadinessView(context, readinessFolders);
  const statusBar = registerStatusBar(context, readinessFolders);
  const modelPanels = new ModelReportPanels(models);
  context.subscriptions.push(modelPanels);
  registerModelEditor(context, { reports: models, log });
  const { name, version } = context.extension.packageJSON as { name: string; version: string };
  const scaffold = {
    log,
    preview: registerScaffoldPreview(context),
    extensionUri: context.extensionUri,
    liftoffPackage: `${name}@${version}`,
  };
  registerCommands(context, {
    log,
    analyzer,
    scaffold,
    modelPanels,
    readiness: { model: readinessFolders, provider: readiness },
  });
  // Last: it queues the analysis of the notebooks already open, and everything above must be listening by then.
  registerNotebookAnalysis(context, { analyzer, log });
  return {
    readiness,
    statusBarText: () => statusBar.text(),
    findings: store,
    models,
    scaffold: { planned: (uri) => scaffold.preview.planned(uri) },
  };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
