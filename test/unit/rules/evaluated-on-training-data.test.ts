import { strict as assert } from 'node:assert';
import { evaluatedOnTrainingData } from '../../../src/core/rules/evaluated-on-training-data';
import { check, textAt } from '../helpers';
import { IMPORTS, LOAD } from './leakage-rules.fixtures';

const SPLIT = 'X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=0)';

describe('rule evaluated-on-training-data (LO302)', () => {
  it('flags a model only ever scored on its training rows', () => {
    const cells = [
      IMPORTS,
      LOAD,
      SPLIT,
      'tree = RandomForestClassifier().fit(X_train, y_train)\ntrain_pred = tree.predict(X_train)',
      'print("accuracy", accuracy_score(y_train, train_pred))',
    ];
    const [f, ...rest] = check(evaluatedOnTrainingData, cells);
    assert.equal(rest.length, 0);
    assert.equal(textAt(cells, f!), 'accuracy_score(y_train, train_pred)');
    assert.equal(f?.related?.[0]?.cellIndex, 3);
  });

  it('accepts a training score reported next to a test score', () => {
    const cells = [
      IMPORTS,
      LOAD,
      SPLIT,
      'model = LogisticRegression().fit(X_train, y_train)\nprint(model.score(X_train, y_train))\nprint(model.score(X_test, y_test))',
    ];
    assert.deepEqual(check(evaluatedOnTrainingData, cells), []);
  });

  it('accepts cross-validated models and clusterers scoring their own data', () => {
    const cells = [
      IMPORTS + '\nfrom sklearn.cluster import KMeans',
      LOAD,
      SPLIT,
      'model = LogisticRegression().fit(X_train, y_train)\nmodel.score(X_train, y_train)\ncross_val_score(model, X_train, y_train)',
      'km = KMeans(3).fit(X)\nkm.score(X)',
    ];
    assert.deepEqual(check(evaluatedOnTrainingData, cells), []);
  });

  it('leaves notebooks without any held-out data to no-holdout', () => {
    const cells = [IMPORTS, LOAD, 'model = LogisticRegression().fit(X, y)\nmodel.score(X, y)'];
    assert.deepEqual(check(evaluatedOnTrainingData, cells), []);
  });
});
