// `npm run corpus -- <folder> [--show <rule>[,<rule>]] [--json]`: runs the analysis over every
// notebook under a folder and prints per-rule counts, parse failures and crashes. Bundles the core
// from source first (like bench/run.mjs), so it always measures the code in the working tree.
import * as esbuild from 'esbuild';
import { spawnSync } from 'node:child_process';

await esbuild.build({
  entryPoints: ['scripts/corpus/main.ts'],
  outfile: 'out/corpus/main.js',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  logLevel: 'warning',
});
const r = spawnSync(process.execPath, ['out/corpus/main.js', ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(r.status ?? 1);
