/** Conversions between the core's plain ranges and vscode's classes. */
import * as vscode from 'vscode';
import type { Range } from '../core/notebook/model';

/** The core range as a vscode.Range; a missing range means the start of the cell or file. */
export function toVsRange(range: Range | undefined): vscode.Range {
  if (!range) return new vscode.Range(0, 0, 0, 0);
  return new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
}
