#!/usr/bin/env node
// Runs extension integration tests (the standard mocha "suite/index" that @vscode/test-electron loads)
// inside a real VS Code: code-server's Node extension host, with headless chromium as the workbench.
// code-server's CLI rejects --extensionDevelopmentPath/--extensionTestsPath, but the workbench URL
// accepts them as a `payload` (as VS Code's own browser integration tests do). When the suite's run()
// settles, the workbench calls window.codeAutomationExit(code) and we exit with that code.
//
//   node scripts/run-vscode-tests.mjs --extensionDevelopmentPath <dir> --extensionTestsPath <module>
//        [--workspace <dir>] [--host-dir <dir>] [--chromium <path>] [--timeout 300]
//        [--screenshot out.png] [--keep]
// Env: VSCODE_HOST_DIR, CODE_SERVER_ENTRY, CHROMIUM, VSCODE_TEST_TIMEOUT, VSCODE_TEST_SCREENSHOT,
//      VSCODE_TEST_VERBOSE=1 (browser console and the URL).
import path from 'node:path';
import {
  engineMismatch,
  isolateWebviews,
  launchChromium,
  REPO_ROOT,
  resolveHost,
  scriptOptions,
  startCodeServer,
} from './vscode-host-lib.mjs';

const opts = scriptOptions({
  extensionDevelopmentPath: { type: 'string', multiple: true, default: [REPO_ROOT] },
  extensionTestsPath: { type: 'string' },
  workspace: { type: 'string' },
  'host-dir': { type: 'string' },
  'code-server': { type: 'string' },
  chromium: { type: 'string' },
  timeout: { type: 'string', default: process.env.VSCODE_TEST_TIMEOUT || '300' },
  screenshot: { type: 'string', default: process.env.VSCODE_TEST_SCREENSHOT },
  keep: { type: 'boolean', default: false },
});
const devPaths = opts.extensionDevelopmentPath.map((p) => path.resolve(p));
const testsPath = path.resolve(
  opts.extensionTestsPath ?? path.join(devPaths[0], 'out', 'test', 'integration', 'suite', 'index'),
);
const timeoutS = Number(opts.timeout);
const screenshot = opts.screenshot;
const verbose = !!process.env.VSCODE_TEST_VERBOSE;

const t0 = Date.now();
const log = (...a) => console.log(`[vscode-tests ${((Date.now() - t0) / 1000).toFixed(1)}s]`, ...a);

// Startup chatter of the workbench that says nothing about the tests.
const NOISE =
  /^(Resolving connection token|Resolved connection token|Creating a socket|Updating additional builtin|\[Service Worker\]|ChatSessionStore|Creation of workbench contribution|.*127\.0\.0\.1:9\b)/;

async function run() {
  const { entry, chromium, vscodeVersion } = resolveHost({
    hostDir: opts['host-dir'],
    codeServerEntry: opts['code-server'],
  });
  for (const d of devPaths) {
    const warning = engineMismatch(d, vscodeVersion);
    if (warning) log(`WARNING: ${warning}; the extension will not be loaded`);
  }
  let server;
  let browser;
  const cleanup = async () => {
    await browser?.close().catch(() => undefined);
    await server?.stop().catch(() => undefined);
  };
  for (const sig of ['SIGINT', 'SIGTERM']) {
    process.on(sig, () => {
      void cleanup().then(() => process.exit(130));
    });
  }
  try {
    server = await startCodeServer({ entry, workspace: opts.workspace, keep: opts.keep, log });
    log(`VS Code ${vscodeVersion} (code-server) on ${server.url}`);
    browser = await launchChromium(chromium, opts.chromium);
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    if (!process.env.LIFTOFF_SHARED_WEBVIEW_ORIGIN) await isolateWebviews(page, server);

    let resolveExit;
    const exited = new Promise((r) => {
      resolveExit = r;
    });
    // In extension-test mode the extension host's console (mocha's reporter) reaches the workbench log
    // service, which calls window.codeAutomationLog(type, args) with printf-style arguments.
    await page.exposeFunction('codeAutomationLog', (type, a) => {
      a = Array.isArray(a) ? a : [a];
      if (!verbose && typeof a[0] === 'string' && NOISE.test(a[0])) return;
      (console[type] || console.log)(...a);
    });
    await page.exposeFunction('codeAutomationExit', (code) => resolveExit(code));
    if (verbose) page.on('console', (m) => console.log('[browser console]', m.text()));
    page.on('pageerror', (e) => log('pageerror:', e.message));

    const remote = (p) => `vscode-remote://${server.host}${p}`;
    const payload = JSON.stringify([
      ...devPaths.map((p) => ['extensionDevelopmentPath', remote(p)]),
      ['extensionTestsPath', remote(testsPath)],
      ['skipWelcome', 'true'],
      ['skipReleaseNotes', 'true'],
    ]);
    const open = server.workspace.endsWith('.code-workspace') ? 'workspace' : 'folder';
    const url = `${server.url}/?${open}=${encodeURIComponent(server.workspace)}&payload=${encodeURIComponent(payload)}`;
    if (verbose) log('opening', url);
    await page.goto(url);
    await page.waitForSelector('.monaco-workbench', { timeout: 60000 });
    log(`workbench loaded (workspace ${server.workspace}); running ${path.relative(REPO_ROOT, testsPath)}`);

    let timer;
    const timeout = new Promise((r) => {
      timer = setTimeout(() => r('timeout'), timeoutS * 1000);
    });
    const result = await Promise.race([exited, timeout]);
    clearTimeout(timer);
    if (screenshot) await page.screenshot({ path: screenshot }).catch(() => undefined);
    if (result === 'timeout') {
      log(`TIMEOUT after ${timeoutS}s`);
      console.log('0 passed, 1 failed (timeout)');
      return 124;
    }
    log(`extension tests finished, exit code ${result}`);
    return Number(result);
  } catch (e) {
    console.error('[vscode-tests] ERROR', e);
    return 1;
  } finally {
    await cleanup();
  }
}

process.exit(await run());
