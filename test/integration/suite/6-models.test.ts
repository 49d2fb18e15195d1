/**
 * Model artifacts in the real editor: the `.onnx` custom editor (header at once, then the smoke run from
 * onnxruntime in a child process) and "Inspect Model" on a malicious pickle (scanned, never loaded).
 * Fixtures are copied from the extension's test/fixtures/models into the throwaway workspace.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateLiftoff, closeAllEditors, EXTENSION_ID, waitFor, workspaceUri } from './helpers';

/** The parts of `LiftoffApi.models` and of core's ArtifactReport these tests read. */
interface ArtifactReportLike {
  kind: string;
  failed: boolean;
  header?: { ok: boolean; header?: { inputs: { name: string; type: { dims?: unknown[] } }[] } };
  probe?: { status: string; reason?: string; smoke?: { deterministic: boolean } };
  pickle?: { dangerous: { ref: string }[]; advice: string };
  lineage?: { status: string; summary: string; writers: { notebook: string; cellIndex: number }[] };
}
interface ModelsApiLike {
  readonly models: {
    lastReport(uri: vscode.Uri): (ArtifactReportLike & { probe?: { benchmark?: BenchmarkLike } }) | undefined;
    lastPage(uri: vscode.Uri): string | undefined;
  };
}
interface BenchmarkLike {
  runs: { batch: number; p50Ms: number; p95Ms: number; p99Ms: number; throughput: number }[];
}

/** A notebook whose second cell writes the ONNX fixture, as skl2onnx users do. */
const TRAIN_NOTEBOOK = JSON.stringify({
  cells: [
    { cell_type: 'code', execution_count: 1, id: 'imports', metadata: {}, outputs: [], source: ['import onnx\n'] },
    {
      cell_type: 'code',
      execution_count: 2,
      id: 'export',
      metadata: {},
      outputs: [],
      source: ['onx = to_onnx(model, X[:1])\n', 'onnx.save(onx, "matmul-add.onnx")\n'],
    },
  ],
  metadata: { kernelspec: { display_name: 'Python 3', language: 'python', name: 'python3' } },
  nbformat: 4,
  nbformat_minor: 5,
});

const FOLDER = 'liftoff-it-models';
const FIXTURES = ['matmul-add.onnx', 'malicious-os-system.pkl'];

function activeTabInput(): unknown {
  return vscode.window.tabGroups.activeTabGroup.activeTab?.input;
}

describe('model artifacts in VS Code', () => {
  let api: ModelsApiLike;

  before(async () => {
    await activateLiftoff();
    const ext = vscode.extensions.getExtension<ModelsApiLike>(EXTENSION_ID);
    assert.ok(ext);
    api = ext.exports;
    for (const name of FIXTURES) {
      const from = vscode.Uri.joinPath(ext.extensionUri, 'test', 'fixtures', 'models', name);
      await vscode.workspace.fs.copy(from, workspaceUri(FOLDER, name), { overwrite: true });
    }
    await vscode.workspace.fs.writeFile(workspaceUri(FOLDER, 'train.ipynb'), Buffer.from(TRAIN_NOTEBOOK));
  });

  after(async () => {
    await closeAllEditors();
    await vscode.workspace.fs.delete(workspaceUri(FOLDER), { recursive: true, useTrash: false });
  });

  it('contributes a read-only editor for *.onnx files', () => {
    const manifest = vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as {
      contributes: { customEditors: { viewType: string; selector: { filenamePattern: string }[] }[] };
    };
    const editor = manifest.contributes.customEditors.find((e) => e.viewType === 'liftoff.onnxInspector');
    assert.deepEqual(editor?.selector, [{ filenamePattern: '*.onnx' }]);
  });

  it('opens an .onnx model in the inspector: the signature with its dynamic batch, then a smoke run', async function () {
    this.timeout(90_000);
    const uri = workspaceUri(FOLDER, 'matmul-add.onnx');
    await vscode.commands.executeCommand('vscode.openWith', uri, 'liftoff.onnxInspector');
    const input = await waitFor('the inspector tab', () => {
      const tab = activeTabInput();
      return tab instanceof vscode.TabInputCustom && tab.viewType === 'liftoff.onnxInspector' ? tab : undefined;
    });
    assert.equal(input.uri.toString(), uri.toString());

    const header = await waitFor('the header report', () => api.models.lastReport(uri));
    assert.equal(header.kind, 'onnx');
    assert.equal(header.header?.ok, true);
    assert.deepEqual(
      header.header?.header?.inputs.map((i) => [i.name, i.type.dims]),
      [['X', ['N', 4]]],
    );

    console.log(`      (workspace trusted: ${vscode.workspace.isTrusted})`);
    if (!vscode.workspace.isTrusted) {
      assert.equal(header.probe, undefined, 'Restricted Mode: the model is never run');
      return;
    }
    const probed = await waitFor('the smoke run', () => api.models.lastReport(uri)?.probe, 75_000);
    assert.equal(probed.status, 'ok', probed.reason);
    assert.equal(probed.smoke?.deterministic, true);
    assert.equal(api.models.lastReport(uri)?.failed, false);
  });

  it('shows which notebook cell writes the model; its link reveals that cell', async function () {
    this.timeout(60_000);
    const uri = workspaceUri(FOLDER, 'matmul-add.onnx');
    await vscode.commands.executeCommand('vscode.openWith', uri, 'liftoff.onnxInspector');
    const lineage = await waitFor('the lineage', () => api.models.lastReport(uri)?.lineage, 30_000);
    assert.deepEqual(
      lineage.writers.map((w) => [w.notebook, w.cellIndex]),
      [[`${FOLDER}/train.ipynb`, 1]],
    );
    assert.match(lineage.summary, /written by liftoff-it-models\/train\.ipynb, cell 2 \(line 2: onnx\.save\)/);
    // Follow the page's link as VS Code does on a click: run the command URI with its JSON arguments.
    const page = await waitFor('the page with the link', () => {
      const html = api.models.lastPage(uri);
      return html && /class="reveal-cell" href="([^"]+)"/.exec(html)?.[1];
    });
    const href = page.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)));
    const link = /^command:([\w.]+)\?(.*)$/.exec(href);
    assert.ok(link, href);
    const args = JSON.parse(decodeURIComponent(link[2]!)) as unknown[];
    await vscode.commands.executeCommand(link[1]!, ...args);
    const editor = await waitFor('the notebook editor', () => vscode.window.activeNotebookEditor);
    assert.equal(editor.notebook.uri.toString(), workspaceUri(FOLDER, 'train.ipynb').toString());
    assert.equal(editor.selection.start, 1);
    await closeAllEditors();
  });

  it('"Run benchmark" measures p50/p95/p99 per batch size; closing the editor cancels a run', async function () {
    this.timeout(120_000);
    if (!vscode.workspace.isTrusted) return this.skip();
    const uri = workspaceUri(FOLDER, 'matmul-add.onnx');
    await vscode.commands.executeCommand('vscode.openWith', uri, 'liftoff.onnxInspector');
    await waitFor('the smoke run', () => api.models.lastReport(uri)?.probe, 75_000);
    const status = await vscode.commands.executeCommand<string>('liftoff.model.runBenchmark', uri);
    assert.equal(status, 'ok');
    const bench = api.models.lastReport(uri)?.probe?.benchmark;
    assert.deepEqual(
      bench?.runs.map((r) => r.batch),
      [1, 8, 64],
    );
    for (const r of bench!.runs) assert.ok(r.p50Ms > 0 && r.p50Ms <= r.p95Ms && r.p95Ms <= r.p99Ms && r.throughput > 0);
    assert.match(api.models.lastPage(uri) ?? '', /<h2>Benchmark<\/h2>[\s\S]*p99/);

    const running = vscode.commands.executeCommand<string>('liftoff.model.runBenchmark', uri);
    await waitFor('the benchmark to start', () => /Benchmark running/.test(api.models.lastPage(uri) ?? ''));
    const started = Date.now();
    await closeAllEditors();
    assert.equal(await running, 'cancelled');
    assert.ok(Date.now() - started < 3_000, 'the child process was stopped, not waited for');
  });

  it('"Inspect Model" on a malicious pickle shows its scan, names os.system and never calls it safe', async () => {
    const uri = workspaceUri(FOLDER, 'malicious-os-system.pkl');
    const shown = await vscode.commands.executeCommand<ArtifactReportLike[]>('liftoff.model.inspect', uri);
    assert.equal(shown?.length, 1);
    const report = api.models.lastReport(uri);
    assert.equal(report?.kind, 'pickle');
    assert.equal(report?.failed, true);
    assert.deepEqual(
      report?.pickle?.dangerous.map((d) => d.ref),
      ['os.system'],
    );
    assert.match(report?.pickle?.advice ?? '', /ONNX/);
    // Tab state reaches the extension host a moment after the panel is shown.
    await waitFor('the scan panel tab', () => {
      const tab = activeTabInput();
      return tab instanceof vscode.TabInputWebview && /liftoff\.modelReport$/.test(tab.viewType);
    });
  });

  it('"Inspect Model" on an .onnx file opens the inspector', async () => {
    const uri = workspaceUri(FOLDER, 'matmul-add.onnx');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('liftoff.model.inspect', uri);
    await waitFor('the inspector tab', () => {
      const tab = activeTabInput();
      return tab instanceof vscode.TabInputCustom && tab.viewType === 'liftoff.onnxInspector';
    });
  });
});
