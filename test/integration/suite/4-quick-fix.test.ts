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
} from './helpers';

describe('the random_state quick fix', () => {
  let notebook: vscode.NotebookDocument;

  before(async () => {
    await activateLiftoff();
    notebook = await openNotebook('train.ipynb');
  });

  after(async () => {
    // Back to the file on disk, so later tests see the notebook as shipped.
    await vscode.window.showNotebookDocument(notebook);
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await waitFor('the notebook to be reverted', () => !notebook.isDirty);
  });

  it('offers "Add random_state=42" on the unseeded train_test_split and fixes it', async () => {
    const cell = cellWith(notebook, 'train_test_split(X');
    const uri = cell.document.uri;
    const diagnostic = await waitFor('LO402 on the split cell', () =>
      liftoffDiagnostics(uri).find((d) => ruleId(d) === 'LO402'),
    );
    const actions = await codeActionsOnCell(notebook, cell, diagnostic.range);
    const fix = actions.find((a) => a.title === 'Add random_state=42');
    assert.ok(fix?.edit, `quick fixes offered: ${actions.map((a) => a.title).join(', ') || 'none'}`);
    assert.equal(fix.kind?.value, vscode.CodeActionKind.QuickFix.value);

    assert.equal(await vscode.workspace.applyEdit(fix.edit), true);
    assert.match(cell.document.getText(), /train_test_split\([^)]*random_state=42[^)]*\)/);
    await waitFor('LO402 to disappear from the split cell', () =>
      liftoffDiagnostics(uri).every((d) => ruleId(d) !== 'LO402'),
    );
  });

  it('leaves the other unseeded call flagged', () => {
    const model = cellWith(notebook, 'RandomForestClassifier(n_estimators');
    assert.ok(liftoffDiagnostics(model.document.uri).some((d) => ruleId(d) === 'LO402'));
  });
});
