import { strict as assert } from 'node:assert';
import { missingValuesUnhandled } from '../../../src/core/rules/missing-values-unhandled';
import { preprocessingLeakage } from '../../../src/core/rules/preprocessing-leakage';
import { check, textAt } from '../helpers';
import { IMPORTS } from './leakage-rules.fixtures';

const SPLIT_AND_SCORE = [
  'X = df.drop(columns=["churned"])\ny = df["churned"]\nX_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=0)',
  'model = LogisticRegression().fit(X_train, y_train)\nprint(classification_report(y_test, model.predict(X_test)))',
];

describe('rule preprocessing-leakage (LO201): row aggregates before the split', () => {
  it('flags hand-written standardisation, with the statistic and the split as related locations', () => {
    const cells = [
      IMPORTS,
      'df = pd.read_csv("data/customers.csv")',
      'df["income"] = (df["income"] - df["income"].mean(skipna=True)) / df["income"].std(ddof=0)',
      ...SPLIT_AND_SCORE,
    ];
    const [f, ...rest] = check(preprocessingLeakage, cells);
    assert.equal(rest.length, 0);
    assert.equal(f?.cellIndex, 2);
    assert.equal(f?.severity, 'warning');
    assert.match(
      f!.message,
      /scales with the mean of all rows, before the data is split into train and test \(cell 4\)/,
    );
    assert.deepEqual(
      f?.related?.map((r) => [r.cellIndex, r.message]),
      [
        [2, 'The mean is computed on the full data here'],
        [3, 'The data is split into train and test here'],
      ],
    );
  });

  it('flags fillna with a mean or median (in place, whole table, through a variable) and min-max scaling', () => {
    const cells = [
      IMPORTS,
      'df = pd.read_csv("data/customers.csv")',
      'df["age"].fillna(df["age"].mean(), inplace=True)',
      'df = df.fillna(df.median(numeric_only=True))',
      'tenure_median = df["tenure"].median()\ndf["tenure"] = df["tenure"].fillna(tenure_median)',
      'for col in ["balance", "salary"]:\n    df[col] = (df[col] - df[col].min()) / (df[col].max() - df[col].min())',
      ...SPLIT_AND_SCORE,
    ];
    const findings = check(preprocessingLeakage, cells);
    assert.deepEqual(
      findings.map((f) => [f.cellIndex, textAt(cells, f).split('\n').pop()]),
      [
        [2, 'df["age"].fillna(df["age"].mean(), inplace=True)'],
        [3, 'df = df.fillna(df.median(numeric_only=True))'],
        [4, 'df["tenure"] = df["tenure"].fillna(tenure_median)'],
        [5, 'df[col] = (df[col] - df[col].min()) / (df[col].max() - df[col].min())'],
      ],
    );
    assert.equal(findings[2]?.related?.[0]?.message, 'The median is computed on the full data here');
    assert.equal(
      textAt(cells, { ...findings[2]!, range: findings[2]!.related![0]!.range }),
      'tenure_median = df["tenure"].median()',
    );
  });

  it('reports several statements of one cell once', () => {
    const cells = [
      IMPORTS,
      'df = pd.read_csv("data/customers.csv")',
      'df["age"] = df["age"].fillna(df["age"].mean())\ndf["income"] = df["income"].fillna(df["income"].median())\ndf["city"] = df["city"].fillna(df["city"].mode()[0])',
      ...SPLIT_AND_SCORE,
    ];
    const [f, ...rest] = check(preprocessingLeakage, cells);
    assert.equal(rest.length, 0);
    assert.equal(f?.range?.start.line, 0);
    assert.match(f!.message, /\(and 2 more such statements in this cell\)/);
  });

  it('flags quantile clipping and group means used as values', () => {
    const cells = [
      IMPORTS,
      'df = pd.read_csv("data/customers.csv")',
      'low, high = df["balance"].quantile(0.01), df["balance"].quantile(0.99)\ndf["balance"] = df["balance"].clip(df["balance"].quantile(0.01), df["balance"].quantile(0.99))',
      'df["age"] = df.groupby("segment")["age"].transform(lambda s: s.fillna(s.median()))',
      ...SPLIT_AND_SCORE,
    ];
    const findings = check(preprocessingLeakage, cells);
    assert.deepEqual(
      findings.map((f) => f.message.split(' the ')[0]?.split('` ')[1]),
      ['clips at', 'replaces values with group statistics:'],
    );
  });

  it('flags a cleaning helper called on the full data, not one called on the training part', () => {
    const helper =
      'def clean(frame):\n    frame = frame.copy()\n    frame["age"] = frame["age"].fillna(frame["age"].median())\n    return frame';
    const cells = [IMPORTS, helper, 'df = pd.read_csv("data/customers.csv")\ndf = clean(df)', ...SPLIT_AND_SCORE];
    const [f, ...rest] = check(preprocessingLeakage, cells);
    assert.equal(rest.length, 0);
    assert.equal(f?.cellIndex, 1);
    assert.equal(textAt(cells, f!), '    frame["age"] = frame["age"].fillna(frame["age"].median())'.trim());
    assert.deepEqual(
      f?.related?.map((r) => [r.cellIndex, r.message]),
      [
        [1, 'The median is computed on the full data here'],
        [2, 'The helper is called on the full data here'],
        [3, 'The data is split into train and test here'],
      ],
    );
    const afterSplit = [
      IMPORTS,
      helper,
      'df = pd.read_csv("data/customers.csv")',
      SPLIT_AND_SCORE[0]!,
      'X_train = clean(X_train)\nmodel = LogisticRegression().fit(X_train, y_train)\nprint(classification_report(y_test, model.predict(X_test)))',
    ];
    assert.deepEqual(check(preprocessingLeakage, afterSplit), []);
  });

  it('reports only statements on data the test rows derive from (the table read, or the table written)', () => {
    const cells = [
      IMPORTS,
      'df = pd.read_csv("data/customers.csv")\nlog = pd.read_csv("data/log.csv")',
      'log["v"] = (log["v"] - log["v"].mean()) / log["v"].std()',
      'df["age"] = df["age"].fillna(df["age"].mean())',
      'df["income"] = (df["income"] - df["income"].mean()) / df["income"].std()',
      ...SPLIT_AND_SCORE,
    ];
    assert.deepEqual(
      check(preprocessingLeakage, cells).map((f) => [f.cellIndex, textAt(cells, f)]),
      [
        [3, 'df["age"] = df["age"].fillna(df["age"].mean())'],
        [4, 'df["income"] = (df["income"] - df["income"].mean()) / df["income"].std()'],
      ],
    );
  });

  it('flags quantile bins (pd.qcut, or qcut imported from pandas) of all rows, but not fixed bins or bins of the training part', () => {
    const cells = [
      IMPORTS + '\nfrom pandas import qcut',
      'df = pd.read_csv("data/customers.csv")',
      'df["fare_band"] = pd.qcut(df["fare"], 4, labels=False)',
      'df["age_band"] = qcut(df.age, q=5, labels=False)',
      'df["tenure_band"] = pd.cut(df["tenure"], bins=[0, 12, 24, 60], labels=False)',
      ...SPLIT_AND_SCORE,
      'X_train["income_band"] = pd.qcut(X_train["income"], 4, labels=False)',
    ];
    const findings = check(preprocessingLeakage, cells);
    assert.deepEqual(
      findings.map((f) => [f.cellIndex, textAt(cells, f)]),
      [
        [2, 'df["fare_band"] = pd.qcut(df["fare"], 4, labels=False)'],
        [3, 'df["age_band"] = qcut(df.age, q=5, labels=False)'],
      ],
    );
    assert.match(findings[0]!.message, /bins by the quantiles of all rows, before the data is split/);
    assert.match(findings[0]!.message, /KBinsDiscretizer\(strategy="quantile"\)/);
    assert.equal(findings[0]?.related?.[0]?.message, 'The quantiles are computed on the full data here');
    assert.equal(
      textAt(cells, { ...findings[0]!, range: findings[0]!.related![0]!.range }),
      'pd.qcut(df["fare"], 4, labels=False)',
    );
  });

  it('accepts statistics of the training part, statistics only printed, and data never evaluated', () => {
    const cells = [
      IMPORTS,
      'df = pd.read_csv("data/customers.csv")\nprint(df["age"].mean(), df["age"].std())',
      'X = df.drop(columns=["churned"])\ny = df["churned"]\nX_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)',
      'train_mean = X_train["age"].mean()\nX_train["age"] = X_train["age"].fillna(train_mean)\nX_test["age"] = X_test["age"].fillna(train_mean)',
      'X_train["income"] = (X_train["income"] - X_train["income"].mean()) / X_train["income"].std()',
      'model = LogisticRegression().fit(X_train, y_train)\nprint(classification_report(y_test, model.predict(X_test)))',
      'other = pd.read_csv("other.csv")\nother["v"] = other["v"].fillna(other["v"].mean())\nother.plot()',
    ];
    assert.deepEqual(check(preprocessingLeakage, cells), []);
  });

  it('leaves the target column to LO205 and does not also report LO102', () => {
    const cells = [
      IMPORTS,
      'df = pd.read_csv("data/customers.csv")',
      'df["seg_rate"] = df.groupby("segment")["churned"].transform("mean")',
      'df["age"] = df["age"].fillna(df["age"].mean())  # liftoff: ignore[preprocessing-leakage]',
      ...SPLIT_AND_SCORE,
    ];
    assert.deepEqual(check(preprocessingLeakage, cells), []);
    assert.deepEqual(check(missingValuesUnhandled, cells), []);
    const unsuppressed = cells.map((c) => c.replace('  # liftoff: ignore[preprocessing-leakage]', ''));
    assert.deepEqual(
      check(preprocessingLeakage, unsuppressed).map((f) => f.cellIndex),
      [3],
    );
  });
});
