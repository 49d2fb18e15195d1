/**
 * Quick fixes for findings that carry a fix. The fix is data on the finding (looked up in the
 * FindingsStore by cell URI and range); this file only turns it into a WorkspaceEdit: text edits on
 * cell documents and `NotebookEdit.insertCells` for new cells. Fixes that insert cells are offered as a
 * command that applies that edit (see CommandIds.applyFix).
 */
import * as vscode from 'vscode';
import type { CellInsert, Finding, Fix } from '../core/findings';
import { CommandIds } from './command-ids';
import { DIAGNOSTIC_SOURCE, diagnosticRuleId } from './diagnostics';
import type { FindingsStore, NotebookFindings } from './findings-store';
import { toVsRange } from './ranges';

export interface CodeActionsDeps {
  store: FindingsStore;
}

/** Python cells of Jupyter notebooks, and Python cells of any other notebook type. */
const SELECTOR: vscode.DocumentSelector = [
  { notebookType: 'jupyter-notebook', language: 'python' },
  { scheme: 'vscode-notebook-cell', language: 'python' },
];

export function registerCodeActions(context: vscode.ExtensionContext, deps: CodeActionsDeps): void {
  context.subscriptions.push(
    vscode.languages.registerCodeActionsProvider(SELECTOR, new FindingFixProvider(deps.store), {
      providedCodeActionKinds: FindingFixProvider.providedCodeActionKinds,
    }),
    vscode.commands.registerCommand(CommandIds.applyFix, applyFixCommand),
  );
}

/**
 * The command behind fixes that insert cells: the edit is built when the user picks the fix, and refused
 * (false) when the notebook gained or lost cells since the fix was offered, so an insert never lands elsewhere.
 */
async function applyFixCommand(notebookUri: vscode.Uri, fix: Fix, cellCount: number): Promise<boolean> {
  const notebook = vscode.workspace.notebookDocuments.find((d) => d.uri.toString() === notebookUri.toString());
  if (!notebook || notebook.cellCount !== cellCount) return false;
  const edit = toWorkspaceEdit(notebook, fix);
  return edit !== undefined && vscode.workspace.applyEdit(edit);
}

export class FindingFixProvider implements vscode.CodeActionProvider {
  static readonly providedCodeActionKinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly store: FindingsStore) {}

  provideCodeActions(
    document: vscode.TextDocument,
    range: vscode.Range | vscode.Selection,
    context: vscode.CodeActionContext,
  ): vscode.CodeAction[] {
    const notebook = notebookOfCell(document);
    if (!notebook) return [];
    const actions: vscode.CodeAction[] = [];
    for (const { entry, finding } of this.store.findingsForCell(document.uri)) {
      if (!finding.fix || !toVsRange(finding.range).intersection(range)) continue;
      // Typed since the analysis (a re-analysis is pending): the fix's ranges may no longer fit.
      if (!isUnchangedSinceAnalysis(notebook, entry, finding.fix)) continue;
      const edit = toWorkspaceEdit(notebook, finding.fix);
      if (!edit) continue;
      const action = new vscode.CodeAction(finding.fix.title, vscode.CodeActionKind.QuickFix);
      if ((finding.fix.inserts?.length ?? 0) === 0) action.edit = edit;
      else {
        const args = [notebook.uri, finding.fix, notebook.cellCount];
        action.command = { command: CommandIds.applyFix, title: finding.fix.title, arguments: args };
      }
      action.diagnostics = matchingDiagnostics(context.diagnostics, finding);
      action.isPreferred = finding.fix.edits.length + (finding.fix.inserts?.length ?? 0) === 1;
      actions.push(action);
    }
    return actions;
  }
}

/** The notebook still has the cells, at the same places and versions, that the fix was computed from. */
function isUnchangedSinceAnalysis(notebook: vscode.NotebookDocument, entry: NotebookFindings, fix: Fix): boolean {
  const { cellUris, cellVersions } = entry;
  if (!cellUris || !cellVersions || cellUris.length !== notebook.cellCount) return false;
  return fix.edits.every((e) => {
    const inside = e.cellIndex >= 0 && e.cellIndex < notebook.cellCount;
    const cell = inside ? notebook.cellAt(e.cellIndex) : undefined;
    return (
      cell?.document.uri.toString() === cellUris[e.cellIndex]?.toString() &&
      cell?.document.version === cellVersions[e.cellIndex]
    );
  });
}

/** The diagnostic we published for this finding: same source, rule id and range. */
function matchingDiagnostics(diagnostics: readonly vscode.Diagnostic[], finding: Finding): vscode.Diagnostic[] {
  const range = toVsRange(finding.range);
  return diagnostics.filter(
    (d) => d.source === DIAGNOSTIC_SOURCE && diagnosticRuleId(d) === finding.ruleId && d.range.isEqual(range),
  );
}

/** The fix as one edit; undefined when it refers to cells the notebook no longer has. */
export function toWorkspaceEdit(notebook: vscode.NotebookDocument, fix: Fix): vscode.WorkspaceEdit | undefined {
  const edit = new vscode.WorkspaceEdit();
  for (const textEdit of fix.edits) {
    if (textEdit.cellIndex < 0 || textEdit.cellIndex >= notebook.cellCount) return undefined;
    edit.replace(notebook.cellAt(textEdit.cellIndex).document.uri, toVsRange(textEdit.range), textEdit.newText);
  }
  const inserts = fix.inserts ?? [];
  if (inserts.some((i) => i.index < 0 || i.index > notebook.cellCount)) return undefined;
  if (inserts.length > 0) edit.set(notebook.uri, toInsertEdits(inserts, cellLanguage(notebook)));
  return edit;
}

/**
 * Every insert's index means "before the cell that is at this index now": VS Code applies one batch of
 * notebook edits against the document as it was, so the inserts go in together, in the given order.
 */
function toInsertEdits(inserts: readonly CellInsert[], language: string): vscode.NotebookEdit[] {
  return inserts.map((insert) => {
    const kind = insert.kind === 'markdown' ? vscode.NotebookCellKind.Markup : vscode.NotebookCellKind.Code;
    const cell = new vscode.NotebookCellData(kind, insert.source, insert.kind === 'markdown' ? 'markdown' : language);
    return vscode.NotebookEdit.insertCells(insert.index, [cell]);
  });
}

function cellLanguage(notebook: vscode.NotebookDocument): string {
  const code = notebook.getCells().find((c) => c.kind === vscode.NotebookCellKind.Code);
  return code?.document.languageId ?? 'python';
}

function notebookOfCell(document: vscode.TextDocument): vscode.NotebookDocument | undefined {
  return vscode.workspace.notebookDocuments.find((nb) => nb.getCells().some((c) => c.document === document));
}
