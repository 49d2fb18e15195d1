/**
 * `liftoff.readiness.attest` (Readiness view item menu): records that an item was done by hand, as
 * `{ item, status: done, by, date, note }` under `attestations:` in liftoff.yaml (created when missing,
 * comments and formatting kept), then shows the file and what was written.
 * Scripted use (tests): `{ item: 'data-2', note?: string, by?: string }` skips the questions.
 */
import { execFile } from 'node:child_process';
import * as os from 'node:os';
import * as vscode from 'vscode';
import type { Attestation } from '../../core/project/manifest';
import { MANIFEST_FILE } from '../../core/project/manifest';
import { findItem } from '../../core/readiness/items';
import { addAttestation, describeAttestation } from '../readiness-attestation';
import { itemIdOf, stringField } from '../readiness-args';
import type { ReadinessFolders } from '../readiness-folders';

export interface AttestResult {
  uri: vscode.Uri;
  entry: Attestation;
}

export function attestItem(folders: ReadinessFolders) {
  return async (arg?: unknown): Promise<AttestResult | undefined> => {
    const itemId = itemIdOf(arg);
    const model = await folders.choose(arg, 'Attest in the liftoff.yaml of which folder?');
    const folder = model?.folder;
    if (!model || !folder) {
      if ((vscode.workspace.workspaceFolders ?? []).length === 0)
        throw new Error('Open a folder to attest readiness items in its liftoff.yaml.');
      return undefined;
    }
    const def = itemId === undefined ? undefined : findItem(itemId);
    if (!def) throw new Error('Attest runs on a checklist item of the Readiness view.');
    const scripted = stringField(arg, 'note');
    const note = scripted ?? (await askNote(def.title));
    if (note === undefined) return undefined;
    const by = stringField(arg, 'by') ?? (await userName(folder));
    const entry: Attestation = { item: def.id, status: 'done', by, date: today(), ...(note ? { note } : {}) };
    const uri = vscode.Uri.joinPath(folder, MANIFEST_FILE);
    const existing = await readIfExists(uri);
    const { text, replaced } = addAttestation(existing, entry);
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
    await model.fileWritten(uri, existing === undefined);
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc, { preview: true, preserveFocus: scripted !== undefined });
    const verb = existing === undefined ? 'Created liftoff.yaml with' : replaced ? 'Replaced' : 'Added';
    void vscode.window.showInformationMessage(`${verb} attestation: ${describeAttestation(entry)}`);
    return { uri, entry };
  };
}

function askNote(title: string): Thenable<string | undefined> {
  return vscode.window.showInputBox({
    title: `Attest: ${title}`,
    prompt: 'How was it done, and where is it documented? (optional; Escape cancels)',
    placeHolder: 'e.g. ablation study in docs/features.md',
  });
}

async function readIfExists(uri: vscode.Uri): Promise<string | undefined> {
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch (err) {
    if (err instanceof vscode.FileSystemError && err.code === 'FileNotFound') return undefined;
    throw err;
  }
}

/** Git's user.name for this folder, else the OS user. */
function userName(folder: vscode.Uri): Promise<string> {
  const fallback = os.userInfo().username;
  if (folder.scheme !== 'file') return Promise.resolve(fallback);
  return new Promise((resolve) => {
    execFile('git', ['config', 'user.name'], { cwd: folder.fsPath, timeout: 3000 }, (err, stdout) => {
      const name = stdout.trim();
      resolve(err || name === '' ? fallback : name);
    });
  });
}

function today(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
