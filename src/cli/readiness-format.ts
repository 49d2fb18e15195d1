/** `liftoff readiness` reporters: text for people, markdown for PR comments and job summaries, JSON for tools. */
import { formatRange } from '../core/readiness/evidence-business';
import { DISPLAY_SECTIONS } from '../core/readiness/items';
import type { ItemStatus, ReadinessItem, ReadinessReport } from '../core/readiness/types';
import { formatManifestError } from '../core/project/load';
import { INSPECT, SCAFFOLD } from '../core/readiness/verdict';

/** Next steps name editor commands; on the command line, say what to type instead. */
const CLI_EQUIVALENT: Record<string, string> = { [SCAFFOLD]: 'liftoff scaffold', [INSPECT]: 'liftoff inspect' };

const MARK: Record<ItemStatus, string> = { pass: '✓', partial: '◐', fail: '✗', unknown: '?' };

export function formatReadinessJson(version: string, report: ReadinessReport): string {
  return `${JSON.stringify({ version, ...report }, null, 2)}\n`;
}

export function formatReadinessText(root: string, report: ReadinessReport): string {
  const out: string[] = [`Readiness of ${root}${report.manifestPresent ? '' : ' (no liftoff.yaml)'}`, ''];
  for (const e of report.manifestErrors) out.push(`error: ${formatManifestError(e)}`);
  if (report.manifestErrors.length > 0) out.push('');
  for (const { id, label } of DISPLAY_SECTIONS) {
    const items = report.items.filter((i) => i.section === id);
    out.push(`${label}  ${counts(items)}`);
    for (const item of items) {
      const ref = item.mlTestScore ?? 'not scored';
      out.push(`  ${MARK[item.status]} ${item.id.padEnd(10)} ${String(item.score).padEnd(3)} ${item.title} [${ref}]`);
      out.push(`      why:  ${item.why}`);
      if (item.next && item.status !== 'pass') out.push(`      next: ${nextText(item)}`);
    }
    out.push('');
  }
  out.push(...summaryLines(report));
  return `${out.join('\n')}\n`;
}

export function formatReadinessMarkdown(root: string, report: ReadinessReport): string {
  const out: string[] = [`# Liftoff readiness: \`${root}\``, ''];
  for (const e of report.manifestErrors) out.push(`- **liftoff.yaml error** ${formatManifestError(e)}`);
  for (const { id, label } of DISPLAY_SECTIONS) {
    const items = report.items.filter((i) => i.section === id);
    out.push(
      `## ${label} (${counts(items)})`,
      '',
      '| | Item | ML Test Score | Score | Why | Next |',
      '|---|---|---|---|---|---|',
    );
    for (const item of items) {
      const next = item.next && item.status !== 'pass' ? nextText(item) : '';
      out.push(
        `| ${MARK[item.status]} | ${cell(item.title)} | ${item.mlTestScore ?? '—'} | ${item.score} | ${cell(item.why)} | ${cell(next)} |`,
      );
    }
    out.push('');
  }
  out.push('## Score', '', ...summaryLines(report).map((l) => `- ${l}`));
  return `${out.join('\n')}\n`;
}

function summaryLines(report: ReadinessReport): string[] {
  const sums = report.sections.map((s) => `${s.label} ${s.score}/7`).join(', ');
  const { maturity, business } = report;
  const money = business.costPer1000
    ? `Expected error cost: ${formatRange(business.costPer1000, business.currency)} per 1,000 predictions` +
      (business.costPerDay ? `, ${formatRange(business.costPerDay, business.currency)} per day` : '')
    : `Expected error cost: unknown (${business.why})`;
  const metrics = business.metrics.map((m) => `${m.name} ${m.value}`).join(', ');
  return [
    `ML Test Score: ${sums}; final score ${report.finalScore} (the lowest section)`,
    `MLOps maturity: level ${maturity.level}, ${maturity.name} (${maturity.why})`,
    `Reported metrics: ${metrics === '' ? 'none found in notebook outputs' : metrics}`,
    money,
  ];
}

function counts(items: readonly ReadinessItem[]): string {
  const n = (s: ItemStatus) => items.filter((i) => i.status === s).length;
  return `${n('pass')} pass, ${n('partial')} partial, ${n('fail')} fail, ${n('unknown')} unknown`;
}

function nextText(item: ReadinessItem): string {
  const next = item.next;
  if (next === undefined) return '';
  if (next.kind === 'command') return `${next.text} (${CLI_EQUIVALENT[next.command] ?? next.command})`;
  if (next.kind === 'rule') return `${next.text} (${next.ruleId})`;
  if (next.kind === 'manifest') return `${next.text} (liftoff.yaml ${next.key})`;
  return next.text;
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}
