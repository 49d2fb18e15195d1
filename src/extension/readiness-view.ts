/**
 * The Readiness view (`liftoff.readiness`): the scored checklist. Five display sections in reading order,
 * each listing its ML Test Score items with status, score and why; the findings behind an item are its
 * children. A pure projection of the ReadinessModel: getChildren reads, never builds. Until the first
 * report exists it returns nothing, so the welcome content shows instead.
 */
import * as vscode from 'vscode';
import type { Finding } from '../core/findings';
import { DISPLAY_SECTIONS } from '../core/readiness/items';
import type { DisplaySection, ReadinessItem, ReadinessReport } from '../core/readiness/types';
import { findingItem, itemItem, sectionItem } from './readiness-items';
import type { ReadinessModel } from './readiness-model';

export const READINESS_VIEW_ID = 'liftoff.readiness';

export interface SectionNode {
  readonly kind: 'section';
  readonly section: { readonly id: DisplaySection; readonly label: string };
  readonly items: readonly ReadinessItem[];
}

export interface ItemNode {
  readonly kind: 'item';
  readonly item: ReadinessItem;
}

/** A finding behind an item; `located` mirrors the FindingsStore's shape (path and URI of the notebook). */
export interface FindingNode {
  readonly kind: 'finding';
  readonly itemId: string;
  readonly located: { readonly entry: { readonly path: string; readonly uri: vscode.Uri }; readonly finding: Finding };
}

export type ReadinessNode = SectionNode | ItemNode | FindingNode;

export class ReadinessProvider implements vscode.TreeDataProvider<ReadinessNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ReadinessNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly model: ReadinessModel) {}

  /** The report the view shows now (undefined before the first build). */
  get report(): ReadinessReport | undefined {
    return this.model.report;
  }

  /** Tells the view to read the model again. */
  refresh(): void {
    this.changed.fire(undefined);
  }

  getChildren(element?: ReadinessNode): ReadinessNode[] {
    const report = this.model.report;
    if (!report) return [];
    if (!element) return this.sections(report);
    if (element.kind === 'section') return element.items.map((item) => ({ kind: 'item', item }));
    if (element.kind === 'item') return this.findingsOf(element.item);
    return [];
  }

  getParent(element: ReadinessNode): ReadinessNode | undefined {
    const report = this.model.report;
    if (!report || element.kind === 'section') return undefined;
    const itemId = element.kind === 'item' ? element.item.id : element.itemId;
    const item = report.items.find((i) => i.id === itemId);
    if (!item) return undefined;
    if (element.kind === 'finding') return { kind: 'item', item };
    return this.sections(report).find((s) => s.section.id === item.section);
  }

  getTreeItem(element: ReadinessNode): vscode.TreeItem {
    if (element.kind === 'section') return sectionItem(element);
    if (element.kind === 'item') return itemItem(element.item);
    return findingItem(element);
  }

  /** Every item in display order (sections first to last). */
  items(): ReadinessItem[] {
    const report = this.model.report;
    return report ? this.sections(report).flatMap((s) => [...s.items]) : [];
  }

  findingsOf(item: ReadinessItem): FindingNode[] {
    const folder = this.model.folder;
    if (!folder) return [];
    return (item.findings ?? []).map((finding) => ({
      kind: 'finding',
      itemId: item.id,
      located: {
        entry: { path: finding.file, uri: vscode.Uri.joinPath(folder, ...finding.file.split('/')) },
        finding,
      },
    }));
  }

  dispose(): void {
    this.changed.dispose();
  }

  private sections(report: ReadinessReport): SectionNode[] {
    return DISPLAY_SECTIONS.map((section) => ({
      kind: 'section',
      section,
      items: report.items.filter((i) => i.section === section.id),
    }));
  }
}

export function registerReadinessView(context: vscode.ExtensionContext, model: ReadinessModel): ReadinessProvider {
  const provider = new ReadinessProvider(model);
  const view = vscode.window.createTreeView(READINESS_VIEW_ID, { treeDataProvider: provider, showCollapseAll: true });
  const update = (): void => {
    provider.refresh();
    const report = model.report;
    view.description = report ? `score ${report.finalScore} · level ${report.maturity.level}` : undefined;
    view.message = report ? summaryMessage(report) : undefined;
  };
  context.subscriptions.push(provider, view, model.onDidChange(update));
  return provider;
}

function summaryMessage(report: ReadinessReport): string {
  const sums = report.sections.map((s) => `${s.label} ${s.score}`).join(', ');
  const { level, name } = report.maturity;
  return `ML Test Score ${report.finalScore} (lowest of ${sums}) · MLOps level ${level}: ${name}`;
}
