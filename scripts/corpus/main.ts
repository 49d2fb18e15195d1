/**
 * Corpus run: every *.ipynb under the given folder goes through the real engine (all rules, one
 * shared facts cache). Prints, per rule, how many findings and how many notebooks it fired on; the
 * notebooks that could not be read (parse failures), cells with Python syntax errors, and crashes
 * (a rule that threw, or the engine itself). `--show rule[,rule]` lists those findings with the
 * source line they point at, for reading by hand; `--json` prints everything as JSON.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { FactsCache } from '../../src/core/analysis/cache';
import { analyzeNotebook } from '../../src/core/analyze';
import type { Finding } from '../../src/core/findings';
import { readNotebook } from '../../src/core/notebook/read';
import { findRule, RULES } from '../../src/core/rules/registry';

interface Crash {
  file: string;
  rule?: string;
  error: string;
}

interface Run {
  notebooks: number;
  findings: Array<Finding & { line: string }>;
  unreadable: Array<{ file: string; reason: string }>;
  cellsWithSyntaxErrors: number;
  crashes: Crash[];
  ms: number;
}

function notebooksUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    const full = join(dir, entry);
    if (entry.startsWith('.') || entry === 'node_modules') continue;
    if (statSync(full).isDirectory()) out.push(...notebooksUnder(full));
    else if (entry.endsWith('.ipynb')) out.push(full);
  }
  return out.sort();
}

function runOne(run: Run, root: string, file: string, cache: FactsCache): void {
  const path = relative(root, file);
  const read = readNotebook(path, readFileSync(file, 'utf8'));
  if (!read.ok) {
    run.unreadable.push({ file: path, reason: read.reason });
    return;
  }
  const onRuleError = (rule: { name: string }, error: unknown): void => {
    run.crashes.push({ file: path, rule: rule.name, error: errorText(error) });
  };
  const findings = analyzeNotebook(read.notebook, { cache, onRuleError });
  for (const cell of read.notebook.cells) {
    if (cell.kind === 'code' && cache.get(cell.source).syntaxErrors.length > 0) run.cellsWithSyntaxErrors++;
  }
  for (const f of findings) {
    const source = read.notebook.cells[f.cellIndex ?? -1]?.source ?? '';
    const line = (source.split('\n')[f.range?.start.line ?? 0] ?? '').trim();
    run.findings.push({ ...f, line });
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message).split('\n').slice(0, 3).join(' | ') : String(error);
}

function printTable(run: Run): void {
  console.log(`${run.notebooks} notebooks in ${run.ms.toFixed(0)} ms\n`);
  console.log('rule                              findings  notebooks');
  for (const rule of RULES) {
    const mine = run.findings.filter((f) => f.ruleId === rule.id);
    const files = new Set(mine.map((f) => f.file)).size;
    console.log(
      `${`${rule.id} ${rule.name}`.padEnd(34)}${String(mine.length).padStart(8)}${String(files).padStart(11)}`,
    );
  }
  console.log(`\nparse failures (unreadable notebooks): ${run.unreadable.length}`);
  for (const u of run.unreadable) console.log(`  ${u.file}: ${u.reason}`);
  console.log(`code cells with Python syntax errors: ${run.cellsWithSyntaxErrors}`);
  console.log(`crashes: ${run.crashes.length}`);
  for (const c of run.crashes) console.log(`  ${c.file} [${c.rule ?? 'engine'}]: ${c.error}`);
}

function printShown(run: Run, show: string[]): void {
  const ids = new Set(show.map((s) => findRule(s)?.id).filter((id) => id !== undefined));
  for (const f of run.findings.filter((x) => ids.has(x.ruleId))) {
    console.log(`\n${f.ruleId} ${f.file} cell ${(f.cellIndex ?? 0) + 1}: ${f.line}`);
    console.log(`  ${f.message}`);
    for (const r of f.related ?? []) console.log(`  -> cell ${(r.cellIndex ?? 0) + 1}: ${r.message}`);
  }
}

function main(argv: string[]): number {
  const folder = argv.find((a, i) => !a.startsWith('--') && argv[i - 1] !== '--show');
  if (folder === undefined) {
    console.error('usage: npm run corpus -- <folder> [--show <rule>[,<rule>]] [--json]');
    return 2;
  }
  const show = argv.includes('--show') ? (argv[argv.indexOf('--show') + 1] ?? '').split(',') : [];
  const files = notebooksUnder(folder);
  const run: Run = {
    notebooks: files.length,
    findings: [],
    unreadable: [],
    cellsWithSyntaxErrors: 0,
    crashes: [],
    ms: 0,
  };
  const cache = new FactsCache();
  const start = performance.now();
  for (const file of files) {
    try {
      runOne(run, folder, file, cache);
    } catch (error) {
      run.crashes.push({ file: relative(folder, file), error: errorText(error) });
    }
  }
  run.ms = performance.now() - start;
  if (argv.includes('--json')) console.log(JSON.stringify(run, null, 2));
  else {
    printTable(run);
    printShown(run, show);
  }
  return run.crashes.length > 0 ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));
