#!/usr/bin/env node
// UI check of the packaged extension in a real VS Code (code-server + headless chromium), through the
// workbench as a person would use it: packages liftoff.vsix (unless --vsix is given), installs it, opens a
// throwaway copy of examples/churn, runs "Liftoff: Analyze Workspace" from the command palette, reads the
// Readiness view's rows from the DOM, opens train.ipynb and waits for a squiggle in a cell editor and for
// rows in the Problems view. Saves screenshots under test-results/. Prints "N passed, N failed".
//
//   node scripts/e2e-ui.mjs [--vsix liftoff.vsix] [--host-dir <dir>] [--keep]
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {
  copyToTemp,
  isolateWebviews,
  launchChromium,
  REPO_ROOT,
  resolveHost,
  scriptOptions,
  startCodeServer,
} from './vscode-host-lib.mjs';

const opts = scriptOptions({
  vsix: { type: 'string' },
  'host-dir': { type: 'string' },
  keep: { type: 'boolean', default: false },
});
const RESULTS = path.join(REPO_ROOT, 'test-results');
const SECTIONS = ['Data', 'Infrastructure', 'Evaluation', 'Monitoring & retraining', 'Business value'];
// What the .vsix must carry, and what it must not (see .vscodeignore).
const SHIPPED = ['package.json', 'dist/extension.js', 'dist/engine.js', 'dist/cli.js', 'docs/rules/README.md'];
SHIPPED.push('media/liftoff.svg');
SHIPPED.push('node_modules/onnxruntime-node/dist/index.js', 'node_modules/onnxruntime-common/dist/cjs/index.js');
const NOT_SHIPPED = [
  'src',
  'test',
  'examples',
  'out',
  'tsconfig.json',
  'dist/extension.js.map',
  'dist/engine.js.map',
  'node_modules/handlebars',
];
const t0 = Date.now();
const log = (...a) => console.log(`[e2e-ui ${((Date.now() - t0) / 1000).toFixed(1)}s]`, ...a);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const results = [];
/** One named check; a failure is recorded and the run goes on (later checks may still say something). */
async function check(name, fn) {
  try {
    await fn();
    results.push({ name, ok: true });
    log(`ok   ${name}`);
  } catch (e) {
    results.push({ name, ok: false });
    log(`FAIL ${name}: ${e instanceof Error ? e.message.split('\n').slice(0, 8).join('\n  ') : e}`);
  }
}

function packageVsix() {
  const given = opts.vsix;
  if (given) return path.resolve(given);
  log('packaging: npm run package');
  execFileSync('npm', ['run', 'package', '--silent'], { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  return path.join(REPO_ROOT, 'liftoff.vsix');
}

/** Types into a quick-input (F1 palette or Ctrl+P) and picks the matching row; retried while the
 * workbench is still registering contributions (rows can be missing for the first seconds). */
async function quickPick(page, key, text, rowText, ms = 30000) {
  const input = page.locator('.quick-input-widget input');
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: rowText });
  const end = Date.now() + ms;
  for (;;) {
    await page.keyboard.press(key);
    await input.waitFor({ state: 'visible', timeout: 10000 });
    await input.fill(text);
    try {
      await row.first().waitFor({ timeout: 3000 });
      await page.keyboard.press('Enter');
      return;
    } catch (e) {
      const seen = await page.locator('.quick-input-list .monaco-list-row').allTextContents();
      await page.keyboard.press('Escape');
      if (Date.now() > end)
        throw new Error(`no "${rowText}" after typing "${text}"; rows: ${JSON.stringify(seen)}`, { cause: e });
      await sleep(500);
    }
  }
}

const runCommand = (page, title) => quickPick(page, 'F1', `>${title}`, title);
const quickOpen = (page, file) => quickPick(page, 'Control+P', file, file);

async function main() {
  fs.mkdirSync(RESULTS, { recursive: true });
  let vsix;
  await check('npm run package produces liftoff.vsix', () => {
    vsix = packageVsix();
    if (!fs.existsSync(vsix)) throw new Error(`${vsix} not found`);
    log(`vsix ${(fs.statSync(vsix).size / 1e6).toFixed(1)} MB`);
  });
  if (!vsix || !fs.existsSync(vsix)) return;

  const { entry, chromium } = resolveHost({ hostDir: opts['host-dir'] });
  const workspace = copyToTemp(path.join(REPO_ROOT, 'examples', 'churn'), 'liftoff-ui-');
  let server;
  await check('the .vsix installs, carries only what it should, and its onnxruntime-node loads', async () => {
    server = await startCodeServer({ entry, workspace, vsix: [vsix], keep: opts.keep, log });
    const installed = fs
      .readdirSync(path.join(server.tmp, 'extensions'))
      .filter((d) => d.startsWith('liftoff.liftoff-'));
    if (installed.length !== 1) throw new Error(`installed extensions: ${installed.join(', ') || 'none'}`);
    const dir = path.join(server.tmp, 'extensions', installed[0]);
    const has = (p) => fs.existsSync(path.join(dir, p));
    const missing = SHIPPED.filter((p) => !has(p));
    const extra = NOT_SHIPPED.filter(has);
    if (missing.length || extra.length)
      throw new Error(`missing: ${missing.join(', ')}; unexpected: ${extra.join(', ')}`);
    const ort = path.join(dir, 'node_modules', 'onnxruntime-node', 'package.json');
    // require() loads the native binding at once: this proves the shipped binary runs on this platform.
    const probe = `const ort = require(${JSON.stringify(path.dirname(ort))}); if (typeof ort.InferenceSession?.create !== 'function') process.exit(1)`;
    execFileSync(process.execPath, ['-e', probe], { stdio: 'pipe' });
  });
  if (!server) return;

  const browser = await launchChromium(chromium);
  const page = await browser.newPage({ viewport: { width: 1500, height: 950 } });
  await isolateWebviews(page, server);
  page.on('pageerror', (e) => log('pageerror', e.message));
  try {
    await ui(page, server);
  } finally {
    await page.screenshot({ path: path.join(RESULTS, 'e2e-ui.png') }).catch(() => undefined);
    log(`screenshot ${path.relative(REPO_ROOT, path.join(RESULTS, 'e2e-ui.png'))}`);
    await browser.close();
    await server.stop();
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}

async function ui(page, server) {
  await page.goto(`${server.url}/?folder=${encodeURIComponent(server.workspace)}`);
  await page.waitForSelector('.monaco-workbench', { timeout: 60000 });
  await page.waitForSelector('.explorer-folders-view', { timeout: 60000 });
  log('workbench ready');

  await check('"Liftoff: Analyze Workspace" runs from the command palette and reports its findings', async () => {
    await runCommand(page, 'Liftoff: Analyze Workspace');
    const toast = page.locator('.notifications-toasts .notification-list-item-message', { hasText: /^Liftoff found/ });
    await toast.first().waitFor({ timeout: 30000 });
    const text = await toast.first().textContent();
    log(`notification: ${text}`);
    if (!/found [1-9]\d* findings? in [1-9]\d* notebooks?/.test(text)) throw new Error(`unexpected summary: ${text}`);
  });

  await check('the Readiness view shows the five scored sections with their checklist items', async () => {
    // The <li>, not its <a>: the badge over the icon takes the pointer events; the label gains the badge's text.
    await page.locator('.activitybar li.action-item', { has: page.locator('a[aria-label^="Liftoff"]') }).click();
    // The only view of its container, so it has no pane header of its own: the side bar shows it.
    const pane = page.locator('.part.sidebar');
    await pane.locator('.title-label', { hasText: /Readiness/i }).waitFor({ timeout: 20000 });
    await pane.locator('.monaco-list-row', { hasText: 'Business value' }).waitFor({ timeout: 20000 });
    // Sections render first; their items follow once the engine has scored the workspace.
    const readRows = async () => (await pane.locator('.monaco-list-row').allTextContents()).map((r) => r.trim());
    let rows = await readRows();
    for (let waited = 0; waited < 20000 && !rows.some((r) => /findings? \(unseeded-ran/.test(r)); waited += 250) {
      await sleep(250);
      rows = await readRows();
    }
    log(`readiness rows: ${JSON.stringify(rows)}`);
    // A section row is its label followed by its score, e.g. "Data0/7 · 0 pass, 0 partial, 2 fail".
    const sectionRows = rows.filter((r) => SECTIONS.some((s) => r.startsWith(s) && /^\D*\d+(\.\d+)?\/\d+ · /.test(r)));
    if (sectionRows.length !== SECTIONS.length) throw new Error(`sections: ${JSON.stringify(sectionRows)}`);
    if (rows.length <= SECTIONS.length) throw new Error('no item rows under the sections');
    if (!rows.some((r) => /findings? \(unseeded-ran/.test(r))) {
      throw new Error('no item names the notebook findings behind it (unseeded-randomness)');
    }
    await page.screenshot({ path: path.join(RESULTS, 'e2e-ui-readiness.png') });
  });

  await check('train.ipynb opens in the notebook editor with a Liftoff squiggle on a cell', async () => {
    await quickOpen(page, 'train.ipynb');
    await page.waitForSelector('.notebook-editor .cell-editor-container .view-lines', { timeout: 30000 });
    const squiggle = page.locator('.notebook-editor .cell-editor-container :is(.squiggly-warning, .squiggly-error)');
    await squiggle.first().waitFor({ timeout: 30000 });
    log(`squiggles rendered: ${await squiggle.count()}`);
  });

  await check('the Problems view lists Liftoff diagnostics of the notebook cells', async () => {
    await page.keyboard.press('Control+Shift+M');
    const rows = page.locator('.markers-panel .monaco-list-row');
    await rows
      .filter({ hasText: /LO\d{3}/ })
      .first()
      .waitFor({ timeout: 20000 });
    const texts = (await rows.allTextContents()).map((t) => t.trim());
    log(`problems rows: ${JSON.stringify(texts.slice(0, 8))}${texts.length > 8 ? ' ...' : ''}`);
    for (const id of ['LO101', 'LO301', 'LO402']) {
      if (!texts.some((t) => t.includes(id))) throw new Error(`no ${id} row in the Problems view`);
    }
  });
}

try {
  await main();
} catch (e) {
  results.push({ name: 'e2e run', ok: false });
  console.error('E2E ERROR:', e);
}
const passed = results.filter((r) => r.ok).length;
const failed = results.length - passed;
log(failed > 0 ? 'FAIL' : 'PASS');
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
