/**
 * `liftoff.business.define` ("Liftoff: Define Business Goal"): the wizard (business-wizard.ts), then the
 * business section of liftoff.yaml written through a WorkspaceEdit, so it can be undone, with the user's
 * comments and layout kept (core/project/business-edit.ts). An invalid liftoff.yaml is refused before any
 * question; untrusted workspaces are refused. With several workspace folders it runs on the folder of the
 * view item it was invoked on, or asks. Scripted use (tests): `{ initial: { kpi: '...', ... }, folder? }`
 * replaces the values the steps start from; every step is still shown.
 */
import * as vscode from 'vscode';
import { currentPricing, setBusinessGoal, type BusinessChanges } from '../../core/project/business-edit';
import { loadManifest } from '../../core/project/load';
import { MANIFEST_FILE, type ProjectManifest } from '../../core/project/manifest';
import { askBusinessGoal, changesOf, type BusinessAnswers } from '../business-wizard';
import type { ReadinessFolders } from '../readiness-folders';

export interface DefineBusinessResult {
  uri: vscode.Uri;
  changes: BusinessChanges;
  /** Whether the file was saved (false when it had unsaved changes before: they are the user's to save). */
  saved: boolean;
}

export function defineBusinessGoal(folders: ReadinessFolders) {
  return async (arg?: unknown): Promise<DefineBusinessResult | undefined> => {
    const model = await folders.choose(arg, 'Define the business goal of which folder?');
    const folder = model?.folder;
    if (!model || !folder) {
      if ((vscode.workspace.workspaceFolders ?? []).length === 0)
        throw new Error('Open a folder first: liftoff.yaml lives at its root.');
      return undefined;
    }
    if (!vscode.workspace.isTrusted) {
      throw new Error(
        'Liftoff does not write liftoff.yaml in a Restricted Mode (untrusted) workspace. Trust the workspace first.',
      );
    }
    const uri = vscode.Uri.joinPath(folder, MANIFEST_FILE);
    const document = await openIfExists(uri);
    // A liftoff.yaml open without unsaved changes holds what the disk holds once VS Code has seen the disk's
    // last change; right after the file is rewritten (a checkout, a script) it can still hold the old text.
    // The answers start from the disk then; unsaved changes are the user's, and win.
    const before = document === undefined ? undefined : document.isDirty ? document.getText() : await diskText(uri);
    setBusinessGoal(before, {}); // refuses an invalid liftoff.yaml before asking anything
    const answers = await askBusinessGoal({ ...startingAnswers(loadManifest(before).manifest), ...initialOf(arg) });
    if (answers === undefined) return undefined;
    const changes = changesOf(answers);
    const dirty = document?.isDirty === true;
    await applyManifestEdit(uri, document, setBusinessGoal(document?.getText() ?? before, changes));
    const saved = !dirty && (document === undefined || (await document.save()));
    await model.fileWritten(uri, document === undefined);
    await vscode.window.showTextDocument(uri, { preview: true, preserveFocus: true });
    void vscode.window.showInformationMessage(
      saved
        ? `Business goal written to ${MANIFEST_FILE} (Undo in the file reverts it).`
        : `Business goal written to ${MANIFEST_FILE}, which has unsaved changes: review and save it.`,
    );
    return { uri, changes, saved };
  };
}

/** The current liftoff.yaml values as the answers the steps start from. */
function startingAnswers(manifest: ProjectManifest): BusinessAnswers {
  const b = manifest.business;
  const text = (v: unknown): string => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');
  return {
    kpi: text(b.kpi),
    owner: text(b.owner),
    pricing: currentPricing(b, manifest.models[0]?.task),
    currency: text(b.currency),
    costFalsePositive: text(b.costFalsePositive),
    costFalseNegative: text(b.costFalseNegative),
    unitErrorCost: text(b.unitErrorCost),
    predictionsPerDay: text(b.predictionsPerDay),
    latencyBudgetMs: text(b.latencyBudgetMs),
  };
}

/** `{ initial: {...} }` from a script: string or number values for the answer keys it names. */
function initialOf(arg: unknown): Partial<BusinessAnswers> {
  const initial = (arg as { initial?: unknown } | undefined)?.initial;
  if (initial === undefined) return {};
  if (typeof initial !== 'object' || initial === null) throw new Error('`initial` must be an object of answers.');
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(initial)) {
    if (typeof value === 'string' || typeof value === 'number') out[key] = String(value);
  }
  if (out.pricing !== undefined && out.pricing !== 'classification' && out.pricing !== 'regression') {
    throw new Error('`initial.pricing` is classification or regression.');
  }
  return out as Partial<BusinessAnswers>;
}

async function diskText(uri: vscode.Uri): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}

async function openIfExists(uri: vscode.Uri): Promise<vscode.TextDocument | undefined> {
  const exists = await vscode.workspace.fs.stat(uri).then(
    () => true,
    () => false,
  );
  return exists ? vscode.workspace.openTextDocument(uri) : undefined;
}

/**
 * Applies the new text as one undoable edit: the changed middle of an open document (so the cursor and
 * the rest stay put), or a file creation when there was no liftoff.yaml.
 */
async function applyManifestEdit(
  uri: vscode.Uri,
  document: vscode.TextDocument | undefined,
  text: string,
): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  if (document === undefined) {
    edit.createFile(uri, { ignoreIfExists: false, contents: new TextEncoder().encode(text) });
  } else {
    const old = document.getText();
    if (old === text) return;
    let start = 0;
    while (start < old.length && start < text.length && old[start] === text[start]) start++;
    let end = 0;
    while (end < old.length - start && end < text.length - start && old.at(-1 - end) === text.at(-1 - end)) end++;
    const range = new vscode.Range(document.positionAt(start), document.positionAt(old.length - end));
    edit.replace(uri, range, text.slice(start, text.length - end));
  }
  if (!(await vscode.workspace.applyEdit(edit))) throw new Error(`Could not edit ${MANIFEST_FILE}.`);
}
