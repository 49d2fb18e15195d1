import { strict as assert } from 'node:assert';
import { splitNotStratified } from '../../../src/core/rules/split-not-stratified';
import { applyEdits, check, textAt } from '../helpers';
import { IMPORTS, LOAD } from './leakage-rules.fixtures';

const FIT = 'model = RandomForestClassifier(random_state=0)\nmodel.fit(X_train, y_train)\nmodel.score(X_test, y_test)';

describe('rule split-not-stratified (LO304)', () => {
  it('flags an unstratified split that feeds a classifier, with a fix adding stratify=', () => {
    const split = 'X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=0)';
    const cells = ['%matplotlib inline\n' + IMPORTS, LOAD, split, FIT];
    const [f, ...rest] = check(splitNotStratified, cells);
    assert.equal(rest.length, 0);
    assert.equal(f?.cellIndex, 2);
    assert.equal(f?.severity, 'info');
    assert.equal(textAt(cells, f!), 'train_test_split(X, y, test_size=0.2, random_state=0)');
    assert.equal(f?.related?.[0]?.cellIndex, 3);
    assert.equal(
      applyEdits(split, f?.fix?.edits ?? []),
      'X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=0, stratify=y)',
    );
  });

  it('uses the labels expression as written, across lines and trailing commas', () => {
    const split =
      'X_train, X_test, y_train, y_test = train_test_split(\n    df.drop(columns=["churned"]),\n    df["churned"],\n)';
    const [f] = check(splitNotStratified, [IMPORTS, LOAD, split, FIT]);
    assert.equal(
      applyEdits(split, f?.fix?.edits ?? []),
      'X_train, X_test, y_train, y_test = train_test_split(\n    df.drop(columns=["churned"]),\n    df["churned"], stratify=df["churned"],\n)',
    );
  });

  it('accepts stratified and unshuffled splits, and splits with **options', () => {
    const splits = [
      'X_train, X_test, y_train, y_test = train_test_split(X, y, stratify=y, random_state=0)',
      'X_train, X_test, y_train, y_test = train_test_split(X, y, shuffle=False)',
      'X_train, X_test, y_train, y_test = train_test_split(X, y, **split_options)',
    ];
    for (const split of splits) assert.deepEqual(check(splitNotStratified, [IMPORTS, LOAD, split, FIT]), [], split);
  });

  it('ignores regressors and bundled toy datasets', () => {
    const split = 'X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)';
    const reg = [
      IMPORTS + '\nfrom sklearn.linear_model import LinearRegression',
      LOAD,
      split,
      'm = LinearRegression().fit(X_train, y_train)',
    ];
    assert.deepEqual(check(splitNotStratified, reg), []);
    const toy = [IMPORTS + '\nfrom sklearn.datasets import load_iris', 'X, y = load_iris(return_X_y=True)', split, FIT];
    assert.deepEqual(check(splitNotStratified, toy), []);
  });
});
