// Two bundles from one core: the extension (vscode and the native runtime stay external)
// and the CLI (no vscode at all: a stray import from core or cli fails this build).
import * as esbuild from 'esbuild';
import { lazyCore, vscodeOnce } from './scripts/esbuild-lazy-core.mjs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  // onnxruntime-node finds its native binding by a computed path, so it is shipped from node_modules.
  external: ['onnxruntime-node'],
};

// The extension's core (analysis, readiness, scaffolding, models) is dist/engine.js, required on first use:
// activation loads only the VS Code glue (see scripts/esbuild-lazy-core.mjs).
const lazy = lazyCore({ root: process.cwd() });
const extension = {
  ...common,
  entryPoints: ['src/extension/extension.ts'],
  outfile: 'dist/extension.js',
  external: [...common.external, 'vscode'],
  plugins: [lazy.plugin, vscodeOnce],
};

const builds = [
  { ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  // The child process that runs onnxruntime-node for the model probe (src/core/models/onnx/probe.ts).
  { ...common, entryPoints: ['src/core/models/onnx/worker.ts'], outfile: 'dist/onnx-worker.js' },
  // Worker threads that analyse many notebooks in parallel (CLI and workspace analysis).
  { ...common, entryPoints: ['src/core/parallel/worker.ts'], outfile: 'dist/analysis-worker.js' },
];

if (watch) {
  // The engine's entry lists what the extension imports: build the extension once first.
  await esbuild.build(extension);
  for (const b of [extension, lazy.engineBuild(common, 'dist'), ...builds]) await (await esbuild.context(b)).watch();
} else {
  await Promise.all([
    esbuild.build(extension).then(() => esbuild.build(lazy.engineBuild(common, 'dist'))),
    ...builds.map((b) => esbuild.build(b)),
  ]);
}
