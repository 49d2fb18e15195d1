import { strict as assert } from 'node:assert';
import { multiTestLeakage } from '../../../src/core/rules/multi-test-leakage';
import { check, textAt } from '../helpers';
import { IMPORTS, LOAD } from './leakage-rules.fixtures';

const SPLIT = 'X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=0)';

describe('rule multi-test-leakage (LO203)', () => {
  it('flags several models compared on the test set', () => {
    const cells = [
      IMPORTS,
      LOAD,
      SPLIT,
      'lr = LogisticRegression().fit(X_train, y_train)\nprint(accuracy_score(y_test, lr.predict(X_test)))',
      'rf = RandomForestClassifier().fit(X_train, y_train)\nprint(rf.score(X_test, y_test))',
    ];
    const [f, ...rest] = check(multiTestLeakage, cells);
    assert.equal(rest.length, 0);
    assert.equal(f?.cellIndex, 4);
    assert.equal(textAt(cells, f!), 'rf.score(X_test, y_test)');
    assert.deepEqual(
      f?.related?.map((r) => r.cellIndex),
      [2, 3],
    );
  });

  it('flags a hyperparameter chosen by looping over test scores', () => {
    const cells = [
      IMPORTS,
      LOAD,
      SPLIT,
      'scores = []\nfor k in range(1, 30):\n    knn = KNeighborsClassifier(n_neighbors=k)\n    knn.fit(X_train, y_train)\n    scores.append(knn.score(X_test, y_test))',
    ];
    const [f] = check(multiTestLeakage, cells);
    assert.match(f?.message ?? '', /refitted in a loop/);
  });

  it('flags models compared through a helper function', () => {
    const cells = [
      IMPORTS,
      LOAD,
      SPLIT,
      'def evaluate(model):\n    model.fit(X_train, y_train)\n    return accuracy_score(y_test, model.predict(X_test))',
      'evaluate(LogisticRegression())\nevaluate(RandomForestClassifier())',
    ];
    assert.equal(check(multiTestLeakage, cells).length, 1);
  });

  it('accepts the members of one ensemble, each scored, whose predictions are then combined', () => {
    const members = [
      IMPORTS + '\nimport numpy as np',
      LOAD,
      SPLIT,
      'def ANN(X_tr, y_tr, X_te, y_te):\n    model = RandomForestClassifier(random_state=0).fit(X_tr, y_tr)\n    y_preds = model.predict(X_te)\n    print(accuracy_score(y_te, y_preds))\n    return y_preds',
      'y_pred1 = ANN(X_train[:500], y_train[:500], X_test, y_test)',
      'y_pred2 = ANN(X_train[500:], y_train[500:], X_test, y_test)',
      'y_pred3 = ANN(X_train[::2], y_train[::2], X_test, y_test)',
    ];
    const vote =
      'final = y_pred1.copy()\nfor i in range(len(y_pred1)):\n    n_ones = y_pred1[i] + y_pred2[i] + y_pred3[i]\n    final[i] = 1 if n_ones > 1 else 0';
    assert.deepEqual(check(multiTestLeakage, [...members, vote]), []);
    // The same three models side by side in a table are candidates compared on the test set.
    const table =
      'results = pd.DataFrame({"a": y_pred1, "b": y_pred2, "c": y_pred3})\nagree = (results["a"] + results["b"]) / 2';
    assert.equal(check(multiTestLeakage, [...members, table]).length, 1);
    assert.equal(check(multiTestLeakage, members).length, 1);
  });

  it('accepts one model scored with several metrics, and the same model re-run', () => {
    const cells = [
      IMPORTS,
      LOAD,
      SPLIT,
      'model = RandomForestClassifier(random_state=0)\nmodel.fit(X_train, y_train)\ny_pred = model.predict(X_test)',
      'print(accuracy_score(y_test, y_pred))\nprint(classification_report(y_test, y_pred))\nmodel.score(X_test, y_test)',
      'model.fit(X_train, y_train)\nmodel.score(X_test, y_test)',
    ];
    assert.deepEqual(check(multiTestLeakage, cells), []);
  });

  it('accepts selection on a validation set or by cross-validation, with the test set scored once', () => {
    const cells = [
      IMPORTS,
      LOAD,
      SPLIT + '\nX_tr, X_val, y_tr, y_val = train_test_split(X_train, y_train, test_size=0.25)',
      'for k in range(1, 30):\n    knn = KNeighborsClassifier(n_neighbors=k).fit(X_tr, y_tr)\n    print(k, knn.score(X_val, y_val))',
      'grid = GridSearchCV(KNeighborsClassifier(), {"n_neighbors": range(1, 30)}).fit(X_train, y_train)\ngrid.score(X_test, y_test)',
    ];
    assert.deepEqual(check(multiTestLeakage, cells), []);
  });

  it('accepts cross-validation folds scored in a KFold loop', () => {
    const cells = [
      IMPORTS + '\nfrom sklearn.model_selection import KFold',
      LOAD,
      'for tr, te in KFold(5).split(X):\n    m = LogisticRegression().fit(X.iloc[tr], y.iloc[tr])\n    print(m.score(X.iloc[te], y.iloc[te]))',
    ];
    assert.deepEqual(check(multiTestLeakage, cells), []);
  });
});
