/**
 * Builds a WorkspaceSnapshot through a port (the CLI gives it the file system, the extension its workspace):
 * lists files, reads only the ones readiness needs, analyses the notebooks with liftoff.yaml's rule settings.
 */
import { FactsCache } from '../analysis/cache';
import type { ArtifactReport } from '../models/inspect';
import { analyzeNotebook, analyzeNotebookText, type SeverityOverrides } from '../analyze';
import { readNotebook } from '../notebook/read';
import { loadManifest } from '../project/load';
import { MANIFEST_FILE } from '../project/manifest';
import type { WorkspacePort } from '../workspace/port';
import { collectLineage, type LineagePort } from './evidence-lineage';
import { inspectedModels } from './evidence-models';
import { wantsText } from './files';
import type { NotebookInput, WorkspaceSnapshot } from './types';

export interface ProjectPort extends WorkspacePort, LineagePort {
  /** Every file under the project root, relative with forward slashes (ignored folders already skipped). */
  listFiles(): Promise<string[]>;
  /**
   * The report of one model file (ONNX header, and probe when the face runs or has one; pickle scan);
   * undefined or a rejection leaves the file out. Faces without it contribute no model evidence.
   */
  inspectModel?(relative: string): Promise<ArtifactReport | undefined>;
}

/** `cache`: facts of notebooks the caller has analysed already (their cells are not parsed again). */
export async function collectSnapshot(port: ProjectPort, cache = new FactsCache()): Promise<WorkspaceSnapshot> {
  const files = (await port.listFiles()).sort();
  const texts: Record<string, string> = {};
  for (const file of files.filter(wantsText)) {
    const text = await port.readText(file).catch(() => undefined);
    if (text !== undefined) texts[file] = text;
  }
  const severity = loadManifest(texts[MANIFEST_FILE]).manifest.rules;
  const notebooks: NotebookInput[] = [];
  for (const path of files.filter((f) => f.toLowerCase().endsWith('.ipynb'))) {
    notebooks.push(await notebookInput(port, path, severity, cache));
  }
  const lineage = await collectLineage(port, files, notebooks, cache);
  return { files, texts, notebooks, models: await collectModels(port, files), ...(lineage ? { lineage } : {}) };
}

/** Reports of the model files readiness looks at, through the port, in path order. */
export async function collectModels(port: ProjectPort, files: readonly string[]): Promise<ArtifactReport[]> {
  const reports: ArtifactReport[] = [];
  if (!port.inspectModel) return reports;
  for (const path of inspectedModels(files)) {
    const report = await port.inspectModel(path).catch(() => undefined);
    if (report !== undefined) reports.push({ ...report, path });
  }
  return reports;
}

async function notebookInput(port: ProjectPort, path: string, severity: SeverityOverrides, cache: FactsCache) {
  // An unreadable file is read as empty, so it still yields its LO901 finding below.
  return analyseNotebookText(path, await port.readText(path).catch(() => ''), severity, cache);
}

/** A notebook's JSON parsed once and analysed with liftoff.yaml's rule settings (both faces use it). */
export function analyseNotebookText(
  path: string,
  text: string,
  severity: SeverityOverrides,
  cache: FactsCache,
): NotebookInput {
  const read = readNotebook(path, text);
  if (!read.ok) return { path, findings: analyzeNotebookText(path, text, { severity }) };
  return { path, notebook: read.notebook, findings: analyzeNotebook(read.notebook, { severity, cache }) };
}
