/**
 * `liftoff.readiness.scaffold` (Readiness view item menu, items whose next step is scaffolding): starts
 * "Scaffold Deployment…" with no arguments, i.e. the wizard, since a view node is not a ScaffoldOptions.
 */
import * as vscode from 'vscode';
import { CommandIds } from '../command-ids';

export function scaffoldItem() {
  return (): Thenable<unknown> => vscode.commands.executeCommand(CommandIds.scaffoldDeployment);
}
