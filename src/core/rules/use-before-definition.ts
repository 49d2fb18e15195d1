/**
 * LO405 use-before-definition: a cell reads a name that no cell above defines, only a cell further
 * down. It worked because the cells were run out of order (or the later cell ran in an earlier
 * session): hidden kernel state.
 *
 * Why it matters: "Restart and Run All", papermill or a scheduled job stops with a NameError, or worse,
 * picks up a same-named value from somewhere else.
 *
 * Bad:  [cell 1] model.fit(X_train, y_train)      [cell 2] model = RandomForestClassifier()
 * Good: [cell 1] model = RandomForestClassifier()  [cell 2] model.fit(X_train, y_train)
 */
import type { CellFacts } from '../analysis/facts';
import { PYTHON_BUILTINS } from '../analysis/qualify';
import type { Range } from '../notebook/model';
import { cellParts, type CellPart } from './cell-memo';
import { firstLineRange } from './helpers';
import type { AnalyzedCell, Rule, RuleReport } from './rule';
import { topLevelOccurrence } from './top-level-names';

const MAX_REPORTS = 5;

/** Names IPython/Jupyter (or Python itself) provides without any definition in the notebook. */
const PROVIDED = new Set([
  'display',
  'get_ipython',
  'In',
  'Out',
  '_',
  '__',
  '___',
  'exit',
  'quit',
  '__name__',
  '__file__',
  '__doc__',
  '__builtins__',
  '__spec__',
  '__loader__',
  '__package__',
]);

/** Magics and calls that define names the facts cannot see (`%run`, `%store -r`, `exec`, `globals()`). */
const OPAQUE_MAGIC = /^(run|store|load|ed|edit|macro|recall|rerun|restore)$/;
const OPAQUE_CALL = /^(exec|eval|globals|locals|vars|execfile|__import__)$/;

export const useBeforeDefinition: Rule = {
  id: 'LO405',
  name: 'use-before-definition',
  category: 'reproducibility',
  severity: 'warning',
  description:
    'A cell uses a name that only a later cell defines, so the notebook depends on hidden state and fails when run top to bottom.',
  check(ctx) {
    const reports: RuleReport[] = [];
    const allNames = cellParts(ctx, namesPart);
    const cells: AnalyzedCell[] = [];
    const names: NamesPart[] = [];
    for (let i = 0; i < allNames.length; i++) {
      const cell = ctx.codeCells[i] as AnalyzedCell;
      if (cell.facts.notPython !== undefined) continue;
      cells.push(cell);
      names.push(allNames[i] as NamesPart);
    }
    const firstDefiner = firstDefiningCells(names);
    // A cell that may define names unseen (`%run`, `exec`) ends the search: anything below may be defined.
    for (let i = 0; i < cells.length && reports.length < MAX_REPORTS; i++) {
      const { opaque, free } = names[i] as NamesPart;
      if (opaque) break;
      const cell = cells[i] as AnalyzedCell;
      for (const name of free) {
        // Defined above (first definer before this cell), nowhere, or first further down.
        const laterIndex = firstDefiner.get(name);
        if (laterIndex === undefined || laterIndex < i) continue;
        const later = cells[laterIndex] as AnalyzedCell;
        const range = topLevelOccurrence(cell.cell.source, cell.facts, name);
        if (range === undefined) continue;
        reports.push(report(cell, range, name, later));
        if (reports.length >= MAX_REPORTS) break;
      }
    }
    return reports;
  },
};

interface NamesPart {
  /** The cell may define names the facts cannot see (`%run`, `exec`, `from x import *`). */
  opaque: boolean;
  /** Names it binds (assignments, functions and classes, imports), each once. */
  own: readonly string[];
  /** Names it reads that it does not bind and that neither Python nor Jupyter provides, in read order. */
  free: readonly string[];
}

const namesPart: CellPart<NamesPart> = (_ctx, { facts }) => {
  const own = new Set([...facts.writes, ...facts.functions, ...facts.imports.map((i) => i.alias)]);
  const free = facts.reads.filter((name) => !own.has(name) && !PROVIDED.has(name) && !PYTHON_BUILTINS.has(name));
  return { opaque: definesUnknownNames(facts), own: [...own], free };
};

/** For each name, the position (in `cells`) of the first cell that binds it: one pass, not one per read. */
function firstDefiningCells(cells: readonly NamesPart[]): Map<string, number> {
  const first = new Map<string, number>();
  for (let i = cells.length - 1; i >= 0; i--) for (const name of (cells[i] as NamesPart).own) first.set(name, i);
  return first;
}

function definesUnknownNames(facts: CellFacts): boolean {
  return (
    facts.imports.some((i) => i.name === '*') ||
    facts.magics.some((m) => (m.kind === 'line-magic' || m.kind === 'cell-magic') && OPAQUE_MAGIC.test(m.name)) ||
    facts.calls.some((c) => OPAQUE_CALL.test(c.callee))
  );
}

function report(cell: AnalyzedCell, range: Range, name: string, later: AnalyzedCell): RuleReport {
  const here = cell.cell.index + 1;
  const there = later.cell.index + 1;
  return {
    cellIndex: cell.cell.index,
    range,
    message:
      `\`${name}\` is used in cell ${here} but first defined in cell ${there}, further down: the notebook only worked ` +
      'because cells ran out of order, and "Restart and Run All" will fail here with a NameError. ' +
      `Move the definition above cell ${here} (or this cell below cell ${there}).`,
    related: [
      {
        cellIndex: later.cell.index,
        range: definitionRange(later, name),
        message: `\`${name}\` is defined here`,
      },
    ],
  };
}

function definitionRange(cell: AnalyzedCell, name: string): Range {
  const facts = cell.facts;
  const imported = facts.imports.find((i) => i.alias === name);
  if (imported !== undefined) return imported.range;
  const assigned = facts.assignments.find((a) => a.targets.includes(name));
  if (assigned !== undefined) return assigned.range;
  return topLevelOccurrence(cell.cell.source, facts, name, true) ?? firstLineRange(cell.cell.source);
}
