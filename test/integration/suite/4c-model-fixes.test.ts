/**
 * The quick fixes of the baseline, regression-metric and pipeline rules (LO305, LO306, LO603), applied
 * through VS Code's code-action provider command in the real host on a notebook this test writes into the
 * workspace (and deletes afterwards); each test starts from the notebook as on disk.
 */
import * as assert from 'node:assert/strict';
import { activateLiftoff, liftoffDiagnostics, ruleId, waitFor } from './helpers';
import { applyFix, useScratchNotebook } from './fixes';

const NAME = 'liftoff-it-model-fixes.ipynb';
const CELLS = [
  [
    'import joblib',
    'import pandas as pd',
    'from sklearn.model_selection import train_test_split',
    'from sklearn.preprocessing import StandardScaler',
    'from sklearn.ensemble import RandomForestClassifier, RandomForestRegressor',
    'from sklearn.metrics import f1_score',
  ].join('\n'),
  'df = pd.read_csv("data/customers.csv")\nX, y = df.drop(columns=["churned"]), df["churned"]',
  'X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)',
  'scaler = StandardScaler()\nX_train_s = scaler.fit_transform(X_train)\nX_test_s = scaler.transform(X_test)',
  'model = RandomForestClassifier(random_state=0)\nmodel.fit(X_train_s, y_train)',
  'print(f1_score(y_test, model.predict(X_test_s)))',
  'joblib.dump(model, "model.joblib")',
  'reg = RandomForestRegressor(random_state=0).fit(X_train_s, df.loc[X_train.index, "tenure"])\nreg.score(X_test_s, df.loc[X_test.index, "tenure"])',
];

describe('quick fixes for baselines, regression metrics and pipelines', () => {
  before(() => activateLiftoff());
  const scratch = useScratchNotebook(NAME, CELLS, 'model-fix-');

  it('inserts a DummyClassifier scored with the same metric after the evaluation (LO305)', async () => {
    const notebook = scratch();
    const before = notebook.cellCount;
    const cell = await applyFix(
      notebook,
      'f1_score(y_test',
      'LO305',
      'Insert a cell that scores a DummyClassifier baseline the same way',
    );
    await waitFor('the cell to be inserted', () => notebook.cellCount === before + 1);
    assert.equal(
      notebook.cellAt(cell.index + 1).document.getText(),
      [
        'from sklearn.dummy import DummyClassifier',
        '',
        'baseline = DummyClassifier(strategy="most_frequent").fit(X_train_s, y_train)',
        'print("baseline:", f1_score(y_test, baseline.predict(X_test_s)))',
      ].join('\n'),
    );
    await waitFor('LO305 to go', () => liftoffDiagnostics(cell.document.uri).every((d) => ruleId(d) !== 'LO305'));
  });

  it('inserts MAE, RMSE and R² after a regressor scored by R² only (LO306)', async () => {
    const notebook = scratch();
    const before = notebook.cellCount;
    const cell = await applyFix(notebook, 'reg.score(', 'LO306', 'Insert a cell with MAE, RMSE and R²');
    await waitFor('the cell to be inserted', () => notebook.cellCount === before + 1);
    const inserted = notebook.cellAt(cell.index + 1).document.getText();
    assert.match(inserted, /^y_pred_check = reg\.predict\(X_test_s\)$/m);
    assert.match(
      inserted,
      /^print\("RMSE:", np\.sqrt\(mean_squared_error\(df\.loc\[X_test\.index, "tenure"\], y_pred_check\)\)\)$/m,
    );
    await waitFor('LO306 to go', () => liftoffDiagnostics(cell.document.uri).every((d) => ruleId(d) !== 'LO306'));
  });

  it('saves a pipeline of the fitted scaler and model instead of the bare model (LO603)', async () => {
    const cell = await applyFix(
      scratch(),
      'joblib.dump(model',
      'LO603',
      'Save make_pipeline(scaler, model) instead of the bare model',
    );
    assert.equal(
      cell.document.getText(),
      'from sklearn.pipeline import make_pipeline\njoblib.dump(make_pipeline(scaler, model), "model.joblib")',
    );
    await waitFor('LO603 to go', () => liftoffDiagnostics(cell.document.uri).every((d) => ruleId(d) !== 'LO603'));
  });
});
