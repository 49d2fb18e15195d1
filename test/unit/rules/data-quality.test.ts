import { strict as assert } from 'node:assert';
import { duplicatesUnhandled } from '../../../src/core/rules/duplicates-unhandled';
import { missingValuesUnhandled } from '../../../src/core/rules/missing-values-unhandled';
import { check, textAt } from '../helpers';
import { IMPORTS, LOAD } from './leakage-rules.fixtures';

const SPLIT_AND_FIT = [
  'X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=0)',
  'model = RandomForestClassifier(random_state=0)\nmodel.fit(X_train, y_train)\nmodel.score(X_test, y_test)',
];

describe('rule missing-values-unhandled (LO102)', () => {
  it('flags the load of training data nobody checked for missing values', () => {
    const cells = ['%matplotlib inline\n' + IMPORTS, LOAD, 'df.head()', ...SPLIT_AND_FIT];
    const [f, ...rest] = check(missingValuesUnhandled, cells);
    assert.equal(rest.length, 0);
    assert.equal(f?.cellIndex, 1);
    assert.equal(f?.severity, 'info');
    assert.equal(textAt(cells, f!), 'pd.read_csv("data/customers.csv")');
    assert.equal(f?.related?.[0]?.cellIndex, 4);
  });

  it('reports the earliest table read that trains a model, with the first model trained on it', () => {
    const cells = [
      IMPORTS,
      'first = pd.read_csv("data/first.csv")',
      'second = pd.read_csv("data/second.csv")',
      'm1 = RandomForestClassifier(random_state=0).fit(second[["a"]], second["y"])',
      'm2 = RandomForestClassifier(random_state=0).fit(first[["a"]], first["y"])',
      'm3 = LogisticRegression().fit(first[["b"]], first["y"])',
    ];
    const [f, ...rest] = check(missingValuesUnhandled, cells);
    assert.equal(rest.length, 0);
    assert.equal(textAt(cells, f!), 'pd.read_csv("data/first.csv")');
    assert.equal(f?.related?.[0]?.cellIndex, 4);
    const [d] = check(duplicatesUnhandled, cells);
    assert.equal(textAt(cells, d!), 'pd.read_csv("data/first.csv")');
  });

  it('accepts any check or treatment of missing values', () => {
    const handled = [
      'df.isnull().sum()',
      'df.info()',
      'df.describe()',
      'df = df.dropna()',
      'df["age"].fillna(df["age"].median(), inplace=True)',
      'from sklearn.impute import SimpleImputer\nimp = SimpleImputer(strategy="median")',
      'import missingno as msno\nmsno.matrix(df)',
    ];
    for (const extra of handled) {
      const cells = [IMPORTS, LOAD, extra, ...SPLIT_AND_FIT];
      assert.deepEqual(check(missingValuesUnhandled, cells), [], extra);
    }
  });

  it('does not count a comment as handling', () => {
    const cells = [IMPORTS, LOAD, '# TODO: df.dropna()', ...SPLIT_AND_FIT];
    assert.equal(check(missingValuesUnhandled, cells).length, 1);
  });

  it('ignores bundled datasets, files already cleaned, and data that trains nothing', () => {
    const toy = [
      IMPORTS + '\nfrom sklearn.datasets import load_iris',
      'X, y = load_iris(return_X_y=True)',
      ...SPLIT_AND_FIT,
    ];
    assert.deepEqual(check(missingValuesUnhandled, toy), []);
    const cleaned = [
      IMPORTS,
      LOAD.replace('data/customers.csv', 'data/processed/customers_clean.csv'),
      ...SPLIT_AND_FIT,
    ];
    assert.deepEqual(check(missingValuesUnhandled, cleaned), []);
    assert.deepEqual(check(missingValuesUnhandled, [IMPORTS, LOAD, 'df.plot()']), []);
  });
});

describe('rule duplicates-unhandled (LO103)', () => {
  it('flags the load of training data never checked for duplicate rows', () => {
    const cells = [IMPORTS, LOAD, 'df.isna().sum()', ...SPLIT_AND_FIT];
    const [f, ...rest] = check(duplicatesUnhandled, cells);
    assert.equal(rest.length, 0);
    assert.equal(textAt(cells, f!), 'pd.read_csv("data/customers.csv")');
    assert.match(f?.message ?? '', /duplicate rows/);
  });

  it('accepts duplicated(), drop_duplicates() and np.unique over rows', () => {
    for (const extra of ['print(df.duplicated().sum())', 'df = df.drop_duplicates()', 'np.unique(X, axis=0)']) {
      const cells = [IMPORTS, LOAD, extra, ...SPLIT_AND_FIT];
      assert.deepEqual(check(duplicatesUnhandled, cells), [], extra);
    }
  });

  it('does not count unique values of a column as a row check', () => {
    const cells = [IMPORTS, LOAD, 'df["plan"].unique()', ...SPLIT_AND_FIT];
    assert.equal(check(duplicatesUnhandled, cells).length, 1);
  });
});
