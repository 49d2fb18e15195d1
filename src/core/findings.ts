/** Findings are values: only the faces turn them into diagnostics, text or JSON. */
import type { Range } from './notebook/model';

export type Severity = 'error' | 'warning' | 'info' | 'hint';

export const SEVERITY_ORDER: Record<Severity, number> = { hint: 0, info: 1, warning: 2, error: 3 };

export type RuleCategory =
  'data' | 'leakage' | 'evaluation' | 'reproducibility' | 'security' | 'deployment' | 'notebook';

/** Where a finding points. `cellIndex` is absent for findings on the whole file. */
export interface Location {
  file: string;
  cellIndex?: number;
  cellId?: string;
  range?: Range;
}

export interface RelatedLocation extends Location {
  message: string;
}

/** A text replacement inside one cell's source. */
export interface CellTextEdit {
  cellIndex: number;
  range: Range;
  newText: string;
}

/** A new cell inserted at `index` (before the cell currently at that index). */
export interface CellInsert {
  index: number;
  kind: 'code' | 'markdown';
  source: string;
}

export interface Fix {
  title: string;
  edits: CellTextEdit[];
  inserts?: CellInsert[];
}

export interface Finding extends Location {
  ruleId: string;
  ruleName: string;
  category: RuleCategory;
  severity: Severity;
  message: string;
  related?: RelatedLocation[];
  fix?: Fix;
}
