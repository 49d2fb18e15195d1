/**
 * Shared by the quick-fix suites: applying a rule's fix to a cell the way a user does (through VS Code's
 * code-action provider, command or edit), and scratch notebooks written into the workspace for a suite.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  applyCodeAction,
  cellWith,
  codeActionsOnCell,
  liftoffDiagnostics,
  openNotebook,
  ruleId,
  waitFor,
  workspaceUri,
} from './helpers';

/** Waits for the rule on the cell and for its fix to be offered (a re-analysis may be pending), then applies it. */
export async function applyFix(
  notebook: vscode.NotebookDocument,
  snippet: string,
  rule: string,
  title: string | RegExp,
): Promise<vscode.NotebookCell> {
  const cell = cellWith(notebook, snippet);
  const matches = (a: vscode.CodeAction): boolean =>
    typeof title === 'string' ? a.title === title : title.test(a.title);
  const end = Date.now() + 20_000;
  let offered: string[] = [];
  for (;;) {
    const diagnostic = liftoffDiagnostics(cell.document.uri).find((d) => ruleId(d) === rule);
    if (diagnostic) {
      const actions = await codeActionsOnCell(notebook, cell, diagnostic.range);
      offered = actions.map((a) => a.title);
      const fix = actions.find(matches);
      if (fix) {
        assert.equal(fix.kind?.value, vscode.CodeActionKind.QuickFix.value);
        assert.equal(await applyCodeAction(fix), true, `"${fix.title}" applied`);
        return cell;
      }
    }
    if (Date.now() > end) {
      assert.fail(
        `no "${String(title)}" fix for ${rule} on the cell with ${snippet}; offered: ${offered.join(', ') || 'none'}`,
      );
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** An nbformat 4.5 notebook of code cells with ids `${idPrefix}${i}`; a cell given with output counts as run. */
export function notebookBytes(
  cells: readonly (string | { source: string; output: string })[],
  idPrefix: string,
): Uint8Array {
  return Buffer.from(
    JSON.stringify(
      {
        nbformat: 4,
        nbformat_minor: 5,
        metadata: { kernelspec: { name: 'python3', display_name: 'Python 3', language: 'python' } },
        cells: cells.map((cell, i) => {
          const { source, output } = typeof cell === 'string' ? { source: cell, output: undefined } : cell;
          return {
            cell_type: 'code',
            id: `${idPrefix}${i}`,
            metadata: {},
            execution_count: output === undefined ? null : i + 1,
            outputs: output === undefined ? [] : [{ output_type: 'stream', name: 'stdout', text: output }],
            source,
          };
        }),
      },
      null,
      1,
    ),
  );
}

/**
 * Registers the calling suite's hooks for one scratch notebook: written into the workspace and opened
 * before the tests, reverted to what is on disk after each, closed and deleted at the end. Call it inside
 * `describe`; the returned function gives the open notebook.
 */
export function useScratchNotebook(
  name: string,
  cells: readonly string[],
  idPrefix: string,
): () => vscode.NotebookDocument {
  let notebook: vscode.NotebookDocument | undefined;
  before(async () => {
    await vscode.workspace.fs.writeFile(workspaceUri(name), notebookBytes(cells, idPrefix));
    notebook = await openNotebook(name);
  });
  afterEach(async () => {
    if (!notebook) return;
    const open = notebook;
    await vscode.window.showNotebookDocument(open);
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await waitFor('the notebook to be reverted', () => !open.isDirty);
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(workspaceUri(name));
  });
  return () => {
    assert.ok(notebook, `${name} is not open`);
    return notebook;
  };
}
