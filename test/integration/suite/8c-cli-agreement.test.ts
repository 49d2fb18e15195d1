/**
 * The CLI and the Readiness view agree on every item: `node dist/cli.js readiness <workspace> --format json`
 * run as a child process, compared item by item (id, status, score, why) with what the view shows, for
 * the bare example, for a project with liftoff.yaml (rule settings, business goal, attestation) and CI,
 * and with the notebook open while the editor's own `liftoff.rules` setting differs from liftoff.yaml.
 */
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activateLiftoff, closeAllEditors, EXTENSION_ID, openNotebook, waitFor, workspaceUri } from './helpers';
import { activateScoreApi, itemNode, type ItemLike, type ScoreApi } from './readiness-api';

interface CliReport {
  items: ItemLike[];
  finalScore: number;
  maturity: { level: number };
  sections: { score: number }[];
}

function cliReadiness(): Promise<CliReport> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
  const cli = path.join(ext.extensionPath, 'dist', 'cli.js');
  const folder = workspaceUri().fsPath;
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [cli, 'readiness', folder, '--format', 'json'],
      { env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' }, maxBuffer: 32 * 1024 * 1024, timeout: 60_000 },
      (err, stdout, stderr) => {
        if (err) reject(new Error(`liftoff readiness failed: ${err.message}\n${stderr}`));
        else resolve(JSON.parse(stdout) as CliReport);
      },
    );
  });
}

const write = (relative: string, text: string): Thenable<void> =>
  vscode.workspace.fs.writeFile(workspaceUri(...relative.split('/')), new TextEncoder().encode(text));
const remove = (relative: string): Thenable<void> =>
  vscode.workspace.fs
    .delete(workspaceUri(...relative.split('/')), { recursive: true })
    .then(undefined, () => undefined);

/** Refreshes the view (fresh listing, notebooks analysed again), then compares every item with the CLI's. */
async function assertAgreement(api: ScoreApi): Promise<CliReport> {
  await vscode.commands.executeCommand('liftoff.readiness.refresh');
  const cli = await cliReadiness();
  const view = api.readiness.report!;
  assert.equal(cli.items.length, 31);
  const shown = (id: string) => {
    const item = itemNode(api, id)?.item;
    assert.ok(item, `${id} is in the view`);
    return { id: item.id, status: item.status, score: item.score, why: item.why };
  };
  assert.deepEqual(
    cli.items.map((i) => shown(i.id)),
    cli.items.map((i) => ({ id: i.id, status: i.status, score: i.score, why: i.why })),
  );
  assert.deepEqual(
    view.sections.map((s) => s.score),
    cli.sections.map((s) => s.score),
  );
  assert.equal(view.finalScore, cli.finalScore);
  assert.equal(view.maturity.level, cli.maturity.level);
  assert.equal(api.statusBarText(), `Liftoff: ${cli.finalScore}`);
  return cli;
}

const MANIFEST = `# agreement test
version: 1
business:
  kpi: monthly churn rate
  owner: retention lead
  costFalsePositive: 5
  costFalseNegative: 120
  predictionsPerDay: 4000
attestations:
  - item: data-2
    status: done
    by: Test Person
rules:
  unseeded-randomness: off
`;

const CI = `name: ci
on: [push]
jobs:
  check:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: pip install pytest && pytest
      - run: npx liftoff check . --min-score 1
`;

describe('the CLI and the Readiness view agree', () => {
  let api: ScoreApi;

  before(async () => {
    api = await activateScoreApi();
    await waitFor('a readiness report', () => api.readiness.report);
  });

  after(async () => {
    await vscode.workspace.getConfiguration('liftoff').update('rules', undefined, vscode.ConfigurationTarget.Workspace);
    await closeAllEditors();
    for (const p of ['liftoff.yaml', '.github', 'tests', 'models', 'model.pkl']) await remove(p);
  });

  it('on the example project as it comes', async () => {
    const cli = await assertAgreement(api);
    assert.equal(cli.items.find((i) => i.id === 'infra-1')?.status, 'fail');
  });

  it('with liftoff.yaml (rule settings, business goal, an attestation), CI and tests', async () => {
    await write('liftoff.yaml', MANIFEST);
    await write('.github/workflows/ci.yml', CI);
    await write('tests/test_features.py', 'def test_nothing():\n    assert True\n');
    const cli = await assertAgreement(api);
    const status = (id: string) => cli.items.find((i) => i.id === id)?.status;
    assert.equal(status('model-1'), 'pass');
    assert.equal(status('data-2'), 'partial');
    assert.equal(status('business-2'), 'pass');
  });

  it('with model files: an ONNX model (header read) and a pickle that runs code when loaded (scanned)', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    for (const name of ['matmul-add.onnx', 'malicious-os-system.pkl']) {
      const from = vscode.Uri.joinPath(ext.extensionUri, 'test', 'fixtures', 'models', name);
      await vscode.workspace.fs.copy(from, workspaceUri('models', name), { overwrite: true });
    }
    const cli = await assertAgreement(api);
    const item = (id: string) => cli.items.find((i) => i.id === id);
    assert.equal(item('data-5')?.status, 'fail');
    assert.match(item('data-5')!.why, /models\/malicious-os-system\.pkl imports/);
    assert.equal(item('infra-5')?.status, 'partial');
    assert.match(item('infra-5')!.why, /models\/matmul-add\.onnx: ONNX/);
  });

  it("with the notebook open and the editor's liftoff.rules setting differing from liftoff.yaml", async () => {
    await openNotebook('train.ipynb');
    // The editor's diagnostics follow the setting, which the CLI cannot see; a saved notebook is scored as the CLI does.
    await vscode.workspace
      .getConfiguration('liftoff')
      .update(
        'rules',
        { 'non-linear-execution': 'off', 'unseeded-randomness': 'warning' },
        vscode.ConfigurationTarget.Workspace,
      );
    const live = await activateLiftoff();
    await waitFor('the editor to report unseeded randomness, which liftoff.yaml turns off', () =>
      live.findings.get(workspaceUri('train.ipynb'))?.findings.some((f) => f.ruleId === 'LO402'),
    );
    const cli = await assertAgreement(api);
    assert.equal(cli.items.find((i) => i.id === 'infra-1')?.status, 'partial', 'scored with liftoff.yaml rules');
  });

  it('with the model file the notebook writes: both name the writing cell, and Show Evidence reveals it', async () => {
    await remove('models');
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    const from = vscode.Uri.joinPath(ext.extensionUri, 'test', 'fixtures', 'models', 'logreg.pkl');
    // train.ipynb's last cell writes model.pkl next to the notebook; written now, it is newer than the notebook.
    await vscode.workspace.fs.copy(from, workspaceUri('model.pkl'), { overwrite: true });
    const cli = await assertAgreement(api);
    const infra1 = cli.items.find((i) => i.id === 'infra-1')!;
    assert.match(infra1.why, /; model\.pkl is written by train\.ipynb, cell 14 \(.+\), after the cell's last change$/);
    await closeAllEditors();
    assert.equal(await vscode.commands.executeCommand('liftoff.readiness.reveal', itemNode(api, 'infra-1')), true);
    const editor = await waitFor('a notebook editor', () => vscode.window.activeNotebookEditor);
    assert.equal(editor.notebook.uri.toString(), workspaceUri('train.ipynb').toString());
    await waitFor('the cell that writes model.pkl to be selected', () => editor.selection.start === 13);
  });
});
