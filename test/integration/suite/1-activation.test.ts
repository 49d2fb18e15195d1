import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateLiftoff, EXTENSION_ID } from './helpers';

describe('the extension in VS Code', () => {
  it('is installed under its publisher.name id and activates', async () => {
    const api = await activateLiftoff();
    assert.equal(vscode.extensions.getExtension(EXTENSION_ID)?.isActive, true);
    assert.equal(typeof api.readiness.getChildren, 'function', 'activate() returns the Readiness provider');
  });

  it('registers the commands its manifest contributes', async () => {
    const manifest = vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as {
      contributes: { commands: { command: string }[] };
    };
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = manifest.contributes.commands.map((c) => c.command).filter((id) => !registered.has(id));
    assert.deepEqual(missing, []);
  });

  it('has the built-in ipynb serializer, so .ipynb files open as notebooks', () => {
    assert.ok(vscode.extensions.getExtension('vscode.ipynb'), 'vscode.ipynb (built-in) is present');
  });
});
