/**
 * The read-only custom editor for `.onnx` files (viewType `liftoff.onnxInspector`). Opening a model shows
 * its header at once (read without touching the weights), then the smoke run from onnxruntime in a child
 * process; "Run benchmark" runs the probe again with the benchmark, with cancellable progress. The runtime
 * runs only in trusted workspaces (the manifest promises Restricted Mode executes nothing).
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ArtifactReport } from '../core/models/inspect';
import type { Logger } from './logging';
import { renderInto } from './model-panel';
import { inspectModelUri, type ModelReports } from './model-reports';
import { parseViewMessage, type ModelViewState } from './model-view-html';

export const ONNX_INSPECTOR_VIEW_TYPE = 'liftoff.onnxInspector';

export interface ModelEditorDeps {
  reports: ModelReports;
  log: Logger;
}

export function registerModelEditor(context: vscode.ExtensionContext, deps: ModelEditorDeps): void {
  context.subscriptions.push(
    vscode.window.registerCustomEditorProvider(ONNX_INSPECTOR_VIEW_TYPE, new OnnxInspectorProvider(deps), {
      webviewOptions: { enableFindWidget: true },
    }),
  );
}

class OnnxInspectorProvider implements vscode.CustomReadonlyEditorProvider {
  constructor(private readonly deps: ModelEditorDeps) {}

  openCustomDocument(uri: vscode.Uri): vscode.CustomDocument {
    return { uri, dispose: () => undefined };
  }

  /** Resolves once the header is on screen; the runtime's results follow when the child process answers. */
  async resolveCustomEditor(document: vscode.CustomDocument, panel: vscode.WebviewPanel): Promise<void> {
    await new OnnxEditorSession(document.uri, panel, this.deps).start();
  }
}

class OnnxEditorSession {
  private state: ModelViewState;
  /** Aborted when the editor closes: a probe still running is killed with it. */
  private readonly closed = new AbortController();
  private readonly runtime: boolean;

  constructor(
    private readonly uri: vscode.Uri,
    private readonly panel: vscode.WebviewPanel,
    private readonly deps: ModelEditorDeps,
  ) {
    this.runtime = vscode.workspace.isTrusted && uri.scheme === 'file';
    this.state = { title: path.posix.basename(uri.path), phase: 'reading', canBenchmark: this.runtime };
    if (!vscode.workspace.isTrusted)
      this.state.runtimeNote = 'Restricted Mode: Liftoff does not run models in untrusted workspaces.';
    else if (!this.runtime) this.state.runtimeNote = 'The runtime runs only models on the local file system.';
    // Scripts only for the benchmark button; no local or remote resources at all.
    panel.webview.options = { enableScripts: this.runtime, localResourceRoots: [] };
    panel.onDidDispose(() => this.closed.abort());
    panel.webview.onDidReceiveMessage((raw: unknown) => {
      if (parseViewMessage(raw)) void this.runBenchmark();
      else deps.log.warn(`${ONNX_INSPECTOR_VIEW_TYPE}: ignored an unexpected message from the webview`);
    });
  }

  async start(): Promise<void> {
    this.show({});
    const header = await this.inspect(false);
    if (!header) return;
    const runs = this.runtime && header.header?.ok === true;
    this.show({ report: header, phase: runs ? 'probing' : 'ready' });
    if (runs) void this.smokeRun();
  }

  private async smokeRun(): Promise<void> {
    const report = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: `Liftoff: running ${this.state.title}` },
      () => this.inspect({ signal: this.closed.signal }),
    );
    if (report) this.show({ report, phase: 'ready' });
  }

  private async runBenchmark(): Promise<void> {
    if (this.state.phase !== 'ready' || !this.runtime) return;
    const before = this.state.report;
    this.show({ phase: 'benchmarking' });
    const report = await vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: `Liftoff: benchmarking ${this.state.title}`,
        cancellable: true,
      },
      (progress, token) => {
        const cancel = new AbortController();
        token.onCancellationRequested(() => cancel.abort());
        let done = 0;
        const onProgress = (phase: string, fraction: number): void => {
          progress.report({ message: phase, increment: Math.max(0, fraction - done) * 100 });
          done = Math.max(done, fraction);
        };
        return this.inspect({ bench: true, signal: AbortSignal.any([cancel.signal, this.closed.signal]), onProgress });
      },
    );
    // A cancelled run keeps what was shown before rather than replacing the smoke run with "cancelled".
    const cancelled = report?.probe?.status === 'cancelled';
    this.show({ report: cancelled || !report ? before : report, phase: 'ready' });
  }

  /** The report, or undefined after showing why the file could not be read (or when the editor closed). */
  private async inspect(probe: Parameters<typeof inspectModelUri>[1]): Promise<ArtifactReport | undefined> {
    try {
      const report = await inspectModelUri(this.uri, probe);
      if (report.probe?.runtimeLog.length)
        this.deps.log.debug(`onnxruntime (${this.state.title}): ${report.probe.runtimeLog.join(' | ')}`);
      return this.closed.signal.aborted ? undefined : report;
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      this.deps.log.error(`${ONNX_INSPECTOR_VIEW_TYPE}: ${this.uri.fsPath}: ${message}`);
      this.show({ error: `Could not read the file: ${message}`, phase: 'ready' });
      return undefined;
    }
  }

  private show(change: Partial<ModelViewState>): void {
    this.state = { ...this.state, ...change };
    if (change.report) this.deps.reports.set(this.uri, change.report);
    if (!this.closed.signal.aborted) renderInto(this.panel.webview, this.state);
  }
}
