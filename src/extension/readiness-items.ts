/** How the Readiness view draws sections, checklist items and the findings behind them. */
import * as vscode from 'vscode';
import { INSPECT, SCAFFOLD } from '../core/readiness/verdict';
import type { ItemStatus, NextStep, ReadinessItem } from '../core/readiness/types';
import { revealFindingCommand } from './commands/reveal-finding';
import type { FindingNode, FolderNode, SectionNode } from './readiness-view';

const STATUS_ICON: Record<ItemStatus, [string, string]> = {
  pass: ['pass', 'testing.iconPassed'],
  partial: ['circle-large-filled', 'testing.iconQueued'],
  fail: ['error', 'testing.iconFailed'],
  unknown: ['question', 'disabledForeground'],
};

/** The palette titles of the commands a next step names. */
const COMMAND_TITLES: Record<string, string> = {
  [SCAFFOLD]: 'Liftoff: Scaffold Deployment…',
  [INSPECT]: 'Liftoff: Inspect Model',
};

export function statusIcon(status: ItemStatus): vscode.ThemeIcon {
  const [icon, color] = STATUS_ICON[status];
  return new vscode.ThemeIcon(icon, new vscode.ThemeColor(color));
}

export function sectionItem(node: SectionNode): vscode.TreeItem {
  const count = (status: ItemStatus) => node.items.filter((i) => i.status === status).length;
  const score = node.items.reduce((sum, i) => sum + i.score, 0);
  const item = new vscode.TreeItem(node.section.label, vscode.TreeItemCollapsibleState.Expanded);
  item.id = `section:${node.folder.toString()}:${node.section.id}`;
  item.contextValue = 'liftoff.section';
  item.description = `${score}/${node.items.length} · ${count('pass')} pass, ${count('partial')} partial, ${count('fail')} fail`;
  item.tooltip = `${node.section.label}: ${score} of ${node.items.length} (${count('unknown')} unknown, attest them by hand)`;
  item.iconPath = statusIcon(count('fail') > 0 ? 'fail' : count('pass') === node.items.length ? 'pass' : 'partial');
  return item;
}

/** A workspace folder's row when several are open: its score and level, expanded to its sections. */
export function folderItem(node: FolderNode): vscode.TreeItem {
  const report = node.model.report;
  const item = new vscode.TreeItem(node.model.name, vscode.TreeItemCollapsibleState.Expanded);
  item.id = `folder:${node.folder.toString()}`;
  item.contextValue = 'liftoff.folder';
  item.iconPath = new vscode.ThemeIcon('root-folder');
  item.description = report ? `score ${report.finalScore} · level ${report.maturity.level}` : 'not scored yet';
  item.tooltip = report
    ? `${node.model.name}: ML Test Score ${report.finalScore}, MLOps level ${report.maturity.level} (${report.maturity.name})`
    : `${node.model.name}: not scored yet`;
  return item;
}

export function itemItem(ri: ReadinessItem, folder: vscode.Uri): vscode.TreeItem {
  const findings = ri.findings?.length ?? 0;
  const item = new vscode.TreeItem(
    ri.title,
    findings > 0 ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None,
  );
  // The state is part of the id so an item that gains findings becomes expandable instead of keeping "no children".
  item.id = `item:${folder.toString()}:${ri.id}:${findings > 0 ? 'findings' : 'none'}`;
  item.description = `${ri.score} · ${shorten(ri.why, 70)}`;
  item.iconPath = statusIcon(ri.status);
  item.contextValue = itemContext(ri);
  item.tooltip = itemTooltip(ri);
  return item;
}

/** `liftoff.item` plus the actions this item offers; package.json's menus match the words with `=~`. */
export function itemContext(ri: ReadinessItem): string {
  const actions = ['liftoff.item'];
  if ((ri.findings?.length ?? 0) > 0 || (ri.cells?.length ?? 0) > 0 || (ri.files?.length ?? 0) > 0)
    actions.push('reveal');
  if (ri.next?.kind === 'rule' && (ri.findings?.length ?? 0) > 0) actions.push('fix');
  if (ri.next?.kind === 'command' && ri.next.command === SCAFFOLD) actions.push('scaffold');
  if (ri.status !== 'pass' && (ri.findings?.length ?? 0) === 0) actions.push('attest');
  if (ri.section === 'business' || isBusinessKey(ri.next)) actions.push('business');
  return actions.join(' ');
}

function itemTooltip(ri: ReadinessItem): vscode.MarkdownString {
  const md = new vscode.MarkdownString();
  md.appendMarkdown(`**${ri.title}**\n\n`);
  md.appendMarkdown(`${ri.status} · score ${ri.score}`);
  md.appendMarkdown(
    ri.mlTestScore ? ` · ML Test Score: ${ri.mlTestScore}\n\n` : ' · Liftoff business item (not scored)\n\n',
  );
  md.appendMarkdown('**Why:** ').appendText(ri.why);
  if (ri.next) md.appendMarkdown('\n\n**Next:** ').appendText(nextText(ri.next));
  if (ri.files && ri.files.length > 0) md.appendMarkdown('\n\n**Evidence:** ').appendText(ri.files.join(', '));
  if (ri.cells && ri.cells.length > 0) {
    const cells = ri.cells.map((c) => `${c.file}, cell ${c.cellIndex + 1}`);
    md.appendMarkdown('\n\n**Cells:** ').appendText(cells.join('; '));
  }
  return md;
}

export function nextText(next: NextStep): string {
  switch (next.kind) {
    case 'command':
      return `${next.text} (${COMMAND_TITLES[next.command] ?? next.command})`;
    case 'rule':
      return `${next.text} (${next.ruleId})`;
    case 'manifest':
      return isBusinessKey(next)
        ? `${next.text} (liftoff.yaml ${next.key}; Liftoff: Define Business Goal…)`
        : `${next.text} (liftoff.yaml ${next.key})`;
    default:
      return next.text;
  }
}

export function findingItem(node: FindingNode): vscode.TreeItem {
  const { entry, finding } = node.located;
  const item = new vscode.TreeItem(finding.message, vscode.TreeItemCollapsibleState.None);
  item.description = finding.cellIndex === undefined ? entry.path : `${entry.path} · cell ${finding.cellIndex + 1}`;
  item.tooltip = new vscode.MarkdownString()
    .appendMarkdown(`**${finding.ruleId}** \`${finding.ruleName}\` · ${finding.severity}\n\n`)
    .appendText(finding.message);
  item.iconPath = new vscode.ThemeIcon(
    finding.severity === 'error' ? 'error' : finding.severity === 'warning' ? 'warning' : 'info',
  );
  item.contextValue = 'liftoff.finding';
  item.command = revealFindingCommand({
    uri: entry.uri.toString(),
    cellIndex: finding.cellIndex,
    range: finding.range,
  });
  return item;
}

/** A next step that the business-goal wizard answers (`business`, `business.kpi`, ...). */
function isBusinessKey(next: NextStep | undefined): boolean {
  return next?.kind === 'manifest' && /^business(\.|$)/.test(next.key);
}

function shorten(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
