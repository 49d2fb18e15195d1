/**
 * `liftoff.readiness.reveal` (Readiness view item menu): shows the evidence of an item: the cell of its
 * first finding, else its first evidence cell (the cell that writes a model file), else its first
 * evidence file, else liftoff.yaml when the item is about the manifest.
 */
import * as vscode from 'vscode';
import { MANIFEST_FILE } from '../../core/project/manifest';
import { itemIdOf } from '../readiness-args';
import type { ReadinessProvider } from '../readiness-view';
import { revealFindingCommand } from './reveal-finding';

export function revealItem(provider: ReadinessProvider) {
  return async (arg?: unknown): Promise<boolean> => {
    const located = provider.locate(arg, itemIdOf(arg));
    if (!located) throw new Error('Reveal runs on a checklist item of the Readiness view.');
    const { item, folder } = located;
    const [finding] = provider.findingsOf(item, folder);
    const [cell] = item.cells ?? [];
    const target = finding
      ? {
          uri: finding.located.entry.uri.toString(),
          cellIndex: finding.located.finding.cellIndex,
          range: finding.located.finding.range,
        }
      : cell && { uri: vscode.Uri.joinPath(folder, ...cell.file.split('/')).toString(), ...cell };
    if (target) {
      const command = revealFindingCommand(target);
      await vscode.commands.executeCommand(command.command, ...(command.arguments ?? []));
      return true;
    }
    const file = item.files?.[0] ?? (item.next?.kind === 'manifest' ? MANIFEST_FILE : undefined);
    if (!file) {
      void vscode.window.showInformationMessage(`Liftoff: nothing to show for "${item.title}": ${item.why}`);
      return false;
    }
    await vscode.commands.executeCommand('vscode.open', vscode.Uri.joinPath(folder, ...file.split('/')));
    return true;
  };
}
