/**
 * Scaffolding in the real editor, through the commands' optional options argument (no wizard, no
 * preview, no modal): what lands in the workspace, and that a user's file changes only with consent.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateLiftoff, answerEveryStep, closeAllEditors, waitFor, workspaceUri } from './helpers';

/** The parts of `ScaffoldResult` (src/extension/scaffold-flow.ts) the tests read. */
interface ScaffoldResultLike {
  folder: string;
  written: string[];
  identical: string[];
  skipped: string[];
  opened?: string;
}

const decoder = new TextDecoder();
const read = async (path: string): Promise<string> =>
  decoder.decode(await vscode.workspace.fs.readFile(workspaceUri(...path.split('/'))));
const write = (path: string, text: string): Thenable<void> =>
  vscode.workspace.fs.writeFile(workspaceUri(...path.split('/')), new TextEncoder().encode(text));
const mtime = async (path: string): Promise<number> =>
  (await vscode.workspace.fs.stat(workspaceUri(...path.split('/')))).mtime;

function scaffold(command: string, options: object): Thenable<ScaffoldResultLike | undefined> {
  return vscode.commands.executeCommand<ScaffoldResultLike | undefined>(command, options);
}

const USER_DOCKERFILE = 'FROM python:3.12\n# my own Dockerfile, hands off\n';
const CREATED = [
  'Dockerfile',
  '.dockerignore',
  'requirements.txt',
  'app',
  '.github',
  '.gitlab-ci.yml',
  'monitoring',
  'k8s',
  'MODEL_CARD.md',
  'loadtest',
];

describe('Liftoff: Scaffold', () => {
  let generated = '';

  before(async () => {
    await activateLiftoff();
  });

  after(async () => {
    await closeAllEditors();
    for (const path of CREATED) {
      await vscode.workspace.fs.delete(workspaceUri(path), { recursive: true }).then(undefined, () => undefined);
    }
  });

  it('writes the Dockerfile and .dockerignore into the workspace and opens the Dockerfile', async () => {
    const result = await scaffold('liftoff.scaffold.docker', { policy: 'skip' });
    assert.ok(result, 'the command returns its result (undefined means it failed)');
    assert.deepEqual([...result.written].sort(), ['.dockerignore', 'Dockerfile']);
    generated = await read('Dockerfile');
    assert.match(generated, /^ARG PYTHON_VERSION=3\.11$/m);
    assert.match(generated, /^FROM python:\$\{PYTHON_VERSION\}-slim/m);
    assert.match(generated, /HEALTHCHECK/);
    assert.match(await read('.dockerignore'), /\S/);
    assert.equal(result.opened, 'Dockerfile');
    assert.equal(vscode.window.activeTextEditor?.document.uri.path, workspaceUri('Dockerfile').path);
  });

  it('writes nothing when run again and every file is identical', async () => {
    const before = await mtime('Dockerfile');
    const result = await scaffold('liftoff.scaffold.docker', { policy: 'overwrite', open: false });
    assert.ok(result);
    assert.deepEqual(result.written, []);
    assert.deepEqual([...result.identical].sort(), ['.dockerignore', 'Dockerfile']);
    assert.equal(await mtime('Dockerfile'), before, 'the identical Dockerfile was not rewritten');
  });

  it("leaves the user's modified Dockerfile untouched with policy 'skip'", async () => {
    await write('Dockerfile', USER_DOCKERFILE);
    const result = await scaffold('liftoff.scaffold.docker', { policy: 'skip', open: false });
    assert.ok(result);
    assert.deepEqual(result.skipped, ['Dockerfile']);
    assert.deepEqual(result.written, []);
    assert.equal(await read('Dockerfile'), USER_DOCKERFILE);
  });

  it('leaves a differing file alone when no policy is given (scripted runs never overwrite silently)', async () => {
    const result = await scaffold('liftoff.scaffold.docker', { open: false });
    assert.ok(result);
    assert.deepEqual(result.skipped, ['Dockerfile']);
    assert.equal(await read('Dockerfile'), USER_DOCKERFILE);
  });

  it("replaces the user's Dockerfile with policy 'overwrite'", async () => {
    const result = await scaffold('liftoff.scaffold.docker', { policy: 'overwrite', open: false });
    assert.ok(result);
    assert.deepEqual(result.written, ['Dockerfile']);
    assert.equal(await read('Dockerfile'), generated);
    const leftovers = await vscode.workspace.fs.readDirectory(workspaceUri());
    assert.deepEqual(
      leftovers.map(([name]) => name).filter((name) => name.includes('.liftoff-')),
      [],
      'no temporary or backup files are left behind',
    );
  });

  it('previews a planned file as a liftoff-scaffold: document, and writes nothing when the preview is dismissed', async function () {
    this.timeout(150_000);
    // No options: the command plans and shows the preview quick pick, which the test then dismisses.
    const running = Promise.resolve(
      vscode.commands.executeCommand<ScaffoldResultLike | undefined>('liftoff.scaffold.requirements'),
    );
    const folder = vscode.workspace.workspaceFolders?.[0]?.name ?? '';
    const preview = vscode.Uri.from({ scheme: 'liftoff-scaffold', path: `/${folder}/requirements.txt` });
    const api = (await activateLiftoff()) as unknown as { scaffold: { planned(uri: vscode.Uri): string | undefined } };
    const started = Date.now();
    try {
      // Planning reads the project through the engine; on a busy shared machine it has taken over 40 s.
      // Opening the preview document before the plan names it would keep an empty document.
      await waitFor('the plan to name requirements.txt', () => api.scaffold.planned(preview), 100_000);
      if (Date.now() - started > 5_000) console.log(`      (planning took ${Date.now() - started} ms)`);
      const text = (await vscode.workspace.openTextDocument(preview)).getText();
      assert.match(text, /scikit-learn/, `the preview document holds the planned requirements.txt: ${text}`);
    } finally {
      // Dismissed in every case, so a preview still open cannot take the next tests' keystrokes.
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    }
    assert.equal(await running, undefined);
    await assert.rejects(Promise.resolve(vscode.workspace.fs.stat(workspaceUri('requirements.txt'))));
  });

  it('runs the deployment wizard with answers given as options: every part, with the chosen Python and port', async () => {
    const result = await scaffold('liftoff.scaffold.deployment', {
      parts: ['docker', 'requirements', 'serving', 'ci'],
      pythonVersion: '3.12',
      port: 9090,
      policy: 'overwrite',
    });
    assert.ok(result);
    for (const path of ['requirements.txt', 'app/__init__.py', 'app/main.py', '.github/workflows/liftoff.yml']) {
      assert.ok(result.written.includes(path), `${path} written: ${result.written.join(', ')}`);
    }
    const dockerfile = await read('Dockerfile');
    assert.match(dockerfile, /^ARG PYTHON_VERSION=3\.12$/m);
    assert.match(dockerfile, /^EXPOSE 9090$/m);
    assert.match(await read('requirements.txt'), /scikit-learn/);
    assert.equal(result.opened, 'Dockerfile');
  });

  it('walks through the wizard in the real UI, accepting every pre-filled default, and writes every part', async function () {
    this.timeout(150_000); // the wizard's steps, answered one by one (answerEveryStep)
    for (const path of CREATED) {
      await vscode.workspace.fs.delete(workspaceUri(path), { recursive: true }).then(undefined, () => undefined);
    }
    // Parts (all checked), model, Python, CPU/GPU, port, then "Write" in the preview: Enter on each.
    const result = await answerEveryStep<ScaffoldResultLike>('liftoff.scaffold.deployment', []);
    assert.ok(result, 'the wizard resolves to its result');
    assert.deepEqual([...result.written].sort(), [
      '.dockerignore',
      '.github/workflows/liftoff.yml',
      '.github/workflows/retrain.yml',
      '.gitlab-ci.yml',
      'Dockerfile',
      'MODEL_CARD.md',
      'app/__init__.py',
      'app/main.py',
      'k8s/deployment.yaml',
      'k8s/hpa.yaml',
      'k8s/kserve-inferenceservice.yaml',
      'k8s/service.yaml',
      'loadtest/load_test.py',
      'monitoring/alerts.yml',
      'monitoring/drift.py',
      'monitoring/grafana-dashboard.json',
      'monitoring/prometheus.yml',
      'requirements.txt',
    ]);
    assert.match(await read('Dockerfile'), /^ARG PYTHON_VERSION=3\.11$/m);
    assert.equal(result.opened, 'Dockerfile');
  });

  it('renders with the template folder set in liftoff.scaffold.templatesPath, file by file', async () => {
    await vscode.workspace.fs.createDirectory(workspaceUri('my-templates', 'docker'));
    await write('my-templates/docker/Dockerfile.hbs', 'FROM scratch\n# our own image on port {{port}}\n');
    const config = vscode.workspace.getConfiguration('liftoff');
    await config.update('scaffold.templatesPath', 'my-templates', vscode.ConfigurationTarget.Workspace);
    try {
      const result = await scaffold('liftoff.scaffold.docker', { policy: 'overwrite', open: false, port: 7070 });
      assert.ok(result, 'the command returns its result');
      assert.equal(await read('Dockerfile'), 'FROM scratch\n# our own image on port 7070\n');
      assert.match(await read('.dockerignore'), /^!requirements\.txt$/m, 'the files not overridden stay built-in');

      await config.update('scaffold.templatesPath', 'no-such-folder', vscode.ConfigurationTarget.Workspace);
      const before = await read('Dockerfile');
      const refused = await scaffold('liftoff.scaffold.docker', { policy: 'overwrite', open: false });
      assert.equal(refused, undefined, 'a missing template folder is an error, not a silent fallback');
      assert.equal(await read('Dockerfile'), before);
    } finally {
      await config.update('scaffold.templatesPath', undefined, vscode.ConfigurationTarget.Workspace);
      await vscode.workspace.fs.delete(workspaceUri('my-templates'), { recursive: true });
    }
  });

  it('refuses an unknown part and writes nothing', async () => {
    const result = await scaffold('liftoff.scaffold.deployment', { parts: ['helm'], policy: 'overwrite' });
    assert.equal(result, undefined, 'the command reports the error instead of resolving to a result');
  });
});
