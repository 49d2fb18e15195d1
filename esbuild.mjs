// Two bundles from one core: the extension (vscode and the native runtime stay external)
// and the CLI (no vscode at all: a stray import from core or cli fails this build).
import * as esbuild from 'esbuild';

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

const builds = [
  {
    ...common,
    entryPoints: ['src/extension/extension.ts'],
    outfile: 'dist/extension.js',
    external: [...common.external, 'vscode'],
  },
  { ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  // The child process that runs onnxruntime-node for the model probe (src/core/models/onnx/probe.ts).
  { ...common, entryPoints: ['src/core/models/onnx/worker.ts'], outfile: 'dist/onnx-worker.js' },
  // Worker threads that analyse many notebooks in parallel (CLI and workspace analysis).
  { ...common, entryPoints: ['src/core/parallel/worker.ts'], outfile: 'dist/analysis-worker.js' },
];

if (watch) {
  for (const b of builds) await (await esbuild.context(b)).watch();
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}
