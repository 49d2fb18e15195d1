/**
 * The Readiness view (`liftoff.readiness`): the scored checklist. Five display sections in reading order,
 * each listing its ML Test Score items with status, score and why; the findings behind an item are its
 * children. With several workspace folders, each folder is a root row (its score and level) holding its
 * own sections. A pure projection of the ReadinessModels: getChildren reads, never builds. Until the
 * first report exists it returns nothing, so the welcome content shows instead.
 */
import * as vscode from 'vscode';
import type { Finding } from '../core/findings';
import { DISPLAY_SECTIONS } from '../core/readiness/items';
import type { DisplaySection, ReadinessItem, ReadinessReport } from '../core/readiness/types';
import type { ReadinessFolders } from './readiness-folders';
import { findingItem, folderItem, itemItem, sectionItem } from './readiness-items';
import type { ReadinessModel } from './readiness-model';

export const READINESS_VIEW_ID = 'liftoff.readiness';

/** A workspace folder's root row (only when several folders are open). */
export interface FolderNode {
  readonly kind: 'folder';
  readonly folder: vscode.Uri;
  readonly model: ReadinessModel;
}

export interface SectionNode {
  readonly kind: 'section';
  readonly folder: vscode.Uri;
  readonly section: { readonly id: DisplaySection; readonly label: string };
  readonly items: readonly ReadinessItem[];
}

export interface ItemNode {
  readonly kind: 'item';
  /** The workspace folder the item was scored in; commands run there. */
  readonly folder: vscode.Uri;
  readonly item: ReadinessItem;
}

/** A finding behind an item; `located` mirrors the FindingsStore's shape (path and URI of the notebook). */
export interface FindingNode {
  readonly kind: 'finding';
  readonly folder: vscode.Uri;
  readonly itemId: string;
  readonly located: { readonly entry: { readonly path: string; readonly uri: vscode.Uri }; readonly finding: Finding };
}

export type ReadinessNode = FolderNode | SectionNode | ItemNode | FindingNode;

export class ReadinessProvider implements vscode.TreeDataProvider<ReadinessNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ReadinessNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly folders: ReadinessFolders) {}

  /** The report of the first workspace folder (undefined before its first build). */
  get report(): ReadinessReport | undefined {
    return this.folders.report;
  }

  /** Tells the view to read the models again. */
  refresh(): void {
    this.changed.fire(undefined);
  }

  getChildren(element?: ReadinessNode): ReadinessNode[] {
    if (!element) {
      const models = this.folders.all();
      if (models.length > 1) return models.flatMap((model) => this.folderNode(model));
      return models[0] ? this.sections(models[0]) : [];
    }
    if (element.kind === 'folder') return this.sections(element.model);
    if (element.kind === 'section')
      return element.items.map((item) => ({ kind: 'item', folder: element.folder, item }));
    if (element.kind === 'item') return this.findingsOf(element.item, element.folder);
    return [];
  }

  getParent(element: ReadinessNode): ReadinessNode | undefined {
    if (element.kind === 'folder') return undefined;
    const model = this.folders.forUri(element.folder);
    if (!model) return undefined;
    if (element.kind === 'section') return this.folders.all().length > 1 ? this.folderNode(model)[0] : undefined;
    const itemId = element.kind === 'item' ? element.item.id : element.itemId;
    const item = model.report?.items.find((i) => i.id === itemId);
    if (!item) return undefined;
    if (element.kind === 'finding') return { kind: 'item', folder: element.folder, item };
    return this.sections(model).find((s) => s.section.id === item.section);
  }

  getTreeItem(element: ReadinessNode): vscode.TreeItem {
    if (element.kind === 'folder') return folderItem(element);
    if (element.kind === 'section') return sectionItem(element);
    if (element.kind === 'item') return itemItem(element.item, element.folder);
    return findingItem(element);
  }

  /**
   * The item a command was invoked on, with its folder: a view node (its folder's current report), or
   * an id (`'data-2'`, `{ item: 'data-2' }`) looked up in the first folder.
   */
  locate(arg: unknown, id: string | undefined): { item: ReadinessItem; folder: vscode.Uri } | undefined {
    const node = arg as Partial<ItemNode> | undefined;
    const model = node?.folder instanceof vscode.Uri ? this.folders.forUri(node.folder) : this.folders.primary;
    const item = model?.report?.items.find((i) => i.id === id);
    return item && model?.folder ? { item, folder: model.folder } : undefined;
  }

  /** Every item of the first folder, in display order (sections first to last). */
  items(): ReadinessItem[] {
    const model = this.folders.primary;
    return model ? this.sections(model).flatMap((s) => [...s.items]) : [];
  }

  findingsOf(item: ReadinessItem, folder: vscode.Uri): FindingNode[] {
    return (item.findings ?? []).map((finding) => ({
      kind: 'finding',
      folder,
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

  private folderNode(model: ReadinessModel): FolderNode[] {
    return model.folder ? [{ kind: 'folder', folder: model.folder, model }] : [];
  }

  private sections(model: ReadinessModel): SectionNode[] {
    const { report, folder } = model;
    if (!report || !folder) return [];
    return DISPLAY_SECTIONS.map((section) => ({
      kind: 'section',
      folder,
      section,
      items: report.items.filter((i) => i.section === section.id),
    }));
  }
}

export function registerReadinessView(context: vscode.ExtensionContext, folders: ReadinessFolders): ReadinessProvider {
  const provider = new ReadinessProvider(folders);
  const view = vscode.window.createTreeView(READINESS_VIEW_ID, { treeDataProvider: provider, showCollapseAll: true });
  const update = (): void => {
    provider.refresh();
    const models = folders.all();
    const report = models.length === 1 ? models[0]?.report : undefined;
    view.description = report
      ? `score ${report.finalScore} · level ${report.maturity.level}`
      : models.length > 1
        ? `${models.length} folders`
        : undefined;
    view.message = report ? summaryMessage(report) : undefined;
  };
  context.subscriptions.push(provider, view, folders.onDidChange(update));
  return provider;
}

function summaryMessage(report: ReadinessReport): string {
  const sums = report.sections.map((s) => `${s.label} ${s.score}`).join(', ');
  const { level, name } = report.maturity;
  return `ML Test Score ${report.finalScore} (lowest of ${sums}) · MLOps level ${level}: ${name}`;
}
