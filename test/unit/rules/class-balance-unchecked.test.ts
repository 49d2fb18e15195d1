import { strict as assert } from 'node:assert';
import { classBalanceUnchecked } from '../../../src/core/rules/class-balance-unchecked';
import { check, textAt } from '../helpers';
import { IMPORTS, LOAD } from './leakage-rules.fixtures';

const SPLIT = 'X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=0)';
const FIT = 'model = RandomForestClassifier(random_state=0)\nmodel.fit(X_train, y_train)\nmodel.score(X_test, y_test)';

describe('rule class-balance-unchecked (LO104)', () => {
  it('flags a classifier whose target distribution was never looked at', () => {
    const cells = ['%matplotlib inline\n' + IMPORTS, LOAD, 'df.head()\ndf["tenure"].value_counts()', SPLIT, FIT];
    const [f, ...rest] = check(classBalanceUnchecked, cells);
    assert.equal(rest.length, 0);
    assert.equal(f?.cellIndex, 4);
    assert.equal(f?.severity, 'info');
    assert.equal(textAt(cells, f!), 'model.fit(X_train, y_train)');
  });

  it('flags a classifier pipeline', () => {
    const pipe =
      'from sklearn.pipeline import Pipeline\nmodel = Pipeline([("sc", StandardScaler()), ("clf", LogisticRegression())])\nmodel.fit(X_train, y_train)';
    assert.equal(check(classBalanceUnchecked, [IMPORTS, LOAD, SPLIT, pipe]).length, 1);
  });

  it('accepts an inspection of the target', () => {
    const looked = [
      'df["churned"].value_counts()',
      'y.value_counts(normalize=True)',
      'import seaborn as sns\nsns.countplot(x="churned", data=df)',
      'np.bincount(y_train)',
      'from collections import Counter\nCounter(y)',
      'df.groupby("churned").size()',
      'df.churned.describe()',
    ];
    for (const extra of looked) {
      assert.deepEqual(check(classBalanceUnchecked, [IMPORTS, LOAD, extra, SPLIT, FIT]), [], extra);
    }
  });

  it('accepts a target built from an inspected column', () => {
    const cells = [
      IMPORTS,
      'df = pd.read_csv("spam.csv")\ndf.groupby("Category").describe()',
      'df["spam"] = df["Category"].apply(lambda x: 1 if x == "spam" else 0)\nX, y = df.Message, df.spam',
      SPLIT,
      FIT,
    ];
    assert.deepEqual(check(classBalanceUnchecked, cells), []);
  });

  it('accepts class weights, stratified splits and resampling anywhere', () => {
    const aware = [
      SPLIT.replace('random_state=0', 'random_state=0, stratify=y'),
      'from sklearn.model_selection import StratifiedKFold',
      FIT.replace('random_state=0', 'random_state=0, class_weight="balanced"'),
      'from imblearn.over_sampling import SMOTE',
      'print(classification_report(y_test, model.predict(X_test)))',
    ];
    for (const extra of aware) {
      assert.deepEqual(check(classBalanceUnchecked, [IMPORTS, LOAD, SPLIT, FIT, extra]), [], extra);
    }
  });

  it('does not count an inspection of another column, or the keyword `y=`', () => {
    const cells = [IMPORTS, LOAD, 'import seaborn as sns\nsns.histplot(data=df, x="tenure", y="charges")', SPLIT, FIT];
    assert.equal(check(classBalanceUnchecked, cells).length, 1);
  });

  it('ignores regressors and bundled toy datasets', () => {
    const reg = [
      IMPORTS + '\nfrom sklearn.ensemble import RandomForestRegressor',
      LOAD,
      SPLIT,
      'm = RandomForestRegressor()\nm.fit(X_train, y_train)',
    ];
    assert.deepEqual(check(classBalanceUnchecked, reg), []);
    const toy = [IMPORTS + '\nfrom sklearn.datasets import load_iris', 'X, y = load_iris(return_X_y=True)', SPLIT, FIT];
    assert.deepEqual(check(classBalanceUnchecked, toy), []);
  });
});
