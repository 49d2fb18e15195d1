#!/usr/bin/env node
// What `npm test` runs, in order: build, the "core knows no screen" import check, the Debian tools that
// unit tests verify generated files with, unit tests (mocha in plain Node), integration tests (mocha
// inside a real VS Code: code-server + headless chromium, installed on first use by
// scripts/setup-vscode-host.sh), and the UI check of the packaged .vsix. Every stage's
// output streams through; its "N passed, N failed" is collected, and a total line ends the run.
// Exit code 1 when anything failed. Lint is separate: `npm run lint`.
//
//   node scripts/test-all.mjs [--skip integration,ui] [--only unit]
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const list = (name) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1].split(',') : undefined;
};
const only = list('only');
const skip = list('skip') ?? [];
const wanted = (stage) => (only ? only.includes(stage) : !skip.includes(stage));
const node = process.execPath;
const bin = (name) => path.join(ROOT, 'node_modules', '.bin', name);

/** Runs a command with inherited stdout/stderr (tee'd into a buffer); resolves to { code, output }. */
function run(cmd, cmdArgs, env = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, cmdArgs, {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => {
      output += d;
      process.stdout.write(d);
    });
    child.stderr.on('data', (d) => {
      output += d;
      process.stderr.write(d);
    });
    child.on('error', (e) => resolve({ code: 1, output: `${output}\n${e.message}` }));
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

const strip = (s) => s.replace(/\x1b\[[0-9;]*m/g, '');

/** The last "N passed, N failed" line, or mocha's "N passing" / "N failing". */
function counts(output) {
  const text = strip(output);
  const plain = [...text.matchAll(/^\s*(\d+) passed, (\d+) failed/gm)].at(-1);
  if (plain) return { passed: Number(plain[1]), failed: Number(plain[2]) };
  const passing = [...text.matchAll(/^\s*(\d+) passing\b/gm)].at(-1);
  const failing = [...text.matchAll(/^\s*(\d+) failing\b/gm)].at(-1);
  if (passing || failing) return { passed: Number(passing?.[1] ?? 0), failed: Number(failing?.[1] ?? 0) };
  return undefined;
}

/** A step that only has to succeed (build, compile, setup): 1 passed or 1 failed. */
async function step(cmd, cmdArgs, env) {
  const { code, output } = await run(cmd, cmdArgs, env);
  return { code, passed: code === 0 ? 1 : 0, failed: code === 0 ? 0 : 1, output };
}

/**
 * Mocha's failure report, shortened: each "  N) title" block after "N failing", its title lines and the
 * first line of its error. Printed again in the summary so a log that keeps only its tail names them.
 */
function failures(output) {
  const text = strip(output);
  const start = text.search(/^\s*\d+ failing\b/m);
  if (start < 0) return [];
  const blocks = text
    .slice(start)
    .split(/^(?=\s{2}\d+\) )/m)
    .slice(1);
  return blocks.map((b) => {
    const lines = b
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
    const err = lines.findIndex((l) => /^(\w*Error|AssertionError|Error)\b|^\w+Error:/.test(l));
    const head = err > 0 ? lines.slice(0, err + 1) : lines.slice(0, 3);
    return head.join(' | ').slice(0, 400);
  });
}

/** A test stage: its own counts; a non-zero exit without a failed count still counts as one failure. */
async function tests(cmd, cmdArgs, env) {
  const { code, output } = await run(cmd, cmdArgs, env);
  const c = counts(output) ?? { passed: 0, failed: 0 };
  if (code !== 0 && c.failed === 0) c.failed = 1;
  return { code, ...c, failures: failures(output) };
}

const STAGES = [
  {
    id: 'build',
    title: 'build (esbuild: dist/extension.js, dist/cli.js)',
    run: () => step('npm', ['run', 'build', '--silent']),
  },
  {
    id: 'imports',
    title: 'src/core and src/cli import no vscode',
    run: () => tests(node, ['scripts/check-core-imports.mjs']),
  },
  {
    id: 'tools',
    title: 'test tools (Debian: python3 with sklearn/fastapi/uvicorn/onnx, yamllint)',
    run: () => step('bash', ['scripts/setup-test-tools.sh']),
  },
  { id: 'unit', title: 'unit tests (mocha, plain Node)', run: () => tests(bin('mocha'), ['--color']) },
  {
    id: 'integration',
    title: 'integration tests (mocha in VS Code 1.100 via code-server)',
    needsBuild: true,
    run: async () => {
      fs.rmSync(path.join(ROOT, 'out'), { recursive: true, force: true });
      for (const [cmd, a] of [
        ['npm', ['run', 'compile-tests', '--silent']],
        ['bash', ['scripts/setup-vscode-host.sh']],
      ]) {
        const s = await step(cmd, a);
        if (s.code !== 0) return { code: s.code, passed: 0, failed: 1 };
      }
      const shim = path.join(ROOT, 'scripts', 'code-shim.mjs');
      return tests(node, ['out/test/runTest.js'], {
        VSCODE_EXECUTABLE_PATH: process.env.VSCODE_EXECUTABLE_PATH || shim,
      });
    },
  },
  {
    id: 'ui',
    title: 'UI check of the packaged .vsix (code-server + chromium)',
    needsBuild: true,
    run: async () => {
      const s = await step('bash', ['scripts/setup-vscode-host.sh']);
      if (s.code !== 0) return { code: s.code, passed: 0, failed: 1 };
      return tests(node, ['scripts/e2e-ui.mjs']);
    },
  },
];

const results = [];
let buildFailed = false;
const started = Date.now();
for (const stage of STAGES.filter((s) => wanted(s.id))) {
  console.log(`\n=== ${stage.title}`);
  const t = Date.now();
  const r =
    stage.needsBuild && buildFailed
      ? { code: 1, passed: 0, failed: 1, note: 'skipped: build failed' }
      : await stage.run();
  if (stage.id === 'build' && r.code !== 0) buildFailed = true;
  const seconds = (Date.now() - t) / 1000;
  results.push({ ...stage, ...r, seconds });
  console.log(
    `=== ${stage.id}: ${r.passed} passed, ${r.failed} failed (${seconds.toFixed(1)}s)${r.note ? ` ${r.note}` : ''}`,
  );
}

console.log('\n=== summary');
for (const r of results) {
  const mark = r.failed > 0 || r.code !== 0 ? 'FAIL' : 'ok  ';
  console.log(
    `${mark} ${r.id.padEnd(12)} ${String(r.passed).padStart(4)} passed, ${r.failed} failed  ${r.seconds.toFixed(1).padStart(6)}s`,
  );
}
for (const r of results) for (const f of r.failures ?? []) console.log(`     ${r.id}: ${f}`);
const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
console.log(`total: ${((Date.now() - started) / 1000).toFixed(1)}s`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || results.some((r) => r.code !== 0) ? 1 : 0);
