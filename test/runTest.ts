/**
 * Launches the integration tests in a real VS Code with @vscode/test-electron. With internet it downloads
 * VS Code as usual; offline, `npm run test:integration` sets VSCODE_EXECUTABLE_PATH to scripts/code-shim.mjs,
 * which runs the same suite in code-server + headless chromium. The workspace is a throwaway copy of
 * examples/churn, so tests that apply quick fixes never change the repository's files. It is opened through
 * a .code-workspace file listing that one folder, so a test can add a second folder (multi-root) without
 * VS Code restarting the extension host, as it does when a single-folder window becomes a workspace.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';

async function main(): Promise<void> {
  const root = path.resolve(__dirname, '..', '..');
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'liftoff-it-'));
  fs.cpSync(path.join(root, 'examples', 'churn'), workspace, { recursive: true });
  const workspaceFile = path.join(os.tmpdir(), `${path.basename(workspace)}.code-workspace`);
  fs.writeFileSync(workspaceFile, JSON.stringify({ folders: [{ path: workspace }] }, null, 2));
  try {
    await runTests({
      vscodeExecutablePath: process.env.VSCODE_EXECUTABLE_PATH || undefined,
      extensionDevelopmentPath: root,
      extensionTestsPath: path.join(root, 'out', 'test', 'integration', 'suite', 'index'),
      launchArgs: [workspaceFile, '--disable-extensions'],
    });
  } catch (err) {
    console.error('Integration tests failed:', err instanceof Error ? err.message : err);
    process.exitCode = 1;
  } finally {
    fs.rmSync(workspace, { recursive: true, force: true });
    fs.rmSync(workspaceFile, { force: true });
  }
}

void main();
