/**
 * The read-only report panel for pickle-family files (.pkl, .pickle, .joblib, .pt, .pth): the same page as
 * the ONNX editor, without scripts (there is nothing to run: pickles are scanned, never loaded). One panel
 * per file; inspecting the same file again refreshes and reveals it.
 */
import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ArtifactReport } from '../core/models/inspect';
import { renderModelView, type ModelViewState } from './model-view-html';
import { inspectModelUri, lineageOfUri, type ModelReports } from './model-reports';
import { LINEAGE_LINK_COMMAND } from './model-view-lineage';

export const MODEL_REPORT_PANEL_TYPE = 'liftoff.modelReport';

/** Renders the page with a fresh nonce: the only script and style elements carry it. Returns the page. */
export function renderInto(webview: vscode.Webview, state: ModelViewState): string {
  const page = renderModelView(state, { nonce: randomBytes(18).toString('base64'), cspSource: webview.cspSource });
  webview.html = page;
  return page;
}

export class ModelReportPanels implements vscode.Disposable {
  private readonly panels = new Map<string, vscode.WebviewPanel>();

  constructor(private readonly reports: ModelReports) {}

  /** Shows (or refreshes) the scan report of `uri`; resolves with the report once it is on screen. */
  async show(uri: vscode.Uri): Promise<ArtifactReport> {
    const key = uri.toString();
    let panel = this.panels.get(key);
    if (panel) panel.reveal();
    else {
      panel = vscode.window.createWebviewPanel(
        MODEL_REPORT_PANEL_TYPE,
        `Inspect ${path.posix.basename(uri.path)}`,
        vscode.ViewColumn.Active,
        {
          enableScripts: false,
          localResourceRoots: [],
          enableFindWidget: true,
          enableCommandUris: [LINEAGE_LINK_COMMAND],
        },
      );
      this.panels.set(key, panel);
      panel.onDidDispose(() => this.panels.delete(key));
    }
    const title = path.posix.basename(uri.path);
    renderInto(panel.webview, { title, phase: 'reading', canBenchmark: false });
    try {
      const [scanned, linked] = await Promise.all([
        inspectModelUri(uri, false),
        lineageOfUri(uri).catch(() => undefined),
      ]);
      const report = linked ? { ...scanned, lineage: linked.lineage } : scanned;
      this.reports.set(uri, report);
      if (this.panels.get(key) === panel) {
        const state = { title, phase: 'ready' as const, report, canBenchmark: false };
        const page = renderInto(panel.webview, linked ? { ...state, workspaceUri: linked.workspaceUri } : state);
        this.reports.setPage(uri, page);
      }
      return report;
    } catch (err) {
      const error = `Could not read ${vscode.workspace.asRelativePath(uri, false)}: ${err instanceof Error ? err.message : String(err)}`;
      if (this.panels.get(key) === panel)
        renderInto(panel.webview, { title, phase: 'ready', canBenchmark: false, error });
      throw err;
    }
  }

  dispose(): void {
    for (const panel of this.panels.values()) panel.dispose();
    this.panels.clear();
  }
}
