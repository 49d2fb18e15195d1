/**
 * Shared bits of the integration tests: the extension and its API, the throwaway workspace (a copy of
 * examples/churn made by test/runTest.ts), and polling the editor until the analysis has caught up.
 * The API shape is restated here (not imported from src/) so the tests check what activate() really returns.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'liftoff.liftoff';
export const SOURCE = 'liftoff';

/** The parts of the extension's `LiftoffApi` (src/extension/extension.ts) the tests read. */
export interface ReadinessNodeLike {
  readonly kind: 'section' | 'finding';
}
export interface LiftoffApiLike {
  /** The Readiness view's TreeDataProvider; Liftoff's answers synchronously. */
  readonly readiness: {
    getChildren(element?: ReadinessNodeLike): ReadinessNodeLike[];
    getTreeItem(element: ReadinessNodeLike): vscode.TreeItem;
  };
  readonly findings: {
    get(uri: vscode.Uri): { readonly findings: readonly { ruleId: string; cellIndex?: number }[] } | undefined;
  };
}

export async function activateLiftoff(): Promise<LiftoffApiLike> {
  const ext = vscode.extensions.getExtension<LiftoffApiLike>(EXTENSION_ID);
  assert.ok(ext, `${EXTENSION_ID} is not loaded (is engines.vscode newer than the test host?)`);
  return ext.activate();
}

export function workspaceUri(...segments: string[]): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the tests run with one workspace folder (a copy of examples/churn)');
  return vscode.Uri.joinPath(folder.uri, ...segments);
}

/** Polls `probe` until it returns something other than undefined/false; fails with `what` after `ms`. */
export async function waitFor<T>(what: string, probe: () => T | undefined | false, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function openNotebook(name: string): Promise<vscode.NotebookDocument> {
  const notebook = await vscode.workspace.openNotebookDocument(workspaceUri(name));
  await vscode.window.showNotebookDocument(notebook);
  return notebook;
}

/** The one code cell whose text contains `snippet`: tests find cells by content, never by index. */
export function cellWith(notebook: vscode.NotebookDocument, snippet: string): vscode.NotebookCell {
  const cells = notebook
    .getCells()
    .filter((c) => c.kind === vscode.NotebookCellKind.Code && c.document.getText().includes(snippet));
  assert.equal(cells.length, 1, `expected exactly one code cell containing ${JSON.stringify(snippet)}`);
  return cells[0];
}

export function liftoffDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

export function ruleId(diagnostic: vscode.Diagnostic): string | undefined {
  const code = diagnostic.code;
  return typeof code === 'object' ? String(code.value) : code === undefined ? undefined : String(code);
}

/** Liftoff diagnostics on the cells of `notebook`, by cell index (cells without any are left out). */
export function diagnosticsByCell(notebook: vscode.NotebookDocument): Map<number, vscode.Diagnostic[]> {
  const byCell = new Map<number, vscode.Diagnostic[]>();
  for (const cell of notebook.getCells()) {
    const diagnostics = liftoffDiagnostics(cell.document.uri);
    if (diagnostics.length > 0) byCell.set(cell.index, diagnostics);
  }
  return byCell;
}

/** Indexes of the cells carrying a diagnostic of this rule. */
export function cellsWithRule(notebook: vscode.NotebookDocument, id: string): number[] {
  return [...diagnosticsByCell(notebook)].filter(([, ds]) => ds.some((d) => ruleId(d) === id)).map(([i]) => i);
}

/** Reverts and closes whatever editors the test left open, so the next test starts from disk. */
/**
 * Runs a command that asks its questions in QuickPicks and InputBoxes, and answers every step with Enter
 * (the pre-filled value), pressing Back once after `backAfter` Enters. An Enter or Back sent while no step
 * is showing does nothing, so pressing until the command ends is safe; on a loaded machine a step can take
 * seconds to show, so this waits up to `ms`. A command still asking after that fails the test with what it
 * did, and its open step is closed, so it cannot swallow the next test's keystrokes.
 */
export async function answerEveryStep<T>(
  command: string,
  args: readonly unknown[],
  { backAfter = -1, ms = 90_000 }: { backAfter?: number; ms?: number } = {},
): Promise<T | undefined> {
  // A step some earlier command left open would take these keystrokes.
  await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
  let settled = false;
  const running = Promise.resolve(vscode.commands.executeCommand<T | undefined>(command, ...args)).finally(
    () => (settled = true),
  );
  let presses = 0;
  for (const end = Date.now() + ms; !settled && Date.now() < end; presses++) {
    await new Promise((r) => setTimeout(r, 300));
    if (settled) break;
    if (presses === backAfter) await vscode.commands.executeCommand('workbench.action.quickInputBack');
    else await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
  }
  if (!settled) {
    running.catch(() => undefined);
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    throw new Error(`${command} was still asking after ${presses} answers in ${ms} ms`);
  }
  return running;
}

export async function closeAllEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.files.revert');
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/**
 * The code actions VS Code's code-action providers offer for `range` in a cell. The workbench asks
 * providers only about cells it has rendered (the cell's text model must exist there), as when a person
 * looks at the cell: the cell is brought into view first, and the command is retried until it is rendered.
 */
export async function codeActionsOnCell(
  notebook: vscode.NotebookDocument,
  cell: vscode.NotebookCell,
  range: vscode.Range,
): Promise<vscode.CodeAction[]> {
  const cells = new vscode.NotebookRange(cell.index, cell.index + 1);
  const editor = await vscode.window.showNotebookDocument(notebook, { selections: [cells] });
  editor.revealRange(cells, vscode.NotebookEditorRevealType.InCenter);
  const end = Date.now() + 10_000;
  for (;;) {
    try {
      return await vscode.commands.executeCommand<vscode.CodeAction[]>(
        'vscode.executeCodeActionProvider',
        cell.document.uri,
        range,
      );
    } catch (err) {
      // "Illegal argument": the cell editor is not rendered yet.
      if (Date.now() > end) throw err;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/**
 * Applies a code action as the lightbulb does: its edit, then its command. Liftoff offers fixes that insert
 * cells as a command (notebook cell edits do not survive `vscode.executeCodeActionProvider`). True when
 * everything applied.
 */
export async function applyCodeAction(action: vscode.CodeAction): Promise<boolean> {
  if (action.edit && !(await vscode.workspace.applyEdit(action.edit))) return false;
  if (action.command) {
    const result = await vscode.commands.executeCommand<unknown>(
      action.command.command,
      ...(action.command.arguments ?? []),
    );
    if (result === false) return false;
  }
  return action.edit !== undefined || action.command !== undefined;
}
