/**
 * Reads a model file for the editor face and keeps the latest report per file: the custom editor and the
 * Inspect Model command store here; the extension's API exposes `lastReport` (integration tests read it).
 */
import { promises as fs } from 'node:fs';
import * as vscode from 'vscode';
import { DEFAULT_SIZE_CAP } from '../core/models/discover';
import { inspectArtifact, type ArtifactReport } from '../core/models/inspect';
import { projectCoresFor, type CapacityProjection } from '../core/models/capacity';
import type { ArtifactLineage } from '../core/models/lineage/link';
import { toRelative, workspaceLineage } from '../core/models/lineage/workspace';
import type { ProbeOptions } from '../core/models/onnx/probe';
import type { BenchmarkResult } from '../core/models/onnx/probe-types';
import { formatManifestError, loadManifest } from '../core/project/load';
import { MANIFEST_FILE } from '../core/project/manifest';
import { bufferSource, fileSource, formatBytes } from '../core/models/source';

export class ModelReports {
  private readonly byUri = new Map<string, ArtifactReport>();
  private readonly pages = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();

  /** Fires after a file's report is set (the Readiness view uses reports as evidence). */
  readonly onDidSet = this.changed.event;

  set(uri: vscode.Uri, report: ArtifactReport): void {
    this.byUri.set(uri.toString(), report);
    this.changed.fire(uri);
  }

  /** The latest report shown for this file (header, probe, benchmark or pickle scan), if any. */
  lastReport(uri: vscode.Uri): ArtifactReport | undefined {
    return this.byUri.get(uri.toString());
  }

  setPage(uri: vscode.Uri, page: string): void {
    this.pages.set(uri.toString(), page);
  }

  /** The HTML last rendered for this file's report (tests follow its links as a click would). */
  lastPage(uri: vscode.Uri): string | undefined {
    return this.pages.get(uri.toString());
  }
}

/**
 * Which notebook cell writes the file, for files inside a workspace folder on the local disk: the folder
 * is listed honouring .gitignore and `files.exclude`, and git history is used when there is one.
 * Undefined for other files; a failure is logged by the caller and only loses the lineage section.
 */
export async function lineageOfUri(
  uri: vscode.Uri,
): Promise<{ lineage: ArtifactLineage; workspaceUri: string } | undefined> {
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  if (!folder || uri.scheme !== 'file' || folder.uri.scheme !== 'file') return undefined;
  const excludes = vscode.workspace.getConfiguration('files', folder).get<Record<string, unknown>>('exclude') ?? {};
  const exclude = Object.entries(excludes)
    .filter(([, on]) => on === true)
    .map(([glob]) => glob);
  // git runs only in trusted workspaces (Restricted Mode executes nothing); without it, staleness is "unknown".
  const report = await workspaceLineage(folder.uri.fsPath, {
    exclude,
    artifacts: [uri.fsPath],
    git: vscode.workspace.isTrusted,
  });
  const relative = toRelative(folder.uri.fsPath, uri.fsPath);
  const lineage = report.artifacts.find((a) => a.path === relative);
  return lineage && { lineage, workspaceUri: folder.uri.toString() };
}

/**
 * Inspects one file. Local files are read a window at a time (a 2 GB model costs a few reads) and may
 * be probed; files on other file systems are read whole (under the size cap) and never run, since the
 * runtime needs a local path.
 */
export async function inspectModelUri(uri: vscode.Uri, probe: ProbeOptions | false): Promise<ArtifactReport> {
  const shown = vscode.workspace.asRelativePath(uri, false);
  if (uri.scheme === 'file') {
    const handle = await fs.open(uri.fsPath, 'r');
    try {
      const { size } = await handle.stat();
      const report = await inspectArtifact(uri.fsPath, fileSource(handle, size), probe);
      return { ...report, path: shown };
    } finally {
      await handle.close();
    }
  }
  const { size } = await vscode.workspace.fs.stat(uri);
  if (size > DEFAULT_SIZE_CAP)
    throw new Error(`${shown} is ${formatBytes(size)}, too large to read from ${uri.scheme}:`);
  const report = await inspectArtifact(uri.path, bufferSource(await vscode.workspace.fs.readFile(uri)), false);
  return { ...report, path: shown };
}

/** Cores needed for the volume and latency budget in the workspace folder's liftoff.yaml, from a benchmark. */
export async function capacityOfUri(uri: vscode.Uri, benchmark: BenchmarkResult): Promise<CapacityProjection> {
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  if (!folder) return { ok: false, reason: `the model is outside the workspace, so there is no ${MANIFEST_FILE}` };
  let text: string | undefined;
  try {
    text = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder.uri, MANIFEST_FILE)));
  } catch {
    text = undefined;
  }
  const { manifest, errors, present } = loadManifest(text);
  if (!present) return { ok: false, reason: `no ${MANIFEST_FILE} with business.predictionsPerDay` };
  if (errors[0]) return { ok: false, reason: `${MANIFEST_FILE}: ${formatManifestError(errors[0])}` };
  return projectCoresFor(manifest, benchmark);
}
