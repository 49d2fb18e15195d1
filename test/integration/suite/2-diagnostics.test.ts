import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { activateLiftoff, cellsWithRule, cellWith, diagnosticsByCell, openNotebook, ruleId, waitFor } from './helpers';

describe('diagnostics on an open notebook', () => {
  let notebook: vscode.NotebookDocument;

  before(async () => {
    await activateLiftoff();
    notebook = await openNotebook('train.ipynb');
    // All four expected rules have reported: the analysis of the open notebook is complete.
    await waitFor('Liftoff diagnostics on train.ipynb cells', () => {
      const ids = new Set([...diagnosticsByCell(notebook).values()].flat().map(ruleId));
      return ['LO101', 'LO201', 'LO301', 'LO402'].every((id) => ids.has(id));
    });
  });

  it('flags the hard-coded absolute path on the cell that reads it, and only there', () => {
    const cell = cellWith(notebook, '/home/alice/');
    assert.deepEqual(cellsWithRule(notebook, 'LO101'), [cell.index]);
    const [diagnostic] = diagnosticsByCell(notebook)
      .get(cell.index)!
      .filter((d) => ruleId(d) === 'LO101');
    assert.match(cell.document.getText(diagnostic.range), /\/home\/alice\/projects\/churn\/data\/customers\.csv/);
  });

  it('flags the unseeded train_test_split and RandomForestClassifier cells with LO402', () => {
    const split = cellWith(notebook, 'train_test_split(X');
    const model = cellWith(notebook, 'RandomForestClassifier(n_estimators');
    assert.deepEqual(
      cellsWithRule(notebook, 'LO402'),
      [split.index, model.index].sort((a, b) => a - b),
    );
    const onSplit = diagnosticsByCell(notebook)
      .get(split.index)!
      .find((d) => ruleId(d) === 'LO402')!;
    assert.match(split.document.getText(onSplit.range), /train_test_split/);
    assert.equal(onSplit.severity, vscode.DiagnosticSeverity.Warning);
  });

  it('flags accuracy-only evaluation (LO301) on the accuracy_score cell', () => {
    const cell = cellWith(notebook, 'accuracy_score(y_test');
    assert.deepEqual(cellsWithRule(notebook, 'LO301'), [cell.index]);
  });

  it('flags the scaler fitted before the split (LO201) on the fit_transform cell', () => {
    const cell = cellWith(notebook, 'scaler.fit_transform(X)');
    assert.deepEqual(cellsWithRule(notebook, 'LO201'), [cell.index]);
  });

  it('leaves the import cell alone even though it names train_test_split', () => {
    const imports = cellWith(notebook, 'from sklearn.model_selection import train_test_split');
    const ids = (diagnosticsByCell(notebook).get(imports.index) ?? []).map(ruleId);
    assert.ok(!ids.includes('LO402'), `unexpected ${ids.join(', ')} on the import cell`);
  });

  it('links every diagnostic to its rule page, which ships with the extension', () => {
    const diagnostics = [...diagnosticsByCell(notebook).values()].flat();
    assert.ok(diagnostics.length >= 4);
    for (const d of diagnostics) {
      assert.equal(typeof d.code, 'object', 'code carries a target');
      const target = (d.code as { value: string; target: vscode.Uri }).target;
      assert.match(target.path, new RegExp(`/docs/rules/${ruleId(d)}-[a-z-]+\\.md$`));
      assert.ok(fs.existsSync(target.fsPath), `${target.fsPath} exists`);
    }
  });
});
