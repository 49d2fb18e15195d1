import { strict as assert } from 'node:assert';
import { shuffledTimeSplit } from '../../../src/core/rules/shuffled-time-split';
import { applyEdits, check, textAt } from '../helpers';

const IMPORTS = [
  'import pandas as pd',
  'import numpy as np',
  'from sklearn.model_selection import train_test_split, KFold, TimeSeriesSplit, cross_val_score',
  'from sklearn.ensemble import RandomForestRegressor',
  'from sklearn.metrics import mean_absolute_error',
].join('\n');

const TRAIN_AND_SCORE =
  'model = RandomForestRegressor(random_state=0).fit(X_train, y_train)\nprint(mean_absolute_error(y_test, model.predict(X_test)))';

describe('rule shuffled-time-split (LO204)', () => {
  it('flags a shuffled train_test_split of data sorted by date, with a shuffle=False fix', () => {
    const cells = [
      IMPORTS,
      '%matplotlib inline\ndf = pd.read_csv("data/store_sales.csv", parse_dates=["date"])\ndf = df.sort_values("date").reset_index(drop=True)',
      'df["dayofweek"] = df["date"].dt.dayofweek\nX = df.drop(columns=["sales", "date"])\ny = df["sales"]',
      'X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=42)',
      TRAIN_AND_SCORE,
    ];
    const [f, ...rest] = check(shuffledTimeSplit, cells);
    assert.equal(rest.length, 0);
    assert.equal(f?.cellIndex, 3);
    assert.equal(f?.severity, 'warning');
    assert.equal(textAt(cells, f!), 'train_test_split(X, y, test_size=0.2, random_state=42)');
    assert.match(f!.message, /`train_test_split` splits at random data that is sorted by `date` \(cell 2\)/);
    assert.deepEqual(
      f?.related?.map((r) => [r.cellIndex, r.message]),
      [
        [1, 'The rows are put in time order here'],
        [4, 'Evaluated here'],
      ],
    );
    const fixed = applyEdits(cells[3]!, f!.fix!.edits);
    assert.equal(
      fixed,
      'X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=42, shuffle=False)',
    );
  });

  it('flags a time index from read_csv and an explicit shuffle=True (the fix replaces it)', () => {
    const cells = [
      IMPORTS,
      'prices = pd.read_csv("btc_daily.csv", index_col="Date", parse_dates=True)\nprices["return"] = prices["Close"].pct_change()',
      'features = prices[["Open", "High", "Low", "Volume"]]\ntarget = prices["Close"]',
      'X_train, X_test, y_train, y_test = train_test_split(\n    features, target, shuffle=True, test_size=0.25\n)',
      TRAIN_AND_SCORE,
    ];
    const [f] = check(shuffledTimeSplit, cells);
    assert.match(f?.message ?? '', /is indexed by time/);
    assert.equal(applyEdits(cells[3]!, f!.fix!.edits).includes('shuffle=False, test_size=0.25'), true);
  });

  it('flags lag features followed by a shuffling KFold loop, without a fix', () => {
    const cells = [
      IMPORTS,
      'df = pd.read_csv("energy.csv")\ndf["lag_1"] = df["load"].shift(1)\ndf["rolling_24"] = df["load"].rolling(24).mean()\ndf = df.dropna()',
      'X, y = df.drop(columns=["load"]), df["load"]\nkf = KFold(n_splits=5, shuffle=True, random_state=1)',
      'for train_idx, test_idx in kf.split(X):\n    X_train, X_test = X.iloc[train_idx], X.iloc[test_idx]\n    y_train, y_test = y.iloc[train_idx], y.iloc[test_idx]\n    m = RandomForestRegressor().fit(X_train, y_train)\n    print(m.score(X_test, y_test))',
    ];
    const [f, ...rest] = check(shuffledTimeSplit, cells);
    assert.equal(rest.length, 0);
    assert.match(
      f?.message ?? '',
      /`KFold` with `shuffle=True` splits at random data that gets features from earlier rows/,
    );
    assert.equal(f?.fix, undefined);
  });

  it('flags cross-validation with a shuffling splitter, not with TimeSeriesSplit or plain cv=5', () => {
    const cells = [
      IMPORTS + '\nfrom sklearn.model_selection import ShuffleSplit',
      'df = pd.read_csv("traffic.csv", parse_dates=["ts"], index_col="ts")\nX, y = df.drop(columns=["volume"]), df["volume"]',
      'model = RandomForestRegressor(random_state=0)\nsplitter = ShuffleSplit(n_splits=5, test_size=0.2, random_state=0)',
      'scores = cross_val_score(model, X, y, cv=splitter)',
      'cross_val_score(model, X, y, cv=TimeSeriesSplit(5))\ncross_val_score(model, X, y, cv=5)',
    ];
    const [f, ...rest] = check(shuffledTimeSplit, cells);
    assert.equal(rest.length, 0);
    assert.equal(f?.cellIndex, 3);
    assert.match(f!.message, /^`ShuffleSplit` splits at random data that is indexed by time/);
  });

  it('flags a time index assigned to the table and a df.sample split', () => {
    const cells = [
      IMPORTS,
      'ts = pd.read_csv("sensor.csv")\nts.index = pd.to_datetime(ts["timestamp"])',
      'train = ts.sample(frac=0.8, random_state=0)\ntest = ts.drop(train.index)',
      'm = RandomForestRegressor().fit(train[["a", "b"]], train["y"])\nprint(m.score(test[["a", "b"]], test["y"]))',
    ];
    const [f] = check(shuffledTimeSplit, cells);
    assert.match(f?.message ?? '', /`sample` splits at random data that gets a time index/);
  });

  it('reports a parsed event date that stays in the features as info', () => {
    const cells = [
      IMPORTS,
      'houses = pd.read_csv("kc_house_data.csv")\nhouses["date"] = pd.to_datetime(houses["date"])\nhouses["sale_year"] = houses["date"].dt.year',
      'X = houses.drop(["price", "date", "id"], axis=1)\ny = houses["price"]\nX_train, X_test, y_train, y_test = train_test_split(X, y, random_state=3)',
      TRAIN_AND_SCORE,
    ];
    const [f] = check(shuffledTimeSplit, cells);
    assert.equal(f?.severity, 'info');
    assert.match(f!.message, /has `date` parsed as dates/);
    assert.equal(f?.fix, undefined, 'unsorted rows: shuffle=False would not split by time');
  });

  it('accepts splits that keep time order or use TimeSeriesSplit', () => {
    const cells = [
      IMPORTS,
      'df = pd.read_csv("store_sales.csv", parse_dates=["date"]).sort_values("date")\nX = df.drop(columns=["sales", "date"])\ny = df["sales"]',
      'X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, shuffle=False)',
      TRAIN_AND_SCORE,
      'tscv = TimeSeriesSplit(n_splits=5)\nfor tr, te in tscv.split(X):\n    m = RandomForestRegressor().fit(X.iloc[tr], y.iloc[tr])\n    m.score(X.iloc[te], y.iloc[te])',
      'cut = int(len(df) * 0.8)\ntrain_df, test_df = df[:cut], df[cut:]',
    ];
    assert.deepEqual(check(shuffledTimeSplit, cells), []);
  });

  it('accepts a dropped date column, entity dates and tables without any time cue', () => {
    const cells = [
      IMPORTS,
      'df = pd.read_csv("transactions.csv", parse_dates=["date"])\ndf = df.drop(columns=["date"])\nX, y = df.drop(columns=["amount"]), df["amount"]',
      'X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)',
      TRAIN_AND_SCORE,
      'cust = pd.read_csv("customers.csv")\ncust["signup_date"] = pd.to_datetime(cust["signup_date"])\ncust["tenure_days"] = (pd.Timestamp("2024-01-01") - cust["signup_date"]).dt.days',
      'Xc = cust.drop(columns=["churn", "signup_date"])\nXc_tr, Xc_te, yc_tr, yc_te = train_test_split(Xc, cust["churn"], random_state=0)\nRandomForestRegressor().fit(Xc_tr, yc_tr).score(Xc_te, yc_te)',
      'iris = pd.read_csv("iris.csv")\nXi_tr, Xi_te, yi_tr, yi_te = train_test_split(iris.drop(columns="species"), iris["species"])\nRandomForestRegressor().fit(Xi_tr, yi_tr).score(Xi_te, yi_te)',
    ];
    assert.deepEqual(check(shuffledTimeSplit, cells), []);
  });

  it('accepts a parsed date left out of an explicit feature list, and date-like names that are not dates', () => {
    const cells = [
      IMPORTS,
      'df = pd.read_csv("rentals.csv", parse_dates=["date"])\ndf.groupby(df["date"].dt.month)["count"].mean().plot()',
      'X = df[["temp", "humidity", "windspeed"]]\ny = df["count"]\nX_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)',
      TRAIN_AND_SCORE,
      'cands = pd.read_csv("candidates.csv").sort_values("candidate_score")\nc_tr, c_te, yc_tr, yc_te = train_test_split(cands[["a"]], cands["hired"])\nRandomForestRegressor().fit(c_tr, yc_tr).score(c_te, yc_te)',
    ];
    assert.deepEqual(check(shuffledTimeSplit, cells), []);
    // The same notebook keeping the date among the features is reported (as info).
    const kept = [...cells];
    kept[2] = kept[2]!.replace('"windspeed"]', '"windspeed", "date"]');
    assert.deepEqual(
      check(shuffledTimeSplit, kept).map((f) => [f.cellIndex, f.severity]),
      [[2, 'info']],
    );
  });

  it('accepts time cues on a different table than the one split, and splits never evaluated', () => {
    const cells = [
      IMPORTS,
      'weather = pd.read_csv("weather.csv", parse_dates=["date"]).sort_values("date")\nweather.plot(x="date", y="temp")',
      'df = pd.read_csv("houses.csv")\nX_train, X_test, y_train, y_test = train_test_split(df[["sqft"]], df["price"])',
      TRAIN_AND_SCORE,
      'w_train, w_test = train_test_split(weather)',
    ];
    assert.deepEqual(check(shuffledTimeSplit, cells), []);
  });

  it('follows a split helper: flags it when it shuffles (fix in the helper), accepts shuffle=False', () => {
    const helper = (shuffle: string) =>
      `def make_split(features, target):\n    X_tr, X_te, y_tr, y_te = train_test_split(features, target, test_size=0.2${shuffle})\n    return X_tr, X_te, y_tr, y_te`;
    const body = [
      'sales = pd.read_csv("sales.csv")\nsales = sales.set_index("order_date").sort_index()',
      'X_train, X_test, y_train, y_test = make_split(sales[["price", "promo"]], sales["units"])',
      TRAIN_AND_SCORE,
    ];
    const cells = [IMPORTS, helper(''), ...body];
    const [f, ...rest] = check(shuffledTimeSplit, cells);
    assert.equal(rest.length, 0);
    assert.equal(f?.cellIndex, 1);
    assert.match(f!.message, /is indexed by `order_date`/);
    assert.equal(
      applyEdits(cells[1]!, f!.fix!.edits).split('\n')[1],
      '    X_tr, X_te, y_tr, y_te = train_test_split(features, target, test_size=0.2, shuffle=False)',
    );
    assert.deepEqual(check(shuffledTimeSplit, [IMPORTS, helper(', shuffle=False'), ...body]), []);
  });

  it('can be silenced on the line', () => {
    const cells = [
      IMPORTS,
      'df = pd.read_csv("sales.csv", parse_dates=["date"]).sort_values("date")\nX, y = df[["price", "promo"]], df["units"]',
      'X_train, X_test, y_train, y_test = train_test_split(X, y)  # liftoff: ignore[shuffled-time-split]',
      TRAIN_AND_SCORE,
    ];
    assert.deepEqual(check(shuffledTimeSplit, cells), []);
  });
});
