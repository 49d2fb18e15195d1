/**
 * vscode.NotebookDocument -> core Notebook, so open notebooks are analysed from what the user
 * sees (unsaved edits included) rather than from disk.
 */
import * as vscode from 'vscode';
import type { Cell, CellKind, Notebook, OutputSummary } from '../core/notebook/model';

/** Output text kept per cell; enough to read reported metrics without copying huge outputs. */
const MAX_OUTPUT_TEXT = 20_000;
const ERROR_MIME = 'application/vnd.code.notebook.error';
const STREAM_MIMES = new Set(['application/vnd.code.notebook.stdout', 'application/vnd.code.notebook.stderr']);

/** Whether Liftoff should analyse this notebook: Jupyter notebooks, or any notebook of Python cells. */
export function isAnalyzableNotebook(doc: vscode.NotebookDocument): boolean {
  if (doc.notebookType === 'jupyter-notebook') return true;
  // The interactive window is a REPL transcript, not a notebook someone will ship.
  if (doc.notebookType === 'interactive') return false;
  const code = doc.getCells().filter((c) => c.kind === vscode.NotebookCellKind.Code);
  return code.length > 0 && code.every((c) => c.document.languageId === 'python');
}

export function toCoreNotebook(doc: vscode.NotebookDocument, path: string): Notebook {
  const meta = (doc.metadata ?? {}) as Record<string, unknown>;
  return {
    path,
    nbformat: numberOr(meta.nbformat, 4),
    nbformatMinor: numberOr(meta.nbformat_minor, 5),
    language: notebookLanguage(doc),
    cells: doc.getCells().map(toCoreCell),
  };
}

function toCoreCell(cell: vscode.NotebookCell): Cell {
  const meta = (cell.metadata ?? {}) as Record<string, unknown>;
  const executionCount = cell.executionSummary?.executionOrder ?? meta.execution_count;
  return {
    index: cell.index,
    // The Jupyter extension keeps the nbformat 4.5 cell id in the cell metadata.
    id: typeof meta.id === 'string' ? meta.id : undefined,
    kind: cellKind(cell),
    source: cell.document.getText(),
    executionCount: typeof executionCount === 'number' ? executionCount : null,
    outputs: summariseOutputs(cell.outputs),
  };
}

function cellKind(cell: vscode.NotebookCell): CellKind {
  if (cell.kind === vscode.NotebookCellKind.Markup) return 'markdown';
  // Raw nbformat cells come through as code cells in the "raw" language.
  return cell.document.languageId === 'raw' ? 'raw' : 'code';
}

function notebookLanguage(doc: vscode.NotebookDocument): string {
  const code = doc.getCells().find((c) => c.kind === vscode.NotebookCellKind.Code && c.document.languageId !== 'raw');
  return code?.document.languageId ?? 'python';
}

function summariseOutputs(outputs: readonly vscode.NotebookCellOutput[]): OutputSummary {
  const types = new Set<string>();
  const texts: string[] = [];
  let error: OutputSummary['error'];
  const decoder = new TextDecoder();
  for (const output of outputs) {
    types.add(outputType(output));
    for (const item of output.items) {
      if (item.mime === ERROR_MIME) error ??= parseError(decoder.decode(item.data));
      else if (STREAM_MIMES.has(item.mime) || item.mime === 'text/plain') texts.push(decoder.decode(item.data));
    }
  }
  const summary: OutputSummary = { count: outputs.length, types: [...types], text: capText(texts.join('\n')) };
  if (error) summary.error = error;
  return summary;
}

/** nbformat output type: the Jupyter extension records it in the output metadata; otherwise infer. */
function outputType(output: vscode.NotebookCellOutput): string {
  const recorded = (output.metadata as Record<string, unknown> | undefined)?.outputType;
  if (typeof recorded === 'string') return recorded;
  if (output.items.some((i) => i.mime === ERROR_MIME)) return 'error';
  if (output.items.some((i) => STREAM_MIMES.has(i.mime))) return 'stream';
  return 'display_data';
}

function parseError(json: string): { name: string; value: string } {
  try {
    const parsed = JSON.parse(json) as { name?: unknown; message?: unknown };
    return { name: String(parsed.name ?? 'Error'), value: String(parsed.message ?? '') };
  } catch {
    return { name: 'Error', value: json.slice(0, 200) };
  }
}

function capText(text: string): string {
  return text.length > MAX_OUTPUT_TEXT ? text.slice(0, MAX_OUTPUT_TEXT) : text;
}

function numberOr(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}
