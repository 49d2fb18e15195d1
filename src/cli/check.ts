/** `liftoff check [paths...]`: discover notebooks, analyse each (one bad file never stops the rest), report. */
import { promises as fs } from 'node:fs';
import { availableParallelism } from 'node:os';
import * as path from 'node:path';
import { FactsCache } from '../core/analysis/cache';
import { buildReadiness } from '../core/readiness/build';
import { collectSnapshot } from '../core/readiness/collect';
import { nodeProject } from './readiness-fs';
import { analyzeNotebookTexts, type NotebookText } from '../core/parallel/pool';
import type { Finding } from '../core/findings';
import { UNREADABLE_NOTEBOOK_RULE } from '../core/rules/registry';
import type { CliArgs } from './args';
import { describeFsError, discoverNotebooks, displayPath } from './discover';
import { notebookContexts } from './project-context';
import { ExitCode } from './exit-codes';
import type { CliIO } from './io';
import { formatFindingsJson } from './report-json';
import { formatFindingsSarif } from './report-sarif';
import { formatFindingsText, makeStyle } from './report-text';
import { failsOn, summarize, type Summary } from './summary';
import { useColor } from './color';

export async function runCheck(args: CliArgs, io: CliIO, version: string): Promise<ExitCode> {
  const inputs = args.positionals.length > 0 ? args.positionals : ['.'];
  const { files, warnings } = await discoverNotebooks(inputs, io.cwd);
  for (const warning of warnings) io.stderr.write(`liftoff: warning: ${warning}\n`);
  // Rule settings (liftoff.yaml) and declared dependencies of each notebook's project; bad files are reported, not fatal.
  const { contexts, problems } = await notebookContexts(files, inputs, io.cwd);
  for (const problem of problems) io.stderr.write(`liftoff: warning: ${problem}\n`);
  const findings: Finding[] = [];
  const texts: NotebookText[] = [];
  for (const file of files) {
    const path = displayPath(file, io.cwd);
    const text = await readText(file);
    const context = contexts.get(file);
    if (typeof text === 'string') texts.push({ path, text, severity: context?.severity, project: context?.project });
    else {
      const setting = context?.severity[UNREADABLE_NOTEBOOK_RULE.id];
      const finding = unreadableFile(path, `cannot read the file: ${text.reason}`);
      if (setting !== 'off') findings.push(setting === undefined ? finding : { ...finding, severity: setting });
    }
  }
  // Shared with --min-score's readiness, which analyses the project's notebooks again (with its settings).
  const cache = new FactsCache();
  const results = await analyzeNotebookTexts(texts, {
    workers: args.jobs ?? defaultJobs(availableParallelism()),
    workerScript: path.join(__dirname, 'analysis-worker.js'),
    cache,
  });
  results.forEach((result, i) => {
    findings.push(...result.findings);
    for (const error of result.ruleErrors) {
      io.stderr.write(`liftoff: internal error in rule ${error} on '${texts[i]?.path}' (skipped)\n`);
    }
  });
  findings.sort(compareByFile);
  const summary = summarize(findings, files.length);
  io.stdout.write(report(args, io, version, findings, summary, texts));
  const belowScore = args.minScore !== undefined && !(await meetsMinScore(args.minScore, inputs, io, cache));
  return failsOn(findings, args.failOn) || belowScore ? ExitCode.Findings : ExitCode.Ok;
}

/**
 * `--min-score`: the readiness score (as `liftoff readiness` computes it) of the project: the first path
 * when it is a folder, else the current folder. The verdict goes to stderr so --format output stays clean.
 */
async function meetsMinScore(
  minScore: number,
  inputs: readonly string[],
  io: CliIO,
  cache: FactsCache,
): Promise<boolean> {
  const first = path.resolve(io.cwd, inputs[0] ?? '.');
  const root = (await fs.stat(first).catch(() => undefined))?.isDirectory() === true ? first : io.cwd;
  const report = buildReadiness(await collectSnapshot(nodeProject(root), cache));
  const ok = report.finalScore >= minScore;
  io.stderr.write(
    `liftoff: readiness score ${report.finalScore} of ${displayPath(root, io.cwd)} is ${ok ? 'at or above' : 'below'} --min-score ${minScore}\n`,
  );
  return ok;
}

function report(
  args: CliArgs,
  io: CliIO,
  version: string,
  findings: Finding[],
  summary: Summary,
  texts: readonly NotebookText[],
): string {
  if (args.format === 'json') return formatFindingsJson(version, findings, summary);
  if (args.format === 'sarif')
    return formatFindingsSarif(version, findings, new Map(texts.map((t) => [t.path, t.text])));
  return formatFindingsText(findings, summary, makeStyle(useColor(args, io)));
}

/** Beyond a few threads, reading and reporting dominate; more would only cost memory. */
const MAX_DEFAULT_JOBS = 4;

/**
 * Worker threads when `--jobs` is not given: one fewer than the cores, at most MAX_DEFAULT_JOBS (1 analyses
 * in-process). The thread that reads and reports needs a core, and so does V8's background work: a cold
 * in-process analysis of the 112-notebook corpus spends about 1.5 s of CPU on V8's own threads (compiling,
 * collecting) beside 2.3 s of wall time, and two workers on a 2-core machine took 1.25-1.37x as long as
 * one thread (docs/performance.md, "Worker threads").
 */
export function defaultJobs(cores: number): number {
  return Math.max(1, Math.min(cores - 1, MAX_DEFAULT_JOBS));
}

async function readText(file: string): Promise<string | { reason: string }> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (error) {
    return { reason: describeFsError(error) };
  }
}

/** Discovery order per file is kept; findings within a file are already sorted by the engine. */
function compareByFile(a: Finding, b: Finding): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : 0;
}

function unreadableFile(file: string, message: string): Finding {
  const rule = UNREADABLE_NOTEBOOK_RULE;
  return { file, ruleId: rule.id, ruleName: rule.name, category: rule.category, severity: rule.severity, message };
}
