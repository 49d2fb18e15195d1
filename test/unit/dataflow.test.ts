import { strict as assert } from 'node:assert';
import { FactsCache } from '../../src/core/analysis/cache';
import { dataflowOf, type DataflowQueries } from '../../src/core/analysis/dataflow';
import { qualifyName } from '../../src/core/analysis/qualify';
import type { RuleContext } from '../../src/core/rules/rule';
import { notebookFrom } from './helpers';

/** A RuleContext as the engine builds it (imports resolved cumulatively, in document order). */
function flow(cells: string[]): DataflowQueries {
  const notebook = notebookFrom(cells);
  const cache = new FactsCache();
  const codeCells = notebook.cells.map((cell) => ({ cell, facts: cache.get(cell.source) }));
  const ctx: RuleContext = {
    notebook,
    codeCells,
    qualify(cellIndex, dotted) {
      const imports = new Map<string, string>();
      for (const c of codeCells.slice(0, cellIndex + 1))
        for (const i of c.facts.imports) imports.set(i.alias, i.qualified);
      return qualifyName(dotted, imports);
    },
  };
  return dataflowOf(ctx);
}

const IMPORTS = [
  'import pandas as pd',
  'from sklearn.model_selection import train_test_split, KFold',
  'from sklearn.preprocessing import StandardScaler',
  'from sklearn.linear_model import LogisticRegression',
  'from sklearn.metrics import accuracy_score',
].join('\n');

function named(q: DataflowQueries, name: string): number[] {
  return q.graph.nodes.filter((n) => n.name === name).map((n) => n.id);
}

describe('dataflow', () => {
  it('keeps lineage through reassignment, column assignment and in-place methods', () => {
    const q = flow([
      IMPORTS,
      'df = pd.read_csv("data.csv")\ndf = df.dropna()\ndf["ratio"] = df["a"] / df["b"]\ndf.fillna(0, inplace=True)',
      'X = df.drop(columns=["y"])',
    ]);
    const [loaded] = named(q, 'df');
    const [x] = named(q, 'X');
    assert.ok(q.derivesFrom(x!, loaded!));
    assert.ok(q.isLoaded(x!));
  });

  it('alternates train and test outputs per input of train_test_split', () => {
    const q = flow([IMPORTS, 'a, b, c, d, e, f = train_test_split(X1, X2, X3, test_size=0.2)']);
    const [split] = q.graph.splits;
    assert.equal(split?.kind, 'train_test_split');
    assert.deepEqual(
      split?.train.map((id) => q.node(id)?.name),
      ['a', 'c', 'e'],
    );
    assert.deepEqual(
      split?.test.map((id) => q.node(id)?.name),
      ['b', 'd', 'f'],
    );
  });

  it('reads KFold loops, complementary slices and masks as splits', () => {
    const q = flow([
      IMPORTS + '\nX = pd.read_csv("x.csv")\ndf = pd.read_csv("d.csv")',
      'kf = KFold(5)\nfor tr, te in kf.split(X):\n    model.fit(X[tr], y[tr])',
      'X_head = X[:800]\nX_tail = X[800:]',
      'train = df[msk]\ntest = df[~msk]',
    ]);
    assert.deepEqual(
      q.graph.splits.map((s) => [s.kind, q.node(s.test[0]!)?.name]),
      [
        ['cv-iterator', 'te'],
        ['slice', 'X_tail'],
        ['mask', 'test'],
      ],
    );
    const fit = q.graph.fits[0];
    assert.ok(fit?.data !== undefined && q.isTrainData(fit.data));
    assert.deepEqual(fit.loops, ['1:1']);
  });

  it('records fits, predictions and metric evaluations by fitted object', () => {
    const q = flow([
      IMPORTS,
      'X_train, X_test, y_train, y_test = train_test_split(X, y)',
      'scaler = StandardScaler()\nX_train_s = scaler.fit_transform(X_train)\nX_test_s = scaler.transform(X_test)',
      'clf = LogisticRegression().fit(X_train_s, y_train)\npred = clf.predict(X_test_s)\nacc = accuracy_score(y_test, pred)',
    ]);
    assert.deepEqual(
      q.graph.fits.map((f) => [f.object, f.kind, f.method]),
      [
        ['scaler', 'preprocessor', 'fit_transform'],
        ['clf', 'model', 'fit'],
      ],
    );
    const [evaluation] = q.graph.evals;
    assert.equal(evaluation?.how, 'metric');
    assert.equal(evaluation?.fit, 1);
    assert.ok(q.isTestData(evaluation!.data));
  });

  it('qualifies the same name by the imports of each cell it is read in', () => {
    // The builder keeps its last answer: the same text asked in the next cell must be asked again.
    const q = flow([
      'from sklearn.preprocessing import StandardScaler as Est\na = Est()',
      'from sklearn.linear_model import LinearRegression as Est\nb = Est()',
      'a.fit(X)\nb.fit(X, y)',
    ]);
    assert.deepEqual(
      q.graph.fits.map((f) => [f.object, f.kind, f.className]),
      [
        ['a', 'preprocessor', 'sklearn.preprocessing.StandardScaler'],
        ['b', 'model', 'sklearn.linear_model.LinearRegression'],
      ],
    );
  });

  it('replays a helper function with the arguments of each call', () => {
    const q = flow([
      IMPORTS,
      'def evaluate(model, X_tr, y_tr, X_te, y_te):\n    model.fit(X_tr, y_tr)\n    return accuracy_score(y_te, model.predict(X_te))',
      'X_train, X_test, y_train, y_test = train_test_split(X, y)',
      'evaluate(LogisticRegression(), X_train, y_train, X_test, y_test)',
    ]);
    assert.equal(q.graph.fits.length, 1);
    assert.equal(q.graph.fits[0]?.helper, 'evaluate');
    assert.equal(q.graph.fits[0]?.cellIndex, 3);
    assert.ok(q.isTestData(q.graph.evals[0]!.data));
  });

  it('records each kind of event with its site and its own fields', () => {
    const q = flow([
      `${IMPORTS}\nfrom sklearn.model_selection import GridSearchCV, cross_val_score\nfrom sklearn.utils import resample`,
      'df = pd.read_csv("d.csv")\nX, y = df.drop(columns="t"), df.t',
      'grid = GridSearchCV(LogisticRegression(), {"C": [1, 10]})\ngrid.fit(X, y)',
      'clf = LogisticRegression()\nscores = cross_val_score(clf, X, y, cv=5)',
      'for k in range(3):\n    up = resample(X, replace=True, random_state=k)\n    more = df.sample(frac=2, replace=True)',
      'def check(m, A, b):\n    return accuracy_score(b, m.predict(A))',
      'check(grid, X, y)',
    ]);
    const X = named(q, 'X')[0]!;
    const fields = (e: object) => Object.keys(e).sort();
    assert.deepEqual(
      q.graph.cvs.map((c) => [c.cellIndex, c.callee, c.object, c.data]),
      [
        [2, 'grid', 'grid', X],
        [3, 'sklearn.model_selection.cross_val_score', 'clf', X],
      ],
    );
    const [grid, up, more] = q.graph.fits;
    assert.deepEqual(
      [grid?.kind, grid?.object, grid?.className, grid?.data],
      ['search', 'grid', 'sklearn.model_selection.GridSearchCV', X],
    );
    assert.deepEqual(
      [up?.kind, up?.method, up?.className, up?.data, up?.loops],
      ['oversampler', 'resample', 'sklearn.utils.resample', X, ['4:0']],
    );
    assert.deepEqual(
      [more?.kind, more?.method, more?.className, more?.object],
      ['oversampler', 'sample', undefined, 'df.sample(frac=2, replace=True)'],
    );
    assert.deepEqual(fields(more!), [
      'cellIndex',
      'data',
      'id',
      'kind',
      'loops',
      'method',
      'object',
      'order',
      'outputs',
      'range',
      'text',
      'validates',
    ]);
    const [metric] = q.graph.evals;
    assert.deepEqual([metric?.how, metric?.helper, metric?.cellIndex, metric?.fit], ['metric', 'check', 6, grid?.id]);
    assert.deepEqual(fields(metric!), ['cellIndex', 'data', 'fit', 'helper', 'how', 'loops', 'order', 'range']);
    // Sites keep execution order across cells and replays.
    const orders = [...q.graph.fits, ...q.graph.cvs, ...q.graph.evals].map((e) => e.order);
    assert.equal(new Set(orders).size, orders.length);
  });

  it('takes the roles of separately loaded files from their names', () => {
    const q = flow([IMPORTS, 'train_df = pd.read_csv("train.csv")\ntest_df = pd.read_csv("test.csv")']);
    assert.deepEqual(
      q.graph.splits.map((s) => s.kind),
      ['files', 'files'],
    );
    assert.ok(q.isTestData(named(q, 'test_df')[0]!));
  });
});

describe('dataflow: helper replays', () => {
  it('leaves out what nothing outside a replay could read', () => {
    const q = flow([
      'import os\nimport matplotlib.pyplot as plt',
      'def save_fig(fig_id):\n    path = os.path.join("images", fig_id + ".png")\n    print("Saving figure", fig_id)\n    plt.savefig(path)',
      'save_fig("a")\nsave_fig("b")',
    ]);
    assert.deepEqual(
      q.graph.nodes.map((n) => n.text),
      ['save_fig("a")', 'save_fig("b")'],
    );
  });

  it("keeps a body's fits and the bindings they read", () => {
    const q = flow([
      IMPORTS,
      'def train(model, X, y):\n    X2 = X.fillna(0)\n    note = str(model)\n    model.fit(X2, y)\n    print(note)',
      'df = pd.read_csv("d.csv")\nX_train, X_test, y_train, y_test = train_test_split(df, df.y)',
      'train(LogisticRegression(), X_train, y_train)',
    ]);
    const [fit] = q.graph.fits;
    assert.equal(fit?.helper, 'train');
    assert.ok(q.derivesFrom(fit!.data!, named(q, 'X2')[0]!));
    assert.ok(q.derivesFrom(fit!.data!, named(q, 'X_train')[0]!));
    assert.ok(q.derivesFrom(fit!.target!, named(q, 'y_train')[0]!));
    assert.deepEqual(named(q, 'note'), []);
    assert.ok(!q.graph.nodes.some((n) => n.text.startsWith('print(')));
  });

  it('keeps what a helper returns', () => {
    const q = flow([
      IMPORTS,
      'def prepare(frame):\n    size = len(frame)\n    out = frame.dropna()\n    return out',
      'raw = pd.read_csv("d.csv")\nclean = prepare(raw)',
    ]);
    const clean = named(q, 'clean')[0]!;
    assert.ok(q.isLoaded(clean));
    assert.ok(q.derivesFrom(clean, named(q, 'out')[0]!));
    assert.deepEqual(named(q, 'size'), []);
  });

  it('reads what a capitalised helper returns as data, not as an object made by a class', () => {
    const q = flow([
      IMPORTS + '\nimport numpy as np',
      'def ANN(X_test):\n    y_preds = np.round(X_test)\n    return y_preds',
      'df = pd.read_csv("d.csv")\ny_pred1 = ANN(df)\nfinal = y_pred1.copy()\nvotes = y_pred1[0] + 1',
    ]);
    const y = named(q, 'y_pred1')[0]!;
    assert.ok(q.derivesFrom(named(q, 'final')[0]!, y));
    assert.ok(q.derivesFrom(named(q, 'votes')[0]!, y));
    assert.ok(q.isLoaded(named(q, 'votes')[0]!));
  });

  it('keeps selections and loads named for a split, whatever reads them', () => {
    const q = flow([
      IMPORTS,
      'def carve(X):\n    head = X[:100]\n    tail = X[100:]',
      'def load_holdout():\n    test_df = pd.read_csv("test.csv")',
      'data = pd.read_csv("d.csv")\ncarve(data)\nload_holdout()',
    ]);
    assert.deepEqual(
      q.graph.splits.map((s) => [s.kind, s.helper]),
      [
        ['slice', 'carve'],
        ['files', 'load_holdout'],
      ],
    );
    const [slice] = q.graph.splits;
    assert.ok(q.derivesFrom(slice!.test[0]!, named(q, 'data')[0]!));
  });
});
