/** Builds notebooks from Python snippets so rule tests read like the notebooks they describe. */
import { analyzeNotebook } from '../../src/core/analyze';
import type { Finding } from '../../src/core/findings';
import type { Rule } from '../../src/core/rules/rule';
import type { Cell, CellKind, Notebook } from '../../src/core/notebook/model';
import { textOf } from '../../src/core/notebook/text';

export interface CellSpec {
  source: string;
  kind?: CellKind;
  executionCount?: number | null;
  id?: string;
}

export function notebookFrom(cells: Array<string | CellSpec>, path = 'test.ipynb'): Notebook {
  return {
    path,
    nbformat: 4,
    nbformatMinor: 5,
    language: 'python',
    cells: cells.map((spec, index) => toCell(typeof spec === 'string' ? { source: spec } : spec, index)),
  };
}

function toCell(spec: CellSpec, index: number): Cell {
  const kind = spec.kind ?? 'code';
  const cell: Cell = {
    index,
    kind,
    source: spec.source,
    executionCount: kind === 'code' ? (spec.executionCount ?? null) : null,
    outputs: { count: 0, types: [], text: '' },
  };
  if (spec.id !== undefined) cell.id = spec.id;
  return cell;
}

/** Code cells numbered 1..n in document order, as after "Restart and Run All". */
export function executedInOrder(sources: string[]): CellSpec[] {
  return sources.map((source, i) => ({ source, executionCount: i + 1 }));
}

/** Runs one rule through the engine (so suppressions and severities apply as in the product). */
export function check(rule: Rule, cells: Array<string | CellSpec>): Finding[] {
  return analyzeNotebook(notebookFrom(cells), { rules: [rule] });
}

/** The text a finding's range covers inside its cell. */
export function textAt(cells: Array<string | CellSpec>, finding: Finding): string {
  const spec = cells[finding.cellIndex ?? -1];
  const source = typeof spec === 'string' ? spec : (spec?.source ?? '');
  return finding.range === undefined ? '' : textOf(source, finding.range);
}

/** Applies a fix's text edits to one cell's source (edits must not overlap). */
export function applyEdits(
  source: string,
  edits: Array<{ range: NonNullable<Finding['range']>; newText: string }>,
): string {
  const lines = source.split('\n');
  const offset = (p: { line: number; character: number }): number =>
    lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  let out = source;
  for (const e of sorted) out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end));
  return out;
}
