/**
 * `liftoff.model.inspect` ("Liftoff: Inspect Model"): from the explorer, the file(s) clicked; from the
 * palette, a pick among the workspace's model files. `.onnx` opens the ONNX editor; pickle-family files
 * open a read-only scan report. Resolves with the pickle reports shown (the ONNX editor stores its own).
 */
import * as vscode from 'vscode';
import { artifactKind } from '../../core/models/discover';
import type { ArtifactReport } from '../../core/models/inspect';
import { ONNX_INSPECTOR_VIEW_TYPE } from '../model-editor';
import type { ModelReportPanels } from '../model-panel';

export const MODEL_FILE_GLOB = '**/*.{onnx,pkl,pickle,joblib,pt,pth}';
const INSPECTABLE = new Set(['onnx', 'pickle', 'joblib', 'torch']);
const MAX_PICK = 2000;

export function inspectModel(panels: ModelReportPanels) {
  return async (clicked?: unknown, selected?: unknown): Promise<ArtifactReport[]> => {
    const uris = fromArgs(clicked, selected) ?? (await pickModelFile());
    const reports: ArtifactReport[] = [];
    for (const uri of uris) {
      const kind = artifactKind(uri.path);
      if (kind === 'onnx') await vscode.commands.executeCommand('vscode.openWith', uri, ONNX_INSPECTOR_VIEW_TYPE);
      else if (kind !== undefined && INSPECTABLE.has(kind)) reports.push(await panels.show(uri));
      else void vscode.window.showInformationMessage(`Liftoff cannot inspect ${vscode.workspace.asRelativePath(uri)}.`);
    }
    return reports;
  };
}

/** Explorer menus pass the clicked Uri and the whole selection; keybindings and the palette pass nothing. */
function fromArgs(clicked: unknown, selected: unknown): vscode.Uri[] | undefined {
  if (Array.isArray(selected) && selected.length > 0 && selected.every((u) => u instanceof vscode.Uri)) {
    return selected as vscode.Uri[];
  }
  if (clicked instanceof vscode.Uri) return [clicked];
  const active = vscode.window.activeTextEditor?.document.uri;
  return active && artifactKind(active.path) !== undefined ? [active] : undefined;
}

async function pickModelFile(): Promise<vscode.Uri[]> {
  const files = await vscode.workspace.findFiles(MODEL_FILE_GLOB, undefined, MAX_PICK);
  if (files.length === 0) {
    void vscode.window.showInformationMessage(
      'Liftoff found no model files (.onnx, .pkl, .joblib, .pt) in this workspace.',
    );
    return [];
  }
  const items = files
    .map((uri) => ({ label: vscode.workspace.asRelativePath(uri), description: artifactKind(uri.path), uri }))
    .sort((a, b) => a.label.localeCompare(b.label));
  const picked = await vscode.window.showQuickPick(items, {
    placeHolder: 'Model file to inspect',
    matchOnDescription: true,
  });
  return picked ? [picked.uri] : [];
}
