/**
 * The questions the scaffold asks: which workspace folder, whether the previewed plan should be
 * written, and, per file that differs from the user's, whether to overwrite it. Never silent: a
 * dismissed question cancels the whole scaffold, so nothing is written that was not agreed to.
 */
import * as vscode from 'vscode';
import type { PlanEntry, ScaffoldPlan } from '../core/scaffold/plan';
import { showDiff, type ScaffoldPreview } from './scaffold-preview';

/** Thrown when the user dismisses a question: the scaffold stops, nothing written. */
export class ScaffoldCancelled extends Error {
  constructor() {
    super('Scaffold cancelled: nothing was written.');
    this.name = 'ScaffoldCancelled';
  }
}

/** The only folder, or the one the user picks; undefined when there is none or the pick is dismissed. */
export async function pickFolder(): Promise<vscode.WorkspaceFolder | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length <= 1) return folders[0];
  return vscode.window.showWorkspaceFolderPick({
    placeHolder: 'Scaffold into which workspace folder?',
    ignoreFocusOut: true,
  });
}

type PreviewItem = vscode.QuickPickItem & { entry?: PlanEntry; write?: true };

const STATUS: Readonly<Record<PlanEntry['status'], { icon: string; text: string }>> = {
  new: { icon: '$(diff-added)', text: 'new' },
  identical: { icon: '$(pass)', text: 'identical: skipped' },
  different: { icon: '$(diff-modified)', text: 'exists with different content: you will be asked' },
};

const DIFF_BUTTON: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('diff'), tooltip: 'Show diff' };
const OPEN_BUTTON: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('eye'), tooltip: 'Preview file' };

export type PreviewAnswer = 'write' | 'back' | 'cancel';

/**
 * Every planned file with its status; selecting a file (or its button) opens its diff or preview
 * and keeps the list open; "Write" goes on. `back` adds the Back button (the wizard's last step).
 */
export function previewPlan(
  folder: vscode.WorkspaceFolder,
  plan: ScaffoldPlan,
  preview: ScaffoldPreview,
  back: boolean,
): Promise<PreviewAnswer> {
  const uris = preview.show(folder, plan.entries);
  const pick = vscode.window.createQuickPick<PreviewItem>();
  pick.title = `Liftoff: Scaffold into ${folder.name}: preview`;
  pick.placeholder = 'Select a file to see it (or its diff); select "Write" to go on';
  pick.ignoreFocusOut = true;
  pick.matchOnDescription = true;
  pick.buttons = back ? [vscode.QuickInputButtons.Back] : [];
  pick.items = previewItems(plan);
  const open = (entry: PlanEntry): void => {
    const uri = uris.get(entry.path);
    if (!uri) return;
    const shown =
      entry.status === 'different'
        ? showDiff(folder, entry.path, uri)
        : vscode.window.showTextDocument(uri, { preview: true, preserveFocus: true });
    void Promise.resolve(shown).then(undefined, () => undefined);
  };
  return new Promise<PreviewAnswer>((resolve) => {
    let answer: PreviewAnswer = 'cancel';
    pick.onDidTriggerButton(() => {
      answer = 'back';
      pick.hide();
    });
    pick.onDidTriggerItemButton(({ item }) => item.entry && open(item.entry));
    pick.onDidAccept(() => {
      const [item] = pick.selectedItems;
      if (item?.write) {
        answer = 'write';
        pick.hide();
      } else if (item?.entry) open(item.entry);
    });
    pick.onDidHide(() => {
      pick.dispose();
      resolve(answer);
    });
    pick.show();
  });
}

function previewItems(plan: ScaffoldPlan): PreviewItem[] {
  const count = (status: PlanEntry['status']): number => plan.entries.filter((e) => e.status === status).length;
  const toWrite = count('new') + count('different');
  const write: PreviewItem = {
    label: toWrite > 0 ? `$(check) Write ${toWrite} file${toWrite === 1 ? '' : 's'}` : '$(check) Done',
    description: `${count('new')} new, ${count('different')} different, ${count('identical')} identical`,
    write: true,
    alwaysShow: true,
  };
  const files: PreviewItem[] = plan.entries.map((entry) => ({
    label: `${STATUS[entry.status].icon} ${entry.path}`,
    description: STATUS[entry.status].text,
    detail: entry.templateFrom === 'built-in' ? undefined : `template from ${entry.templateFrom}`,
    entry,
    buttons: entry.status === 'different' ? [DIFF_BUTTON] : [OPEN_BUTTON],
  }));
  const skipped: PreviewItem[] = plan.skipped.map((s) => ({
    label: `$(circle-slash) ${s.path}`,
    description: `not written: ${s.reason}`,
  }));
  const separator = (label: string): PreviewItem => ({ label, kind: vscode.QuickPickItemKind.Separator });
  return [write, separator('Files'), ...files, ...(skipped.length > 0 ? [separator('Left out'), ...skipped] : [])];
}

/**
 * The per-file question for files that differ, as a policy for the core's `decideWrites`: a modal
 * with Overwrite / Skip / Overwrite All / Skip All (and Show Diff, which asks again afterwards).
 */
export function askPerFile(
  folder: vscode.WorkspaceFolder,
  preview: ScaffoldPreview,
  entries: readonly PlanEntry[],
): (entry: PlanEntry) => Promise<boolean> {
  const uris = preview.show(folder, entries);
  let forAll: boolean | undefined;
  return async (entry) => {
    if (forAll !== undefined) return forAll;
    for (;;) {
      const choice = await vscode.window.showWarningMessage(
        `${entry.path} already exists in ${folder.name} with different content. Overwrite it?`,
        { modal: true, detail: 'Skipped files are left exactly as they are.' },
        'Overwrite',
        'Skip',
        'Overwrite All',
        'Skip All',
        'Show Diff',
      );
      const uri = uris.get(entry.path);
      if (choice === 'Show Diff' && uri) await showDiff(folder, entry.path, uri);
      else if (choice === 'Overwrite' || choice === 'Skip') return choice === 'Overwrite';
      else if (choice === 'Overwrite All' || choice === 'Skip All') return (forAll = choice === 'Overwrite All');
      else throw new ScaffoldCancelled();
    }
  };
}
