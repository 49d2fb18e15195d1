/**
 * The one wrapper every command runs through: logs start and failure to the Liftoff output channel
 * and shows a single clear message when a command fails, instead of an unexplained rejection.
 */
import * as vscode from 'vscode';
import type { CommandId } from './command-ids';
import { errorMessage, type Logger } from './logging';

export type CommandHandler = (...args: unknown[]) => unknown;

export function registerCommand(
  context: vscode.ExtensionContext,
  log: Logger,
  id: CommandId,
  handler: CommandHandler,
): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(id, (...args: unknown[]) => runCommand(log, id, handler, args)),
  );
}

/** Runs one command; resolves to the handler's result, or to undefined after reporting a failure. */
export async function runCommand(log: Logger, id: string, handler: CommandHandler, args: unknown[]): Promise<unknown> {
  log.debug(`${id}: start`);
  try {
    return await handler(...args);
  } catch (err) {
    log.error(`${id} failed: ${errorMessage(err)}`, err);
    // Not awaited: a command must not stay pending until someone dismisses the message.
    void vscode.window
      .showErrorMessage(`Liftoff: ${errorMessage(err)}`, 'Show Log')
      .then((choice) => (choice === 'Show Log' ? log.show() : undefined));
    return undefined;
  }
}
