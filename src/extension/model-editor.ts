/**
 * The read-only custom editor for `.onnx` files (viewType `liftoff.onnxInspector`). Opening a model shows
 * its header at once (read without touching the weights), then the smoke run from onnxruntime in a child
 * process; "Run benchmark" runs the probe again with the benchmark, with cancellable progress. The runtime
 * runs only in trusted workspaces (the manifest promises Restricted Mode executes nothing).
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ArtifactReport } from '../core/models/inspect';
import type { ArtifactLineage } from '../core/models/lineage/link';
import type { Logger } from './logging';
import { renderInto } from './model-panel';
import { capacityOfUri, inspectModelUri, lineageOfUri, type ModelReports } from './model-reports';
import { parseViewMessage, type ModelViewState } from './model-view-html';
import { LINEAGE_LINK_COMMAND } from './model-view-lineage';

export const ONNX_INSPECTOR_VIEW_TYPE = 'liftoff.onnxInspector';
/**
 * Internal (not in the palette): runs the benchmark of the inspector open on the given `.onnx` URI, the same
 * path as the page's "Run benchmark" button. Resolves with the probe's status: `ok`, `cancelled` (the
 * progress was cancelled or the editor closed), a failure, or `not-open`/`busy`/`not-ready`.
 */
export const RUN_BENCHMARK_COMMAND = 'liftoff.model.runBenchmark';

export interface ModelEditorDeps {
  reports: ModelReports;
  log: Logger;
}

export function registerModelEditor(context: vscode.ExtensionContext, deps: ModelEditorDeps): void {
  const provider = new OnnxInspectorProvider(deps);
  context.subscriptions.push(
    vscode.window.registerCustomEditorProvider(ONNX_INSPECTOR_VIEW_TYPE, provider, {
      webviewOptions: { enableFindWidget: true },
    }),
    vscode.commands.registerCommand(RUN_BENCHMARK_COMMAND, async (uri?: unknown): Promise<string> => {
      const session = uri instanceof vscode.Uri ? provider.sessions.get(uri.toString()) : undefined;
      return session ? session.runBenchmark() : 'not-open';
    }),
  );
}

class OnnxInspectorProvider implements vscode.CustomReadonlyEditorProvider {
  /** The open inspectors by URI (the latest one when a file is open twice). */
  readonly sessions = new Map<string, OnnxEditorSession>();

  constructor(private readonly deps: ModelEditorDeps) {}

  openCustomDocument(uri: vscode.Uri): vscode.CustomDocument {
    return { uri, dispose: () => undefined };
  }

  /** Resolves once the header is on screen; the runtime's results follow when the child process answers. */
  async resolveCustomEditor(document: vscode.CustomDocument, panel: vscode.WebviewPanel): Promise<void> {
    const session = new OnnxEditorSession(document.uri, panel, this.deps);
    const key = document.uri.toString();
    this.sessions.set(key, session);
    panel.onDidDispose(() => {
      if (this.sessions.get(key) === session) this.sessions.delete(key);
    });
    await session.start();
  }
}

class OnnxEditorSession {
  private state: ModelViewState;
  /** Aborted when the editor closes: a probe still running is killed with it. */
  private readonly closed = new AbortController();
  private readonly runtime: boolean;
  private lineage: ArtifactLineage | undefined;

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
    panel.webview.options = {
      enableScripts: this.runtime,
      localResourceRoots: [],
      enableCommandUris: [LINEAGE_LINK_COMMAND],
    };
    panel.onDidDispose(() => this.closed.abort());
    panel.webview.onDidReceiveMessage((raw: unknown) => {
      if (parseViewMessage(raw)) void this.runBenchmark();
      else deps.log.warn(`${ONNX_INSPECTOR_VIEW_TYPE}: ignored an unexpected message from the webview`);
    });
  }

  async start(): Promise<void> {
    this.show({});
    void this.addLineage();
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

  /** The button's and the command's path; resolves with the probe's status (see RUN_BENCHMARK_COMMAND). */
  async runBenchmark(): Promise<string> {
    if (this.state.phase === 'benchmarking') return 'busy';
    if (this.state.phase !== 'ready' || !this.runtime) return 'not-ready';
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
    const benchmark = report?.probe?.benchmark;
    if (report && benchmark) report.capacity = await capacityOfUri(this.uri, benchmark);
    // A cancelled run keeps what was shown before rather than replacing the smoke run with "cancelled".
    const cancelled = report?.probe?.status === 'cancelled';
    this.show({ report: cancelled || !report ? before : report, phase: 'ready' });
    return report ? (report.probe?.status ?? 'not-run') : 'cancelled';
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

  /** Which notebook cell writes this model: found once per editor, merged into every report shown. */
  private async addLineage(): Promise<void> {
    try {
      const linked = await lineageOfUri(this.uri);
      if (!linked) return;
      this.lineage = linked.lineage;
      this.show({ workspaceUri: linked.workspaceUri });
    } catch (err) {
      this.deps.log.warn(`${ONNX_INSPECTOR_VIEW_TYPE}: no lineage for ${this.uri.fsPath}: ${String(err)}`);
    }
  }

  private show(change: Partial<ModelViewState>): void {
    this.state = { ...this.state, ...change };
    if (this.lineage && this.state.report && this.state.report.lineage !== this.lineage)
      this.state.report = { ...this.state.report, lineage: this.lineage };
    if (this.state.report && (change.report || change.workspaceUri)) this.deps.reports.set(this.uri, this.state.report);
    if (!this.closed.signal.aborted) this.deps.reports.setPage(this.uri, renderInto(this.panel.webview, this.state));
  }
}
