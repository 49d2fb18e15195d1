/**
 * Projects the FindingsStore onto one DiagnosticCollection named "liftoff". Findings of open notebooks
 * go on their cells; findings of notebooks read from disk (no cell URIs exist) and file-level findings
 * go on the notebook file, prefixed with the cell number.
 */
import * as vscode from 'vscode';
import type { Finding, RelatedLocation, Severity } from '../core/findings';
import { ruleDocsPath } from '../core/rules/rule';
import type { FindingsStore, NotebookFindings, StoreChange } from './findings-store';
import { toVsRange } from './ranges';

export const DIAGNOSTIC_SOURCE = 'liftoff';

export interface DiagnosticsDeps {
  store: FindingsStore;
}

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

export function registerDiagnostics(context: vscode.ExtensionContext, deps: DiagnosticsDeps): void {
  const collection = vscode.languages.createDiagnosticCollection(DIAGNOSTIC_SOURCE);
  const publisher = new DiagnosticsPublisher(collection, deps.store, context.extensionUri);
  context.subscriptions.push(
    collection,
    deps.store.onDidChange((change) => publisher.update(change)),
  );
  publisher.update(undefined);
}

class DiagnosticsPublisher {
  /** URIs we put diagnostics on, per notebook, so a re-analysis removes stale ones. */
  private readonly published = new Map<string, vscode.Uri[]>();

  constructor(
    private readonly collection: vscode.DiagnosticCollection,
    private readonly store: FindingsStore,
    private readonly extensionUri: vscode.Uri,
  ) {}

  update(change: StoreChange): void {
    if (!change) {
      this.collection.clear();
      this.published.clear();
      for (const entry of this.store.entries()) this.publish(entry);
      return;
    }
    const key = change.uri.toString();
    for (const uri of this.published.get(key) ?? []) this.collection.delete(uri);
    this.published.delete(key);
    const entry = this.store.get(change.uri);
    if (entry) this.publish(entry);
  }

  private publish(entry: NotebookFindings): void {
    const byUri = new Map<string, { uri: vscode.Uri; diagnostics: vscode.Diagnostic[] }>();
    for (const finding of entry.findings) {
      const { uri, diagnostic } = this.toDiagnostic(entry, finding);
      const slot = byUri.get(uri.toString()) ?? { uri, diagnostics: [] };
      slot.diagnostics.push(diagnostic);
      byUri.set(uri.toString(), slot);
    }
    for (const { uri, diagnostics } of byUri.values()) this.collection.set(uri, diagnostics);
    this.published.set(
      entry.uri.toString(),
      [...byUri.values()].map((s) => s.uri),
    );
  }

  private toDiagnostic(entry: NotebookFindings, finding: Finding): { uri: vscode.Uri; diagnostic: vscode.Diagnostic } {
    const cellUri = cellUriOf(entry, finding.cellIndex);
    const onCell = cellUri !== undefined;
    const message =
      onCell || finding.cellIndex === undefined ? finding.message : `Cell ${finding.cellIndex + 1}: ${finding.message}`;
    const diagnostic = new vscode.Diagnostic(
      onCell ? toVsRange(finding.range) : new vscode.Range(0, 0, 0, 0),
      message,
      SEVERITY[finding.severity],
    );
    diagnostic.source = DIAGNOSTIC_SOURCE;
    diagnostic.code = { value: finding.ruleId, target: ruleDocsUri(this.extensionUri, finding) };
    if (finding.related?.length) {
      diagnostic.relatedInformation = finding.related.map((r) => relatedInformation(entry, r));
    }
    return { uri: cellUri ?? entry.uri, diagnostic };
  }
}

/** The rule's page shipped with the extension (docs/rules/<id>-<name>.md). */
export function ruleDocsUri(extensionUri: vscode.Uri, finding: Pick<Finding, 'ruleId' | 'ruleName'>): vscode.Uri {
  return vscode.Uri.joinPath(extensionUri, ruleDocsPath({ id: finding.ruleId, name: finding.ruleName }));
}

/** The diagnostic's code as a rule id, whichever form it was set in. */
export function diagnosticRuleId(diagnostic: vscode.Diagnostic): string | undefined {
  const code = diagnostic.code;
  if (code === undefined) return undefined;
  return typeof code === 'object' ? String(code.value) : String(code);
}

function cellUriOf(entry: NotebookFindings, cellIndex: number | undefined): vscode.Uri | undefined {
  return cellIndex === undefined ? undefined : entry.cellUris?.[cellIndex];
}

function relatedInformation(entry: NotebookFindings, related: RelatedLocation): vscode.DiagnosticRelatedInformation {
  const cellUri = cellUriOf(entry, related.cellIndex);
  const range = cellUri ? toVsRange(related.range) : new vscode.Range(0, 0, 0, 0);
  const message =
    cellUri || related.cellIndex === undefined ? related.message : `Cell ${related.cellIndex + 1}: ${related.message}`;
  return new vscode.DiagnosticRelatedInformation(new vscode.Location(cellUri ?? entry.uri, range), message);
}
