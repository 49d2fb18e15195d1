/**
 * The current ReadinessReport of the first workspace folder, rebuilt (debounced) when a relevant file
 * changes or an analysis lands in the FindingsStore. The snapshot is the CLI's (core collect.ts wants the
 * same files), read through the caching WorkspaceProject; notebooks are parsed and analysed once per text,
 * and a notebook the editor has analysed uses the editor's live findings (unsaved edits included).
 */
import * as vscode from 'vscode';
import { analyzeNotebookText, type SeverityOverrides } from '../core/analyze';
import type { Finding } from '../core/findings';
import { readNotebook } from '../core/notebook/read';
import { loadManifest } from '../core/project/load';
import { MANIFEST_FILE } from '../core/project/manifest';
import { buildReadiness } from '../core/readiness/build';
import { isTestFile, wantsText } from '../core/readiness/files';
import type { NotebookInput, ReadinessReport, WorkspaceSnapshot } from '../core/readiness/types';
import type { FindingsStore } from './findings-store';
import { errorMessage, type Logger } from './logging';
import { WorkspaceProject } from './workspace-port';

export interface ReadinessModelDeps {
  store: FindingsStore;
  log: Logger;
  /** Quiet time after the last change before rebuilding. */
  debounceMs?: number;
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
  private timer: ReturnType<typeof setTimeout> | undefined;
  private building: Promise<void> | undefined;
  private again = false;
  private readonly changed = new vscode.EventEmitter<ReadinessReport | undefined>();
  private readonly disposables: vscode.Disposable[] = [this.changed];

  /** Fires after every rebuild. */
  readonly onDidChange = this.changed.event;

  constructor(private readonly deps: ReadinessModelDeps) {
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (!folder) return;
    this.project = new WorkspaceProject(folder.uri);
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, '**/*'));
    this.disposables.push(
      watcher,
      watcher.onDidCreate((uri) => this.fileEvent(uri, 'created')),
      watcher.onDidChange((uri) => this.fileEvent(uri, 'changed')),
      watcher.onDidDelete((uri) => this.fileEvent(uri, 'deleted')),
      deps.store.onDidChange(() => this.schedule()),
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
    if (reset) this.project?.reset();
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

  dispose(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
  }

  private fileEvent(uri: vscode.Uri, kind: 'created' | 'changed' | 'deleted'): void {
    const relative = this.project?.fileEvent(uri, kind);
    if (relative === undefined) return;
    // A changed file matters only when readiness reads it; a new or deleted one may change any file rule.
    if (kind === 'changed' && !wantsText(relative) && !relative.endsWith('.ipynb') && !isTestFile(relative)) return;
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
      const live = this.deps.store.get(project.uri(path));
      notebooks.push(live ? { ...input, findings: live.findings.map((f) => withFile(f, path)) } : input);
    }
    for (const path of this.analysed.keys()) if (!files.includes(path)) this.analysed.delete(path);
    return { files, texts, notebooks };
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
    const read = readNotebook(path, text);
    const findings = analyzeNotebookText(path, text, { severity: rules });
    const input: NotebookInput = read.ok ? { path, notebook: read.notebook, findings } : { path, findings };
    this.analysed.set(path, { text, severity, input });
    return input;
  }
}

/** Findings from the store name the notebook by its display path; readiness wants the project path. */
function withFile(finding: Finding, file: string): Finding {
  return finding.file === file ? finding : { ...finding, file };
}
