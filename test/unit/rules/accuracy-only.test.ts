import { strict as assert } from 'node:assert';
import { accuracyOnly } from '../../../src/core/rules/accuracy-only';
import { check, textAt } from '../helpers';

const IMPORTS =
  '%matplotlib inline\nfrom sklearn.ensemble import RandomForestClassifier\nfrom sklearn.metrics import accuracy_score';

describe('rule accuracy-only (LO301)', () => {
  it('flags accuracy_score when no other metric is used, with a report cell fix', () => {
    const cells = [
      IMPORTS,
      'model.fit(X_train, y_train)',
      'print("Accuracy:", accuracy_score(y_test, model.predict(X_test)))',
    ];
    const findings = check(accuracyOnly, cells);
    assert.equal(findings.length, 1);
    const [f] = findings;
    assert.equal(f?.cellIndex, 2);
    assert.equal(textAt(cells, f!), 'accuracy_score(y_test, model.predict(X_test))');
    assert.deepEqual(f?.fix?.inserts, [
      {
        index: 3,
        kind: 'code',
        source: [
          'from sklearn.metrics import classification_report, confusion_matrix',
          '',
          'print(classification_report(y_test, model.predict(X_test)))',
          'print(confusion_matrix(y_test, model.predict(X_test)))',
        ].join('\n'),
      },
    ]);
  });

  it('resolves `from sklearn import metrics` and keyword arguments', () => {
    const cells = ['from sklearn import metrics', 'acc = metrics.accuracy_score(y_true=y_val, y_pred=preds)'];
    const [f] = check(accuracyOnly, cells);
    assert.match(f?.fix?.inserts?.[0]?.source ?? '', /classification_report\(y_val, preds\)/);
  });

  it('accepts accuracy alongside another classification metric anywhere in the notebook', () => {
    const others = [
      'from sklearn.metrics import f1_score\nf1 = f1_score(y_test, y_pred)',
      'from sklearn.metrics import classification_report',
      'import sklearn.metrics as skm\nskm.ConfusionMatrixDisplay.from_predictions(y_test, y_pred)',
      'from sklearn.model_selection import cross_val_score\ncross_val_score(model, X, y, scoring="roc_auc")',
    ];
    for (const other of others) {
      const cells = [IMPORTS, 'acc = accuracy_score(y_test, y_pred)', other];
      assert.deepEqual(check(accuracyOnly, cells), [], other);
    }
  });

  it('builds the fix from the full argument text, however long', () => {
    const longPred = `pipeline.predict(\n    test_frame[${'"feature_with_a_long_name", '.repeat(12)}]\n)`;
    const cells = [IMPORTS, `score = accuracy_score(y_test, ${longPred})`];
    const [f] = check(accuracyOnly, cells);
    assert.ok(f?.fix?.inserts?.[0]?.source.includes(`print(confusion_matrix(y_test, ${longPred}))`));
  });

  it('flags a Keras model compiled with accuracy only', () => {
    const cells = [
      'from tensorflow import keras',
      'model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])',
    ];
    const [f] = check(accuracyOnly, cells);
    assert.equal(textAt(cells, f!), 'metrics=["accuracy"]');
    assert.equal(f?.fix, undefined);
  });

  it('accepts other metrics named by keyword: eval_metric, scoring', () => {
    for (const other of [
      'import xgboost as xgb\nbooster = xgb.XGBClassifier(eval_metric="auc")',
      'from sklearn.model_selection import cross_val_score\ns = cross_val_score(m, X, y, scoring="f1_macro")',
    ]) {
      assert.deepEqual(check(accuracyOnly, [IMPORTS, 'acc = accuracy_score(y_test, y_pred)', other]), [], other);
    }
  });

  it('accepts Keras metrics beyond accuracy', () => {
    const cells = [
      'from tensorflow import keras',
      'model.compile(loss="bce", metrics=["accuracy", keras.metrics.AUC(), keras.metrics.Recall()])',
    ];
    assert.deepEqual(check(accuracyOnly, cells), []);
  });

  it('ignores notebooks without accuracy, and a local accuracy_score function', () => {
    assert.deepEqual(
      check(accuracyOnly, ['from sklearn.metrics import mean_squared_error\nmse = mean_squared_error(y, p)']),
      [],
    );
    assert.deepEqual(
      check(accuracyOnly, ['def accuracy_score(a, b):\n    return (a == b).mean()\n\naccuracy_score(y, p)']),
      [],
    );
  });

  it('can be silenced for the whole cell', () => {
    const cells = [IMPORTS, '# liftoff: ignore[accuracy-only]\nacc = accuracy_score(y_test, y_pred)'];
    assert.deepEqual(check(accuracyOnly, cells), []);
  });
});
