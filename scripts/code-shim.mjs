#!/usr/bin/env node
// A stand-in "VS Code executable" for @vscode/test-electron's runTests({ vscodeExecutablePath }), for
// machines that cannot download VS Code: `npm run test:integration` points VSCODE_EXECUTABLE_PATH here.
// runTests spawns it with Electron-style arguments; we keep the ones that matter and run the tests in
// code-server + headless chromium (run-vscode-tests.mjs), passing the exit code back.
// Electron-only flags (--no-sandbox, --disable-updates, --user-data-dir=..., --extensions-dir=...,
// --disable-extensions, ...) are dropped: every run gets fresh, empty state anyway.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const forwarded = [];
for (const a of process.argv.slice(2)) {
  const m = /^--(extensionDevelopmentPath|extensionTestsPath)=(.*)$/.exec(a);
  if (m) forwarded.push(`--${m[1]}`, m[2]);
  else if (!a.startsWith('-'))
    forwarded.push('--workspace', a); // the folder from launchArgs
  else if (process.env.VSCODE_TEST_VERBOSE) console.log(`[code-shim] ignoring ${a}`);
}
const runner = path.join(path.dirname(fileURLToPath(import.meta.url)), 'run-vscode-tests.mjs');
const child = spawn(process.execPath, [runner, ...forwarded], { stdio: 'inherit' });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, sig) => process.exit(code ?? (sig ? 1 : 0)));
