// Bundles the benchmark with its worker entries (core sources included; ruff-wasm and onnxruntime-node stay
// external: they load their .wasm / native binding by path) and runs it.
import * as esbuild from 'esbuild';
import { spawnSync } from 'node:child_process';

// The activation benchmark loads the production bundles, as users get them.
if (spawnSync(process.execPath, ['esbuild.mjs', '--production'], { stdio: 'inherit' }).status !== 0) process.exit(1);

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  external: ['@astral-sh/ruff-wasm-nodejs', 'onnxruntime-node'],
  logLevel: 'warning',
};
await esbuild.build({ ...common, entryPoints: ['bench/main.ts'], outfile: 'out/bench/main.js' });
await esbuild.build({
  ...common,
  entryPoints: ['src/core/parallel/worker.ts'],
  outfile: 'out/bench/analysis-worker.js',
});
await esbuild.build({
  ...common,
  entryPoints: ['src/core/models/onnx/worker.ts'],
  outfile: 'out/bench/onnx-worker.js',
});
const r = spawnSync(process.execPath, ['--expose-gc', 'out/bench/main.js', ...process.argv.slice(2)], {
  stdio: 'inherit',
});
process.exit(r.status ?? 1);
