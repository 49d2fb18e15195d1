/**
 * Text output: one line per finding, `path:cell N:line:col severity rule-name message`
 * (cell, line and column counted from 1, as editors show them), related locations indented below,
 * then a summary line. Colour only on a terminal, and never with --no-color or NO_COLOR.
 */
import type { Finding, Severity } from '../core/findings';
import type { Summary } from './summary';

export interface Style {
  severity(severity: Severity, text: string): string;
  dim(text: string): string;
  bold(text: string): string;
}

const ANSI_SEVERITY: Record<Severity, string> = { error: '31', warning: '33', info: '36', hint: '90' };

export function makeStyle(color: boolean): Style {
  const wrap = (code: string, text: string): string => (color ? `\u001b[${code}m${text}\u001b[0m` : text);
  return {
    severity: (severity, text) => wrap(ANSI_SEVERITY[severity], text),
    dim: (text) => wrap('2', text),
    bold: (text) => wrap('1', text),
  };
}

export function formatFindingsText(findings: readonly Finding[], summary: Summary, style: Style): string {
  const lines: string[] = [];
  for (const finding of findings) {
    lines.push(formatFinding(finding, style));
    for (const related of finding.related ?? []) {
      lines.push(`    ${style.dim(`related: ${location(related)} ${oneLine(related.message)}`)}`);
    }
  }
  if (findings.length > 0) lines.push('');
  lines.push(style.bold(summaryLine(summary)));
  return lines.join('\n') + '\n';
}

function formatFinding(finding: Finding, style: Style): string {
  const where = finding.cellIndex === undefined ? `${finding.file}:` : `${finding.file}:${location(finding)}`;
  return `${where} ${style.severity(finding.severity, finding.severity)} ${style.dim(finding.ruleName)} ${oneLine(finding.message)}`;
}

/** One finding per line, whatever the message quotes (a JSON parse error can quote several lines). */
function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ');
}

/** `cell N:line:col`, all 1-based. */
function location(loc: { cellIndex?: number; range?: Finding['range'] }): string {
  const cell = `cell ${(loc.cellIndex ?? 0) + 1}`;
  if (loc.range === undefined) return cell;
  return `${cell}:${loc.range.start.line + 1}:${loc.range.start.character + 1}`;
}

export function summaryLine(s: Summary): string {
  const counts = [plural(s.errors, 'error'), plural(s.warnings, 'warning')];
  if (s.infos > 0) counts.push(`${s.infos} info`);
  if (s.hints > 0) counts.push(plural(s.hints, 'hint'));
  return `${plural(s.findings, 'finding')} (${counts.join(', ')}) in ${plural(s.notebooks, 'notebook')}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
