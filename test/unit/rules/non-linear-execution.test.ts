import { strict as assert } from 'node:assert';
import { nonLinearExecution } from '../../../src/core/rules/non-linear-execution';
import { check, executedInOrder, type CellSpec } from '../helpers';

describe('rule non-linear-execution (LO401)', () => {
  it('flags a cell that ran before a cell above it, pointing at that cell', () => {
    const cells: CellSpec[] = [
      { source: 'import pandas as pd', executionCount: 1 },
      { source: 'df = pd.read_csv("data/customers.csv")', executionCount: 5 },
      { source: 'X = df.drop(columns=["churned"])', executionCount: 3 },
    ];
    const findings = check(nonLinearExecution, cells);
    assert.equal(findings.length, 1);
    const [f] = findings;
    assert.equal(f?.cellIndex, 2);
    assert.equal(f?.severity, 'warning');
    assert.match(f?.message ?? '', /Cell 3 ran before cell 2/);
    assert.equal(f?.related?.[0]?.cellIndex, 1);
    assert.equal(f?.related?.[0]?.file, 'test.ipynb');
  });

  it('accepts increasing counts with gaps, unexecuted cells and markdown in between', () => {
    const cells: CellSpec[] = [
      { source: '%matplotlib inline\nimport numpy as np', executionCount: 1 },
      { source: '# Notes', kind: 'markdown' },
      { source: 'x = np.arange(10)', executionCount: 4 },
      { source: 'x.sum()', executionCount: null },
      { source: '!ls data', executionCount: 9 },
    ];
    assert.deepEqual(check(nonLinearExecution, cells), []);
  });

  it('accepts a notebook run top to bottom', () => {
    assert.deepEqual(check(nonLinearExecution, executedInOrder(['a = 1', 'b = a + 1', 'print(b)'])), []);
  });

  it('flags equal counts (two kernel sessions)', () => {
    const findings = check(nonLinearExecution, [
      { source: 'a = 1', executionCount: 1 },
      { source: 'b = 2', executionCount: 1 },
    ]);
    assert.equal(findings.length, 1);
    assert.match(findings[0]?.message ?? '', /same execution count/);
  });

  it('reports each cell behind the latest one, but at most five', () => {
    const counts = [20, 1, 2, 3, 4, 5, 6, 7];
    const findings = check(
      nonLinearExecution,
      counts.map((executionCount, i) => ({ source: `x${i} = ${i}`, executionCount })),
    );
    assert.equal(findings.length, 5);
    assert.deepEqual(
      findings.map((f) => f.cellIndex),
      [1, 2, 3, 4, 5],
    );
  });

  it('can be silenced with a comment on the first line of the cell', () => {
    const findings = check(nonLinearExecution, [
      { source: 'a = 1', executionCount: 2 },
      { source: '# liftoff: ignore[non-linear-execution]\nb = 2', executionCount: 1 },
    ]);
    assert.deepEqual(findings, []);
  });
});
