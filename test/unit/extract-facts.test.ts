import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FactsCache } from '../../src/core/analysis/cache';
import { extractFacts } from '../../src/core/analysis/extract';
import type { CallFact, CellFacts } from '../../src/core/analysis/facts';
import { qualifyName } from '../../src/core/analysis/qualify';
import type { Range } from '../../src/core/notebook/model';
import { readNotebook } from '../../src/core/notebook/read';

/** The text a range covers in the source, to assert ranges by what they point at. */
function at(source: string, range: Range): string {
  const lines = source.split('\n');
  if (range.start.line === range.end.line)
    return lines[range.start.line].slice(range.start.character, range.end.character);
  const middle = lines.slice(range.start.line + 1, range.end.line);
  return [
    lines[range.start.line].slice(range.start.character),
    ...middle,
    lines[range.end.line].slice(0, range.end.character),
  ].join('\n');
}

function callTo(facts: CellFacts, callee: string): CallFact {
  const call = facts.calls.find((c) => c.callee === callee);
  assert.ok(call, `no call to ${callee}; calls: ${facts.calls.map((c) => c.callee).join(', ')}`);
  return call;
}

describe('extractFacts', () => {
  describe('imports and qualified names', () => {
    it('resolves an aliased from-import on the call (the spec example)', () => {
      const source = 'from sklearn.model_selection import train_test_split as tts\ntts(X, y, test_size=0.2)';
      const facts = extractFacts(source);
      assert.deepEqual(
        facts.imports.map((i) => [i.module, i.name, i.alias, i.qualified, at(source, i.range)]),
        [
          [
            'sklearn.model_selection',
            'train_test_split',
            'tts',
            'sklearn.model_selection.train_test_split',
            'train_test_split as tts',
          ],
        ],
      );
      const call = callTo(facts, 'tts');
      assert.equal(call.qualified, 'sklearn.model_selection.train_test_split');
      assert.equal(call.args.length, 3);
      const testSize = call.args[2];
      assert.equal(testSize.keyword, 'test_size');
      assert.equal(testSize.value.kind, 'number');
      assert.equal(testSize.value.numberValue, 0.2);
      assert.equal(at(source, testSize.range), 'test_size=0.2');
      assert.equal(at(source, call.argsRange), '(X, y, test_size=0.2)');
    });

    it('binds the first segment of a dotted import and the alias of an aliased one', () => {
      const facts = extractFacts('import os.path\nimport numpy as np, tensorflow.keras as keras\nnp.random.seed(0)');
      assert.deepEqual(
        facts.imports.map((i) => [i.module, i.alias, i.qualified]),
        [
          ['os.path', 'os', 'os'],
          ['numpy', 'np', 'numpy'],
          ['tensorflow.keras', 'keras', 'tensorflow.keras'],
        ],
      );
      assert.equal(callTo(facts, 'np.random.seed').qualified, 'numpy.random.seed');
      assert.deepEqual(facts.writes, ['os', 'np', 'keras']);
    });

    it('reads relative, star and parenthesised from-imports', () => {
      const facts = extractFacts(
        'from . import utils\nfrom ..models import (Net as N,\n    Head)\nfrom sklearn.metrics import *',
      );
      assert.deepEqual(
        facts.imports.map((i) => [i.module, i.name, i.alias, i.qualified]),
        [
          ['.', 'utils', 'utils', '.utils'],
          ['..models', 'Net', 'N', '..models.Net'],
          ['..models', 'Head', 'Head', '..models.Head'],
          ['sklearn.metrics', '*', '*', 'sklearn.metrics.*'],
        ],
      );
      assert.deepEqual(facts.writes, ['utils', 'N', 'Head']);
    });

    it('qualifies builtins as themselves and leaves unknown names unqualified', () => {
      const facts = extractFacts('with open("model.pkl", "rb") as f:\n    model = pickle.load(f)');
      assert.equal(callTo(facts, 'open').qualified, 'open');
      assert.equal(callTo(facts, 'pickle.load').qualified, undefined);
    });
  });

  describe('calls', () => {
    it('describes method calls by receiver and method, and chains outer call first', () => {
      const source = 'df = pd.read_csv("data/churn.csv").dropna()\nmodel.fit(X_train, y_train)';
      const facts = extractFacts('import pandas as pd\n' + source);
      const dropna = callTo(facts, 'pd.read_csv("data/churn.csv").dropna');
      assert.equal(dropna.method, 'dropna');
      assert.equal(dropna.receiver, 'pd.read_csv("data/churn.csv")');
      assert.equal(dropna.receiverName, undefined);
      assert.deepEqual(dropna.assignedTo, ['df']);
      const readCsv = callTo(facts, 'pd.read_csv');
      assert.equal(readCsv.qualified, 'pandas.read_csv');
      assert.ok(facts.calls.indexOf(dropna) < facts.calls.indexOf(readCsv));
      const fit = callTo(facts, 'model.fit');
      assert.deepEqual([fit.receiver, fit.receiverName, fit.method], ['model', 'model', 'fit']);
      assert.deepEqual(fit.range.start, { line: 2, character: 0 });
    });

    it('summarises argument values: strings, f-strings, raw strings, numbers, names, spreads', () => {
      const source = 'train(r"C:\\data\\x.csv", f"{root}/y.csv", "a\\tb", -1, True, None, cfg.lr, *args, **kwargs)';
      const args = callTo(extractFacts(source), 'train').args;
      assert.deepEqual(
        args.map((a) => [a.value.kind, a.value.stringValue ?? a.value.numberValue ?? a.value.text, a.spread]),
        [
          ['string', 'C:\\data\\x.csv', undefined],
          ['string', '{root}/y.csv', undefined],
          ['string', 'a\tb', undefined],
          ['number', -1, undefined],
          ['boolean', 'True', undefined],
          ['none', 'None', undefined],
          ['attribute', 'cfg.lr', undefined],
          ['name', 'args', '*'],
          ['name', 'kwargs', '**'],
        ],
      );
    });

    it('qualifies call and attribute values with the imports of the cell', () => {
      const source =
        'import numpy as np\nfrom sklearn.ensemble import RandomForestClassifier as RF\ngs = GridSearchCV(RF(), cv=np.random.randint(5))';
      const args = callTo(extractFacts(source), 'GridSearchCV').args;
      assert.deepEqual(args[0].value, {
        kind: 'call',
        text: 'RF()',
        qualified: 'sklearn.ensemble.RandomForestClassifier',
      });
      assert.equal(args[1].value.qualified, 'numpy.random.randint');
    });

    it('names the enclosing function of calls that only run when it is called', () => {
      const source =
        'class Trainer:\n    def fit(self, X):\n        return self.model.fit(X)\nscore = lambda m: m.score(X, y)\nTrainer().fit(X)';
      const facts = extractFacts(source);
      assert.equal(callTo(facts, 'self.model.fit').inFunction, 'Trainer.fit');
      assert.equal(callTo(facts, 'm.score').inFunction, '<lambda>');
      assert.equal(callTo(facts, 'Trainer().fit').inFunction, undefined);
    });

    it('treats a decorator with arguments as a call', () => {
      const facts = extractFacts('import torch\n@torch.inference_mode(mode=True)\ndef predict(x):\n    return net(x)');
      const call = callTo(facts, 'torch.inference_mode');
      assert.equal(call.qualified, 'torch.inference_mode');
      assert.equal(call.args[0].keyword, 'mode');
    });
  });

  describe('assignments', () => {
    it('flattens tuple unpacking and marks the call it comes from', () => {
      const source = 'X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, random_state=42)';
      const facts = extractFacts(source);
      assert.equal(facts.assignments.length, 1);
      const assignment = facts.assignments[0];
      assert.deepEqual(assignment.targets, ['X_train', 'X_test', 'y_train', 'y_test']);
      assert.equal(assignment.value.kind, 'call');
      assert.equal(assignment.callIndex, 0);
      assert.deepEqual(facts.calls[0].assignedTo, ['X_train', 'X_test', 'y_train', 'y_test']);
      assert.deepEqual(facts.writes, ['X_train', 'X_test', 'y_train', 'y_test']);
    });

    it('handles nested, starred, chained, annotated and augmented targets', () => {
      const facts = extractFacts('(a, b), *rest = pairs\nx = y = 0\nlr: float = 1e-3\nepochs: int\nloss += batch_loss');
      assert.deepEqual(
        facts.assignments.map((a) => [a.targets, a.augmented]),
        [
          [['a', 'b', 'rest'], false],
          [['x', 'y'], false],
          [['lr'], false],
          [['loss'], true],
        ],
      );
      assert.equal(facts.assignments[2].value.numberValue, 0.001);
      assert.ok(!facts.writes.includes('epochs'), 'a bare annotation binds nothing');
      assert.ok(facts.reads.includes('loss'), 'augmented assignment reads its target');
    });

    it('reads and writes the base of subscript and attribute targets', () => {
      const source = "df['age'] = df['age'].fillna(median)\ndf.loc[mask, 'income'] = 0\nself_cfg.seed = 1";
      const facts = extractFacts(source);
      assert.deepEqual(facts.assignments[0].targets, ['df']);
      assert.deepEqual(facts.assignments[0].targetTexts, ["df['age']"]);
      assert.deepEqual(facts.assignments[1].targetTexts, ["df.loc[mask, 'income']"]);
      assert.deepEqual(facts.writes, ['df', 'self_cfg']);
      assert.deepEqual(facts.reads, ['df', 'median', 'mask', 'self_cfg']);
      assert.equal(facts.calls[0].assignedTo, undefined, 'only plain names are assignedTo');
    });

    it('binds for-loop targets, with-as names, walrus and except-as names', () => {
      const source = [
        'for fold, (train_idx, val_idx) in enumerate(kf.split(X)):',
        '    pass',
        'with open("metrics.json") as fh:',
        '    metrics = json.load(fh)',
        'if (n := len(df)) > 1000:',
        '    df = df.sample(1000)',
        'try:',
        '    import lightgbm',
        'except ImportError as err:',
        '    print(err)',
      ].join('\n');
      const facts = extractFacts(source);
      const byVia = (via: string) => facts.assignments.find((a) => a.via === via);
      assert.deepEqual(byVia('for')?.targets, ['fold', 'train_idx', 'val_idx']);
      assert.equal(byVia('for')?.value.text, 'enumerate(kf.split(X))');
      assert.equal(at(source, byVia('for')!.range), 'fold, (train_idx, val_idx) in enumerate(kf.split(X))');
      assert.deepEqual(byVia('with')?.targets, ['fh']);
      assert.deepEqual(callTo(facts, 'open').assignedTo, ['fh']);
      assert.deepEqual(byVia('walrus')?.targets, ['n']);
      assert.deepEqual(callTo(facts, 'len').assignedTo, ['n']);
      for (const name of ['fold', 'train_idx', 'val_idx', 'fh', 'metrics', 'n', 'df', 'lightgbm', 'err']) {
        assert.ok(facts.writes.includes(name), `${name} is written`);
      }
    });
  });

  describe('reads and writes', () => {
    it('keeps function parameters and locals out of the notebook-level reads and writes', () => {
      const source = [
        'def evaluate(model, X, threshold=default_threshold):',
        '    preds = model.predict(X) > threshold',
        '    return accuracy_score(y_true, preds)',
      ].join('\n');
      const facts = extractFacts(source);
      assert.deepEqual(facts.reads, ['default_threshold', 'accuracy_score', 'y_true']);
      assert.deepEqual(facts.writes, ['evaluate']);
      assert.deepEqual(facts.functions, ['evaluate']);
    });

    it('keeps comprehension and generator variables local', () => {
      const facts = extractFacts('cols = [c for c in df.columns if c not in drop]\ntotal = sum(v * w for v in values)');
      assert.deepEqual(facts.reads, ['df', 'drop', 'sum', 'w', 'values']);
      assert.deepEqual(facts.writes, ['cols', 'total']);
      assert.equal(callTo(facts, 'sum').args[0].value.text, 'v * w for v in values');
    });

    it('makes writes to a global declared in a function notebook-level', () => {
      const facts = extractFacts('def load():\n    global df\n    df = pd.read_csv(path)\n    tmp = 1');
      assert.deepEqual(facts.writes, ['load', 'df']);
      assert.deepEqual(facts.reads, ['pd', 'path']);
    });

    it('does not let methods see class-level names, nor record methods as notebook functions', () => {
      const source = 'class Net(nn.Module):\n    hidden = 64\n    def forward(self, x):\n        return hidden * x';
      const facts = extractFacts(source);
      assert.deepEqual(facts.reads, ['nn', 'hidden']);
      assert.deepEqual(facts.writes, ['Net']);
      assert.deepEqual(facts.functions, []);
    });

    it('does not count keyword argument names as reads', () => {
      const facts = extractFacts('clf = LogisticRegression(C=C, max_iter=iters)');
      assert.deepEqual(facts.reads, ['LogisticRegression', 'C', 'iters']);
    });
  });

  describe('strings, magics and errors', () => {
    it('records every string literal with its value, implicit concatenations as one', () => {
      const source = 'path = "data/" "train.csv"\ndocs = """Loads\nthe data."""\nb"\\x00"';
      const facts = extractFacts(source);
      assert.deepEqual(
        facts.strings.map((s) => [s.value, at(source, s.range)]),
        [
          ['data/train.csv', '"data/" "train.csv"'],
          ['Loads\nthe data.', '"""Loads\nthe data."""'],
          ['\0', 'b"\\x00"'],
        ],
      );
    });

    it('reports ranges in the original source after a masked magic line', () => {
      const source = '%matplotlib inline\n!pip install -q seaborn\nsns.heatmap(df.corr(), annot=True)';
      const facts = extractFacts(source);
      const call = callTo(facts, 'sns.heatmap');
      assert.deepEqual(call.range, { start: { line: 2, character: 0 }, end: { line: 2, character: 34 } });
      assert.deepEqual(
        facts.magics.map((m) => m.name),
        ['matplotlib', 'pip'],
      );
      assert.deepEqual(facts.pipInstalls[0].packages, ['seaborn']);
      assert.deepEqual(facts.syntaxErrors, []);
    });

    it('keeps the variable of `x = !cmd` a write', () => {
      const facts = extractFacts('files = !ls data\nprint(len(files))');
      assert.deepEqual(facts.writes, ['files']);
      assert.equal(facts.assignments[0].value.text, '!ls data');
    });

    it('parses nothing in a cell that is not Python', () => {
      const facts = extractFacts('%%bash\nwget https://example.com/data.csv');
      assert.equal(facts.notPython, 'bash');
      assert.deepEqual([facts.calls, facts.reads, facts.syntaxErrors], [[], [], []]);
    });

    it('reads floats written with a trailing dot, which lezer alone rejects', () => {
      const facts = extractFacts(
        'X_train = X_train_full[5000:] / 255.\nopt = SGD(learning_rate=1., clipnorm=1.)\nlayer1.weight',
      );
      assert.deepEqual(facts.syntaxErrors, []);
      assert.deepEqual(
        callTo(facts, 'SGD').args.map((a) => [a.keyword, a.value.numberValue]),
        [
          ['learning_rate', 1],
          ['clipnorm', 1],
        ],
      );
    });

    it('counts lines and columns in UTF-16 units across Windows line endings', () => {
      const source = 'title = "données 📈"\r\nplt.title(title)';
      const call = callTo(extractFacts(source), 'plt.title');
      assert.deepEqual(call.range, { start: { line: 1, character: 0 }, end: { line: 1, character: 16 } });
      const facts = extractFacts('x = "📈"; fit(x)');
      assert.deepEqual(callTo(facts, 'fit').range.start, { line: 0, character: 10 });
    });

    it('records syntax errors and still analyses the rest of the cell', () => {
      const source = 'model = build(\nprint "old python 2"\nnp.random.seed(0)\ndef broken(:\n    pass\nrandom.seed(1)';
      const facts = extractFacts(source);
      assert.ok(facts.syntaxErrors.length > 0);
      assert.equal(callTo(facts, 'random.seed').range.start.line, 5);
    });
  });
});

describe('qualifyName', () => {
  const imports = new Map([
    ['np', 'numpy'],
    ['tts', 'sklearn.model_selection.train_test_split'],
  ]);

  it('replaces the first segment by what its import stands for', () => {
    assert.equal(qualifyName('np.random.seed', imports), 'numpy.random.seed');
    assert.equal(qualifyName('tts', imports), 'sklearn.model_selection.train_test_split');
  });

  it('keeps builtins and gives up on unknown names', () => {
    assert.equal(qualifyName('open', imports), 'open');
    assert.equal(qualifyName('model.fit', imports), undefined);
    assert.equal(qualifyName('numpy.mean', imports), undefined, 'only aliases in scope resolve');
  });
});

describe('FactsCache', () => {
  it('extracts each distinct cell text once and counts hits and misses', () => {
    const cache = new FactsCache();
    const first = cache.get('import numpy as np');
    assert.equal(cache.get('import numpy as np'), first);
    cache.get('np.random.seed(0)');
    assert.deepEqual([cache.hits, cache.misses, cache.size], [1, 2, 2]);
  });

  it('drops the least recently used entry past its cap', () => {
    const cache = new FactsCache(2);
    cache.get('a = 1');
    cache.get('b = 2');
    cache.get('a = 1');
    cache.get('c = 3');
    assert.equal(cache.size, 2);
    cache.get('a = 1');
    assert.equal(cache.hits, 2, '"a = 1" was kept because it was used recently');
    cache.get('b = 2');
    assert.equal(cache.misses, 4, '"b = 2" was dropped');
  });

  it('drops the least recently used tenth at once when a large cache overflows', () => {
    const cache = new FactsCache(100);
    for (let i = 0; i < 100; i++) cache.get(`x${i} = ${i}`);
    for (let i = 0; i < 10; i++) cache.get(`x${i} = ${i}`); // the ten oldest become the most recent
    cache.get('y = 0');
    assert.equal(cache.size, 91);
    const misses = cache.misses;
    for (let i = 0; i < 10; i++) cache.get(`x${i} = ${i}`);
    cache.get('y = 0');
    assert.equal(cache.misses, misses, 'the recently used entries were kept');
    cache.get('x10 = 10');
    assert.equal(cache.misses, misses + 1, 'the least recently used were dropped');
  });
});

describe('robustness on the shared corpus', () => {
  const corpus = path.resolve(__dirname, '../../../shared/corpus/notebooks');

  it('reads every notebook and extracts facts from every code cell without throwing', function () {
    if (!fs.existsSync(corpus)) this.skip();
    this.timeout(120_000);
    let cells = 0;
    for (const file of notebookFiles(corpus)) {
      const result = readNotebook(file, fs.readFileSync(file, 'utf8'));
      if (!result.ok) continue;
      for (const cell of result.notebook.cells) {
        if (cell.kind !== 'code') continue;
        const facts = extractFacts(cell.source);
        assert.ok(Array.isArray(facts.calls));
        cells++;
      }
    }
    assert.ok(cells > 0);
  });
});

function notebookFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...notebookFiles(full));
    else if (entry.name.endsWith('.ipynb')) out.push(full);
  }
  return out;
}
