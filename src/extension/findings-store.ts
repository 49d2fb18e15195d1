/**
 * The findings of every analysed notebook, keyed by notebook URI. Diagnostics, code actions and the
 * Readiness view all read from here, so none of them hangs data on vscode objects.
 */
import * as vscode from 'vscode';
import type { Finding } from '../core/findings';

/** The latest analysis of one notebook. */
export interface NotebookFindings {
  /** The notebook file (for an open notebook, `NotebookDocument.uri`). */
  readonly uri: vscode.Uri;
  /** The path used in findings and shown to people (workspace-relative when possible). */
  readonly path: string;
  readonly findings: readonly Finding[];
  /**
   * Cell document URIs at analysis time, by cell index: present when the notebook was open, so
   * findings go on cells. Absent for notebooks analysed from disk: findings go on the file.
   */
  readonly cellUris?: readonly vscode.Uri[];
  /** Cell document versions at analysis time, by cell index (with `cellUris`): fixes apply only to what was analysed. */
  readonly cellVersions?: readonly number[];
}

/** A finding together with the notebook it belongs to. */
export interface LocatedFinding {
  readonly entry: NotebookFindings;
  readonly finding: Finding;
}

/** Which notebook changed, or `undefined` when everything did (cleared). */
export type StoreChange = { readonly uri: vscode.Uri } | undefined;

export class FindingsStore implements vscode.Disposable {
  private readonly byNotebook = new Map<string, NotebookFindings>();
  private readonly changed = new vscode.EventEmitter<StoreChange>();

  /** Fires after a notebook's findings are set or removed, or after `clear()`. */
  readonly onDidChange = this.changed.event;

  /** Number of notebooks with a stored analysis (with or without findings). */
  get size(): number {
    return this.byNotebook.size;
  }

  set(entry: NotebookFindings): void {
    this.byNotebook.set(entry.uri.toString(), entry);
    this.changed.fire({ uri: entry.uri });
  }

  delete(uri: vscode.Uri): void {
    if (this.byNotebook.delete(uri.toString())) this.changed.fire({ uri });
  }

  clear(): void {
    this.byNotebook.clear();
    this.changed.fire(undefined);
  }

  get(uri: vscode.Uri): NotebookFindings | undefined {
    return this.byNotebook.get(uri.toString());
  }

  entries(): NotebookFindings[] {
    return [...this.byNotebook.values()];
  }

  /** Every finding of every notebook, notebooks in path order. */
  all(): LocatedFinding[] {
    return this.entries()
      .sort((a, b) => a.path.localeCompare(b.path))
      .flatMap((entry) => entry.findings.map((finding) => ({ entry, finding })));
  }

  /** Findings placed on the cell whose document has this URI (only open notebooks have cell URIs). */
  findingsForCell(cellUri: vscode.Uri): LocatedFinding[] {
    const key = cellUri.toString();
    const result: LocatedFinding[] = [];
    for (const entry of this.byNotebook.values()) {
      const index = entry.cellUris?.findIndex((u) => u.toString() === key) ?? -1;
      if (index < 0) continue;
      for (const finding of entry.findings) if (finding.cellIndex === index) result.push({ entry, finding });
    }
    return result;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
