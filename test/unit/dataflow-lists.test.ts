import { strict as assert } from 'node:assert';
import { DepList, Results } from '../../src/core/analysis/dataflow-lists';

const range = (line: number, from: number, to: number) => ({
  start: { line, character: from },
  end: { line, character: to },
});

describe('dataflow builder lists', () => {
  it('copies dependencies in first-seen order without repeats, as an array of their own', () => {
    const deps = new DepList();
    for (const id of [4, 2, 7]) deps.add(id);
    const plain = deps.toArray();
    assert.deepEqual(plain, [4, 2, 7]);
    deps.reset();
    for (const id of [5, 3, 5, 9, 3, 5]) deps.add(id);
    const repeated = deps.toArray();
    assert.deepEqual(repeated, [5, 3, 9]);
    assert.equal(repeated.length, 3);
    // Reusing the list leaves the copies alone.
    deps.reset().add(1);
    assert.deepEqual(deps.toArray(), [1]);
    assert.deepEqual(plain, [4, 2, 7]);
    assert.deepEqual(deps.reset().toArray(), []);
  });

  it('finds results by range before and after it indexes them, and the ones inside a range in visit order', () => {
    const results = new Results();
    for (let i = 0; i < 20; i++) results.set(range(0, i * 10, i * 10 + 5), 100 + i);
    assert.equal(results.get(range(0, 30, 35)), 103);
    assert.equal(results.get(range(0, 190, 195)), 119);
    assert.equal(results.get(range(0, 31, 35)), undefined);
    results.set(range(0, 30, 35), 7);
    assert.equal(results.get(range(0, 30, 35)), 7);
    const inside = new DepList();
    results.pushInside(range(0, 20, 45), inside);
    assert.deepEqual(inside.toArray(), [102, 7, 104]);
    assert.equal(results.reset().get(range(0, 30, 35)), undefined);
  });
});
