/** "Liftoff: <score>" in the status bar: the final ML Test Score; clicking it focuses the Readiness view. */
import * as vscode from 'vscode';
import type { ReadinessReport } from '../core/readiness/types';
import type { ReadinessModel } from './readiness-model';

/** VS Code contributes `<view id>.focus` for every view; it opens the container and focuses the view. */
export const FOCUS_READINESS = 'liftoff.readiness.focus';

export interface ReadinessStatusBar {
  /** The text shown now ('' while hidden), for tests and the API. */
  text(): string;
}

export function registerStatusBar(context: vscode.ExtensionContext, model: ReadinessModel): ReadinessStatusBar {
  const item = vscode.window.createStatusBarItem('liftoff.score', vscode.StatusBarAlignment.Left, 50);
  item.name = 'Liftoff Readiness Score';
  item.command = FOCUS_READINESS;
  const update = (report: ReadinessReport | undefined): void => {
    if (!report) return item.hide();
    item.text = `$(rocket) Liftoff: ${report.finalScore}`;
    item.tooltip = tooltip(report);
    item.show();
  };
  update(model.report);
  context.subscriptions.push(item, model.onDidChange(update));
  return { text: () => (model.report ? item.text.replace(/^\$\([\w-]+\)\s*/, '') : '') };
}

function tooltip(report: ReadinessReport): vscode.MarkdownString {
  const md = new vscode.MarkdownString(`**ML Test Score ${report.finalScore}** (the lowest section sum)\n\n`);
  for (const s of report.sections) md.appendMarkdown(`- ${s.label}: ${s.score} / 7\n`);
  const { level, name, why } = report.maturity;
  md.appendMarkdown(`\nMLOps maturity level ${level}: ${name}\n\n`).appendText(why);
  md.appendMarkdown('\n\nClick to open the Readiness view.');
  return md;
}
