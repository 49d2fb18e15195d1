import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, EXTENSION_ID, waitFor, workspaceUri } from './helpers';
import { activateScoreApi, waitForStatus, type ScoreApi } from './readiness-api';

const MANIFEST = 'liftoff.yaml';
const CI = '.github/workflows/ci.yml';

async function write(path: string, text: string): Promise<void> {
  await vscode.workspace.fs.writeFile(workspaceUri(...path.split('/')), new TextEncoder().encode(text));
}

async function read(path: string): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(workspaceUri(...path.split('/'))));
}

async function remove(path: string): Promise<void> {
  await vscode.workspace.fs
    .delete(workspaceUri(...path.split('/')), { recursive: true })
    .then(undefined, () => undefined);
}

describe('the readiness score as the project changes', () => {
  let api: ScoreApi;

  before(async () => {
    api = await activateScoreApi();
    await waitFor('a readiness report', () => api.readiness.report);
  });

  after(async () => {
    await closeAllEditors();
    for (const path of [MANIFEST, '.github']) await remove(path);
  });

  it('shows the final score in the status bar', async () => {
    await waitFor('the status bar text', () => api.statusBarText() === `Liftoff: ${api.readiness.report!.finalScore}`);
    assert.equal(api.statusBarText(), 'Liftoff: 0');
  });

  it('passes the business goal once liftoff.yaml names a KPI and an owner', async () => {
    await waitForStatus(api, 'business-1', 'fail');
    await write(
      MANIFEST,
      '# written by the test\nversion: 1\nbusiness:\n  kpi: monthly churn rate\n  owner: retention lead\n',
    );
    await waitForStatus(api, 'business-1', 'pass');
  });

  it('passes Model 1 once a CI workflow runs liftoff check', async () => {
    await waitForStatus(api, 'model-1', 'fail');
    await write(
      CI,
      'name: ci\non: [push]\njobs:\n  check:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: npx liftoff check .\n',
    );
    await waitForStatus(api, 'model-1', 'pass');
  });

  it('attests an item in liftoff.yaml, keeping what the user wrote', async () => {
    await write(MANIFEST, '# Our manifest: keep this comment\nversion: 1 # the format\n');
    await waitForStatus(api, 'business-1', 'fail');
    await vscode.commands.executeCommand('liftoff.readiness.attest', {
      item: 'data-2',
      note: 'ablation study in docs/features.md',
      by: 'Test Person',
    });
    const text = await read(MANIFEST);
    assert.match(text, /^# Our manifest: keep this comment\nversion: 1 # the format\n/);
    assert.match(
      text,
      /attestations:\n {2}- item: data-2\n {4}status: done\n {4}by: Test Person\n {4}date: \d{4}-\d\d-\d\d\n/,
    );
    assert.match(text, /note: ablation study in docs\/features\.md/);
    await waitForStatus(api, 'data-2', 'partial');
  });

  it('creates liftoff.yaml when attesting in a project without one', async () => {
    await remove(MANIFEST);
    await vscode.commands.executeCommand('liftoff.readiness.attest', { item: 'data-3', note: '', by: 'Test Person' });
    const text = await read(MANIFEST);
    assert.match(text, /^version: 1$/m);
    assert.match(text, /- item: data-3\n {4}status: done/);
    assert.doesNotMatch(text, /note:/);
    await waitForStatus(api, 'data-3', 'partial');
  });

  it('contributes the "Get started with Liftoff" walkthrough with its media', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    const manifest = ext.packageJSON as {
      contributes: { walkthroughs: { title: string; steps: { id: string; media: { markdown: string } }[] }[] };
    };
    const [walkthrough] = manifest.contributes.walkthroughs;
    assert.equal(walkthrough.title, 'Get started with Liftoff');
    assert.deepEqual(
      walkthrough.steps.map((s) => s.id),
      ['analyze', 'readiness', 'business', 'scaffold'],
    );
    for (const step of walkthrough.steps) {
      await vscode.workspace.fs.stat(vscode.Uri.joinPath(ext.extensionUri, step.media.markdown));
    }
  });
});
