/** A neutral, editor-independent view of a Jupyter notebook. */

export type CellKind = 'code' | 'markdown' | 'raw';

export interface OutputSummary {
  /** Number of outputs the cell carries. */
  count: number;
  /** Output types present, e.g. "stream", "execute_result", "display_data", "error". */
  types: string[];
  /** Whether any output is an error (ename/evalue kept for messages). */
  error?: { name: string; value: string };
  /** Plain text of stream and text/plain outputs, capped, for parsing reported metrics. */
  text: string;
}

export interface Cell {
  /** Position in the document, 0-based. People see index + 1. */
  index: number;
  /** nbformat 4.5 cell id, when the notebook has one. */
  id?: string;
  kind: CellKind;
  source: string;
  /** Execution count for code cells that were run; null otherwise. */
  executionCount: number | null;
  outputs: OutputSummary;
}

export interface Notebook {
  /** Path as given by the caller (workspace-relative or absolute); used in findings. */
  path: string;
  nbformat: number;
  nbformatMinor: number;
  /** Kernel language, "python" when unknown. */
  language: string;
  cells: Cell[];
}

/** A position inside one cell's source: 0-based line and UTF-16 column, as VS Code counts. */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}
