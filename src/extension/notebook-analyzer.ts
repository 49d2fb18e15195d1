/**
 * Runs the core analysis on open notebooks (live model, debounced) and on notebook files on disk,
 * and records the results in the FindingsStore. Only this class calls the core analysis.
 */
import * as vscode from 'vscode';
import { analyzeNotebook, analyzeNotebookText, type AnalyzeOptions } from '../core/analyze';
import { FactsCache } from '../core/analysis/cache';
import { mergeSeverity, type NotebookContext } from '../core/project/context';
import type { WorkspaceContexts } from './project-context';
import type { FindingsStore } from './findings-store';
import { readConfig, type LiftoffConfig } from './config';
import { errorMessage, type Logger } from './logging';
import { isAnalyzableNotebook, toCoreNotebook } from './notebook-model';

/** Notebooks Liftoff looks for in the workspace, and folders never worth reading. */
export const NOTEBOOK_GLOB = '**/*.ipynb';
export const NOTEBOOK_EXCLUDE = '**/{node_modules,.ipynb_checkpoints,.git}/**';

export interface WorkspaceSummary {
  notebooks: number;
  findings: number;
  /** Notebooks that could not be read at all (see the Liftoff log). */
  failed: number;
}

export class NotebookAnalyzer implements vscode.Disposable {
  /**
   * Cell facts by cell text: typing in one cell re-parses only that cell. Made on the first analysis:
   * the core (dist/engine.js) is loaded on first use, never during activation.
   */
  private factsCache: FactsCache | undefined;
  private readonly pending = new Map<string, ReturnType<typeof setTimeout>>();
  /** After a workspace analysis, closed notebooks stay in view (re-read from disk). */
  private workspaceAnalysed = false;
  /** The latest analysis started per notebook: an older one finishing later is dropped. */
  private readonly started = new Map<string, number>();
  private runs = 0;

  constructor(
    private readonly store: FindingsStore,
    private readonly log: Logger,
    /** liftoff.yaml rule settings and declared dependencies of each notebook's project. */
    private readonly contexts: WorkspaceContexts,
  ) {}

  /** Analyses an open notebook after the configured quiet time; later calls restart the wait. */
  schedule(doc: vscode.NotebookDocument): void {
    if (!isAnalyzableNotebook(doc)) return;
    this.cancel(doc.uri);
    const { debounceMs } = readConfig(doc.uri);
    const key = doc.uri.toString();
    this.pending.set(
      key,
      setTimeout(() => {
        this.pending.delete(key);
        void this.analyzeOpen(doc);
      }, debounceMs),
    );
  }

  /** Analyses an open notebook now, from its live cells (unsaved edits included). */
  async analyzeOpen(doc: vscode.NotebookDocument): Promise<void> {
    this.cancel(doc.uri);
    if (doc.isClosed || !isAnalyzableNotebook(doc)) return;
    const config = readConfig(doc.uri);
    if (!config.enable) return this.store.delete(doc.uri);
    const run = this.start(doc.uri);
    const context = await this.contexts.resolve(doc.uri);
    if (!this.isLatest(doc.uri, run) || doc.isClosed) return;
    const path = displayPath(doc.uri);
    try {
      // Incremental: the next analysis after an edit resumes the cross-cell dataflow at the edited cell.
      const options = { ...this.options(path, config, context), incremental: true };
      const findings = analyzeNotebook(toCoreNotebook(doc, path), options);
      const cells = doc.getCells();
      const cellUris = cells.map((c) => c.document.uri);
      const cellVersions = cells.map((c) => c.document.version);
      this.store.set({ uri: doc.uri, path, findings, cellUris, cellVersions });
    } catch (err) {
      this.log.error(`Analysis of ${path} failed: ${errorMessage(err)}`, err);
    }
  }

  /** Analyses a notebook file from disk; returns false when it could not be read at all. */
  async analyzeFile(uri: vscode.Uri): Promise<boolean> {
    const config = readConfig(uri);
    if (!config.enable) {
      this.store.delete(uri);
      return true;
    }
    const path = displayPath(uri);
    const run = this.start(uri);
    try {
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      const context = await this.contexts.resolve(uri);
      // The notebook may have been opened while we were reading: its live analysis wins.
      if (findOpenNotebook(uri) || !this.isLatest(uri, run)) return true;
      const findings = analyzeNotebookText(path, text, this.options(path, config, context));
      this.store.set({ uri, path, findings });
      return true;
    } catch (err) {
      this.log.error(`Could not analyse ${path}: ${errorMessage(err)}`, err);
      return false;
    }
  }

  /** Analyses every notebook in the workspace: open ones from the editor, the rest from disk. */
  async analyzeWorkspace(token?: vscode.CancellationToken): Promise<WorkspaceSummary> {
    const uris = await vscode.workspace.findFiles(NOTEBOOK_GLOB, NOTEBOOK_EXCLUDE, undefined, token);
    const found = new Set(uris.map((u) => u.toString()));
    let failed = 0;
    for (const uri of uris) {
      if (token?.isCancellationRequested) break;
      const open = findOpenNotebook(uri);
      if (open) await this.analyzeOpen(open);
      else if (!(await this.analyzeFile(uri))) failed++;
    }
    this.workspaceAnalysed = true;
    // Notebooks deleted since the last run would otherwise linger in the view.
    for (const entry of this.store.entries()) {
      if (!entry.cellUris && !found.has(entry.uri.toString())) this.store.delete(entry.uri);
    }
    const entries = uris.map((u) => this.store.get(u)).filter((e) => e !== undefined);
    const findings = entries.reduce((n, e) => n + e.findings.length, 0);
    this.log.info(`Workspace analysis: ${findings} findings in ${entries.length} notebooks (${failed} unreadable)`);
    return { notebooks: entries.length, findings, failed };
  }

  /** A notebook was closed: its cell URIs are gone; after a workspace analysis, fall back to disk. */
  closed(doc: vscode.NotebookDocument): void {
    this.cancel(doc.uri);
    if (!this.store.get(doc.uri)) return;
    this.store.delete(doc.uri);
    if (this.workspaceAnalysed && vscode.workspace.getWorkspaceFolder(doc.uri)) void this.analyzeFile(doc.uri);
  }

  /** A notebook file changed or appeared on disk: keep a workspace analysis current for closed notebooks. */
  fileChanged(uri: vscode.Uri): void {
    if (this.workspaceAnalysed && !findOpenNotebook(uri) && !isExcluded(uri)) void this.analyzeFile(uri);
  }

  /** A notebook file was deleted: an open notebook keeps its live analysis, anything else goes. */
  fileDeleted(uri: vscode.Uri): void {
    if (!findOpenNotebook(uri)) this.store.delete(uri);
  }

  /** The Refresh command: the whole workspace again if it was analysed (new files included), else what is open. */
  async refresh(): Promise<void> {
    if (this.workspaceAnalysed) await this.analyzeWorkspace();
    else await this.reanalyzeAll();
  }

  /** Re-runs everything currently shown, from the same sources (after a settings change). */
  async reanalyzeAll(): Promise<void> {
    await this.reanalyzeUnder(undefined);
  }

  /**
   * liftoff.yaml or the dependency declarations in `folder` changed: re-runs the notebooks shown from
   * that folder and below (whose context may have changed), and nothing else.
   */
  async reanalyzeUnder(folder: vscode.Uri | undefined): Promise<void> {
    const prefix = folder === undefined ? undefined : `${folder.toString().replace(/\/+$/, '')}/`;
    const inside = (uri: vscode.Uri): boolean => prefix === undefined || uri.toString().startsWith(prefix);
    await Promise.all(vscode.workspace.notebookDocuments.filter((d) => inside(d.uri)).map((d) => this.analyzeOpen(d)));
    for (const entry of this.store.entries()) {
      if (!entry.cellUris && inside(entry.uri) && !findOpenNotebook(entry.uri)) await this.analyzeFile(entry.uri);
    }
  }

  /** Forgets everything (Liftoff was turned off). */
  reset(): void {
    for (const timer of this.pending.values()) clearTimeout(timer);
    this.pending.clear();
    this.workspaceAnalysed = false;
    this.store.clear();
  }

  dispose(): void {
    for (const timer of this.pending.values()) clearTimeout(timer);
    this.pending.clear();
  }

  /** The `liftoff.rules` setting wins over liftoff.yaml's `rules:`, rule by rule. */
  private options(path: string, config: LiftoffConfig, context: NotebookContext | undefined): AnalyzeOptions {
    return {
      cache: (this.factsCache ??= new FactsCache()),
      severity: mergeSeverity(context?.severity ?? {}, config.rules),
      ...(context === undefined ? {} : { project: context.project }),
      onRuleError: (rule, err) =>
        this.log.error(`Rule ${rule.id} ${rule.name} failed on ${path}: ${errorMessage(err)}`, err),
    };
  }

  private start(uri: vscode.Uri): number {
    const run = ++this.runs;
    this.started.set(uri.toString(), run);
    return run;
  }

  private isLatest(uri: vscode.Uri, run: number): boolean {
    return this.started.get(uri.toString()) === run;
  }

  private cancel(uri: vscode.Uri): void {
    const key = uri.toString();
    const timer = this.pending.get(key);
    if (timer !== undefined) clearTimeout(timer);
    this.pending.delete(key);
  }
}

export function findOpenNotebook(uri: vscode.Uri): vscode.NotebookDocument | undefined {
  const key = uri.toString();
  return vscode.workspace.notebookDocuments.find((d) => d.uri.toString() === key);
}

/** Same folders as NOTEBOOK_EXCLUDE, for file events (which come without a glob filter of their own). */
function isExcluded(uri: vscode.Uri): boolean {
  return /\/(node_modules|\.ipynb_checkpoints|\.git)\//.test(uri.path);
}

/** Workspace-relative path when the file is in the workspace; the URI's path otherwise. */
function displayPath(uri: vscode.Uri): string {
  return vscode.workspace.asRelativePath(uri);
}
