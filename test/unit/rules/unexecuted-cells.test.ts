import { strict as assert } from 'node:assert';
import { unexecutedCells } from '../../../src/core/rules/unexecuted-cells';
import { check, textAt } from '../helpers';

describe('rule unexecuted-cells (LO404)', () => {
  it('flags a code cell that was skipped between executed ones', () => {
    const cells = [
      { source: '%matplotlib inline\nimport pandas as pd', executionCount: 1 },
      { source: 'df = pd.read_csv("data/train.csv")', executionCount: 2 },
      { source: 'df = df[df.age > 18]', executionCount: null },
      { source: 'df.describe()', executionCount: 3 },
    ];
    const [f, ...rest] = check(unexecutedCells, cells);
    assert.equal(rest.length, 0);
    assert.equal(f?.cellIndex, 2);
    assert.equal(f?.severity, 'info');
    assert.equal(textAt(cells, f!), 'df = df[df.age > 18]');
    assert.match(f?.message ?? '', /never run/);
  });

  it('ignores empty and comment-only cells, markdown, and cells after the last run', () => {
    const cells = [
      { source: 'import numpy as np', executionCount: 1 },
      { source: '', executionCount: null },
      { source: '# TODO: tune later\n   ', executionCount: null },
      { source: '## Results', kind: 'markdown' as const },
      { source: 'np.arange(3)', executionCount: 2 },
      { source: 'np.zeros(3)', executionCount: null },
    ];
    assert.deepEqual(check(unexecutedCells, cells), []);
  });

  it('needs at least two executed cells (a fresh or cleared notebook is fine)', () => {
    assert.deepEqual(check(unexecutedCells, ['import numpy as np', 'x = 1', 'print(x)']), []);
    const one = [
      { source: 'import numpy as np', executionCount: null },
      { source: 'x = 1', executionCount: 5 },
      { source: 'print(x)', executionCount: null },
    ];
    assert.deepEqual(check(unexecutedCells, one), []);
  });
});
