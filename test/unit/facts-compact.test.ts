/**
 * The cheaper facts extraction keeps the same answers: qualifyText against the plain definition,
 * LineIndex positions (shared per line and column) against a naive count, and kept facts that share
 * objects (positions, the empty array) without letting anyone mutate them.
 */
import { strict as assert } from 'node:assert';
import { extractFacts } from '../../src/core/analysis/extract';
import { keptSlice, NO_ITEMS } from '../../src/core/analysis/facts';
import { isDottedName, PYTHON_BUILTINS, qualifyName, qualifyText } from '../../src/core/analysis/qualify';
import { blankTrailingDots, LineIndex } from '../../src/core/notebook/parse';

describe('qualifyText', () => {
  const imports = new Map([
    ['np', 'numpy'],
    ['pd', 'pandas'],
    ['tts', 'sklearn.model_selection.train_test_split'],
    ['open', 'io.open'],
  ]);
  const texts = [
    ...PYTHON_BUILTINS,
    ...[...PYTHON_BUILTINS].map((b) => `${b}.x`),
    'np',
    'np.random.seed',
    'pd.read_csv(p).dropna',
    'pd.read_csv',
    'tts',
    'open',
    'open.x',
    'model.fit',
    'df["x"].mean',
    'df',
    'printer',
    'prin',
    'x.print',
    '',
    '.',
    'np.',
    'np..x',
    'lenient',
    'é.x',
    'résumé',
    '_private.call',
    '__import__',
    'staticmethodx',
    'print (x)',
  ];

  it('answers as isDottedName && qualifyName, with and without imports', () => {
    for (const scope of [imports, new Map<string, string>()]) {
      for (const text of texts) {
        const expected = isDottedName(text) ? qualifyName(text, scope) : undefined;
        assert.equal(qualifyText(text, scope), expected, JSON.stringify(text));
      }
    }
  });
});

describe('LineIndex', () => {
  /** Position of an offset by counting line breaks (\n, \r\n, lone \r) from the start. */
  function naive(text: string, offset: number): { line: number; character: number } {
    let line = 0;
    let start = 0;
    for (let i = 0; i < offset; i++) {
      const ch = text[i];
      if (ch === '\n' || (ch === '\r' && text[i + 1] !== '\n')) {
        line++;
        start = i + 1;
      }
    }
    return { line, character: offset - start };
  }

  it('gives every offset its line and column, whatever was asked before', () => {
    const text = 'import numpy as np\r\nx = np.ones(3)\rprint(x)\n\n' + 'y = 1\n'.repeat(600) + 'w'.repeat(300) + '\nz';
    const lines = new LineIndex(text);
    // Lines past the shared table's 512 and columns past its 128 are made afresh; the answers are the same.
    const orders = [
      [...Array(text.length + 1).keys()],
      [...Array(text.length + 1).keys()].reverse(),
      [...Array(text.length + 1).keys()].sort((a, b) => (a % 64) - (b % 64) || a - b),
    ];
    for (const order of orders) {
      for (const offset of order) assert.deepEqual(lines.position(offset), naive(text, offset), `offset ${offset}`);
    }
  });

  it('hands out one Position object per line and column, across texts', () => {
    const a = new LineIndex('a = f(x)\nb = g(y)\n');
    const b = new LineIndex('c = h(z)\n');
    const call = a.range(4, 8);
    assert.equal(a.range(5, 8).end, call.end);
    assert.equal(b.position(4), call.start);
    assert.notEqual(a.position(4), a.position(5));
    assert.deepEqual(a.position(13), { line: 1, character: 4 });
  });
});

describe('blankTrailingDots', () => {
  /** The regular expression it stands for. */
  const reference = (code: string) => code.replace(/(?<![\w.])(\d[\d_]*)\.(?![\w.])/g, '$1 ');

  it('blanks the dot of `255.` and `[0., 1.]` and nothing else, as the regular expression does', () => {
    assert.equal(blankTrailingDots('x = 255.\ny = [0., 1_0.]'), 'x = 255 \ny = [0 , 1_0 ]');
    assert.equal(blankTrailingDots('a1. b.2. 1.5 1.e3 1..x x.1. _1. é1.'), 'a1. b.2. 1.5 1.e3 1..x x.1. _1. é1 ');
    const code = 'np.ones(3).sum()';
    assert.equal(blankTrailingDots(code), code);
    const alphabet = '0123456789._ a\n1.e(),x_é9.';
    let seed = 7;
    for (let i = 0; i < 20000; i++) {
      let text = '';
      for (let k = (seed = (seed * 1103515245 + 12345) % 2 ** 31) % 12; k > 0; k--) {
        seed = (seed * 1103515245 + 12345) % 2 ** 31;
        text += alphabet[seed % alphabet.length];
      }
      assert.equal(blankTrailingDots(text), reference(text), JSON.stringify(text));
    }
  });
});

describe('keptSlice', () => {
  it('copies any part of a list as slice does, made by literals up to four items', () => {
    const xs = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
    for (let from = 0; from <= xs.length; from++) {
      for (let to = from; to <= xs.length; to++) {
        const part = keptSlice(xs, from, to);
        assert.deepEqual(part, xs.slice(from, to), `${from}..${to}`);
        if (to === from) assert.equal(part, NO_ITEMS);
        else assert.notEqual(part, xs);
      }
    }
  });

  it('gives calls and cells lists of every length, nested calls taking their own arguments', () => {
    const args = (n: number) => Array.from({ length: n }, (_, i) => `a${i}`);
    for (let n = 0; n <= 6; n++) {
      const facts = extractFacts(
        `${args(n).join(', ')}${n ? ', ' : ''}q = f(${args(n).join(', ')}, g(${args(n).join(', ')}))`,
      );
      const [f, g] = facts.calls;
      assert.deepEqual(
        f.args.map((a) => a.value.text),
        [...args(n), `g(${args(n).join(', ')})`],
      );
      assert.deepEqual(
        g.args.map((a) => a.value.text),
        args(n),
      );
      assert.deepEqual(facts.writes, [...args(n), 'q']);
      assert.deepEqual(facts.reads, ['f', ...args(n), 'g']);
      assert.deepEqual(facts.assignments[0].targets, [...args(n), 'q']);
    }
  });
});

describe('kept facts', () => {
  it('share one frozen empty array, which cannot be mutated', () => {
    const a = extractFacts('x = 1');
    const b = extractFacts('print(y)\ny.plot()');
    assert.equal(a.imports, b.imports);
    assert.equal(a.calls, b.imports);
    assert.equal(b.calls[1].args, a.imports);
    assert.ok(Object.isFrozen(a.magics));
    assert.throws(() => (a.syntaxErrors as unknown[]).push({}), TypeError);
    assert.deepEqual(a.writes, ['x']);
    assert.deepEqual(b.reads, ['print', 'y']);
  });

  it('hold exact lists of arguments and targets, shared where they are the same names', () => {
    const facts = extractFacts('a, b = f(g(x, h(y)), z, k=w(1))\ndf["c"], n = load(p)\nfor i, j in pairs(): pass');
    const [f, g, h, w, load, pairs] = facts.calls;
    assert.deepEqual(
      [f, g, h, w, load, pairs].map((c) => c.args.map((a) => a.value.text)),
      [['g(x, h(y))', 'z', 'w(1)'], ['x', 'h(y)'], ['y'], ['1'], ['p'], []],
    );
    assert.equal(pairs.args, facts.imports, 'no arguments: the shared empty array');
    const [ab, dfn, ij] = facts.assignments;
    assert.deepEqual(ab.targets, ['a', 'b']);
    assert.equal(ab.targetTexts, ab.targets);
    assert.equal(f.assignedTo, ab.targets);
    assert.deepEqual(dfn.targets, ['df', 'n']);
    assert.deepEqual(dfn.targetTexts, ['df["c"]', 'n']);
    assert.deepEqual(load.assignedTo, ['n']);
    assert.deepEqual(ij.targets, ['i', 'j']);
    assert.equal(ij.via, 'for');
  });

  it('list each name read once, in the order first read, however many there are', () => {
    const names = Array.from({ length: 80 }, (_, i) => `v${i % 50}`);
    for (const count of [3, 20, 80]) {
      const facts = extractFacts(`print(${names.slice(0, count).join(', ')}, v1, print)`);
      assert.deepEqual(facts.reads, ['print', ...new Set(names.slice(0, count))]);
    }
  });

  it('serialise as before: absent optional properties stay absent', () => {
    const facts = extractFacts('import numpy as np\nm = np.mean(a, axis=0, *rest)\nn = f(**kw)\nr = -1.5');
    assert.deepEqual(
      facts.calls.map((c) => JSON.stringify(c.args.map((a) => Object.keys(a)))),
      [
        JSON.stringify([
          ['value', 'range'],
          ['value', 'range', 'keyword'],
          ['value', 'range', 'spread'],
        ]),
        JSON.stringify([['value', 'range', 'spread']]),
      ],
    );
    assert.deepEqual(Object.keys(facts.calls[0].args[0].value), ['kind', 'text']);
    assert.deepEqual(facts.calls[0].args[1].value, { kind: 'number', text: '0', numberValue: 0 });
    assert.deepEqual(facts.assignments[0].value, {
      kind: 'call',
      text: 'np.mean(a, axis=0, *rest)',
      qualified: 'numpy.mean',
    });
    assert.deepEqual(facts.assignments[2].value, { kind: 'number', text: '-1.5', numberValue: -1.5 });
    assert.equal(facts.calls[0].qualified, 'numpy.mean');
    assert.equal(facts.calls[1].qualified, undefined);
    assert.ok(!('qualified' in JSON.parse(JSON.stringify(facts.calls[1]))));
  });

  it('make every call with the same fields in the same order (one object shape for their readers)', () => {
    const facts = extractFacts(
      'import pandas as pd\ndf = pd.read_csv("a.csv")\nmodel.fit(X, y)\nprint(len(df))\n' +
        'def train():\n    return make().fit(X)\n@app.route("/")\ndef home(): pass',
    );
    assert.ok(facts.calls.length >= 6);
    const shapes = new Set(facts.calls.map((c) => Object.keys(c).join(',')));
    assert.deepEqual(
      [...shapes],
      ['callee,qualified,receiver,receiverName,method,args,range,argsRange,assignedTo,inFunction'],
    );
  });
});
