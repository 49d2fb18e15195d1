/**
 * Read-only documents with the content a scaffold would write (`liftoff-scaffold:` scheme), so a
 * planned file can be opened or compared with `vscode.diff` against the user's file before anything
 * is written. Only the latest plan is kept: a new plan replaces the previous one's documents.
 */
import * as vscode from 'vscode';
import type { PlanEntry } from '../core/scaffold/plan';

export const PREVIEW_SCHEME = 'liftoff-scaffold';

export class ScaffoldPreview implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly contents = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.planned(uri) ?? '';
  }

  /** The content the latest plan has for this preview URI; undefined before a plan names it. */
  planned(uri: vscode.Uri): string | undefined {
    return this.contents.get(uri.toString());
  }

  /** Registers the planned content of every entry; returns each entry's preview URI by path. */
  show(folder: vscode.WorkspaceFolder, entries: readonly PlanEntry[]): Map<string, vscode.Uri> {
    this.contents.clear();
    const uris = new Map<string, vscode.Uri>();
    for (const entry of entries) {
      // The folder's name in the path keeps multi-root previews apart; the file name keeps the language.
      const uri = vscode.Uri.from({ scheme: PREVIEW_SCHEME, path: `/${folder.name}/${entry.path}` });
      this.contents.set(uri.toString(), entry.content);
      this.changed.fire(uri);
      uris.set(entry.path, uri);
    }
    return uris;
  }

  dispose(): void {
    this.contents.clear();
    this.changed.dispose();
  }
}

export function registerScaffoldPreview(context: vscode.ExtensionContext): ScaffoldPreview {
  const preview = new ScaffoldPreview();
  context.subscriptions.push(preview, vscode.workspace.registerTextDocumentContentProvider(PREVIEW_SCHEME, preview));
  return preview;
}

/** Current file on the left, what Liftoff would write on the right. */
export async function showDiff(folder: vscode.WorkspaceFolder, path: string, preview: vscode.Uri): Promise<void> {
  const current = vscode.Uri.joinPath(folder.uri, ...path.split('/'));
  await vscode.commands.executeCommand('vscode.diff', current, preview, `${path} ↔ Liftoff scaffold`, {
    preview: true,
  });
}
