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
}
interface ModelsApiLike {
  readonly models: { lastReport(uri: vscode.Uri): ArtifactReportLike | undefined };
}

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
