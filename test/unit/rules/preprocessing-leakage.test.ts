import { strict as assert } from 'node:assert';
import { preprocessingLeakage } from '../../../src/core/rules/preprocessing-leakage';
import { check, textAt } from '../helpers';
import { IMPORTS, LOAD } from './leakage-rules.fixtures';

describe('rule preprocessing-leakage (LO201)', () => {
  it('flags a scaler fitted before the split, with the split as related location', () => {
    const cells = [
      IMPORTS,
      LOAD,
      'scaler = StandardScaler()\nX_scaled = scaler.fit_transform(X)',
      'X_train, X_test, y_train, y_test = train_test_split(X_scaled, y, test_size=0.2)',
      'model = RandomForestClassifier(n_estimators=100)\nmodel.fit(X_train, y_train)',
      'print("Accuracy:", accuracy_score(y_test, model.predict(X_test)))',
    ];
    const [f, ...rest] = check(preprocessingLeakage, cells);
    assert.equal(rest.length, 0);
    assert.equal(f?.cellIndex, 2);
    assert.equal(textAt(cells, f!), 'scaler.fit_transform(X)');
    assert.match(
      f!.message,
      /`scaler` \(StandardScaler\) is fitted on `X`, which is split into train and test later \(cell 4\)/,
    );
    assert.deepEqual(
      f?.related?.map((r) => [r.cellIndex, r.message]),
      [[3, 'The data is split into train and test here']],
    );
  });

  it('flags a fit on the full data after the split, and an imputer inside a column assignment', () => {
    const cells = [
      IMPORTS + '\nfrom sklearn.impute import SimpleImputer',
      LOAD,
      'imp = SimpleImputer(strategy="median")\nX[["age"]] = imp.fit_transform(X[["age"]])',
      'X_train, X_test, y_train, y_test = train_test_split(X, y)\nclf = LogisticRegression().fit(X_train, y_train)',
      'print(classification_report(y_test, clf.predict(X_test)))',
    ];
    const findings = check(preprocessingLeakage, cells);
    assert.equal(findings.length, 1);
    assert.equal(findings[0]?.cellIndex, 2);
  });

  it('flags preprocessing on all the data before cross-validation', () => {
    const cells = [
      IMPORTS,
      LOAD,
      'X = StandardScaler().fit_transform(X)',
      'scores = cross_val_score(LogisticRegression(), X, y, cv=5)',
    ];
    const [f] = check(preprocessingLeakage, cells);
    assert.match(f?.message ?? '', /before cross-validation \(cell 4\)/);
  });

  it('accepts a scaler fitted on the training part only', () => {
    const cells = [
      IMPORTS,
      LOAD,
      'X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2)',
      'scaler = StandardScaler()\nX_train = scaler.fit_transform(X_train)\nX_test = scaler.transform(X_test)',
      'model = RandomForestClassifier().fit(X_train, y_train)\nprint(accuracy_score(y_test, model.predict(X_test)))',
    ];
    assert.deepEqual(check(preprocessingLeakage, cells), []);
  });

  it('accepts a pipeline, a preprocessor never used for the model, and label encoding', () => {
    const cells = [
      IMPORTS +
        '\nfrom sklearn.pipeline import make_pipeline\nfrom sklearn.decomposition import PCA\nfrom sklearn.preprocessing import LabelEncoder',
      LOAD,
      'y = LabelEncoder().fit_transform(y)\nX2d = PCA(n_components=2).fit_transform(X)  # for a plot only',
      'X_train, X_test, y_train, y_test = train_test_split(X, y)',
      'pipe = make_pipeline(StandardScaler(), LogisticRegression())\npipe.fit(X_train, y_train)\npipe.score(X_test, y_test)',
    ];
    assert.deepEqual(check(preprocessingLeakage, cells), []);
  });

  it('can be silenced on the line', () => {
    const cells = [
      IMPORTS,
      LOAD,
      'X = StandardScaler().fit_transform(X)  # liftoff: ignore[preprocessing-leakage]',
      'X_train, X_test, y_train, y_test = train_test_split(X, y)\nm = LogisticRegression().fit(X_train, y_train)\nm.score(X_test, y_test)',
    ];
    assert.deepEqual(check(preprocessingLeakage, cells), []);
  });
});
