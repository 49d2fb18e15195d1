/**
 * `liftoff.scaffold.<part>` for every part of the catalogue: one part, no wizard. The defaults the
 * analysis infers go straight to the preview and the shared write (scaffold-flow.ts). One factory for
 * all of them, since they differ only in the part id. An optional `ScaffoldOptions` argument
 * skips the preview (tests, automation); its `parts` default to this command's part.
 */
import * as vscode from 'vscode';
import { inferContext } from '../../core/scaffold/infer';
import { pickFolder } from '../scaffold-ask';
import {
  folderFromOption,
  overridesOf,
  parseOptions,
  requireTrust,
  runScaffold,
  type ScaffoldDeps,
  type ScaffoldResult,
} from '../scaffold-flow';
import { readProjectFacts } from '../scaffold-project';

export function scaffoldPart(deps: ScaffoldDeps, partId: string) {
  return async (raw?: unknown): Promise<ScaffoldResult | undefined> => {
    if (!requireTrust()) return undefined;
    const options = parseOptions(raw);
    const folder = options !== undefined ? folderFromOption(options.folder) : await pickFolder();
    if (!folder) {
      if ((vscode.workspace.workspaceFolders ?? []).length === 0) throw new Error('Open a folder to scaffold into.');
      return undefined;
    }
    const facts = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: `Liftoff: reading ${folder.name}` },
      () => readProjectFacts(folder, deps.liftoffPackage, deps.log),
    );
    const context = inferContext({ ...facts, overrides: options ? overridesOf(options) : undefined }).context;
    const result = await runScaffold(deps, {
      folder,
      parts: options?.parts ?? [partId],
      context,
      policy: options ? (options.policy ?? 'skip') : undefined,
      open: options?.open !== false,
    });
    return result === 'back' ? undefined : result;
  };
}
