/**
 * `liftoff.finding.reveal` (internal, used by Readiness tree items): opens the finding's notebook and
 * selects its cell, then the range inside the cell; file-level findings just open the file.
 */
import * as vscode from 'vscode';
import type { Range } from '../../core/notebook/model';
import { CommandIds } from '../command-ids';
import type { Logger } from '../logging';
import { toVsRange } from '../ranges';

/** Plain, serialisable arguments, so the tree item's command survives being passed around. */
export interface RevealTarget {
  /** The notebook file URI, as a string. */
  uri: string;
  cellIndex?: number;
  range?: Range;
}

export function revealFindingCommand(target: RevealTarget): vscode.Command {
  return { command: CommandIds.revealFinding, title: 'Show Finding', arguments: [target] };
}

export function revealFinding(log: Logger) {
  return async (target?: unknown): Promise<void> => {
    if (!isRevealTarget(target)) throw new Error('Nothing to reveal: this command is run from the Readiness view.');
    const uri = vscode.Uri.parse(target.uri);
    if (target.cellIndex === undefined) {
      await vscode.commands.executeCommand('vscode.open', uri);
      return;
    }
    const notebook = await vscode.workspace.openNotebookDocument(uri);
    const index = Math.min(target.cellIndex, Math.max(0, notebook.cellCount - 1));
    const cells = new vscode.NotebookRange(index, index + 1);
    const editor = await vscode.window.showNotebookDocument(notebook, { selections: [cells] });
    editor.revealRange(cells, vscode.NotebookEditorRevealType.InCenterIfOutsideViewport);
    if (!target.range || index >= notebook.cellCount) return;
    // Opening the cell's own URI with a selection puts the cursor on the finding inside the cell.
    const cellUri = notebook.cellAt(index).document.uri;
    try {
      await vscode.commands.executeCommand('vscode.open', cellUri, { selection: toVsRange(target.range) });
    } catch (err) {
      log.warn(`Could not select the finding's range in cell ${index + 1}: ${String(err)}`);
    }
  };
}

function isRevealTarget(value: unknown): value is RevealTarget {
  return typeof value === 'object' && value !== null && typeof (value as RevealTarget).uri === 'string';
}
