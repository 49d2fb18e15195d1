/**
 * The current ReadinessReport of the first workspace folder, rebuilt (debounced) when a relevant file
 * changes or an analysis lands in the FindingsStore. The snapshot is the CLI's (core collect.ts wants the
 * same files), read through the caching WorkspaceProject; notebooks are parsed and analysed once per text,
 * and a notebook with unsaved edits uses the editor's live findings. A saved notebook is scored from disk
 * with liftoff.yaml's rule settings, exactly as `liftoff readiness` scores it, so the view and the CLI agree
 * (the editor's diagnostics follow the `liftoff.rules` setting, which the CLI cannot see). Model lineage
 * (core evidence-lineage.ts) links the model files to the cells of those same parsed notebooks, with file
 * times from the workspace and git history only in trusted local folders (kept per notebook until it changes).
 */
import * as vscode from 'vscode';
import { FactsCache } from '../core/analysis/cache';
import type { SeverityOverrides } from '../core/analyze';
import type { Finding } from '../core/findings';
import { artifactKind } from '../core/models/discover';
import { gitHistory } from '../core/models/lineage/git';
import { loadManifest } from '../core/project/load';
import { MANIFEST_FILE } from '../core/project/manifest';
import type { ArtifactReport } from '../core/models/inspect';
import { buildReadiness } from '../core/readiness/build';
import { analyseNotebookText, collectModels, type ProjectPort } from '../core/readiness/collect';
import { CachedHistory, collectLineage } from '../core/readiness/evidence-lineage';
import { isTestFile, wantsText } from '../core/readiness/files';
import type { NotebookInput, ReadinessReport, WorkspaceSnapshot } from '../core/readiness/types';
import type { FindingsStore } from './findings-store';
import { errorMessage, type Logger } from './logging';
import { inspectModelUri, type ModelReports } from './model-reports';
import { WorkspaceProject } from './workspace-port';

export interface ReadinessModelDeps {
  store: FindingsStore;
  log: Logger;
  /** Quiet time after the last change before rebuilding. */
  debounceMs?: number;
  /** Reports the ONNX editor and Inspect Model made (with the probe and benchmark when run): used first. */
  models?: ModelReports;
  /** The workspace folder scored (default: the first); readiness-folders.ts makes one model per folder. */
  folder?: vscode.WorkspaceFolder;
}

interface AnalysedText {
  text: string;
  severity: string;
  input: NotebookInput;
}

export class ReadinessModel implements vscode.Disposable {
  private current: ReadinessReport | undefined;
  private project: WorkspaceProject | undefined;
  private readonly analysed = new Map<string, AnalysedText>();
  /** Header reads and pickle scans of model files, by relative path, until the file changes. */
  private readonly scanned = new Map<string, ArtifactReport>();
  /**
   * Cell facts of the notebooks read (analysis and lineage share them; unchanged cells are not parsed
   * again), and the notebooks' committed versions for lineage (git, trusted local folders only, kept until
   * a notebook changes). Both made on first use: constructing a model must not load the core engine.
   */
  private factsCache: FactsCache | undefined;
  private history: CachedHistory | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private building: Promise<void> | undefined;
  private again = false;
  private readonly changed = new vscode.EventEmitter<ReadinessReport | undefined>();
  private readonly disposables: vscode.Disposable[] = [this.changed];
  /** The workspace folder's name ('' without a folder). */
  readonly name: string = '';

  /** Fires after every rebuild. */
  readonly onDidChange = this.changed.event;

  constructor(private readonly deps: ReadinessModelDeps) {
    const folder = deps.folder ?? vscode.workspace.workspaceFolders?.[0];
    if (!folder) return;
    this.name = folder.name;
    this.project = new WorkspaceProject(folder.uri);
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, '**/*'));
    this.disposables.push(
      watcher,
      watcher.onDidCreate((uri) => this.fileEvent(uri, 'created')),
      watcher.onDidChange((uri) => this.fileEvent(uri, 'changed')),
      watcher.onDidDelete((uri) => this.fileEvent(uri, 'deleted')),
      deps.store.onDidChange((change) => {
        if (change === undefined || this.project?.relative(change.uri) !== undefined) this.schedule();
      }),
    );
    if (deps.models) this.disposables.push(deps.models.onDidSet(() => this.schedule()));
    this.disposables.push(
      vscode.workspace.onDidGrantWorkspaceTrust(() => {
        this.history = undefined;
        this.schedule();
      }),
    );
  }

  /** The latest report; undefined before the first build or without a workspace folder. */
  get report(): ReadinessReport | undefined {
    return this.current;
  }

  get folder(): vscode.Uri | undefined {
    return this.project?.folder;
  }

  /** Rebuilds after the quiet time; calls during the wait restart it. */
  schedule(): void {
    if (!this.project) return;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.rebuild();
    }, this.deps.debounceMs ?? 250);
  }

  /** Rebuilds now; `reset` forgets every cached listing and text first (the Refresh command). */
  async rebuild(reset = false): Promise<void> {
    if (reset) {
      this.project?.reset();
      this.history = undefined;
    }
    if (this.building) {
      this.again = true;
      return this.building;
    }
    this.building = this.build().finally(() => (this.building = undefined));
    await this.building;
    if (this.again) {
      this.again = false;
      await this.rebuild();
    }
  }

  /** A command wrote this file: forget its cached text (the watcher may report it later) and rebuild now. */
  async fileWritten(uri: vscode.Uri, created: boolean): Promise<void> {
    this.project?.fileEvent(uri, created ? 'created' : 'changed');
    await this.rebuild();
  }

  dispose(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
  }

  private fileEvent(uri: vscode.Uri, kind: 'created' | 'changed' | 'deleted'): void {
    const relative = this.project?.fileEvent(uri, kind);
    if (relative === undefined) return;
    this.scanned.delete(relative);
    this.history?.forget(relative);
    // A changed file matters only when readiness reads it (a model file: its report and its time for
    // lineage); a new or deleted one may change any file rule.
    const read = wantsText(relative) || relative.endsWith('.ipynb') || isTestFile(relative);
    if (kind === 'changed' && !read && artifactKind(relative) === undefined) return;
    this.schedule();
  }

  private async build(): Promise<void> {
    const project = this.project;
    if (!project) return;
    try {
      this.current = buildReadiness(await this.snapshot(project));
      this.changed.fire(this.current);
    } catch (err) {
      this.deps.log.error(`Readiness failed: ${errorMessage(err)}`, err);
    }
  }

  private async snapshot(project: WorkspaceProject): Promise<WorkspaceSnapshot> {
    const files = (await project.listFiles()).sort();
    const texts: Record<string, string> = {};
    for (const file of files.filter(wantsText)) {
      const text = await project.readText(file).catch(() => undefined);
      if (text !== undefined) texts[file] = text;
    }
    const severity = loadManifest(texts[MANIFEST_FILE]).manifest.rules;
    const notebooks: NotebookInput[] = [];
    for (const path of files.filter((f) => f.toLowerCase().endsWith('.ipynb'))) {
      const input = await this.notebookInput(project, path, severity);
      const live = this.unsavedFindings(project.uri(path));
      notebooks.push(live ? { ...input, findings: live.findings.map((f) => withFile(f, path)) } : input);
    }
    for (const path of this.analysed.keys()) if (!files.includes(path)) this.analysed.delete(path);
    const port: ProjectPort = {
      listFiles: () => project.listFiles(),
      readText: (path: string) => project.readText(path),
      inspectModel: (path: string) => this.modelReport(project, path),
      mtimeMs: async (path: string) => (await vscode.workspace.fs.stat(project.uri(path))).mtime,
      history: async () => (this.history ??= this.newHistory()),
    };
    const lineage = await collectLineage(port, files, notebooks, this.facts);
    return { files, texts, notebooks, models: await collectModels(port, files), ...(lineage ? { lineage } : {}) };
  }

  private get facts(): FactsCache {
    return (this.factsCache ??= new FactsCache());
  }

  /** git runs only in trusted workspaces on local folders (Restricted Mode executes nothing). */
  private newHistory(): CachedHistory {
    return new CachedHistory(async () => {
      const folder = this.project?.folder;
      if (!folder || folder.scheme !== 'file' || !vscode.workspace.isTrusted) return undefined;
      return gitHistory(folder.fsPath);
    });
  }

  /** The editor's latest report of a model file, else a header read or pickle scan (nothing is run). */
  private async modelReport(project: WorkspaceProject, path: string): Promise<ArtifactReport> {
    const uri = project.uri(path);
    const shown = this.deps.models?.lastReport(uri);
    if (shown) return shown;
    const cached = this.scanned.get(path);
    if (cached) return cached;
    const report = await inspectModelUri(uri, false);
    this.scanned.set(path, report);
    return report;
  }

  /** The editor's findings for a notebook open with unsaved edits; undefined when what is on disk is current. */
  private unsavedFindings(uri: vscode.Uri) {
    const open = vscode.workspace.notebookDocuments.find((d) => d.uri.toString() === uri.toString());
    return open?.isDirty ? this.deps.store.get(uri) : undefined;
  }

  /** Parse and analysis of a notebook on disk, cached by its text and liftoff.yaml's rule settings. */
  private async notebookInput(
    project: WorkspaceProject,
    path: string,
    rules: SeverityOverrides,
  ): Promise<NotebookInput> {
    const text = await project.readText(path).catch(() => '');
    const severity = JSON.stringify(rules);
    const cached = this.analysed.get(path);
    if (cached && cached.text === text && cached.severity === severity) return cached.input;
    const input = analyseNotebookText(path, text, rules, this.facts);
    this.analysed.set(path, { text, severity, input });
    return input;
  }
}

/** Findings from the store name the notebook by its display path; readiness wants the project path. */
function withFile(finding: Finding, file: string): Finding {
  return finding.file === file ? finding : { ...finding, file };
}
