/**
 * `liftoff.readiness.fix` (Readiness view item menu, items whose next step is a rule): puts the cursor on
 * the item's first finding and opens the quick-fix menu there, so the rule's own fixes (when it has
 * some) are one keypress away. It never edits on its own: each fix is a choice.
 */
import * as vscode from 'vscode';
import type { ReadinessProvider } from '../readiness-view';
import { revealItem } from './reveal-item';

export function fixItem(provider: ReadinessProvider) {
  const reveal = revealItem(provider);
  return async (arg?: unknown): Promise<void> => {
    if (!(await reveal(arg))) return;
    await vscode.commands.executeCommand('editor.action.quickFix');
  };
}
