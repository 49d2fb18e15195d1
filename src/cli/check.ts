/** `liftoff check [paths...]`: discover notebooks, analyse each (one bad file never stops the rest), report. */
import { promises as fs } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { analyzeNotebookTexts, type NotebookText } from '../core/parallel/pool';
import type { Finding } from '../core/findings';
import { UNREADABLE_NOTEBOOK_RULE } from '../core/rules/registry';
import type { CliArgs } from './args';
import { describeFsError, discoverNotebooks, displayPath } from './discover';
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
  const findings: Finding[] = [];
  const texts: NotebookText[] = [];
  for (const file of files) {
    const path = displayPath(file, io.cwd);
    const text = await readText(file);
    if (typeof text === 'string') texts.push({ path, text });
    else findings.push(unreadableFile(path, `cannot read the file: ${text.reason}`));
  }
  const results = await analyzeNotebookTexts(texts, {
    workers: args.jobs ?? Math.min(availableParallelism(), MAX_DEFAULT_JOBS),
    workerScript: join(__dirname, 'analysis-worker.js'),
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
  return failsOn(findings, args.failOn) ? ExitCode.Findings : ExitCode.Ok;
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
