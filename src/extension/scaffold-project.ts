/**
 * What the scaffold knows about a workspace folder before asking anything: its notebooks (read from
 * disk, or live when open, so unsaved edits count), its model files and its requirements.txt: the
 * facts the core's `inferContext` pre-fills the context from. The target folder is the workspace folder,
 * so model paths are already relative to the image's build context.
 */
import * as vscode from 'vscode';
import { FactsCache } from '../core/analysis/cache';
import type { CellFacts } from '../core/analysis/facts';
import { readNotebook, type ReadResult } from '../core/notebook/read';
import type { ProjectFacts } from '../core/scaffold/infer';
import type { Logger } from './logging';
import { NOTEBOOK_EXCLUDE } from './notebook-analyzer';
import { isAnalyzableNotebook, toCoreNotebook } from './notebook-model';
import { readTextIfExists } from './scaffold-workspace';
import { formatManifestError, loadManifest } from '../core/project/load';
import { MANIFEST_FILE } from '../core/project/manifest';

const MODEL_GLOB = '**/*.{onnx,pkl,pickle,joblib}';
const MODEL_EXCLUDE = '**/{node_modules,.git,.venv,venv,site-packages,__pycache__,dist}/**';
const MAX_FILES = 200;

/** Reads the folder once; `inferContext({ ...facts, overrides })` then applies the user's answers. */
export async function readProjectFacts(
  folder: vscode.WorkspaceFolder,
  liftoffPackage: string,
  log: Logger,
): Promise<ProjectFacts> {
  const [notebookUris, modelUris] = await Promise.all([
    vscode.workspace.findFiles(new vscode.RelativePattern(folder, '**/*.ipynb'), NOTEBOOK_EXCLUDE, MAX_FILES),
    vscode.workspace.findFiles(new vscode.RelativePattern(folder, MODEL_GLOB), MODEL_EXCLUDE, MAX_FILES),
  ]);
  const cache = new FactsCache();
  const notebooks: Array<{ path: string; cells: CellFacts[] }> = [];
  for (const uri of sortByPath(notebookUris)) {
    const path = relativeTo(folder, uri);
    const notebook = await readCoreNotebook(uri, path);
    if (!notebook.ok) {
      log.warn(`scaffold: ${path} skipped: ${notebook.reason}`);
      continue;
    }
    const code = notebook.notebook.cells.filter((c) => c.kind === 'code');
    notebooks.push({ path, cells: code.map((c) => cache.get(c.source)) });
  }
  const modelFiles = sortByPath(modelUris).map((uri) => relativeTo(folder, uri));
  const existingRequirements = await readTextIfExists(vscode.Uri.joinPath(folder.uri, 'requirements.txt'));
  const { manifest, errors } = loadManifest(await readTextIfExists(vscode.Uri.joinPath(folder.uri, MANIFEST_FILE)));
  for (const error of errors) log.warn(`scaffold: ${formatManifestError(error)}`);
  return { projectName: folder.name, notebooks, modelFiles, existingRequirements, manifest, liftoffPackage };
}

/** An open notebook's live cells win over the file on disk (the user may not have saved yet). */
async function readCoreNotebook(uri: vscode.Uri, path: string): Promise<ReadResult> {
  const open = vscode.workspace.notebookDocuments.find((nb) => nb.uri.toString() === uri.toString());
  if (open && isAnalyzableNotebook(open)) return { ok: true, notebook: toCoreNotebook(open, path) };
  const text = await readTextIfExists(uri).catch(() => undefined);
  return text === undefined ? { ok: false, reason: 'cannot read the file' } : readNotebook(path, text);
}

function relativeTo(folder: vscode.WorkspaceFolder, uri: vscode.Uri): string {
  const root = folder.uri.path.endsWith('/') ? folder.uri.path : `${folder.uri.path}/`;
  return uri.path.startsWith(root) ? uri.path.slice(root.length) : uri.path;
}

function sortByPath(uris: readonly vscode.Uri[]): vscode.Uri[] {
  return [...uris].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
