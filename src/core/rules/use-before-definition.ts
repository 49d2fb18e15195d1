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
import type { CellFacts, ImportFact } from '../analysis/facts';
import { PYTHON_BUILTINS } from '../analysis/qualify';
import type { Range } from '../notebook/model';
import { cellParts, NO_RESULTS, type CellPart } from '../analysis/cell-memo';
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
const OPAQUE_MAGIC = new Set(['run', 'store', 'load', 'ed', 'edit', 'macro', 'recall', 'rerun', 'restore']);
const OPAQUE_CALL = new Set(['exec', 'eval', 'globals', 'locals', 'vars', 'execfile', '__import__']);

export const useBeforeDefinition: Rule = {
  id: 'LO405',
  name: 'use-before-definition',
  category: 'reproducibility',
  severity: 'warning',
  description:
    'A cell uses a name that only a later cell defines, so the notebook depends on hidden state and fails when run top to bottom.',
  check(ctx) {
    const reports: RuleReport[] = [];
    const names = cellParts(ctx, namesPart);
    const firstDefiner = firstDefiningCells(ctx.codeCells, names);
    // A cell that may define names unseen (`%run`, `exec`) ends the search: anything below may be defined.
    for (let i = 0; i < names.length && reports.length < MAX_REPORTS; i++) {
      const cell = ctx.codeCells[i] as AnalyzedCell;
      if (cell.facts.notPython !== undefined) continue;
      const { opaque, free } = names[i] as NamesPart;
      if (opaque) break;
      for (let k = 0; k < free.length; k++) {
        const name = free[k] as string;
        // Defined above (first definer before this cell), nowhere, or first further down.
        const laterIndex = firstDefiner.get(name);
        if (laterIndex === undefined || laterIndex < i) continue;
        const later = ctx.codeCells[laterIndex] as AnalyzedCell;
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

/** A cell that binds, reads and hides nothing (blank, comments only, a lone magic). */
const NO_NAMES: NamesPart = { opaque: false, own: NO_RESULTS, free: NO_RESULTS };

const namesPart: CellPart<NamesPart> = (_ctx, { facts }) => {
  const own = ownNames(facts);
  // A few names are looked through; a set only for cells that bind many.
  const owned = own.length > 8 ? new Set(own) : undefined;
  let free: string[] | undefined;
  const reads = facts.reads;
  for (let i = 0; i < reads.length; i++) {
    const name = reads[i] as string;
    if (owned === undefined ? own.includes(name) : owned.has(name)) continue;
    if (!PROVIDED.has(name) && !PYTHON_BUILTINS.has(name)) (free ??= []).push(name);
  }
  const opaque = definesUnknownNames(facts);
  if (!opaque && own.length === 0 && free === undefined) return NO_NAMES;
  // When every read is free, the facts' own list serves: nothing more is kept for the cell.
  return {
    opaque,
    // Not the facts' empty list: it is frozen, and frozen lists slow down the check's loops (see NO_RESULTS).
    own: own.length === 0 ? NO_RESULTS : own,
    free: free === undefined ? NO_RESULTS : free.length === facts.reads.length ? facts.reads : free,
  };
};

/**
 * The names a cell binds, each once: its notebook-level writes, which hold its functions and classes and
 * the imports at its top level. The facts' own list serves unless an import sits in a function or class
 * body (the name is then bound there, but the notebook counts it as the cell's, as it always has).
 */
function ownNames(facts: CellFacts): readonly string[] {
  const { writes, functions, imports } = facts;
  let extra: Set<string> | undefined;
  // Indexed loops: the facts' empty lists are one frozen array, which `for...of` iterates off V8's fast path.
  for (let i = 0; i < functions.length; i++) {
    const name = functions[i] as string;
    if (!writes.includes(name)) (extra ??= new Set(writes)).add(name);
  }
  for (let i = 0; i < imports.length; i++) {
    const alias = (imports[i] as ImportFact).alias;
    if (!writes.includes(alias)) (extra ??= new Set(writes)).add(alias);
  }
  return extra === undefined ? writes : [...extra];
}

/** For each name, the index of the first Python code cell that binds it: one pass, not one per read. */
function firstDefiningCells(cells: readonly AnalyzedCell[], names: readonly NamesPart[]): Map<string, number> {
  const first = new Map<string, number>();
  for (let i = names.length - 1; i >= 0; i--) {
    if ((cells[i] as AnalyzedCell).facts.notPython !== undefined) continue;
    const own = (names[i] as NamesPart).own;
    for (let k = 0; k < own.length; k++) first.set(own[k] as string, i);
  }
  return first;
}

function definesUnknownNames(facts: CellFacts): boolean {
  return (
    facts.imports.some((i) => i.name === '*') ||
    facts.magics.some((m) => (m.kind === 'line-magic' || m.kind === 'cell-magic') && OPAQUE_MAGIC.has(m.name)) ||
    facts.calls.some((c) => OPAQUE_CALL.has(c.callee))
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
