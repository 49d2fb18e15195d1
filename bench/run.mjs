// Bundles the benchmark (core sources included, ruff-wasm external: it loads its .wasm by path) and runs it.
import * as esbuild from 'esbuild';
import { spawnSync } from 'node:child_process';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  external: ['@astral-sh/ruff-wasm-nodejs'],
  logLevel: 'warning',
};
await esbuild.build({ ...common, entryPoints: ['bench/main.ts'], outfile: 'out/bench/main.js' });
await esbuild.build({ ...common, entryPoints: ['src/core/parallel/worker.ts'], outfile: 'out/bench/analysis-worker.js' });
const r = spawnSync(process.execPath, ['--expose-gc', 'out/bench/main.js', ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(r.status ?? 1);
