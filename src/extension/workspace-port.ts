/**
 * The extension's ProjectPort (core/readiness/collect.ts) over one workspace folder, through
 * `vscode.workspace.fs`. It caches the file listing and the texts it read: file events update the
 * listing entry by entry and forget the texts that changed, so a refresh re-reads only what changed.
 */
import * as vscode from 'vscode';
import type { ProjectPort } from '../core/readiness/collect';

/** Same folders the CLI skips (src/cli/readiness-fs.ts): environments, dependencies, build output, VCS. */
const SKIPPED = new Set(['node_modules', 'dist', 'venv', 'site-packages', '__pycache__', 'out', 'build']);
const MAX_FILES = 20_000;
const MAX_TEXT_BYTES = 2_000_000;

export class WorkspaceProject implements ProjectPort {
  private listing: Set<string> | undefined;
  private readonly texts = new Map<string, string>();

  constructor(readonly folder: vscode.Uri) {}

  /** Workspace-relative path with forward slashes, or undefined when the URI is outside or in a skipped folder. */
  relative(uri: vscode.Uri): string | undefined {
    const root = this.folder.path.endsWith('/') ? this.folder.path : `${this.folder.path}/`;
    if (uri.scheme !== this.folder.scheme || !uri.path.startsWith(root)) return undefined;
    const relative = uri.path.slice(root.length);
    return isSkipped(relative) ? undefined : relative;
  }

  uri(relative: string): vscode.Uri {
    return vscode.Uri.joinPath(this.folder, ...relative.split('/'));
  }

  async listFiles(): Promise<string[]> {
    if (!this.listing) {
      const files: string[] = [];
      await walk(this.folder, '', files);
      this.listing = new Set(files);
    }
    return [...this.listing];
  }

  async readText(relative: string): Promise<string> {
    const cached = this.texts.get(relative);
    if (cached !== undefined) return cached;
    const uri = this.uri(relative);
    const stat = await vscode.workspace.fs.stat(uri);
    if (stat.size > MAX_TEXT_BYTES) throw new Error(`${relative} is larger than ${MAX_TEXT_BYTES} bytes`);
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    this.texts.set(relative, text);
    return text;
  }

  /** A file appeared, changed or went away; returns its relative path when it is part of the project. */
  fileEvent(uri: vscode.Uri, kind: 'created' | 'changed' | 'deleted'): string | undefined {
    const relative = this.relative(uri);
    if (relative === undefined) return undefined;
    this.texts.delete(relative);
    if (kind === 'changed') return relative;
    if (kind === 'deleted' && this.listing?.has(relative)) {
      this.listing.delete(relative);
      return relative;
    }
    // A new path, or a deleted one that is not a known file, may be a folder (`.github` looks like a file
    // name, and a new tree can arrive as one event for its top folder): list again at the next build.
    // Only the listing is redone; texts of files that still exist stay cached.
    this.listing = undefined;
    for (const cached of [...this.texts.keys()]) if (cached.startsWith(`${relative}/`)) this.texts.delete(cached);
    return relative;
  }

  /** Forgets everything (the Refresh command). */
  reset(): void {
    this.listing = undefined;
    this.texts.clear();
  }
}

function isSkipped(relative: string): boolean {
  const parts = relative.split('/');
  return parts.slice(0, -1).some((part) => SKIPPED.has(part) || (part.startsWith('.') && part !== '.github'));
}

async function walk(dir: vscode.Uri, prefix: string, files: string[]): Promise<void> {
  let entries: [string, vscode.FileType][];
  try {
    entries = await vscode.workspace.fs.readDirectory(dir);
  } catch {
    return;
  }
  for (const [name, type] of entries) {
    if (files.length >= MAX_FILES) return;
    const relative = prefix === '' ? name : `${prefix}/${name}`;
    if (type & vscode.FileType.Directory) {
      const hidden = name.startsWith('.') && name !== '.github';
      if (!hidden && !SKIPPED.has(name) && !(type & vscode.FileType.SymbolicLink)) {
        await walk(vscode.Uri.joinPath(dir, name), relative, files);
      }
    } else if (type & vscode.FileType.File) {
      files.push(relative);
    }
  }
}
