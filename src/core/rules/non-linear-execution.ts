/**
 * LO401 non-linear-execution: code cells whose execution counts do not increase from top to bottom.
 *
 * Why it matters: the saved outputs (and the model you trained) came from a kernel state that
 * "Run All" will not reproduce; a production job always runs top to bottom.
 *
 * Bad:  [3] df = load()      [1] model.fit(X, y)     (the fit ran before the data it shows was loaded)
 * Good: [1] df = load()      [2] model.fit(X, y)     (Restart Kernel and Run All before committing)
 */
import type { Cell } from '../notebook/model';
import { firstLineRange } from './helpers';
import type { AnalyzedCell, Rule, RuleReport } from './rule';

/** Enough to show the problem without burying the other findings. */
const MAX_REPORTS = 5;

export const nonLinearExecution: Rule = {
  id: 'LO401',
  name: 'non-linear-execution',
  category: 'reproducibility',
  severity: 'warning',
  description: 'Code cells were executed out of document order, so the saved results may not be reproducible.',
  check(ctx) {
    const reports: RuleReport[] = [];
    let latest: Cell | undefined;
    const cells = ctx.codeCells;
    for (let i = 0; i < cells.length; i++) {
      const cell = (cells[i] as AnalyzedCell).cell;
      const count = cell.executionCount;
      if (count === null) continue;
      const latestCount = latest?.executionCount ?? null;
      if (latest !== undefined && latestCount !== null && count <= latestCount) {
        if (reports.length < MAX_REPORTS) reports.push(report(cell, latest));
        continue;
      }
      latest = cell;
    }
    return reports;
  },
};

function report(cell: Cell, earlier: Cell): RuleReport {
  const same = cell.executionCount === earlier.executionCount;
  const relation = same
    ? `has the same execution count [${cell.executionCount}] as cell ${earlier.index + 1} above it`
    : `ran before cell ${earlier.index + 1} above it (execution count [${cell.executionCount}] < [${earlier.executionCount}])`;
  return {
    cellIndex: cell.index,
    range: firstLineRange(cell.source),
    message: `Cell ${cell.index + 1} ${relation}: the notebook was not run top to bottom, so its results may not reproduce. Restart the kernel and run all cells.`,
    related: [
      {
        cellIndex: earlier.index,
        range: firstLineRange(earlier.source),
        message: `Cell ${earlier.index + 1} sits above but ran later (execution count [${earlier.executionCount}])`,
      },
    ],
  };
}
