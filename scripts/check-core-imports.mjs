#!/usr/bin/env node
// "The core knows no screen" (ARCHITECTURE.md, rule 1): fails when any file under src/core or src/cli
// imports `vscode`, in any form (import, import type, export from, require, dynamic import).
// The lint rule and the CLI bundle (built without vscode as external) catch most of this; this check
// needs neither a build nor a lint run, so `npm test` always makes it.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIRS = ['src/core', 'src/cli'];
const VSCODE_IMPORT = /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)['"]vscode(?:\/[^'"]*)?['"]/;

function sourceFiles(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.(ts|tsx|js|mjs|cjs)$/.test(e.name))
    .map((e) => path.join(e.parentPath ?? e.path, e.name));
}

let passed = 0;
let failed = 0;
for (const dir of DIRS) {
  const offenders = [];
  const files = sourceFiles(path.join(root, dir));
  for (const file of files) {
    fs.readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        if (VSCODE_IMPORT.test(line) && !/^\s*(\/\/|\*)/.test(line)) {
          offenders.push(`${path.relative(root, file)}:${i + 1}: ${line.trim()}`);
        }
      });
  }
  if (offenders.length === 0) {
    passed++;
    console.log(`ok   ${dir}: no vscode import in ${files.length} files`);
  } else {
    failed++;
    console.log(`FAIL ${dir} imports vscode:\n  ${offenders.join('\n  ')}`);
  }
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
