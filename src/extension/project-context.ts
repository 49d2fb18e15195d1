/**
 * The editor's side of the project context (core/project/context.ts): the notebook's folder and its parents
 * up to its workspace folder, read through vscode.workspace.fs and cached per folder. A file watcher forgets
 * only the folder a relevant file changed in (liftoff.yaml, a declaration file, a module appearing or
 * going) and tells the analyzer which folder changed. Problems in those files are shown as diagnostics on
 * the files themselves.
 */
import * as vscode from 'vscode';
import { isDeclarationFile } from '../core/project/dependencies';
import { ProjectContexts, type NotebookContext, type ProjectFolders } from '../core/project/context';
import { MANIFEST_FILE } from '../core/project/manifest';
import { DIAGNOSTIC_SOURCE } from './diagnostics';
import { errorMessage, type Logger } from './logging';

export class WorkspaceContexts implements vscode.Disposable {
  /** One cache per root folder URI (a workspace folder, or a notebook's own folder outside the workspace). */
  private readonly roots = new Map<string, { uri: vscode.Uri; contexts: ProjectContexts }>();
  private readonly problems = vscode.languages.createDiagnosticCollection(`${DIAGNOSTIC_SOURCE}.project`);
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  private readonly disposables: vscode.Disposable[] = [this.problems, this.changed];
  /** Fires with the folder whose context changed; notebooks in it and below need analysing again. */
  readonly onDidChange = this.changed.event;

  constructor(private readonly log: Logger) {
    const watcher = vscode.workspace.createFileSystemWatcher('**/*');
    this.disposables.push(
      watcher,
      watcher.onDidCreate((uri) => this.fileEvent(uri, true)),
      watcher.onDidChange((uri) => this.fileEvent(uri, false)),
      watcher.onDidDelete((uri) => this.fileEvent(uri, true)),
    );
  }

  /** The context of a notebook; undefined only when something unexpected failed (logged). */
  async resolve(notebook: vscode.Uri): Promise<NotebookContext | undefined> {
    const root = this.rootOf(notebook);
    try {
      const context = await root.contexts.resolve(relativePath(root.uri, notebook));
      this.showProblems(root.uri, context);
      return context;
    } catch (err) {
      this.log.error(`Could not read the project around ${notebook.fsPath}: ${errorMessage(err)}`, err);
      return undefined;
    }
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }

  private rootOf(notebook: vscode.Uri): { uri: vscode.Uri; contexts: ProjectContexts } {
    const uri = vscode.workspace.getWorkspaceFolder(notebook)?.uri ?? vscode.Uri.joinPath(notebook, '..');
    const key = uri.toString();
    let root = this.roots.get(key);
    if (root === undefined) {
      root = { uri, contexts: new ProjectContexts(workspaceFolders(uri)) };
      this.roots.set(key, root);
    }
    return root;
  }

  private fileEvent(uri: vscode.Uri, createdOrDeleted: boolean): void {
    // Nothing resolved yet, nothing to forget (and the core stays unloaded).
    if (this.roots.size === 0) return;
    const name = uri.path.slice(uri.path.lastIndexOf('/') + 1);
    const parent = vscode.Uri.joinPath(uri, '..');
    // Files under requirements/ and the packages under src/ belong to the folder above.
    const parentName = parent.path.slice(parent.path.lastIndexOf('/') + 1);
    const nested = parentName === 'requirements' || parentName === 'src';
    const config =
      name === MANIFEST_FILE || isDeclarationFile(name) || (parentName === 'requirements' && /\.(txt|in)$/.test(name));
    // A .py file or a folder appearing or going changes the local modules; other files change nothing.
    const module = createdOrDeleted && (/\.py$/.test(name) || !name.includes('.'));
    if (!config && !module && !(nested && createdOrDeleted)) return;
    for (const folder of nested ? [parent, vscode.Uri.joinPath(parent, '..')] : [parent]) {
      for (const root of this.roots.values()) {
        const relative = relativePath(root.uri, folder, true);
        if (relative === undefined || !root.contexts.invalidate(relative)) continue;
        this.problems.forEach((file) => {
          if (isDirectlyIn(file, folder)) this.problems.delete(file);
        });
        this.log.info(`Project files changed in ${folder.fsPath}: re-analysing the notebooks there`);
        this.changed.fire(folder);
      }
    }
  }

  private showProblems(root: vscode.Uri, context: NotebookContext): void {
    const byFile = new Map<string, vscode.Diagnostic[]>();
    for (const p of context.problems) {
      const position = new vscode.Position(Math.max(0, p.line - 1), Math.max(0, p.column - 1));
      const diagnostic = new vscode.Diagnostic(new vscode.Range(position, position), p.message);
      diagnostic.source = DIAGNOSTIC_SOURCE;
      const list = byFile.get(p.file) ?? [];
      list.push(diagnostic);
      byFile.set(p.file, list);
    }
    for (const [file, diagnostics] of byFile) {
      const uri = vscode.Uri.joinPath(root, file);
      const shown = this.problems.get(uri);
      if (shown?.length === diagnostics.length && shown.every((d, i) => d.message === diagnostics[i]?.message))
        continue;
      this.problems.set(uri, diagnostics);
      for (const d of diagnostics)
        this.log.warn(`${file}:${d.range.start.line + 1}:${d.range.start.character + 1} ${d.message}`);
    }
  }
}

/** The core's folder port over vscode.workspace.fs; paths shown to the user are relative to the root. */
function workspaceFolders(root: vscode.Uri): ProjectFolders {
  const at = (relative: string): vscode.Uri =>
    relative === '' ? root : vscode.Uri.joinPath(root, ...relative.split('/'));
  return {
    list: async (folder) => {
      try {
        const entries = await vscode.workspace.fs.readDirectory(at(folder));
        return entries
          .filter(([, type]) => (type & (vscode.FileType.File | vscode.FileType.Directory)) !== 0)
          .map(([name, type]) => ({
            name,
            kind: type & vscode.FileType.Directory ? ('folder' as const) : ('file' as const),
          }));
      } catch {
        return undefined;
      }
    },
    read: async (file) => {
      try {
        return new TextDecoder().decode(await vscode.workspace.fs.readFile(at(file)));
      } catch {
        return undefined;
      }
    },
  };
}

/** `uri` relative to `root` with forward slashes; with `strict`, undefined when it is not inside the root. */
function relativePath(root: vscode.Uri, uri: vscode.Uri, strict?: false): string;
function relativePath(root: vscode.Uri, uri: vscode.Uri, strict: true): string | undefined;
function relativePath(root: vscode.Uri, uri: vscode.Uri, strict = false): string | undefined {
  const base = root.path.replace(/\/+$/, '');
  if (uri.scheme === root.scheme && uri.authority === root.authority) {
    if (uri.path === base) return '';
    if (uri.path.startsWith(`${base}/`)) return uri.path.slice(base.length + 1);
  }
  return strict ? undefined : uri.path.slice(uri.path.lastIndexOf('/') + 1);
}

function isDirectlyIn(file: vscode.Uri, folder: vscode.Uri): boolean {
  return file.path.slice(0, file.path.lastIndexOf('/')) === folder.path.replace(/\/+$/, '');
}
