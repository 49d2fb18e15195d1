/**
 * The Readiness view (`liftoff.readiness`): five sections in a fixed order, each listing the findings
 * whose rule category belongs to it. Pure projection of the FindingsStore: getChildren reads, never
 * analyses. While no notebook has been analysed it returns nothing, so the welcome content shows instead
 * (an empty checklist full of green ticks would claim checks that never ran).
 */
import * as vscode from 'vscode';
import { SEVERITY_ORDER, type RuleCategory, type Severity } from '../core/findings';
import type { Rule } from '../core/rules/rule';
import { revealFindingCommand } from './commands/reveal-finding';
import type { FindingsStore, LocatedFinding } from './findings-store';

export const READINESS_VIEW_ID = 'liftoff.readiness';

export type SectionId = 'data' | 'infrastructure' | 'evaluation' | 'monitoring' | 'business';

interface SectionDef {
  id: SectionId;
  label: string;
  categories: readonly RuleCategory[];
}

/** Order matters: this is the order people read the checklist in. */
export const READINESS_SECTIONS: readonly SectionDef[] = [
  { id: 'data', label: 'Data', categories: ['data', 'leakage'] },
  {
    id: 'infrastructure',
    label: 'Infrastructure',
    categories: ['reproducibility', 'deployment', 'security', 'notebook'],
  },
  { id: 'evaluation', label: 'Evaluation', categories: ['evaluation'] },
  { id: 'monitoring', label: 'Monitoring & retraining', categories: [] },
  { id: 'business', label: 'Business value', categories: [] },
];

export interface SectionNode {
  readonly kind: 'section';
  readonly section: SectionDef;
  /** Whether any rule checks this section; "no findings" is only claimed when something looked. */
  readonly hasChecks: boolean;
  readonly findings: readonly LocatedFinding[];
}

export interface FindingNode {
  readonly kind: 'finding';
  readonly section: SectionDef;
  readonly located: LocatedFinding;
}

export type ReadinessNode = SectionNode | FindingNode;

export interface ReadinessDeps {
  store: FindingsStore;
  /** The rule registry, to know which sections have checks at all. */
  rules: readonly Pick<Rule, 'category'>[];
}

export class ReadinessProvider implements vscode.TreeDataProvider<ReadinessNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ReadinessNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly deps: ReadinessDeps) {}

  /** Tells the view to read the store again. */
  refresh(): void {
    this.changed.fire(undefined);
  }

  getChildren(element?: ReadinessNode): ReadinessNode[] {
    if (!element) return this.deps.store.size > 0 ? this.sections() : [];
    if (element.kind === 'finding') return [];
    return element.findings.map((located) => ({ kind: 'finding', section: element.section, located }));
  }

  getParent(element: ReadinessNode): ReadinessNode | undefined {
    if (element.kind === 'section') return undefined;
    return this.sections().find((s) => s.section.id === element.section.id);
  }

  getTreeItem(element: ReadinessNode): vscode.TreeItem {
    return element.kind === 'section' ? sectionItem(element) : findingItem(element.located);
  }

  /** The sections as they stand now, findings sorted by file, cell and line. */
  sections(): SectionNode[] {
    const all = this.deps.store.all().sort(compareLocated);
    return READINESS_SECTIONS.map((section) => ({
      kind: 'section',
      section,
      hasChecks: this.deps.rules.some((r) => section.categories.includes(r.category)),
      findings: all.filter((f) => section.categories.includes(f.finding.category)),
    }));
  }

  dispose(): void {
    this.changed.dispose();
  }
}

export function registerReadinessView(context: vscode.ExtensionContext, deps: ReadinessDeps): ReadinessProvider {
  const provider = new ReadinessProvider(deps);
  const view = vscode.window.createTreeView(READINESS_VIEW_ID, { treeDataProvider: provider });
  const update = (): void => {
    provider.refresh();
    const total = deps.store.all().length;
    const notebooks = deps.store.size;
    view.badge = total > 0 ? { value: total, tooltip: `${total} Liftoff findings` } : undefined;
    view.description = notebooks > 0 ? `${notebooks} notebook${notebooks === 1 ? '' : 's'}` : undefined;
  };
  context.subscriptions.push(provider, view, deps.store.onDidChange(update));
  return provider;
}

function sectionItem(node: SectionNode): vscode.TreeItem {
  const count = node.findings.length;
  const item = new vscode.TreeItem(
    node.section.label,
    count > 0 ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None,
  );
  // The state is part of the id so a section that gains findings expands instead of keeping "no children".
  item.id = `section:${node.section.id}:${count > 0 ? 'findings' : 'empty'}`;
  item.contextValue = 'liftoff.section';
  if (!node.hasChecks) {
    item.description = 'no checks yet';
    item.tooltip = `Liftoff has no checks for ${node.section.label.toLowerCase()} yet.`;
    item.iconPath = new vscode.ThemeIcon('circle-large-outline');
    return item;
  }
  item.description = count === 0 ? 'no findings' : `${count} finding${count === 1 ? '' : 's'}`;
  item.tooltip = `Rule categories: ${node.section.categories.join(', ')}`;
  item.iconPath =
    count === 0
      ? new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed'))
      : severityIcon(worst(node.findings));
  return item;
}

function findingItem({ entry, finding }: LocatedFinding): vscode.TreeItem {
  const item = new vscode.TreeItem(finding.message, vscode.TreeItemCollapsibleState.None);
  item.description = finding.cellIndex === undefined ? entry.path : `${entry.path} · cell ${finding.cellIndex + 1}`;
  item.tooltip = new vscode.MarkdownString()
    .appendMarkdown(`**${finding.ruleId}** \`${finding.ruleName}\` · ${finding.severity}\n\n`)
    .appendText(finding.message);
  item.iconPath = severityIcon(finding.severity);
  item.contextValue = 'liftoff.finding';
  item.command = revealFindingCommand({
    uri: entry.uri.toString(),
    cellIndex: finding.cellIndex,
    range: finding.range,
  });
  return item;
}

function severityIcon(severity: Severity): vscode.ThemeIcon {
  switch (severity) {
    case 'error':
      return new vscode.ThemeIcon('error', new vscode.ThemeColor('problemsErrorIcon.foreground'));
    case 'warning':
      return new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'));
    default:
      return new vscode.ThemeIcon('info', new vscode.ThemeColor('problemsInfoIcon.foreground'));
  }
}

function worst(findings: readonly LocatedFinding[]): Severity {
  return findings.reduce<Severity>(
    (acc, { finding }) => (SEVERITY_ORDER[finding.severity] > SEVERITY_ORDER[acc] ? finding.severity : acc),
    'hint',
  );
}

function compareLocated(a: LocatedFinding, b: LocatedFinding): number {
  return (
    a.entry.path.localeCompare(b.entry.path) ||
    (a.finding.cellIndex ?? -1) - (b.finding.cellIndex ?? -1) ||
    (a.finding.range?.start.line ?? 0) - (b.finding.range?.start.line ?? 0)
  );
}
