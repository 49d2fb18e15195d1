/**
 * `liftoff.manifest.open` ("Liftoff: Open liftoff.yaml", the walkthrough's business-goal step, a folder row
 * of the Readiness view): opens the liftoff.yaml of a workspace folder, creating it first with a commented
 * business goal to fill in when it is missing. With several folders: the folder of the view node it was
 * invoked on (or `{ folder }`), else the active editor's folder, else the one the user picks.
 */
import * as vscode from 'vscode';
import { MANIFEST_FILE } from '../../core/project/manifest';
import type { ReadinessFolders } from '../readiness-folders';

const STARTER = `# Liftoff production manifest. Start with the business end in mind:
# which KPI does the model move, who owns it, and what does a wrong prediction cost?
# Uncomment and fill in the business goal (VS Code's YAML support completes it from the schema).
version: 1
# business:
#   kpi: monthly churn rate
#   owner: retention team lead
#   costFalsePositive: 5
#   costFalseNegative: 120
#   predictionsPerDay: 20000
#   latencyBudgetMs: 100
`;

export function openManifest(folders: ReadinessFolders) {
  return async (arg?: unknown): Promise<vscode.Uri | undefined> => {
    const model = await folders.choose(arg, 'Open the liftoff.yaml of which folder?', { activeEditor: true });
    const folder = model?.folder;
    if (!model || !folder) {
      if ((vscode.workspace.workspaceFolders ?? []).length === 0)
        throw new Error('Open a folder first: liftoff.yaml lives at its root.');
      return undefined; // the pick was dismissed
    }
    const uri = vscode.Uri.joinPath(folder, MANIFEST_FILE);
    const exists = await vscode.workspace.fs.stat(uri).then(
      () => true,
      () => false,
    );
    if (!exists) {
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(STARTER));
      await model.fileWritten(uri, true);
    }
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    return uri;
  };
}
