// `node scripts/run-ts.mjs <entry.ts> [args...]`: bundles a TypeScript entry point with the core from source
// (so it always runs the code in the working tree) into out/, then runs it with the remaining arguments.
// Used by `npm run corpus` (scripts/corpus/main.ts: per-rule counts, parse failures and crashes over a
// folder of notebooks) and `npm run precision` (scripts/precision/main.ts: precision and recall against the
// hand labels in test/labels/).
import * as esbuild from 'esbuild';
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  console.error('usage: node scripts/run-ts.mjs <entry.ts> [args...]');
  process.exit(2);
}
const outfile = path.join('out', path.relative('scripts', entry).replace(/\.ts$/, '.js'));
await esbuild.build({
  entryPoints: [entry],
  outfile,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  logLevel: 'warning',
});
const r = spawnSync(process.execPath, [outfile, ...args], { stdio: 'inherit' });
process.exit(r.status ?? 1);
