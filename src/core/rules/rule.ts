/**
 * A rule is data (id, name, category, severity, description, docs) plus a check over the
 * notebook's facts. The engine turns what a check reports into full Finding values.
 */
import type { CellFacts } from '../analysis/facts';
import type { Fix, RelatedLocation, RuleCategory, Severity } from '../findings';
import type { Cell, Notebook, Range } from '../notebook/model';
import type { ProjectInfo } from '../project/project-info';

/** A code cell together with its facts. */
export interface AnalyzedCell {
  cell: Cell;
  facts: CellFacts;
}

export interface RuleContext {
  notebook: Notebook;
  /** Code cells only, in document order. */
  codeCells: AnalyzedCell[];
  /** The project around the notebook (declared dependencies, local modules); absent or `{}` when unknown. */
  project?: ProjectInfo;
  /** Resolves a local name to its qualified name using every import in the notebook seen so far. */
  qualify(cellIndex: number, dotted: string): string | undefined;
  /**
   * The import scope `qualify` resolves names in for a cell: the same object, in this analysis or a later
   * one, exactly when the imports seen from the cell are the same. Per-cell results keep to it (cell-memo.ts).
   */
  importScope?(cellIndex: number): object | undefined;
}

/** What a check reports; the engine adds file, cell id, rule id/name, category and default severity. */
export interface RuleReport {
  cellIndex: number;
  range: Range;
  message: string;
  severity?: Severity;
  related?: Omit<RelatedLocation, 'file'>[];
  fix?: Fix;
}

export interface Rule {
  /** Stable id, never reused: "LO" + category digit + number, e.g. "LO402". */
  id: string;
  /** Short kebab-case name used in settings and suppression comments. */
  name: string;
  category: RuleCategory;
  severity: Severity;
  /** One line, shown in `liftoff rules` and settings. */
  description: string;
  check(ctx: RuleContext): RuleReport[];
}

/** Docs page of a rule, relative to the package root (shipped with the extension). */
export function ruleDocsPath(rule: Pick<Rule, 'id' | 'name'>): string {
  return `docs/rules/${rule.id}-${rule.name}.md`;
}
