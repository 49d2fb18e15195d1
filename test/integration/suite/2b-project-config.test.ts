/**
 * Project configuration in the real host: liftoff.yaml's `rules:` (and the liftoff.rules setting over it)
 * change the diagnostics of the open notebook as the file is created, edited and deleted; an invalid file
 * is reported on itself; a requirements.txt turns on LO406. Everything written is removed afterwards.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateLiftoff, cellWith, liftoffDiagnostics, openNotebook, ruleId, waitFor, workspaceUri } from './helpers';

const MANIFEST = workspaceUri('liftoff.yaml');
const REQUIREMENTS = workspaceUri('requirements.txt');

async function write(uri: vscode.Uri, text: string): Promise<void> {
  await vscode.workspace.fs.writeFile(uri, Buffer.from(text));
}

async function remove(uri: vscode.Uri): Promise<void> {
  await vscode.workspace.fs.delete(uri).then(undefined, () => undefined);
}

describe('liftoff.yaml and declared dependencies in the editor', () => {
  let notebook: vscode.NotebookDocument;
  const onCell = (snippet: string, rule: string) => () =>
    liftoffDiagnostics(cellWith(notebook, snippet).document.uri).find((d) => ruleId(d) === rule);
  const path = onCell('/home/alice/', 'LO101');
  const accuracy = onCell('accuracy_score(y_test', 'LO301');
  const accuracyIs = (severity: vscode.DiagnosticSeverity) => () => accuracy()?.severity === severity;

  before(async () => {
    await activateLiftoff();
    await assert.rejects(Promise.resolve(vscode.workspace.fs.stat(MANIFEST)), 'the example ships no liftoff.yaml');
    notebook = await openNotebook('train.ipynb');
    await waitFor('LO101 on the read_csv cell', path);
    await waitFor('LO301 as a warning', accuracyIs(vscode.DiagnosticSeverity.Warning));
  });

  after(async () => {
    await vscode.workspace.getConfiguration('liftoff').update('rules', undefined, vscode.ConfigurationTarget.Workspace);
    await remove(MANIFEST);
    await remove(REQUIREMENTS);
    await waitFor('the default rule settings again', () => path() && accuracyIs(vscode.DiagnosticSeverity.Warning)());
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('applies rules: {hardcoded-path: off, LO301: error} from a new liftoff.yaml', async () => {
    await write(MANIFEST, 'rules:\n  hardcoded-path: off\n  LO301: error\n');
    await waitFor('LO101 to be turned off', () => path() === undefined);
    await waitFor('LO301 to become an error', accuracyIs(vscode.DiagnosticSeverity.Error));
  });

  it('lets the liftoff.rules setting win over liftoff.yaml, rule by rule', async () => {
    const config = vscode.workspace.getConfiguration('liftoff');
    await config.update('rules', { 'accuracy-only': 'info' }, vscode.ConfigurationTarget.Workspace);
    await waitFor('LO301 as information (the setting)', accuracyIs(vscode.DiagnosticSeverity.Information));
    assert.equal(path(), undefined, 'hardcoded-path: off still comes from liftoff.yaml');
    await config.update('rules', undefined, vscode.ConfigurationTarget.Workspace);
    await waitFor('LO301 as an error again (liftoff.yaml)', accuracyIs(vscode.DiagnosticSeverity.Error));
  });

  it('reports an invalid liftoff.yaml on the file with its line, and keeps every rule running', async () => {
    await write(MANIFEST, 'rules:\n  LO301: eror\n  hardcode-path: off\n');
    const problems = await waitFor('diagnostics on liftoff.yaml', () => {
      const ds = vscode.languages.getDiagnostics(MANIFEST);
      return ds.length >= 2 ? ds : undefined;
    });
    const bad = problems.find((d) => /rules\.LO301 must be one of off, error, warning, info, hint/.test(d.message));
    assert.equal(bad?.range.start.line, 1, problems.map((d) => `${d.range.start.line}: ${d.message}`).join('\n'));
    const unknown = problems.find((d) => /unknown rule 'hardcode-path'/.test(d.message));
    assert.equal(unknown?.range.start.line, 2);
    await waitFor('LO101 back', path);
    await waitFor('LO301 back to its default severity', accuracyIs(vscode.DiagnosticSeverity.Warning));
  });

  it('goes back to the defaults, and clears the file diagnostics, when liftoff.yaml is deleted', async () => {
    await write(MANIFEST, 'rules:\n  hardcoded-path: off\n');
    await waitFor('LO101 to be turned off', () => path() === undefined);
    await waitFor(
      'the fixed file to lose its diagnostics',
      () => vscode.languages.getDiagnostics(MANIFEST).length === 0,
    );
    await remove(MANIFEST);
    await waitFor('LO101 back after the delete', path);
  });

  it('flags an import missing from a new requirements.txt (LO406), and stops when the file goes', async () => {
    assert.equal(onCell('import numpy as np', 'LO406')(), undefined, 'no declaration file: the rule is silent');
    await write(REQUIREMENTS, 'pandas==2.2.2\nscikit-learn==1.5.2\n');
    const diagnostic = await waitFor('LO406 on the import cell', onCell('import numpy as np', 'LO406'));
    assert.match(diagnostic.message, /^`numpy` is imported but not declared in requirements\.txt/);
    assert.equal(cellWith(notebook, 'import numpy as np').document.getText(diagnostic.range), 'numpy as np');
    await write(REQUIREMENTS, 'pandas==2.2.2\nscikit-learn==1.5.2\nnumpy==1.26.4\n');
    await waitFor('LO406 to go once numpy is declared', () => onCell('import numpy as np', 'LO406')() === undefined);
    await write(REQUIREMENTS, 'pandas==2.2.2\n');
    await waitFor('LO406 again', onCell('import numpy as np', 'LO406'));
    await remove(REQUIREMENTS);
    await waitFor('LO406 to go with requirements.txt', () => onCell('import numpy as np', 'LO406')() === undefined);
  });
});
