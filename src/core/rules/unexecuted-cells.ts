/**
 * LO404 unexecuted-cells: code cells that were never run, sitting between cells that were. The saved
 * outputs therefore did not come from one top-to-bottom run.
 *
 * Why it matters: whoever runs the notebook next (a scheduler, papermill, a colleague) also runs the
 * skipped cells, which may change the data or the model, or fail outright.
 *
 * Bad:  [1] df = load()     [ ] df = df[df.age > 18]     [2] model.fit(...)
 * Good: [1] df = load()     [2] df = df[df.age > 18]     [3] model.fit(...)   (Restart and Run All)
 */
import type { Cell } from '../notebook/model';
import { firstLineRange, sourceLines } from './helpers';
import type { AnalyzedCell, Rule, RuleReport } from './rule';

/** Enough to show the problem without burying the other findings. */
const MAX_REPORTS = 5;

export const unexecutedCells: Rule = {
  id: 'LO404',
  name: 'unexecuted-cells',
  category: 'reproducibility',
  severity: 'info',
  description:
    'Code cells that were never run sit between executed ones, so the saved outputs did not come from a top-to-bottom run.',
  check(ctx) {
    // The first and last executed cells, then the unexecuted cells between them: indexed loops, no lists.
    const cells = ctx.codeCells;
    let from = 0;
    while (from < cells.length && (cells[from] as AnalyzedCell).cell.executionCount === null) from++;
    let to = cells.length - 1;
    while (to > from && (cells[to] as AnalyzedCell).cell.executionCount === null) to--;
    if (to <= from) return [];
    const first = (cells[from] as AnalyzedCell).cell;
    const last = (cells[to] as AnalyzedCell).cell;
    const reports: RuleReport[] = [];
    for (let i = from + 1; i < to && reports.length < MAX_REPORTS; i++) {
      const cell = (cells[i] as AnalyzedCell).cell;
      if (cell.executionCount !== null || !hasCode(cell.source)) continue;
      reports.push(report(cell, first, last));
    }
    return reports;
  },
};

/** Empty and comment-only cells do nothing when run, so skipping them changes nothing. */
function hasCode(source: string): boolean {
  return sourceLines(source).some((line) => {
    const t = line.trim();
    return t !== '' && !t.startsWith('#');
  });
}

function report(cell: Cell, first: Cell, last: Cell): RuleReport {
  return {
    cellIndex: cell.index,
    range: firstLineRange(cell.source),
    message:
      `Cell ${cell.index + 1} was never run, but cells above and below it were (cells ${first.index + 1} to ${last.index + 1}): ` +
      'the saved outputs did not come from a top-to-bottom run, and running it may change the results. ' +
      'Restart the kernel and run all cells, or delete the cell if it is not needed.',
  };
}
