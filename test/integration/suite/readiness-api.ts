/**
 * The Readiness parts of the extension's API (src/extension/extension.ts, readiness-view.ts) as the
 * integration tests read them, restated here so they check what activate() really returns.
 */
import * as vscode from 'vscode';
import { activateLiftoff, waitFor } from './helpers';

export interface ItemLike {
  id: string;
  title: string;
  status: 'pass' | 'partial' | 'fail' | 'unknown';
  score: number;
  why: string;
  section: string;
  findings?: { ruleId: string; file: string; cellIndex?: number }[];
}

export interface ScoreNode {
  readonly kind: 'folder' | 'section' | 'item' | 'finding';
  readonly item?: ItemLike;
  readonly located?: { entry: { path: string }; finding: { ruleId: string; cellIndex?: number } };
}

export interface ScoreApi {
  readonly readiness: {
    getChildren(element?: ScoreNode): ScoreNode[];
    getTreeItem(element: ScoreNode): vscode.TreeItem;
    readonly report:
      { items: ItemLike[]; finalScore: number; maturity: { level: number }; sections: { score: number }[] } | undefined;
  };
  statusBarText(): string;
}

export async function activateScoreApi(): Promise<ScoreApi> {
  return (await activateLiftoff()) as unknown as ScoreApi;
}

export function labelOf(api: ScoreApi, node: ScoreNode): string {
  const l = api.readiness.getTreeItem(node).label;
  return typeof l === 'string' ? l : (l?.label ?? '');
}

/** The item with this id as the view shows it now (walking the tree, not the report). */
export function itemNode(api: ScoreApi, id: string): ScoreNode | undefined {
  return api.readiness
    .getChildren()
    .flatMap((section) => api.readiness.getChildren(section))
    .find((n) => n.kind === 'item' && n.item?.id === id);
}

/** Polls the view until the item with this id has the wanted status. */
export function waitForStatus(api: ScoreApi, id: string, status: ItemLike['status'], ms = 20_000): Promise<ScoreNode> {
  return waitFor(
    `${id} to be ${status} (is ${itemNode(api, id)?.item?.status ?? 'absent'})`,
    () => {
      const node = itemNode(api, id);
      return node?.item?.status === status ? node : undefined;
    },
    ms,
  );
}
