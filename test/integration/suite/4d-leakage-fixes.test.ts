/**
 * The leakage rules' quick fixes in the real host: `shuffle=False` for a shuffled split of time-sorted
 * data (LO204) and the target added to the dropped columns (LO205), applied through VS Code's
 * code-action provider on a notebook this test writes into the workspace and deletes afterwards.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  activateLiftoff,
  cellWith,
  codeActionsOnCell,
  liftoffDiagnostics,
  openNotebook,
  ruleId,
  waitFor,
  workspaceUri,
} from './helpers';

const NAME = 'liftoff-it-leakage.ipynb';
const CELLS = [
  'import pandas as pd\nfrom sklearn.model_selection import train_test_split\nfrom sklearn.linear_model import LinearRegression',
  'df = pd.read_csv("data/sales.csv", parse_dates=["date"]).sort_values("date")',
  'X = df.drop(columns=["date"])\ny = df["units"]',
  'X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=0)',
  'model = LinearRegression().fit(X_train, y_train)\nprint(model.score(X_test, y_test))',
];

/** Waits for the rule's diagnostic on the cell and its fix (a re-analysis may be pending), then applies it. */
async function applyFix(
  notebook: vscode.NotebookDocument,
  snippet: string,
  rule: string,
  title: string,
): Promise<vscode.NotebookCell> {
  const cell = cellWith(notebook, snippet);
  const end = Date.now() + 20_000;
  for (;;) {
    const diagnostic = liftoffDiagnostics(cell.document.uri).find((d) => ruleId(d) === rule);
    const actions = diagnostic === undefined ? [] : await codeActionsOnCell(notebook, cell, diagnostic.range);
    const fix = actions.find((a) => a.title === title);
    if (fix?.edit) {
      assert.equal(fix.kind?.value, vscode.CodeActionKind.QuickFix.value);
      assert.equal(await vscode.workspace.applyEdit(fix.edit), true);
      return cell;
    }
    if (Date.now() > end) {
      assert.fail(`no "${title}" fix for ${rule}; offered: ${actions.map((a) => a.title).join(', ') || 'none'}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('quick fixes of the leakage rules', () => {
  let notebook: vscode.NotebookDocument;

  before(async () => {
    await activateLiftoff();
    const json = {
      nbformat: 4,
      nbformat_minor: 5,
      metadata: { kernelspec: { name: 'python3', display_name: 'Python 3', language: 'python' } },
      cells: CELLS.map((source, i) => ({
        cell_type: 'code',
        id: `leak${i}`,
        metadata: {},
        execution_count: null,
        outputs: [],
        source,
      })),
    };
    await vscode.workspace.fs.writeFile(workspaceUri(NAME), Buffer.from(JSON.stringify(json, null, 1)));
    notebook = await openNotebook(NAME);
  });

  afterEach(async () => {
    await vscode.window.showNotebookDocument(notebook);
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await waitFor('the notebook to be reverted', () => !notebook.isDirty);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(workspaceUri(NAME));
  });

  it('splits time-sorted data without shuffling (LO204)', async () => {
    const cell = await applyFix(
      notebook,
      'train_test_split(X',
      'LO204',
      'Split without shuffling (the last rows in time become the test set)',
    );
    assert.equal(
      cell.document.getText(),
      'X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=0, shuffle=False)',
    );
    await waitFor('LO204 to go', () => liftoffDiagnostics(cell.document.uri).every((d) => ruleId(d) !== 'LO204'));
  });

  it('drops the target from the features (LO205)', async () => {
    const cell = await applyFix(notebook, 'X = df.drop(', 'LO205', 'Drop the target `units` from the features');
    assert.equal(cell.document.getText(), 'X = df.drop(columns=["date", "units"])\ny = df["units"]');
    await waitFor('LO205 to go', () => liftoffDiagnostics(cell.document.uri).every((d) => ruleId(d) !== 'LO205'));
  });
});
