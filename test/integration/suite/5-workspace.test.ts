import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateLiftoff, liftoffDiagnostics, ruleId, waitFor, workspaceUri } from './helpers';

interface WorkspaceSummaryLike {
  notebooks: number;
  findings: number;
  failed: number;
}

/** Diagnostics on a notebook file or on any of its cells (open notebooks put them on cells). */
function diagnosticsOfNotebook(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages
    .getDiagnostics()
    .filter(([u]) => u.path === uri.path && (u.scheme === uri.scheme || u.scheme === 'vscode-notebook-cell'))
    .flatMap(([, ds]) => ds.filter((d) => d.source === 'liftoff'));
}

describe('Liftoff: Analyze Workspace', () => {
  const broken = () => workspaceUri('broken.ipynb');

  before(async () => {
    await activateLiftoff();
    await vscode.workspace.fs.writeFile(broken(), new TextEncoder().encode('{"cells": [ this is not json'));
  });

  after(async () => {
    await vscode.workspace.fs.delete(broken()).then(undefined, () => undefined); // gone already: fine
  });

  it('analyses every notebook: a broken one gets a file-level error, the good one keeps its findings', async () => {
    const summary = await vscode.commands.executeCommand<WorkspaceSummaryLike>('liftoff.workspace.analyze');
    assert.ok(summary, 'the command returns its summary (undefined means it failed)');
    assert.equal(summary.notebooks, 2);

    const [unreadable] = await waitFor('LO901 on broken.ipynb', () => {
      const ds = liftoffDiagnostics(broken()).filter((d) => ruleId(d) === 'LO901');
      return ds.length > 0 && ds;
    });
    assert.equal(unreadable.severity, vscode.DiagnosticSeverity.Error);
    assert.deepEqual(unreadable.range, new vscode.Range(0, 0, 0, 0));

    const good = diagnosticsOfNotebook(workspaceUri('train.ipynb')).map(ruleId);
    for (const id of ['LO101', 'LO301', 'LO402'])
      assert.ok(good.includes(id), `train.ipynb has ${id}: ${good.join(', ')}`);
  });

  it('drops the findings of a notebook that is deleted', async () => {
    await vscode.workspace.fs.delete(broken());
    await waitFor('broken.ipynb diagnostics to go', () => liftoffDiagnostics(broken()).length === 0);
  });
});
