import { strict as assert } from 'node:assert';
import { oversamplingBeforeSplit } from '../../../src/core/rules/oversampling-before-split';
import { check, textAt } from '../helpers';
import { IMPORTS, LOAD } from './leakage-rules.fixtures';

const SMOTE = IMPORTS + '\nfrom imblearn.over_sampling import SMOTE\nfrom sklearn.utils import resample';

describe('rule oversampling-before-split (LO202)', () => {
  it('flags SMOTE before train_test_split', () => {
    const cells = [
      SMOTE,
      LOAD,
      'smote = SMOTE(sampling_strategy="minority")\nX_sm, y_sm = smote.fit_resample(X, y)',
      'X_train, X_test, y_train, y_test = train_test_split(X_sm, y_sm, test_size=0.2, stratify=y_sm)',
      'model = LogisticRegression().fit(X_train, y_train)\nprint(classification_report(y_test, model.predict(X_test)))',
    ];
    const [f, ...rest] = check(oversamplingBeforeSplit, cells);
    assert.equal(rest.length, 0);
    assert.equal(textAt(cells, f!), 'smote.fit_resample(X, y)');
    assert.equal(f?.severity, 'error');
    assert.equal(f?.related?.[0]?.cellIndex, 3);
  });

  it('flags upsampling with sklearn resample before the split', () => {
    const cells = [
      SMOTE,
      LOAD,
      'minority = df[df.churned == 1]\nmajority = df[df.churned == 0]\nup = resample(minority, replace=True, n_samples=len(majority))\nbalanced = pd.concat([majority, up])',
      'X_train, X_test, y_train, y_test = train_test_split(balanced.drop(columns=["churned"]), balanced.churned)',
      'm = RandomForestClassifier().fit(X_train, y_train)\nm.score(X_test, y_test)',
    ];
    assert.equal(check(oversamplingBeforeSplit, cells).length, 1);
  });

  it('accepts oversampling of the training part only', () => {
    const cells = [
      SMOTE,
      LOAD,
      'X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, stratify=y)',
      'X_res, y_res = SMOTE().fit_resample(X_train, y_train)\nmodel = LogisticRegression().fit(X_res, y_res)',
      'print(classification_report(y_test, model.predict(X_test)))',
      'cross_val_score(LogisticRegression(), X_res, y_res)',
    ];
    assert.deepEqual(check(oversamplingBeforeSplit, cells), []);
  });
});
