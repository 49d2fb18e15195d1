/**
 * The steps every scaffold command shares once it knows what to write: plan (no writes), preview,
 * the overwrite policy, the write as one unit, then the main file opens.
 *
 * Writing goes through the core's `applyWrites` over a vscode.workspace.fs port rather than a
 * WorkspaceEdit: `applyEdit` applies file operations one by one and, when one fails, leaves the
 * earlier ones in place and only answers `false`; `applyWrites` writes temporaries first, renames
 * them into place keeping backups, restores everything on any failure, and refuses to write over a
 * file edited since the plan was made. That is the "nothing half-written" guarantee.
 *
 * Commands accept an optional options object (`ScaffoldOptions`): without it they ask everything;
 * with it (tests, tasks, other extensions) they run without the wizard and the preview, and files that
 * differ are skipped unless `policy` says otherwise, so even a scripted run never overwrites silently.
 */
import * as vscode from 'vscode';
import { applyWrites, decideWrites, type OverwritePolicy } from '../core/scaffold/apply';
import { findPart } from '../core/scaffold/catalog';
import { modelFormatOf, type ScaffoldContext } from '../core/scaffold/context';
import { safeRelativePath } from '../core/scaffold/paths';
import { planScaffold, resolveParts, type PlanEntry } from '../core/scaffold/plan';
import type { Logger } from './logging';
import { askPerFile, previewPlan, ScaffoldCancelled, type PreviewAnswer } from './scaffold-ask';
import type { ScaffoldPreview } from './scaffold-preview';
import { templateSources, withModelSignature, workspaceFolderPort } from './scaffold-workspace';

export interface ScaffoldDeps {
  log: Logger;
  preview: ScaffoldPreview;
  /** Where the built-in templates/ folder is. */
  extensionUri: vscode.Uri;
  /** npm spec of the Liftoff CLI the CI template installs ("liftoff@0.1.0"). */
  liftoffPackage: string;
}

/** What differs is overwritten only by 'overwrite'/'overwrite-all'; 'ask' shows the per-file question. */
export type PolicyOption = 'ask' | 'skip' | 'skip-all' | 'overwrite' | 'overwrite-all';

/** The optional argument of every scaffold command. */
export interface ScaffoldOptions {
  /** Part ids (see the catalogue); default: all for the wizard, the command's own part otherwise. */
  parts?: string[];
  /** Workspace folder by name or URI; default: the first one. */
  folder?: string;
  /** Default 'skip'. */
  policy?: PolicyOption;
  modelPath?: string;
  pythonVersion?: string;
  port?: number;
  /** GPU image and Kubernetes GPU request (default: serving.gpu in liftoff.yaml). */
  gpu?: boolean;
  /** Open the main file afterwards (default true). */
  open?: boolean;
}

/** What a scaffold command resolves to (undefined when cancelled or failed). */
export interface ScaffoldResult {
  folder: string;
  written: string[];
  identical: string[];
  /** Different from the user's file and not overwritten. */
  skipped: string[];
  /** The main file opened afterwards, relative to the folder. */
  opened?: string;
}

export interface ScaffoldRequest {
  folder: vscode.WorkspaceFolder;
  parts: string[];
  context: ScaffoldContext;
  /** undefined: show the preview and ask per file. */
  policy?: PolicyOption;
  open: boolean;
  /** The preview offers Back (the wizard's last step). */
  back?: boolean;
}

/** Refuses in untrusted workspaces: writing build and CI files there is what trust is for. */
export function requireTrust(): boolean {
  if (vscode.workspace.isTrusted) return true;
  void vscode.window
    .showWarningMessage(
      'Liftoff does not scaffold files in a Restricted Mode (untrusted) workspace: the Dockerfile, CI ' +
        'workflow and serving app it writes are run by your tools. Trust the workspace to scaffold.',
      'Manage Workspace Trust',
    )
    .then((choice) => (choice ? vscode.commands.executeCommand('workbench.trust.manage') : undefined));
  return false;
}

/** Plans, previews, decides and writes. Resolves to 'back' when the user went back from the preview. */
export async function runScaffold(
  deps: ScaffoldDeps,
  request: ScaffoldRequest,
): Promise<ScaffoldResult | 'back' | undefined> {
  const { folder } = request;
  const target = workspaceFolderPort(folder.uri);
  const context = await withModelSignature(folder, request.context, deps.log);
  const templates = await templateSources(folder, deps.extensionUri);
  const plan = await planScaffold(request.parts, context, target, templates);
  deps.log.info(`scaffold ${folder.name}: ${plan.entries.map((e) => `${e.path} (${e.status})`).join(', ')}`);
  if (request.policy === undefined) {
    const answer: PreviewAnswer = await previewPlan(folder, plan, deps.preview, request.back === true);
    if (answer !== 'write') return answer === 'back' ? 'back' : undefined;
  }
  try {
    const decision = await decideWrites(plan, policyOf(request, deps, plan.entries));
    refuseDirty(folder, decision.write);
    await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Liftoff: writing ${decision.write.length} file(s)` },
      () => applyWrites(decision.write, target),
    );
    const result: ScaffoldResult = {
      folder: folder.name,
      written: decision.write.map((e) => e.path),
      identical: decision.identical.map((e) => e.path),
      skipped: decision.refused.map((e) => e.path),
    };
    if (request.open) result.opened = await openMainFile(folder, request.parts, plan.entries);
    void vscode.window.showInformationMessage(summary(result));
    return result;
  } catch (error) {
    if (!(error instanceof ScaffoldCancelled)) throw error;
    void vscode.window.showInformationMessage(error.message);
    return undefined;
  }
}

function policyOf(request: ScaffoldRequest, deps: ScaffoldDeps, entries: readonly PlanEntry[]): OverwritePolicy {
  switch (request.policy) {
    case 'overwrite':
    case 'overwrite-all':
      return 'all';
    case 'skip':
    case 'skip-all':
      return 'never';
    default:
      return askPerFile(request.folder, deps.preview, entries);
  }
}

/** Unsaved edits in an open editor would be lost or conflict: ask for a save first, write nothing. */
function refuseDirty(folder: vscode.WorkspaceFolder, entries: readonly PlanEntry[]): void {
  const targets = new Set(entries.map((e) => vscode.Uri.joinPath(folder.uri, ...e.path.split('/')).toString()));
  const dirty = vscode.workspace.textDocuments.filter((d) => d.isDirty && targets.has(d.uri.toString()));
  if (dirty.length > 0) {
    const names = dirty.map((d) => vscode.workspace.asRelativePath(d.uri)).join(', ');
    throw new Error(
      `${names} ha${dirty.length > 1 ? 've' : 's'} unsaved changes: save or revert, then scaffold again. Nothing was written.`,
    );
  }
}

/** The Dockerfile, else the serving app, else the first chosen part's main file, if it is in the plan. */
async function openMainFile(
  folder: vscode.WorkspaceFolder,
  parts: readonly string[],
  entries: readonly PlanEntry[],
): Promise<string | undefined> {
  const order = ['docker', 'serving', ...parts];
  const planned = new Set(entries.map((e) => e.path));
  const main = order
    .filter((id) => parts.includes(id))
    .map((id) => findPart(id)?.main)
    .find((path): path is string => path !== undefined && planned.has(path));
  if (main === undefined) return undefined;
  await vscode.window.showTextDocument(vscode.Uri.joinPath(folder.uri, ...main.split('/')), { preview: false });
  return main;
}

function summary(result: ScaffoldResult): string {
  const parts = [`wrote ${result.written.length} file(s)`];
  if (result.identical.length > 0) parts.push(`${result.identical.length} already up to date`);
  if (result.skipped.length > 0) parts.push(`left yours as they are: ${result.skipped.join(', ')}`);
  return `Liftoff scaffold in ${result.folder}: ${parts.join('; ')}.`;
}

/** The folder named by `options.folder` (name or URI), else the first; an unknown one is an error. */
export function folderFromOption(folder: string | undefined): vscode.WorkspaceFolder {
  const folders = vscode.workspace.workspaceFolders ?? [];
  const found =
    folder === undefined ? folders[0] : folders.find((f) => f.name === folder || f.uri.toString() === folder);
  if (found) return found;
  throw new Error(folder === undefined ? 'Open a folder to scaffold into.' : `No workspace folder "${folder}".`);
}

/** Checks a command's options argument; part ids are validated against the catalogue. */
export function parseOptions(value: unknown): ScaffoldOptions | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) throw new Error('Scaffold options must be an object.');
  const options = value as ScaffoldOptions;
  if (options.parts !== undefined) resolveParts(options.parts);
  const policies: readonly string[] = ['ask', 'skip', 'skip-all', 'overwrite', 'overwrite-all'];
  if (options.policy !== undefined && !policies.includes(options.policy)) {
    throw new Error(`Unknown overwrite policy "${String(options.policy)}" (known: ${policies.join(', ')}).`);
  }
  const { port, pythonVersion, modelPath } = options;
  if (port !== undefined && !(Number.isInteger(port) && port >= 1 && port <= 65535)) {
    throw new Error(`Scaffold option port must be a whole number from 1 to 65535, not ${String(port)}.`);
  }
  if (pythonVersion !== undefined && !(typeof pythonVersion === 'string' && /^3\.\d{1,2}$/.test(pythonVersion))) {
    throw new Error(`Scaffold option pythonVersion must look like "3.11", not ${String(pythonVersion)}.`);
  }
  if (modelPath !== undefined && (typeof modelPath !== 'string' || modelFormatOf(modelPath) === undefined)) {
    throw new Error('Scaffold option modelPath must name a .pkl, .pickle, .joblib or .onnx file.');
  }
  if (modelPath !== undefined) safeRelativePath(modelPath);
  if (options.gpu !== undefined && typeof options.gpu !== 'boolean') {
    throw new Error(`Scaffold option gpu must be true or false, not ${String(options.gpu)}.`);
  }
  return options;
}

/** The user's answers (wizard or options) as context overrides. */
export function overridesOf(options: ScaffoldOptions): Partial<ScaffoldContext> {
  const overrides: Partial<ScaffoldContext> = {};
  if (options.modelPath !== undefined) overrides.modelPath = options.modelPath;
  if (options.pythonVersion !== undefined) overrides.pythonVersion = options.pythonVersion;
  if (options.port !== undefined) overrides.port = options.port;
  if (options.gpu !== undefined) overrides.gpu = options.gpu;
  return overrides;
}
