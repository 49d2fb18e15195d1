import { strict as assert } from 'node:assert';
import { noBaseline } from '../../../src/core/rules/no-baseline';
import { check, textAt } from '../helpers';

const IMPORTS = [
  'import numpy as np',
  'import pandas as pd',
  'from sklearn.model_selection import train_test_split',
  'from sklearn.ensemble import RandomForestClassifier, GradientBoostingRegressor',
  'from sklearn.metrics import f1_score, mean_absolute_error',
].join('\n');
const LOAD = 'df = pd.read_csv("data/customers.csv")\nX, y = df.drop(columns=["churned"]), df["churned"]';
const SPLIT = 'X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=0)';
const FIT = 'rf = RandomForestClassifier(random_state=0)\nrf.fit(X_train, y_train)';
const EVAL = 'y_pred = rf.predict(X_test)\nprint(f1_score(y_test, y_pred, average="macro"))';

describe('rule no-baseline (LO305)', () => {
  it('flags a classifier scored with no baseline, and inserts a dummy scored the same way', () => {
    const cells = [IMPORTS, LOAD, SPLIT, FIT, EVAL];
    const [f, ...rest] = check(noBaseline, cells);
    assert.equal(rest.length, 0);
    assert.equal(f?.severity, 'info');
    assert.equal(f?.cellIndex, 4);
    assert.equal(textAt(cells, f!), 'f1_score(y_test, y_pred, average="macro")');
    assert.match(f?.message ?? '', /`rf` \(RandomForestClassifier\).*most frequent class/);
    assert.equal(f?.related?.[0]?.cellIndex, 3);
    assert.deepEqual(f?.fix?.inserts, [
      {
        index: 5,
        kind: 'code',
        source: [
          'from sklearn.dummy import DummyClassifier',
          '',
          'baseline = DummyClassifier(strategy="most_frequent").fit(X_train, y_train)',
          'print("baseline:", f1_score(y_test, baseline.predict(X_test), average="macro"))',
        ].join('\n'),
      },
    ]);
  });

  it('flags a regressor evaluated through .score, with a mean baseline', () => {
    const cells = [
      IMPORTS,
      'sales = pd.read_parquet("data/sales.parquet")\nX, y = sales.drop(columns="units"), sales.units',
      SPLIT,
      'gbr = GradientBoostingRegressor(random_state=0).fit(X_train, y_train)\ngbr.score(X_test, y_test)',
    ];
    const [f] = check(noBaseline, cells);
    assert.match(f?.message ?? '', /always predicting the mean/);
    assert.match(
      f?.fix?.inserts?.[0]?.source ?? '',
      /DummyRegressor\(strategy="mean"\)\.fit\(X_train, y_train\)\n.*baseline\.score\(X_test, y_test\)/,
    );
  });

  it('follows tuple unpacking, loops and helpers', () => {
    const cells = [
      IMPORTS,
      LOAD,
      '(X_tr, X_te, y_tr, y_te) = train_test_split(X, y, random_state=1)',
      'def evaluate(model, X, y):\n    return f1_score(y, model.predict(X))',
      'for depth in [3, 5, 8]:\n    model = RandomForestClassifier(max_depth=depth, random_state=0).fit(X_tr, y_tr)\n    print(depth, evaluate(model, X_te, y_te))',
    ];
    const [f, ...rest] = check(noBaseline, cells);
    assert.equal(rest.length, 0);
    assert.equal(f?.cellIndex, 4);
    assert.equal(textAt(cells, f!), 'evaluate(model, X_te, y_te)');
    // The evaluation happens inside the helper: there is no call to repeat with the dummy.
    assert.equal(f?.fix, undefined);
  });

  it('accepts a dummy, a linear model, a constant prediction or a stated baseline', () => {
    const baselines = [
      'from sklearn.dummy import DummyClassifier\nDummyClassifier().fit(X_train, y_train).score(X_test, y_test)',
      'from sklearn.linear_model import LogisticRegression\nlr = LogisticRegression().fit(X_train, y_train)',
      'print(f1_score(y_test, np.zeros(len(y_test))))',
      'print("null accuracy:", max(y_test.mean(), 1 - y_test.mean()))',
      'y_test.value_counts(normalize=True).max()',
      '# Baseline: predict that nobody churns\nprint((y_test == 0).mean())',
      { source: 'We compare against a majority class baseline.', kind: 'markdown' as const },
    ];
    for (const extra of baselines) {
      assert.deepEqual(check(noBaseline, [IMPORTS, LOAD, SPLIT, extra, FIT, EVAL]), [], JSON.stringify(extra));
    }
  });

  it('ignores toy datasets, unknown model classes and unevaluated models', () => {
    const toy = [
      IMPORTS + '\nfrom sklearn.datasets import load_digits',
      'X, y = load_digits(return_X_y=True)',
      SPLIT,
      FIT,
      EVAL,
    ];
    assert.deepEqual(check(noBaseline, toy), []);
    const custom = [IMPORTS, LOAD, SPLIT, 'rf = MyEnsemble()\nrf.fit(X_train, y_train)', EVAL];
    assert.deepEqual(check(noBaseline, custom), []);
    assert.deepEqual(check(noBaseline, [IMPORTS, LOAD, SPLIT, FIT]), []);
  });

  it('offers no fix for probability metrics, and honours suppression comments', () => {
    const proba = 'from sklearn.metrics import roc_auc_score\nroc_auc_score(y_test, rf.predict_proba(X_test)[:, 1])';
    const [f] = check(noBaseline, ['%matplotlib inline\n' + IMPORTS, LOAD, SPLIT, FIT, proba]);
    assert.ok(f !== undefined && f.fix === undefined);
    const suppressed = EVAL.replace('))', '))  # liftoff: ignore[no-baseline]');
    assert.deepEqual(check(noBaseline, [IMPORTS, LOAD, SPLIT, FIT, suppressed]), []);
  });
});
