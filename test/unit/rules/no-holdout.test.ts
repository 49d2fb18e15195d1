import { strict as assert } from 'node:assert';
import { noHoldout } from '../../../src/core/rules/no-holdout';
import { check, textAt } from '../helpers';
import { IMPORTS, LOAD } from './leakage-rules.fixtures';

describe('rule no-holdout (LO303)', () => {
  it('flags a model fitted and scored on all the data', () => {
    const cells = [IMPORTS, LOAD, 'model = LogisticRegression()\nmodel.fit(X, y)', 'model.score(X, y)'];
    const [f, ...rest] = check(noHoldout, cells);
    assert.equal(rest.length, 0);
    assert.equal(f?.cellIndex, 3);
    assert.equal(textAt(cells, f!), 'model.score(X, y)');
    assert.equal(f?.related?.[0]?.cellIndex, 2);
  });

  it('flags a Keras model evaluated on its training data', () => {
    const cells = [
      'from tensorflow import keras',
      'X = padded_docs\ny = labels',
      'model = keras.Sequential([keras.layers.Dense(1, activation="sigmoid")])\nmodel.compile(loss="binary_crossentropy")\nmodel.fit(X, y, epochs=30)',
      'loss, accuracy = model.evaluate(X, y)',
    ];
    assert.equal(check(noHoldout, cells).length, 1);
  });

  it('accepts any split, cross-validation or validation data', () => {
    const heldOut = [
      'X_train, X_test, y_train, y_test = train_test_split(X, y)',
      'cross_val_score(LogisticRegression(), X, y, cv=5)',
      'keras_model.fit(X, y, validation_split=0.2)',
      'test_df = pd.read_csv("data/test.csv")',
    ];
    for (const extra of heldOut) {
      const cells = [IMPORTS, LOAD, 'model = LogisticRegression().fit(X, y)\nmodel.score(X, y)', extra];
      assert.deepEqual(check(noHoldout, cells), [], extra);
    }
  });

  it('ignores predictions on new rows and unsupervised models', () => {
    const cells = [
      IMPORTS + '\nfrom sklearn.cluster import KMeans',
      LOAD,
      'model = LogisticRegression().fit(X, y)\nmodel.predict([[3300, 2, 40]])',
      'km = KMeans(3).fit(X)\nkm.score(X)',
    ];
    assert.deepEqual(check(noHoldout, cells), []);
  });
});
