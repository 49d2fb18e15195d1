/** The one place Liftoff writes logs: a log output channel named "Liftoff". */
import * as vscode from 'vscode';

export type Logger = vscode.LogOutputChannel;

export function createLogger(context: vscode.ExtensionContext): Logger {
  const channel = vscode.window.createOutputChannel('Liftoff', { log: true });
  context.subscriptions.push(channel);
  return channel;
}

/** A readable message for anything thrown; the stack goes to the log, not to the user. */
export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
