/**
 * Builds a WorkspaceSnapshot through a port (the CLI gives it the file system, the extension its workspace):
 * lists files, reads only the ones readiness needs, analyses the notebooks with liftoff.yaml's rule settings.
 */
import { FactsCache } from '../analysis/cache';
import { analyzeNotebook, analyzeNotebookText, type SeverityOverrides } from '../analyze';
import { readNotebook } from '../notebook/read';
import { loadManifest } from '../project/load';
import { MANIFEST_FILE } from '../project/manifest';
import type { WorkspacePort } from '../workspace/port';
import { wantsText } from './files';
import type { NotebookInput, WorkspaceSnapshot } from './types';

export interface ProjectPort extends WorkspacePort {
  /** Every file under the project root, relative with forward slashes (ignored folders already skipped). */
  listFiles(): Promise<string[]>;
}

export async function collectSnapshot(port: ProjectPort): Promise<WorkspaceSnapshot> {
  const files = (await port.listFiles()).sort();
  const texts: Record<string, string> = {};
  for (const file of files.filter(wantsText)) {
    const text = await port.readText(file).catch(() => undefined);
    if (text !== undefined) texts[file] = text;
  }
  const severity = loadManifest(texts[MANIFEST_FILE]).manifest.rules;
  const notebooks: NotebookInput[] = [];
  const cache = new FactsCache();
  for (const path of files.filter((f) => f.toLowerCase().endsWith('.ipynb'))) {
    notebooks.push(await notebookInput(port, path, severity, cache));
  }
  return { files, texts, notebooks };
}

async function notebookInput(port: ProjectPort, path: string, severity: SeverityOverrides, cache: FactsCache) {
  // An unreadable file is read as empty, so it still yields its LO901 finding below.
  const text = await port.readText(path).catch(() => '');
  const read = readNotebook(path, text);
  if (!read.ok) return { path, findings: analyzeNotebookText(path, text, { severity }) };
  return { path, notebook: read.notebook, findings: analyzeNotebook(read.notebook, { severity, cache }) };
}
