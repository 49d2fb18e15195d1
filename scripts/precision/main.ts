/**
 * `npm run precision -- [corpus dir] [--labels <file>] [--json]`: re-runs the analysis on the
 * hand-labelled corpus notebooks (test/labels/corpus-labels.json) and prints, per rule, true and
 * false positives, false negatives, precision and recall against the targets of issue 3; then the
 * findings that have no verdict yet, the instances missed, and stale labels (the notebook changed
 * or is gone). The corpus is not part of the project: when the folder is absent, says so and exits 0.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FactsCache } from '../../src/core/analysis/cache';
import { analyzeNotebook } from '../../src/core/analyze';
import { readNotebook } from '../../src/core/notebook/read';
import { RULES } from '../../src/core/rules/registry';
import {
  addCounts,
  type Counts,
  emptyCounts,
  type LabelFile,
  type NotebookScore,
  type Observed,
  ratios,
  scoreNotebook,
  validateLabels,
} from './score';

const DEFAULT_CORPUS = '../shared/corpus/notebooks';
const DEFAULT_LABELS = 'test/labels/corpus-labels.json';
/** Issue 3, "Done when": leakage rules need both, every other rule the precision. */
const TARGET_PRECISION = 0.9;
const TARGET_RECALL = 0.85;

interface Report {
  corpus: string;
  notebooks: number;
  totals: Map<string, Counts>;
  unlabelled: Array<Observed & { file: string }>;
  falseNegatives: Array<{ file: string; rule: string; cell: number; reason: string }>;
  notReviewed: Map<string, number>;
  stale: Array<{ file: string; reason: string }>;
}

function observe(file: string, text: string, cache: FactsCache): Observed[] | string {
  const read = readNotebook(file, text);
  if (!read.ok) return read.reason;
  let crash: string | undefined;
  const findings = analyzeNotebook(read.notebook, {
    cache,
    onRuleError: (rule, error) => {
      crash = `${rule.name} threw: ${error instanceof Error ? error.message : String(error)}`;
    },
  });
  if (crash !== undefined) return crash;
  return findings.map((f) => {
    const cell = f.cellIndex ?? 0;
    const line = f.range?.start.line ?? 0;
    const text = (read.notebook.cells[cell]?.source.split('\n')[line] ?? '').trim();
    return { rule: f.ruleId, cell: cell + 1, line: line + 1, message: f.message, text };
  });
}

function run(corpus: string, labels: LabelFile): Report {
  const report: Report = {
    corpus,
    notebooks: 0,
    totals: new Map(),
    unlabelled: [],
    falseNegatives: [],
    notReviewed: new Map(),
    stale: [],
  };
  const cache = new FactsCache();
  for (const [file, nb] of Object.entries(labels.notebooks)) {
    const full = join(corpus, file);
    if (!existsSync(full)) {
      report.stale.push({ file, reason: 'not in the corpus' });
      continue;
    }
    const bytes = readFileSync(full);
    const sha = createHash('sha256').update(bytes).digest('hex');
    if (sha !== nb.sha256) {
      report.stale.push({
        file,
        reason: `content changed (sha256 ${sha.slice(0, 12)}…, labelled ${nb.sha256.slice(0, 12)}…)`,
      });
      continue;
    }
    const observed = observe(file, bytes.toString('utf8'), cache);
    if (typeof observed === 'string') {
      report.stale.push({ file, reason: `not analysed: ${observed}` });
      continue;
    }
    report.notebooks++;
    collect(report, file, scoreNotebook(nb, observed));
  }
  return report;
}

function collect(report: Report, file: string, score: NotebookScore): void {
  addCounts(report.totals, score.counts);
  report.unlabelled.push(...score.unlabelled.map((o) => ({ ...o, file })));
  report.falseNegatives.push(...score.falseNegatives.map((f) => ({ ...f, file })));
  for (const o of score.notReviewed) report.notReviewed.set(o.rule, (report.notReviewed.get(o.rule) ?? 0) + 1);
}

function fmt(x: number | undefined): string {
  return x === undefined ? '—' : x.toFixed(2);
}

function printReport(r: Report): void {
  console.log(`${r.notebooks} labelled notebooks analysed from ${r.corpus}\n`);
  console.log('rule                                  TP    FP    FN  precision  recall  target');
  for (const rule of RULES) {
    const c = r.totals.get(rule.id) ?? emptyCounts();
    if (c.tp + c.fp + c.fn === 0 && !r.totals.has(rule.id)) continue;
    const leakage = rule.category === 'leakage';
    const { precision, recall: measured } = ratios(c);
    // Misses are only looked for with the leakage rules; for the others recall is not measured.
    const recall = leakage ? measured : undefined;
    const ok =
      (precision === undefined || precision >= TARGET_PRECISION) &&
      (!leakage || recall === undefined || recall >= TARGET_RECALL);
    const target = leakage ? `P≥${TARGET_PRECISION} R≥${TARGET_RECALL}` : `P≥${TARGET_PRECISION}`;
    console.log(
      `${`${rule.id} ${rule.name}`.padEnd(34)}${[c.tp, c.fp, c.fn].map((n) => String(n).padStart(6)).join('')}` +
        `${fmt(precision).padStart(11)}${fmt(recall).padStart(8)}  ${target}${ok ? '' : '  BELOW TARGET'}`,
    );
  }
  console.log(`\nfindings with no verdict yet: ${r.unlabelled.length}`);
  for (const u of r.unlabelled)
    console.log(`  ${u.rule} ${u.file} cell ${u.cell} line ${u.line}: ${u.text}\n      ${u.message}`);
  console.log(`\nfalse negatives (leakage not reported): ${r.falseNegatives.length}`);
  for (const f of r.falseNegatives) console.log(`  ${f.rule} ${f.file} cell ${f.cell}: ${f.reason}`);
  console.log(`\nstale labels: ${r.stale.length}`);
  for (const s of r.stale) console.log(`  ${s.file}: ${s.reason}`);
  if (r.notReviewed.size > 0) {
    const parts = [...r.notReviewed].map(([rule, n]) => `${rule} ×${n}`).join(', ');
    console.log(`\nfindings of rules not reviewed in these notebooks (not counted): ${parts}`);
  }
}

function main(argv: string[]): number {
  const labelsAt = argv.includes('--labels') ? argv[argv.indexOf('--labels') + 1] : DEFAULT_LABELS;
  const corpus = argv.find((a, i) => !a.startsWith('--') && argv[i - 1] !== '--labels') ?? DEFAULT_CORPUS;
  if (labelsAt === undefined || !existsSync(labelsAt)) {
    console.error(`label file not found: ${labelsAt ?? '(none given after --labels)'}`);
    return 2;
  }
  if (!existsSync(corpus)) {
    console.log(`corpus folder not found: ${corpus}; skipping (usage: npm run precision -- <corpus dir>)`);
    return 0;
  }
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(labelsAt, 'utf8'));
  } catch (error) {
    console.error(`${labelsAt} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
  const errors = validateLabels(data);
  if (errors.length > 0) {
    console.error(`${labelsAt}:\n  ${errors.join('\n  ')}`);
    return 2;
  }
  const report = run(corpus, data as LabelFile);
  if (argv.includes('--json')) {
    console.log(
      JSON.stringify(
        { ...report, totals: Object.fromEntries(report.totals), notReviewed: Object.fromEntries(report.notReviewed) },
        null,
        2,
      ),
    );
  } else printReport(report);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
