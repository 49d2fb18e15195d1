/**
 * The leakage rules' quick fixes in the real host: `shuffle=False` for a shuffled split of time-sorted
 * data (LO204) and the target added to the dropped columns (LO205), applied through VS Code's
 * code-action provider on a notebook this test writes into the workspace and deletes afterwards.
 */
import * as assert from 'node:assert/strict';
import { activateLiftoff, liftoffDiagnostics, ruleId, waitFor } from './helpers';
import { applyFix, useScratchNotebook } from './fixes';

const NAME = 'liftoff-it-leakage.ipynb';
const CELLS = [
  'import pandas as pd\nfrom sklearn.model_selection import train_test_split\nfrom sklearn.linear_model import LinearRegression',
  'df = pd.read_csv("data/sales.csv", parse_dates=["date"]).sort_values("date")',
  'X = df.drop(columns=["date"])\ny = df["units"]',
  'X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=0)',
  'model = LinearRegression().fit(X_train, y_train)\nprint(model.score(X_test, y_test))',
];

describe('quick fixes of the leakage rules', () => {
  before(() => activateLiftoff());
  const scratch = useScratchNotebook(NAME, CELLS, 'leak');

  it('splits time-sorted data without shuffling (LO204)', async () => {
    const cell = await applyFix(
      scratch(),
      'train_test_split(X',
      'LO204',
      'Split without shuffling (the last rows in time become the test set)',
    );
    assert.equal(
      cell.document.getText(),
      'X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=0, shuffle=False)',
    );
    await waitFor('LO204 to go', () => liftoffDiagnostics(cell.document.uri).every((d) => ruleId(d) !== 'LO204'));
  });

  it('drops the target from the features (LO205)', async () => {
    const cell = await applyFix(scratch(), 'X = df.drop(', 'LO205', 'Drop the target `units` from the features');
    assert.equal(cell.document.getText(), 'X = df.drop(columns=["date", "units"])\ny = df["units"]');
    await waitFor('LO205 to go', () => liftoffDiagnostics(cell.document.uri).every((d) => ruleId(d) !== 'LO205'));
  });
});
