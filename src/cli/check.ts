/** `liftoff check [paths...]`: discover notebooks, analyse each (one bad file never stops the rest), report. */
import { promises as fs } from 'node:fs';
import { FactsCache } from '../core/analysis/cache';
import { analyzeNotebookText } from '../core/analyze';
import type { Finding } from '../core/findings';
import { UNREADABLE_NOTEBOOK_RULE } from '../core/rules/registry';
import type { CliArgs } from './args';
import { describeFsError, discoverNotebooks, displayPath } from './discover';
import { ExitCode } from './exit-codes';
import type { CliIO } from './io';
import { formatFindingsJson } from './report-json';
import { formatFindingsText, makeStyle } from './report-text';
import { failsOn, summarize } from './summary';
import { useColor } from './color';

export async function runCheck(args: CliArgs, io: CliIO, version: string): Promise<ExitCode> {
  const inputs = args.positionals.length > 0 ? args.positionals : ['.'];
  const { files, warnings } = await discoverNotebooks(inputs, io.cwd);
  for (const warning of warnings) io.stderr.write(`liftoff: warning: ${warning}\n`);
  const cache = new FactsCache();
  const findings: Finding[] = [];
  for (const file of files) {
    const shown = displayPath(file, io.cwd);
    findings.push(...(await checkFile(file, shown, cache, io)));
  }
  const summary = summarize(findings, files.length);
  io.stdout.write(
    args.format === 'json'
      ? formatFindingsJson(version, findings, summary)
      : formatFindingsText(findings, summary, makeStyle(useColor(args, io))),
  );
  return failsOn(findings, args.failOn) ? ExitCode.Findings : ExitCode.Ok;
}

async function checkFile(file: string, shown: string, cache: FactsCache, io: CliIO): Promise<Finding[]> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    return [unreadableFile(shown, `cannot read the file: ${describeFsError(error)}`)];
  }
  return analyzeNotebookText(shown, text, {
    cache,
    onRuleError: (rule, error) => {
      const reason = error instanceof Error ? error.message : String(error);
      io.stderr.write(`liftoff: internal error in rule ${rule.name} on '${shown}' (skipped): ${reason}\n`);
    },
  });
}

function unreadableFile(file: string, message: string): Finding {
  const rule = UNREADABLE_NOTEBOOK_RULE;
  return { file, ruleId: rule.id, ruleName: rule.name, category: rule.category, severity: rule.severity, message };
}
