/** Maps whose changes can be undone (src/core/analysis/dataflow-trail.ts), the dataflow checkpoints' base. */
import * as assert from 'node:assert/strict';
import { Trail, TrailMap } from '../../src/core/analysis/dataflow-trail';

describe('trail maps', () => {
  it('undoes sets, overwrites, deletes and clears back to an earlier length, across maps', () => {
    const trail = new Trail();
    const a = new TrailMap<string, number | undefined>(trail);
    const b = new TrailMap<string, number>(trail);
    a.set('x', 1);
    a.set('u', undefined);
    b.set('y', 2);
    const mark = trail.length;
    a.set('x', 10);
    a.set('z', 3);
    a.delete('u');
    a.delete('missing');
    b.clear();
    b.set('w', 4);
    assert.deepEqual(
      [...a],
      [
        ['x', 10],
        ['z', 3],
      ],
    );
    trail.undo(mark);
    assert.deepEqual(
      [...a],
      [
        ['x', 1],
        ['u', undefined],
      ],
    );
    assert.ok(a.has('u'), 'a key set to undefined is put back, not dropped');
    assert.deepEqual([...b], [['y', 2]]);
    assert.equal(trail.length, mark);
    trail.undo(0);
    assert.equal(a.size + b.size, 0);
  });

  it('logs again after an undo, over the entries it dropped', () => {
    const trail = new Trail();
    const m = new TrailMap<string, number>(trail);
    m.set('a', 1);
    const mark = trail.length;
    m.set('b', 2);
    m.set('c', 3);
    trail.undo(mark);
    m.set('a', 5);
    trail.undo(mark);
    assert.deepEqual([...m], [['a', 1]]);
  });
});
