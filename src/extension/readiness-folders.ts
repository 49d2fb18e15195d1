/**
 * Readiness for every workspace folder: one ReadinessModel per folder, added and disposed as folders come
 * and go. The view shows one section per folder when there are several, the status bar the folder of the
 * active editor, and commands run on the folder of the item they were invoked on (or ask which one).
 */
import * as vscode from 'vscode';
import type { ReadinessReport } from '../core/readiness/types';
import { ReadinessModel, type ReadinessModelDeps } from './readiness-model';

export class ReadinessFolders implements vscode.Disposable {
  private readonly byFolder = new Map<string, { model: ReadinessModel; listener: vscode.Disposable }>();
  private readonly changed = new vscode.EventEmitter<ReadinessModel | undefined>();
  private readonly disposables: vscode.Disposable[] = [this.changed];

  /** Fires after any folder's rebuild (with its model), and with undefined when folders were added or removed. */
  readonly onDidChange = this.changed.event;

  constructor(private readonly deps: Omit<ReadinessModelDeps, 'folder'>) {
    this.sync();
    this.disposables.push(vscode.workspace.onDidChangeWorkspaceFolders(() => this.sync()));
  }

  /** One model per workspace folder, in the workspace's order. */
  all(): ReadinessModel[] {
    return (vscode.workspace.workspaceFolders ?? []).flatMap((f) => {
      const entry = this.byFolder.get(f.uri.toString());
      return entry ? [entry.model] : [];
    });
  }

  /** The first folder's model (what a single-folder window shows). */
  get primary(): ReadinessModel | undefined {
    return this.all()[0];
  }

  /** The first folder's report, kept for the API and single-folder callers. */
  get report(): ReadinessReport | undefined {
    return this.primary?.report;
  }

  /** The model of the folder that contains this URI, or of the folder itself. */
  forUri(uri: vscode.Uri | undefined): ReadinessModel | undefined {
    if (uri === undefined) return undefined;
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    return folder ? this.byFolder.get(folder.uri.toString())?.model : undefined;
  }

  /** The model of the folder the user works in: the active notebook's or text editor's, if in a folder. */
  activeEditor(): ReadinessModel | undefined {
    return this.forUri(
      vscode.window.activeNotebookEditor?.notebook.uri ?? vscode.window.activeTextEditor?.document.uri,
    );
  }

  /**
   * The model a command runs on: the folder of the view node or `{ folder }` it was given (a folder URI
   * or name), the only folder, with `activeEditor` the active editor's folder, or the one the user picks
   * (undefined when dismissed or there is none).
   */
  async choose(
    arg: unknown,
    purpose: string,
    options: { activeEditor?: boolean } = {},
  ): Promise<ReadinessModel | undefined> {
    const given = folderOf(arg);
    if (given !== undefined) {
      const model =
        this.all().find((m) => m.name === given || m.folder?.toString() === given) ??
        this.forUri(vscode.Uri.parse(given));
      if (!model) throw new Error(`No workspace folder "${given}".`);
      return model;
    }
    const models = this.all();
    if (models.length <= 1) return models[0];
    const active = options.activeEditor ? this.activeEditor() : undefined;
    if (active) return active;
    const folder = await vscode.window.showWorkspaceFolderPick({ placeHolder: purpose, ignoreFocusOut: true });
    return folder ? this.byFolder.get(folder.uri.toString())?.model : undefined;
  }

  /** Rebuilds every folder (`reset`: forgetting cached listings and texts, as Refresh does). */
  async rebuild(reset = false): Promise<void> {
    await Promise.all(this.all().map((m) => m.rebuild(reset)));
  }

  dispose(): void {
    for (const { model, listener } of this.byFolder.values()) {
      listener.dispose();
      model.dispose();
    }
    this.byFolder.clear();
    for (const d of this.disposables) d.dispose();
  }

  private sync(): void {
    const folders = vscode.workspace.workspaceFolders ?? [];
    const keys = new Set(folders.map((f) => f.uri.toString()));
    let moved = false;
    for (const [key, { model, listener }] of this.byFolder) {
      if (keys.has(key)) continue;
      listener.dispose();
      model.dispose();
      this.byFolder.delete(key);
      moved = true;
    }
    for (const folder of folders) {
      if (this.byFolder.has(folder.uri.toString())) continue;
      const model = new ReadinessModel({ ...this.deps, folder });
      const listener = model.onDidChange(() => this.changed.fire(model));
      this.byFolder.set(folder.uri.toString(), { model, listener });
      model.schedule();
      moved = true;
    }
    if (moved) this.changed.fire(undefined);
  }
}

/** The folder a command argument names: a view node's `folder` (Uri) or a script's `{ folder: string }`. */
function folderOf(arg: unknown): string | undefined {
  if (typeof arg !== 'object' || arg === null) return undefined;
  const folder = (arg as { folder?: unknown }).folder;
  if (folder instanceof vscode.Uri) return folder.toString();
  return typeof folder === 'string' ? folder : undefined;
}
