import { strict as assert } from 'node:assert';
import { FactsCache } from '../../src/core/analysis/cache';
import { CellPlan, rangeKey } from '../../src/core/analysis/dataflow-cell';
import { functionBlocks, isKeyword, namesIn, splitTopLevel } from '../../src/core/analysis/dataflow-text';
import { textOf } from '../../src/core/notebook/text';

const range = (a: number, b: number, c: number, d: number) => ({
  start: { line: a, character: b },
  end: { line: c, character: d },
});

describe('dataflow text readings', () => {
  it('reads the variable names of an expression: no attributes, keyword-argument names or keywords', () => {
    assert.deepEqual(namesIn('df[cols].fillna(df.mean())'), ['df', 'cols']);
    assert.deepEqual(namesIn('train_test_split(X, y, test_size=0.2, random_state = 42)'), [
      'train_test_split',
      'X',
      'y',
    ]);
    assert.deepEqual(namesIn('f(a == b, e\t= 1)'), ['f', 'a', 'b']);
    assert.deepEqual(namesIn('obj.\n  attr + lambda k: k'), ['obj', 'k']);
    assert.deepEqual(namesIn('1e5 + x2 + 3j'), ['x2']);
  });

  it('tells keywords, keyword arguments and comparisons apart at the edges of a text', () => {
    assert.deepEqual(namesIn('lambda x: x if x else None'), ['x']);
    assert.deepEqual(namesIn('iff + in_ + None_ + forx + as1'), ['iff', 'in_', 'None_', 'forx', 'as1']);
    assert.deepEqual(namesIn('x ='), []);
    assert.deepEqual(namesIn('a==b'), ['a', 'b']);
    assert.deepEqual(namesIn('a\u00a0= 1, b'), ['b']);
    assert.deepEqual(namesIn('  .attr + name'), ['name']);
    assert.deepEqual(namesIn('42'), []);
    assert.deepEqual(namesIn('a + a + b + a'), ['a', 'b']);
  });

  it('skips names inside string literals, prefixes, triple quotes and escapes included', () => {
    assert.deepEqual(namesIn(`df["price"] / df['area']`), ['df']);
    assert.deepEqual(namesIn('pd.read_csv(f"data/{name}.csv", sep=r"\\t")'), ['pd']);
    assert.deepEqual(namesIn(`x + br"raw" + rb'y' + z`), ['x', 'z']);
    assert.deepEqual(namesIn('"""doc "quoted" inside""" + w'), ['w']);
    assert.deepEqual(namesIn('"escaped \\" quote" + u'), ['u']);
    assert.deepEqual(namesIn(`'a' 'b' + t`), ['t']);
    // An unterminated quote is no string: the names after it still count.
    assert.deepEqual(namesIn('"unterminated + v'), ['unterminated', 'v']);
  });

  it('answers a text that is one string literal without names, and only such a text', () => {
    for (const literal of [`'mean'`, `"a b"`, `f"{x}.png"`, `rb'\\d+'`, `'''doc'''`, `""`, `'it\\'s'`]) {
      assert.deepEqual(namesIn(literal), [], literal);
    }
    // A literal with names next to it, a prefix that is not a string prefix, two literals joined by a name.
    assert.deepEqual(namesIn(`'a' + b`), ['b']);
    assert.deepEqual(namesIn(`ab"x"`), ['a']);
    assert.deepEqual(namesIn(`"x" if c else "y"`), ['c']);
    assert.deepEqual(namesIn(`'unterminated + w`), ['unterminated', 'w']);
  });

  it('tells Python keywords from names of the same first letter and length', () => {
    for (const word of ['None', 'True', 'False', 'and', 'lambda', 'yield']) assert.equal(isKeyword(word), true, word);
    for (const name of ['Nine', 'Trie', 'ant', 'lambdas', 'y', 'df', 'x_train_long_name_over_thirty_two_chars']) {
      assert.equal(isKeyword(name), false, name);
    }
  });

  it('splits at top-level commas only, outside brackets and strings', () => {
    assert.deepEqual(splitTopLevel('a, b[1, 2], f(x, y)'), ['a', 'b[1, 2]', 'f(x, y)']);
    assert.deepEqual(splitTopLevel('"a,b", c'), ['"a,b"', 'c']);
    assert.deepEqual(splitTopLevel("f'{a,b}', (c, d)"), ["f'{a,b}'", '(c, d)']);
    assert.deepEqual(splitTopLevel('x, "unterminated, y'), ['x', '"unterminated', 'y']);
  });

  it('finds top-level defs, and none in a cell without one', () => {
    const [block] = functionBlocks('import os\ndef clean(df, cols=None):\n    df = df.dropna()\n    return df\nx = 1');
    assert.deepEqual(block, { headerLine: 1, lastLine: 3, name: 'clean', params: ['df', 'cols'], returns: ['df'] });
    assert.deepEqual(functionBlocks('x = undefined_name(1)'), []);
  });

  it("reads a call's exact text from the cell, whatever its line endings", () => {
    const cache = new FactsCache();
    for (const source of [
      'def f(a):\n    return g(a)\ny = f(h(1),\n      k(2))\nz = [m(i) for i in range(3)]',
      'def f(a):\r\n    return g(a)\r\ny = f(h(1),\r\n      k(2))\r\nz = m(3)',
    ]) {
      const facts = cache.get(source);
      const plan = new CellPlan(source, facts);
      assert.ok(facts.calls.length >= 5);
      for (const call of facts.calls) assert.equal(plan.callText(call), textOf(source, call.range));
      assert.deepEqual(plan.defs, functionBlocks(source));
      assert.equal(plan.defs[0]?.name, 'f');
    }
  });

  it('keys ranges by their positions: equal ranges alike, different ones apart, long cells too', () => {
    assert.equal(rangeKey(range(3, 4, 5, 6)), rangeKey(range(3, 4, 5, 6)));
    const keys = [range(3, 4, 5, 6), range(3, 4, 6, 5), range(4, 3, 5, 6), range(0, 0, 0, 8191), range(0, 0, 1, 0)];
    assert.equal(new Set(keys.map(rangeKey)).size, keys.length);
    // Past 8191 characters the key is a string, still equal for equal ranges and apart from the others.
    assert.equal(rangeKey(range(0, 9000, 0, 9001)), rangeKey(range(0, 9000, 0, 9001)));
    assert.notEqual(rangeKey(range(0, 9000, 0, 9001)), rangeKey(range(0, 9000, 0, 9002)));
    assert.notEqual(rangeKey(range(1, 0, 0, 0)), rangeKey(range(0, 8192, 0, 0)));
  });
});
