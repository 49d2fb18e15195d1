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
import type { Rule, RuleReport } from './rule';

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
    const cells = ctx.codeCells.map((c) => c.cell);
    const executed = cells.filter((c) => c.executionCount !== null);
    if (executed.length < 2) return [];
    const first = executed[0] as Cell;
    const last = executed[executed.length - 1] as Cell;
    const reports: RuleReport[] = [];
    for (const cell of cells) {
      if (cell.index <= first.index || cell.index >= last.index) continue;
      if (cell.executionCount !== null || !hasCode(cell.source)) continue;
      if (reports.length < MAX_REPORTS) reports.push(report(cell, first, last));
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
