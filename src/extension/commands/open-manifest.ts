/**
 * `liftoff.manifest.open` ("Liftoff: Open liftoff.yaml", the walkthrough's business-goal step): opens the
 * project's liftoff.yaml, creating it first with a commented business goal to fill in when it is missing.
 */
import * as vscode from 'vscode';
import { MANIFEST_FILE } from '../../core/project/manifest';

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

export function openManifest() {
  return async (): Promise<vscode.Uri> => {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    if (!folder) throw new Error('Open a folder first: liftoff.yaml lives at its root.');
    const uri = vscode.Uri.joinPath(folder, MANIFEST_FILE);
    const exists = await vscode.workspace.fs.stat(uri).then(
      () => true,
      () => false,
    );
    if (!exists) await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(STARTER));
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    return uri;
  };
}
