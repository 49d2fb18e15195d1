/**
 * "Liftoff: <score>" in the status bar: the final ML Test Score of the active editor's workspace folder
 * (the first folder when no editor is in one; the folder's name follows the score when several are
 * open); clicking it focuses the Readiness view.
 */
import * as vscode from 'vscode';
import type { ReadinessReport } from '../core/readiness/types';
import type { ReadinessFolders } from './readiness-folders';
import type { ReadinessModel } from './readiness-model';

/** VS Code contributes `<view id>.focus` for every view; it opens the container and focuses the view. */
export const FOCUS_READINESS = 'liftoff.readiness.focus';

export interface ReadinessStatusBar {
  /** The text shown now ('' while hidden), for tests and the API. */
  text(): string;
}

/** The folder the user is working in: the active notebook's or text editor's, else the first. */
function activeModel(folders: ReadinessFolders): ReadinessModel | undefined {
  return folders.activeEditor() ?? folders.primary;
}

export function registerStatusBar(context: vscode.ExtensionContext, folders: ReadinessFolders): ReadinessStatusBar {
  const item = vscode.window.createStatusBarItem('liftoff.score', vscode.StatusBarAlignment.Left, 50);
  item.name = 'Liftoff Readiness Score';
  item.command = FOCUS_READINESS;
  let shown = '';
  const update = (): void => {
    const model = activeModel(folders);
    const report = model?.report;
    if (!model || !report) {
      shown = '';
      return item.hide();
    }
    const several = folders.all().length > 1;
    shown = `Liftoff: ${report.finalScore}${several ? ` · ${model.name}` : ''}`;
    item.text = `$(rocket) ${shown}`;
    item.tooltip = tooltip(report, several ? model.name : undefined);
    item.show();
  };
  update();
  context.subscriptions.push(
    item,
    folders.onDidChange(update),
    vscode.window.onDidChangeActiveTextEditor(update),
    vscode.window.onDidChangeActiveNotebookEditor(update),
  );
  return { text: () => shown };
}

function tooltip(report: ReadinessReport, folder: string | undefined): vscode.MarkdownString {
  const of = folder === undefined ? '' : ` of ${folder}`;
  const md = new vscode.MarkdownString(`**ML Test Score${of}: ${report.finalScore}** (the lowest section sum)\n\n`);
  for (const s of report.sections) md.appendMarkdown(`- ${s.label}: ${s.score} / 7\n`);
  const { level, name, why } = report.maturity;
  md.appendMarkdown(`\nMLOps maturity level ${level}: ${name}\n\n`).appendText(why);
  md.appendMarkdown('\n\nClick to open the Readiness view.');
  return md;
}
