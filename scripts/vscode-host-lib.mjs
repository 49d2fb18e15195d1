// The real VS Code our integration and UI tests run in: code-server (VS Code 1.100.3's server and web
// workbench) on 127.0.0.1 with throwaway state, and Debian's chromium, headless, through playwright-core.
// Installed by scripts/setup-vscode-host.sh into .vscode-test/code-server-host (git-ignored).
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DEFAULT_HOST_DIR = path.join(REPO_ROOT, '.vscode-test', 'code-server-host');

/** The command line's options (node:util parseArgs); a mistyped or unknown one ends the script with its message. */
export function scriptOptions(options) {
  try {
    return parseArgs({ options }).values;
  } catch (error) {
    console.error(`${path.basename(process.argv[1] ?? 'script')}: ${error.message}`);
    process.exit(2);
  }
}

/** Finds code-server's entry point and playwright-core's chromium in the host folder. */
export function resolveHost({ hostDir, codeServerEntry } = {}) {
  hostDir = path.resolve(hostDir || process.env.VSCODE_HOST_DIR || DEFAULT_HOST_DIR);
  const resolveFrom = (id) => {
    for (const base of [path.join(hostDir, 'noop.js'), path.join(REPO_ROOT, 'noop.js')]) {
      try {
        return createRequire(base).resolve(id);
      } catch {
        // try the next place
      }
    }
    throw new Error(`cannot find ${id}: run scripts/setup-vscode-host.sh (VSCODE_HOST_DIR=${hostDir})`);
  };
  const entry = path.resolve(
    codeServerEntry ||
      process.env.CODE_SERVER_ENTRY ||
      path.join(path.dirname(resolveFrom('code-server/package.json')), 'out', 'node', 'entry.js'),
  );
  const { chromium } = createRequire(import.meta.url)(resolveFrom('playwright-core'));
  return { hostDir, entry, chromium, vscodeVersion: vscodeVersionOf(entry) };
}

/** The VS Code version code-server bundles, e.g. "1.100.3". */
function vscodeVersionOf(entry) {
  try {
    const pkg = path.join(path.dirname(entry), '..', '..', 'lib', 'vscode', 'package.json');
    return JSON.parse(fs.readFileSync(pkg, 'utf8')).version;
  } catch {
    return undefined;
  }
}

/**
 * A development extension whose engines.vscode asks for a newer VS Code than the host is silently not
 * loaded (getExtension() returns undefined), so say so loudly before wasting a run.
 */
export function engineMismatch(extensionDir, vscodeVersion) {
  if (!vscodeVersion) return undefined;
  const want = JSON.parse(fs.readFileSync(path.join(extensionDir, 'package.json'), 'utf8')).engines?.vscode ?? '';
  const m = /(\d+)\.(\d+)\.(\d+)/.exec(want);
  if (!m) return undefined;
  const [hMajor, hMinor] = vscodeVersion.split('.').map(Number);
  const [major, minor] = [Number(m[1]), Number(m[2])];
  const tooNew = major > hMajor || (major === hMajor && minor > hMinor);
  return tooNew
    ? `${extensionDir} needs engines.vscode ${want} but the test host is VS Code ${vscodeVersion}`
    : undefined;
}

const freePort = () =>
  new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

export const DEFAULT_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'security.workspace.trust.enabled': false,
  'git.enabled': false,
};

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Starts code-server; resolves once /healthz answers. Returns { url, host, tmp, workspace, logFile, stop() }. */
export async function startCodeServer({
  entry,
  workspace,
  port,
  vsix = [],
  settings = {},
  env = {},
  keep = false,
  log = () => {},
}) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'liftoff-vscode-host-'));
  const userDataDir = path.join(tmp, 'user-data');
  const extensionsDir = path.join(tmp, 'extensions');
  workspace = path.resolve(workspace || path.join(tmp, 'workspace'));
  // A .code-workspace file (a multi-root workspace) is opened as it is; a folder is created when missing.
  const dirs = [
    extensionsDir,
    path.join(userDataDir, 'User'),
    ...(workspace.endsWith('.code-workspace') ? [] : [workspace]),
  ];
  for (const d of dirs) fs.mkdirSync(d, { recursive: true });
  fs.writeFileSync(
    path.join(userDataDir, 'User', 'settings.json'),
    JSON.stringify({ ...DEFAULT_SETTINGS, ...settings }, null, 2),
  );
  port = port || (await freePort());
  const host = `127.0.0.1:${port}`; // loopback only
  const config = path.join(tmp, 'config.yaml');
  fs.writeFileSync(config, `bind-addr: ${host}\nauth: none\ncert: false\n`);
  const common = ['--config', config, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];
  const fullEnv = {
    ...process.env,
    // code-server's heartbeat and logs go to XDG dirs: keep them in the throwaway folder, not in ~
    XDG_DATA_HOME: path.join(tmp, 'xdg-data'),
    XDG_CONFIG_HOME: path.join(tmp, 'xdg-config'),
    // an unreachable gallery, so nothing asks open-vsx.org
    EXTENSIONS_GALLERY: '{"serviceUrl":"http://127.0.0.1:9/gallery","itemUrl":"http://127.0.0.1:9/item"}',
    ...env,
  };
  for (const v of vsix) {
    log(`installing ${v}`);
    execFileSync(process.execPath, [entry, ...common, '--install-extension', path.resolve(v), '--force'], {
      env: fullEnv,
      stdio: 'pipe',
    });
  }
  const logFile = path.join(tmp, 'code-server.log');
  const fd = fs.openSync(logFile, 'w');
  const args = [...common, '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust'];
  args.push('--disable-getting-started-override', '--ignore-last-opened');
  // Own process group, so stop() ends code-server and its extension host together.
  const server = spawn(process.execPath, [entry, ...args], { detached: true, stdio: ['ignore', fd, fd], env: fullEnv });
  fs.closeSync(fd);
  let exited = null;
  server.on('exit', (code, sig) => {
    exited = { code, sig };
  });
  const stop = async () => {
    signalGroup(server.pid, 'SIGTERM');
    await sleep(500);
    signalGroup(server.pid, 'SIGKILL');
    if (!keep) fs.rmSync(tmp, { recursive: true, force: true });
    else log(`kept ${tmp}`);
  };
  for (let i = 0; ; i++) {
    if (exited) {
      const out = fs.readFileSync(logFile, 'utf8');
      await stop();
      throw new Error(`code-server exited early ${JSON.stringify(exited)}\n${out}`);
    }
    if (await healthy(host)) break;
    if (i > 300) {
      await stop();
      throw new Error('code-server did not start within 60s');
    }
    await sleep(200);
  }
  return { url: `http://${host}`, host, tmp, workspace, logFile, pid: server.pid, stop };
}

async function healthy(host) {
  try {
    return (await fetch(`http://${host}/healthz`)).ok;
  } catch {
    return false;
  }
}

function signalGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

/** Headless Debian chromium; playwright gives every launch a fresh temporary profile. */
export async function launchChromium(chromium, executablePath = process.env.CHROMIUM || '/usr/bin/chromium') {
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
      // isolateWebviews serves the workbench page through Playwright's interception, which chromium
      // places in the public address space; its WebSocket to code-server on 127.0.0.1 would be blocked.
      '--disable-features=LocalNetworkAccessChecks,BlockInsecurePrivateNetworkRequests',
    ],
  });
}

/** Copies a folder (e.g. examples/churn) into a fresh temporary folder, so tests never touch the repo. */
export function copyToTemp(src, prefix = 'liftoff-ws-') {
  const dest = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.cpSync(src, dest, { recursive: true });
  return dest;
}

/**
 * Gives every webview its own origin, as VS Code desktop and vscode.dev do. code-server serves all webviews
 * from its own origin, so they share one service worker registration: a new webview's resource requests
 * can go to the worker of one that was just closed, which waits 30 s (its request timeout) before the new
 * one loads. That stall (a notebook editor or a custom editor opening 30 s late) made tests fail at random.
 * The workbench page's configuration gets `http://{{uuid}}.localhost:<port>/...` as its webview endpoint
 * (VS Code puts each webview's origin hash in {{uuid}}; chromium resolves *.localhost to the loopback
 * address, and treats it as a secure context, which webviews need), and its Content-Security-Policy lets
 * the page frame those origins.
 */
export async function isolateWebviews(page, server) {
  const port = new URL(server.url).port;
  await page.route(
    (url) => url.origin === server.url && url.pathname === '/',
    async (route) => {
      const response = await route.fetch();
      const body = (await response.text()).replace(
        /(&quot;webviewEndpoint&quot;:&quot;)([^&]+)(&quot;)/,
        (_, open, endpoint, close) =>
          `${open}http://{{uuid}}.localhost:${port}/${endpoint.replace(/^\.?\//, '')}${close}`,
      );
      const headers = { ...response.headers() };
      const csp = headers['content-security-policy'];
      if (csp) headers['content-security-policy'] = csp.replace(/frame-src /, `frame-src http://*.localhost:${port} `);
      await route.fulfill({ response, body, headers });
    },
  );
}
