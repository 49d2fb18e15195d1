/**
 * Readiness with two workspace folders: the test adds a second project to the workspace (test/runTest.ts
 * opens a .code-workspace, so this does not restart the extension host) and checks that each folder is
 * scored on its own, that item commands act on the item's folder, and that the status bar follows the
 * active editor's folder. The second folder is removed again afterwards.
 */
import * as assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { closeAllEditors, EXTENSION_ID, waitFor, workspaceUri } from './helpers';
import { activateScoreApi, labelOf, type ScoreApi, type ScoreNode } from './readiness-api';

const SECOND = 'second-project';
const CI =
  'name: ci\non: [push]\njobs:\n  check:\n    runs-on: ubuntu-latest\n    steps:\n' +
  '      - uses: actions/checkout@v4\n      - run: npx liftoff check .\n';

describe('readiness in a multi-root workspace', () => {
  let api: ScoreApi;
  let dir = '';
  const first = () => vscode.workspace.workspaceFolders![0];

  /** The root rows, once both folders have a report. */
  const roots = (): Promise<ScoreNode[]> =>
    waitFor('a scored row per folder', () => {
      const nodes = api.readiness.getChildren();
      const scored = nodes.every((n) => !/not scored/.test(String(api.readiness.getTreeItem(n).description)));
      return nodes.length === 2 && nodes.every((n) => n.kind === 'folder') && scored ? nodes : undefined;
    });
  const itemUnder = (root: ScoreNode, id: string): ScoreNode | undefined =>
    api.readiness
      .getChildren(root)
      .flatMap((section) => api.readiness.getChildren(section))
      .find((n) => n.item?.id === id);

  before(async () => {
    api = await activateScoreApi();
    await waitFor('a readiness report', () => api.readiness.report);
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    dir = mkdtempSync(path.join(tmpdir(), 'liftoff-it-second-'));
    copyFileSync(path.join(ext.extensionPath, 'examples', 'churn', 'train.ipynb'), path.join(dir, 'train.ipynb'));
    mkdirSync(path.join(dir, '.github', 'workflows'), { recursive: true });
    writeFileSync(path.join(dir, '.github', 'workflows', 'ci.yml'), CI);
    writeFileSync(path.join(dir, 'liftoff.yaml'), 'version: 1\nbusiness:\n  kpi: churn\n  owner: second team\n');
    const added = vscode.workspace.updateWorkspaceFolders(1, 0, { uri: vscode.Uri.file(dir), name: SECOND });
    assert.ok(added, 'the second folder can be added');
    await waitFor('two workspace folders', () => vscode.workspace.workspaceFolders?.length === 2);
  });

  after(async () => {
    await closeAllEditors();
    if ((vscode.workspace.workspaceFolders?.length ?? 0) > 1) {
      vscode.workspace.updateWorkspaceFolders(1, 1);
      await waitFor('one workspace folder again', () => vscode.workspace.workspaceFolders?.length === 1);
    }
    rmSync(dir, { recursive: true, force: true });
    await vscode.workspace.fs.delete(workspaceUri('liftoff.yaml')).then(undefined, () => undefined);
  });

  it('shows one row per folder, each with its own five sections and its own evidence', async () => {
    const [one, two] = await roots();
    assert.deepEqual([labelOf(api, one), labelOf(api, two)], [first().name, SECOND]);
    assert.match(String(api.readiness.getTreeItem(two).description), /^score \d+ · level \d$/);
    for (const root of [one, two]) assert.equal(api.readiness.getChildren(root).length, 5);
    assert.equal(itemUnder(one, 'business-1')?.item?.status, 'fail', 'the first folder has no liftoff.yaml');
    assert.equal(itemUnder(two, 'business-1')?.item?.status, 'pass', "the second folder's liftoff.yaml names a KPI");
    assert.equal(itemUnder(two, 'model-1')?.item?.status, 'pass', 'the second folder has a CI workflow');
  });

  it("runs an item's command on the item's folder: attesting writes that folder's liftoff.yaml", async () => {
    const [, two] = await roots();
    await vscode.commands.executeCommand('liftoff.readiness.attest', {
      ...itemUnder(two, 'data-4'),
      note: 'reviewed',
      by: 'Test Person',
    });
    assert.match(readFileSync(path.join(dir, 'liftoff.yaml'), 'utf8'), /- item: data-4\n {4}status: done/);
    await vscode.workspace.fs.stat(workspaceUri('liftoff.yaml')).then(
      () => assert.fail('the first folder must not get a liftoff.yaml'),
      () => undefined,
    );
    await waitFor('data-4 to be partial in the second folder only', () => {
      const [a, b] = api.readiness.getChildren();
      return itemUnder(b, 'data-4')?.item?.status === 'partial' && itemUnder(a, 'data-4')?.item?.status === 'unknown';
    });
    assert.ok(existsSync(path.join(dir, 'liftoff.yaml')));
  });

  it("shows the active editor's folder in the status bar", async () => {
    await vscode.window.showTextDocument(vscode.Uri.file(path.join(dir, '.github', 'workflows', 'ci.yml')));
    await waitFor(`the status bar to name ${SECOND}`, () => api.statusBarText().endsWith(` · ${SECOND}`));
    assert.match(api.statusBarText(), /^Liftoff: \d+ · /);
    const readme = workspaceUri('README.md');
    await vscode.window.showTextDocument(readme);
    await waitFor(`the status bar to name ${first().name}`, () => api.statusBarText().endsWith(` · ${first().name}`));
  });
  it("opens the liftoff.yaml of the row's folder, else of the active editor's folder", async () => {
    const [, two] = await roots();
    const open = (arg?: unknown) =>
      vscode.commands.executeCommand<vscode.Uri | undefined>('liftoff.manifest.open', arg);
    assert.equal((await open(two))?.fsPath, path.join(dir, 'liftoff.yaml'), "the folder row's liftoff.yaml");
    await vscode.window.showTextDocument(vscode.Uri.file(path.join(dir, '.github', 'workflows', 'ci.yml')));
    assert.equal((await open())?.fsPath, path.join(dir, 'liftoff.yaml'), "the active editor's folder");
    await vscode.window.showTextDocument(workspaceUri('README.md'));
    const created = await open();
    assert.equal(created?.toString(), workspaceUri('liftoff.yaml').toString(), 'the first folder, from its editor');
    assert.match(readFileSync(created!.fsPath, 'utf8'), /^# Liftoff production manifest/);
    assert.match(readFileSync(path.join(dir, 'liftoff.yaml'), 'utf8'), /kpi: churn/, 'the existing file is kept');
  });
});
