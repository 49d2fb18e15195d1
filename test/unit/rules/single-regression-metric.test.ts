import { strict as assert } from 'node:assert';
import { singleRegressionMetric } from '../../../src/core/rules/single-regression-metric';
import { check, textAt } from '../helpers';

const IMPORTS = [
  'import pandas as pd',
  'from sklearn.model_selection import train_test_split',
  'from sklearn.ensemble import RandomForestRegressor, RandomForestClassifier',
  'from sklearn.linear_model import LinearRegression',
].join('\n');
const LOAD = 'df = pd.read_csv("data/houses.csv")\nX, y = df.drop(columns=["price"]), df["price"]';
const SPLIT = 'X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=0)';
const FIT = 'reg = RandomForestRegressor(random_state=0)\nreg.fit(X_train, y_train)';

describe('rule single-regression-metric (LO306)', () => {
  it('flags a regressor judged by R² alone, and inserts MAE, RMSE and R²', () => {
    const cells = [IMPORTS, LOAD, SPLIT, FIT, 'reg.score(X_test, y_test)'];
    const [f, ...rest] = check(singleRegressionMetric, cells);
    assert.equal(rest.length, 0);
    assert.equal(f?.severity, 'info');
    assert.equal(textAt(cells, f!), 'reg.score(X_test, y_test)');
    assert.match(f?.message ?? '', /`reg` \(RandomForestRegressor\).*one way only \(R²\)/);
    assert.equal(f?.related?.[0]?.cellIndex, 3);
    assert.deepEqual(f?.fix?.inserts, [
      {
        index: 5,
        kind: 'code',
        source: [
          'import numpy as np',
          'from sklearn.metrics import mean_absolute_error, mean_squared_error, r2_score',
          '',
          'y_pred_check = reg.predict(X_test)',
          'print("MAE: ", mean_absolute_error(y_test, y_pred_check))',
          'print("RMSE:", np.sqrt(mean_squared_error(y_test, y_pred_check)))',
          'print("R²:  ", r2_score(y_test, y_pred_check))',
        ].join('\n'),
      },
    ]);
  });

  it('counts MSE and RMSE as one metric, through a module alias and a fit chain', () => {
    const cells = [
      IMPORTS + '\nfrom sklearn import metrics\nimport numpy as np',
      LOAD,
      SPLIT,
      'lr = LinearRegression().fit(X_train, y_train)\ny_pred = lr.predict(X_test)',
      'print("MSE", metrics.mean_squared_error(y_test, y_pred))\nprint("RMSE", np.sqrt(metrics.mean_squared_error(y_test, y_pred)))',
    ];
    const [f, ...rest] = check(singleRegressionMetric, cells);
    assert.equal(rest.length, 0);
    assert.match(f?.message ?? '', /\(squared error\)\. Squared error alone/);
    assert.match(f?.fix?.inserts?.[0]?.source ?? '', /mean_absolute_error\(y_test, y_pred\)\)/);
  });

  it('follows a tuple-unpacked split, a reassignment and a loop', () => {
    const cells = [
      IMPORTS + '\nfrom sklearn.metrics import r2_score',
      LOAD + '\nX = X.fillna(0)',
      '(X_tr, X_te, y_tr, y_te) = train_test_split(X, y, random_state=1)',
      'for n in [50, 100, 200]:\n    model = RandomForestRegressor(n_estimators=n, random_state=0).fit(X_tr, y_tr)\n    print(n, r2_score(y_te, model.predict(X_te)))',
    ];
    assert.equal(check(singleRegressionMetric, cells).length, 1);
  });

  it('accepts a second metric, a scorer string, residuals or a statsmodels summary', () => {
    const second = [
      'from sklearn.metrics import mean_absolute_error\nprint(mean_absolute_error(y_test, reg.predict(X_test)))',
      'from sklearn.model_selection import cross_val_score\ncross_val_score(reg, X, y, scoring="neg_mean_absolute_error")',
      'residuals = y_test - reg.predict(X_test)\nresiduals.hist()',
      'from sklearn.metrics import PredictionErrorDisplay\nPredictionErrorDisplay.from_estimator(reg, X_test, y_test)',
      'import numpy as np\nprint(np.abs(y_test - reg.predict(X_test)).mean())',
      'import statsmodels.api as sm\nprint(sm.OLS(y_train, X_train).fit().summary())',
    ];
    for (const extra of second) {
      const cells = [IMPORTS, LOAD, SPLIT, FIT, 'reg.score(X_test, y_test)', extra];
      assert.deepEqual(check(singleRegressionMetric, cells), [], extra);
    }
  });

  it('reports the held-out evaluation, and does not take an absolute difference for an error metric', () => {
    const cells = [
      IMPORTS + '\nimport numpy as np\nfrom sklearn.metrics import mean_squared_error',
      LOAD,
      SPLIT,
      FIT + '\noff_margin = np.abs(y_train - reg.predict(X_train)) >= 1.5',
      'print(mean_squared_error(y_train, reg.predict(X_train)))',
      'print(np.sqrt(mean_squared_error(y_test, reg.predict(X_test))))',
    ];
    const [f, ...rest] = check(singleRegressionMetric, cells);
    assert.equal(rest.length, 0);
    assert.equal(f?.cellIndex, 5);
    assert.equal(textAt(cells, f!), 'mean_squared_error(y_test, reg.predict(X_test))');
  });

  it('ignores classifiers and regressors that are never evaluated', () => {
    const clf = [
      IMPORTS,
      LOAD,
      SPLIT,
      'clf = RandomForestClassifier().fit(X_train, y_train)\nclf.score(X_test, y_test)',
    ];
    assert.deepEqual(check(singleRegressionMetric, clf), []);
    assert.deepEqual(check(singleRegressionMetric, [IMPORTS, LOAD, SPLIT, FIT]), []);
  });

  it('honours suppression comments, also as a cell’s first line', () => {
    const line = [IMPORTS, LOAD, SPLIT, FIT, 'reg.score(X_test, y_test)  # liftoff: ignore[single-regression-metric]'];
    assert.deepEqual(check(singleRegressionMetric, line), []);
    const cell = [
      IMPORTS,
      LOAD,
      SPLIT,
      FIT,
      '# liftoff: ignore[LO306]\n%time reg.fit(X_train, y_train)\nreg.score(X_test, y_test)',
    ];
    assert.deepEqual(check(singleRegressionMetric, cell), []);
  });
});
