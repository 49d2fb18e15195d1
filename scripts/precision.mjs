// `npm run precision -- [corpus dir] [--labels <file>] [--json]`: precision and recall of every rule
// against the hand labels in test/labels/corpus-labels.json (see scripts/precision/main.ts). Bundles
// the core from source first, like scripts/corpus.mjs, so it measures the code in the working tree.
import * as esbuild from 'esbuild';
import { spawnSync } from 'node:child_process';

await esbuild.build({
  entryPoints: ['scripts/precision/main.ts'],
  outfile: 'out/precision/main.js',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  logLevel: 'warning',
});
const r = spawnSync(process.execPath, ['out/precision/main.js', ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(r.status ?? 1);
