import { strict as assert } from 'node:assert';
import { targetDerivedFeature } from '../../../src/core/rules/target-derived-feature';
import { applyEdits, check, textAt } from '../helpers';

const IMPORTS = [
  'import pandas as pd',
  'import numpy as np',
  'from sklearn.model_selection import train_test_split, cross_val_score',
  'from sklearn.linear_model import LinearRegression, LogisticRegression',
  'from sklearn.ensemble import RandomForestClassifier',
].join('\n');

const SPLIT_FIT = [
  'X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=0)',
  'model = LinearRegression().fit(X_train, y_train)\nprint(model.score(X_test, y_test))',
];

describe('rule target-derived-feature (LO205)', () => {
  it('flags the target column left in X, with a fix that adds it to the dropped columns', () => {
    const cells = [
      IMPORTS,
      'df = pd.read_csv("data/houses.csv")\ndf = df.dropna()',
      'X = df.drop(columns=["id", "date"])\ny = df["price"]',
      ...SPLIT_FIT,
    ];
    const [f, ...rest] = check(targetDerivedFeature, cells);
    assert.equal(rest.length, 0);
    assert.equal(f?.severity, 'error');
    assert.equal(f?.cellIndex, 2);
    assert.equal(textAt(cells, f!), 'X = df.drop(columns=["id", "date"])');
    assert.match(f!.message, /`X` still contains the target column `price`/);
    assert.deepEqual(
      f?.related?.map((r) => [r.cellIndex, r.message]),
      [
        [2, 'The target `price` is selected here'],
        [4, 'The model is trained here'],
      ],
    );
    assert.equal(applyEdits(cells[2]!, f!.fix!.edits).split('\n')[0], 'X = df.drop(columns=["id", "date", "price"])');
  });

  it('follows tuple unpacking, method chains and magics', () => {
    const cells = [
      IMPORTS,
      '%%time\ndf = (pd.read_csv("houses.csv")\n      .dropna(subset=["price"])\n      .reset_index(drop=True))',
      'X, y = df.drop(columns=["id"]).fillna(0), df["price"]\n!echo done',
      ...SPLIT_FIT,
    ];
    const [f, ...rest] = check(targetDerivedFeature, cells);
    assert.equal(rest.length, 0);
    assert.equal(f?.cellIndex, 2);
    assert.match(f!.message, /still contains the target column `price`/);
  });

  it('flags the whole table as X, a target named through a variable and a popped copy', () => {
    const cells = [
      IMPORTS,
      'data = pd.read_csv("diabetes.csv")\nTARGET = "Outcome"',
      'y = data[TARGET].values\nX = data',
      'clf = RandomForestClassifier(random_state=0)\nscores = cross_val_score(clf, X, y, cv=5)\nclf.fit(X, y)',
    ];
    const [f] = check(targetDerivedFeature, cells);
    assert.match(f?.message ?? '', /`X` still contains the target column `Outcome`/);
  });

  it('flags a feature computed from the target that stays in X', () => {
    const cells = [
      IMPORTS,
      'df = pd.read_csv("houses.csv")',
      'df["price_per_sqft"] = df["price"] / df["sqft_living"]\ndf["rooms"] = df.bedrooms + df.bathrooms',
      'y = df.price\nX = df.drop("price", axis=1)',
      ...SPLIT_FIT,
    ];
    const [f, ...rest] = check(targetDerivedFeature, cells);
    assert.equal(rest.length, 0);
    assert.equal(textAt(cells, f!), 'df["price_per_sqft"] = df["price"] / df["sqft_living"]');
    assert.match(f!.message, /`price_per_sqft` is computed from the target `price`/);
    assert.equal(f?.severity, 'error');
  });

  it('flags a target encoding over all rows, directly and through a mapped groupby, as a warning', () => {
    const cells = [
      IMPORTS,
      'df = pd.read_csv("listings.csv")',
      'df["city_te"] = df.groupby("city")["price"].transform("mean")\nhood_mean = df.groupby("neighbourhood")["price"].mean()\ndf["hood_te"] = df["neighbourhood"].map(hood_mean)',
      'X = df[["sqft", "city_te", "hood_te"]]\ny = df["price"]',
      ...SPLIT_FIT,
    ];
    const findings = check(targetDerivedFeature, cells);
    assert.deepEqual(
      findings.map((f) => [textAt(cells, f).split(' =')[0], f.severity]),
      [
        ['df["city_te"]', 'warning'],
        ['df["hood_te"]', 'warning'],
      ],
    );
    assert.match(findings[0]!.message, /target encoding/);
  });

  it('flags the column a label was made from when it stays in X', () => {
    const cells = [
      IMPORTS,
      'wine = pd.read_csv("winequality-red.csv")\nwine["good"] = (wine["quality"] >= 7).astype(int)',
      'X = wine.drop(columns=["good"])\ny = wine["good"]',
      'X_train, X_test, y_train, y_test = train_test_split(X, y, stratify=y, random_state=0)\nclf = RandomForestClassifier(random_state=0).fit(X_train, y_train)\nclf.score(X_test, y_test)',
    ];
    const [f, ...rest] = check(targetDerivedFeature, cells);
    assert.equal(rest.length, 0);
    assert.match(f?.message ?? '', /The target `good` is computed from `quality` alone/);
    assert.equal(f?.cellIndex, 1);
  });

  it('accepts the target dropped (list, axis=1, in place, pop, del) and derived columns dropped before training', () => {
    const cells = [
      IMPORTS,
      'df = pd.read_csv("houses.csv")\ndf["price_per_sqft"] = df["price"] * 100000 / df["total_sqft"]\ndf = df[df.price_per_sqft < 20000]',
      'df2 = df.drop(["size", "price_per_sqft"], axis="columns")\nX = df2.drop(["price"], axis="columns")\ny = df2.price',
      ...SPLIT_FIT,
      'train = pd.read_csv("train.csv")\ny2 = train["SalePrice"]\ntrain.drop(["SalePrice"], axis=1, inplace=True)\nLinearRegression().fit(train, y2)',
      'raw = pd.read_csv("churn.csv")\nlabels = raw.pop("Churn")\nLogisticRegression().fit(raw, labels)',
      't = pd.read_csv("t.csv")\nyt = t["label"]\ndel t["label"]\nLogisticRegression().fit(t, yt)',
      'wine = pd.read_csv("wine.csv")\nwine["good"] = wine["quality"] >= 7\nXw = wine.drop(columns=["good", "quality"])\nLogisticRegression().fit(Xw, wine["good"])',
      'h = pd.read_csv("h.csv")\nh["ppsf"] = h["price"] / h["sqft"]\nh.pop("ppsf")\nLinearRegression().fit(h.drop(columns=["price"]), h["price"])',
      'k = pd.read_csv("k.csv")\nk["ppsf"] = k["price"] / k["sqft"]\ndel k["ppsf"]\nyk = k["price"]\nXk = k[k.columns[k.columns != "price"]]\nLinearRegression().fit(Xk, yk)',
    ];
    assert.deepEqual(check(targetDerivedFeature, cells), []);
  });

  it('accepts unknown targets, lag features and targets from another table', () => {
    const cells = [
      IMPORTS,
      'df = pd.read_csv("sales.csv")\nX = df.iloc[:, :-1]\ny = df.iloc[:, -1]\nLinearRegression().fit(X, y)',
      'ts = pd.read_csv("ts.csv")\nts["lag_1"] = ts["sales"].shift(1)\nts = ts.dropna()\nLinearRegression().fit(ts[["lag_1"]], ts["sales"])',
      'feats = pd.read_csv("features.csv")\nlabels = pd.read_csv("labels.csv")\nLinearRegression().fit(feats, labels["y"])',
      'data = pd.concat([feats, labels], axis=1)\nLinearRegression().fit(feats.drop(columns=["id"]), data["y"])',
      'cols = [c for c in df.columns if c != "price"]\nLinearRegression().fit(df[cols], df["price"])',
    ];
    assert.deepEqual(check(targetDerivedFeature, cells), []);
  });

  it('does not guess through a helper that builds the features, and can be silenced', () => {
    const cells = [
      IMPORTS,
      'def features(frame):\n    out = frame.drop(columns=["id"])\n    return out',
      'df = pd.read_csv("houses.csv")\ny = df["price"]\nX = features(df)',
      ...SPLIT_FIT,
    ];
    assert.deepEqual(check(targetDerivedFeature, cells), []);
    const inline = [...cells];
    inline[2] = 'df = pd.read_csv("houses.csv")\ny = df["price"]\nX = df.drop(columns=["id"])';
    assert.equal(check(targetDerivedFeature, inline).length, 1);
    inline[2] += '  # liftoff: ignore[target-derived-feature]';
    assert.deepEqual(check(targetDerivedFeature, inline), []);
  });
});
