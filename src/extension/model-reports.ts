/**
 * Reads a model file for the editor face and keeps the latest report per file: the custom editor and the
 * Inspect Model command store here; the extension's API exposes `lastReport` (integration tests read it).
 */
import { promises as fs } from 'node:fs';
import * as vscode from 'vscode';
import { DEFAULT_SIZE_CAP } from '../core/models/discover';
import { inspectArtifact, type ArtifactReport } from '../core/models/inspect';
import type { ProbeOptions } from '../core/models/onnx/probe';
import { bufferSource, formatBytes, type ByteSource } from '../core/models/source';

export class ModelReports {
  private readonly byUri = new Map<string, ArtifactReport>();

  set(uri: vscode.Uri, report: ArtifactReport): void {
    this.byUri.set(uri.toString(), report);
  }

  /** The latest report shown for this file (header, probe, benchmark or pickle scan), if any. */
  lastReport(uri: vscode.Uri): ArtifactReport | undefined {
    return this.byUri.get(uri.toString());
  }
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
      const report = await inspectArtifact(uri.fsPath, handleSource(handle, size), probe);
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

function handleSource(handle: fs.FileHandle, size: number): ByteSource {
  return {
    size,
    async read(offset, length) {
      const n = Math.max(0, Math.min(length, size - offset));
      const buffer = Buffer.alloc(n);
      const { bytesRead } = await handle.read(buffer, 0, n, offset);
      return buffer.subarray(0, bytesRead);
    },
  };
}
