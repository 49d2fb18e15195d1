import { strict as assert } from 'node:assert';
import { preprocessingOutsidePipeline } from '../../../src/core/rules/preprocessing-outside-pipeline';
import { applyEdits, check, textAt } from '../helpers';

const IMPORTS = [
  'import joblib',
  'import pandas as pd',
  'from sklearn.model_selection import train_test_split',
  'from sklearn.preprocessing import StandardScaler',
  'from sklearn.impute import SimpleImputer',
  'from sklearn.linear_model import LogisticRegression',
].join('\n');
const LOAD = 'df = pd.read_csv("data/customers.csv")\nX, y = df.drop(columns=["churned"]), df["churned"]';
const SPLIT = 'X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)';
const SCALE =
  'scaler = StandardScaler()\nX_train_s = scaler.fit_transform(X_train)\nX_test_s = scaler.transform(X_test)';
const FIT = 'model = LogisticRegression(max_iter=1000)\nmodel.fit(X_train_s, y_train)';
const SAVE = 'joblib.dump(model, "models/model.joblib")';

describe('rule preprocessing-outside-pipeline (LO603)', () => {
  it('flags a bare model saved after training on a scaler’s output, and wraps it in a pipeline', () => {
    const cells = [IMPORTS, LOAD, SPLIT, SCALE, FIT, SAVE];
    const [f, ...rest] = check(preprocessingOutsidePipeline, cells);
    assert.equal(rest.length, 0);
    assert.equal(f?.severity, 'warning');
    assert.equal(f?.cellIndex, 5);
    assert.equal(textAt(cells, f!), SAVE);
    assert.match(
      f?.message ?? '',
      /`model` \(LogisticRegression\) is saved here without its preprocessing.*`scaler` \(StandardScaler\)/,
    );
    assert.deepEqual(
      f?.related?.map((r) => [r.cellIndex, r.message]),
      [
        [3, '`scaler` (StandardScaler) fitted here'],
        [4, 'Model trained here on the transformed data'],
      ],
    );
    assert.equal(
      applyEdits(SAVE, f?.fix?.edits ?? []),
      'from sklearn.pipeline import make_pipeline\njoblib.dump(make_pipeline(scaler, model), "models/model.joblib")',
    );
  });

  it('keeps the indentation of a save inside a block, and reuses an existing import', () => {
    const inBlock = 'import pickle\nwith open("model.pkl", "wb") as f:\n    pickle.dump(model, f)';
    const [f] = check(preprocessingOutsidePipeline, [IMPORTS, LOAD, SPLIT, SCALE, FIT, inBlock]);
    assert.equal(
      applyEdits(inBlock, f?.fix?.edits ?? []),
      'import pickle\nwith open("model.pkl", "wb") as f:\n    from sklearn.pipeline import make_pipeline\n    pickle.dump(make_pipeline(scaler, model), f)',
    );
    const imported = [IMPORTS + '\nfrom sklearn.pipeline import make_pipeline', LOAD, SPLIT, SCALE, FIT, SAVE];
    const [g] = check(preprocessingOutsidePipeline, imported);
    assert.equal(
      applyEdits(SAVE, g?.fix?.edits ?? []),
      'joblib.dump(make_pipeline(scaler, model), "models/model.joblib")',
    );
  });

  it('follows a scaler fitted before the split, reassignment and a Keras save, with no fix for chains', () => {
    const cells = [
      IMPORTS + '\nfrom tensorflow import keras',
      LOAD,
      'imputer = SimpleImputer(strategy="median")\nX = imputer.fit_transform(X)\nscaler = StandardScaler()\nX = scaler.fit_transform(X)',
      '(X_train, X_test, y_train, y_test) = train_test_split(X, y, random_state=0)',
      'net = keras.Sequential([keras.layers.Dense(1, activation="sigmoid")])\nnet.compile(loss="binary_crossentropy")\nnet.fit(X_train, y_train, epochs=5)',
      '%%time\nnet.save("models/net.keras")',
    ];
    const [f, ...rest] = check(preprocessingOutsidePipeline, cells);
    assert.equal(rest.length, 0);
    assert.match(f?.message ?? '', /`imputer` \(SimpleImputer\) and `scaler` \(StandardScaler\)/);
    assert.equal(f?.fix, undefined);
  });

  it('reports one finding per missing preprocessing, with later saves related', () => {
    const cells = [
      IMPORTS,
      LOAD,
      SPLIT,
      SCALE,
      FIT,
      SAVE,
      'model.fit(X_train_s[:100], y_train[:100])\njoblib.dump(model, "m2.joblib")',
    ];
    const [f, ...rest] = check(preprocessingOutsidePipeline, cells);
    assert.equal(rest.length, 0);
    assert.equal(f?.related?.[2]?.cellIndex, 6);
    assert.equal(f?.related?.[2]?.message, 'Also saved here without it');
  });

  it('accepts a saved pipeline, a transformer saved next to the model, and unsaved models', () => {
    const pipeline =
      'from sklearn.pipeline import make_pipeline\nmodel = make_pipeline(StandardScaler(), LogisticRegression())\nmodel.fit(X_train, y_train)';
    assert.deepEqual(check(preprocessingOutsidePipeline, [IMPORTS, LOAD, SPLIT, pipeline, SAVE]), []);
    const together = [
      'joblib.dump(scaler, "models/scaler.joblib")',
      'joblib.dump({"scaler": scaler, "model": model}, "models/bundle.joblib")',
      'joblib.dump((scaler, model), "models/bundle.joblib")',
    ];
    for (const extra of together) {
      assert.deepEqual(check(preprocessingOutsidePipeline, [IMPORTS, LOAD, SPLIT, SCALE, FIT, SAVE, extra]), [], extra);
    }
    assert.deepEqual(check(preprocessingOutsidePipeline, [IMPORTS, LOAD, SPLIT, SCALE, FIT]), []);
    const raw = [IMPORTS, LOAD, SPLIT, SCALE, 'model = LogisticRegression().fit(X_train, y_train)', SAVE];
    assert.deepEqual(check(preprocessingOutsidePipeline, raw), []);
  });

  it('reports pandas get_dummies as info unless the columns are saved', () => {
    const cells = [
      IMPORTS,
      'df = pd.read_csv("data/customers.csv")\ndf = pd.get_dummies(df, columns=["plan", "region"])',
      'X, y = df.drop(columns=["churned"]), df["churned"]\n' + SPLIT,
      'model = LogisticRegression(max_iter=1000).fit(X_train, y_train)',
      SAVE,
    ];
    const [f] = check(preprocessingOutsidePipeline, cells);
    assert.equal(f?.severity, 'info');
    assert.match(f?.message ?? '', /pd\.get_dummies/);
    assert.equal(f?.related?.[0]?.cellIndex, 1);
    const columns = 'import json\nwith open("models/columns.json", "w") as fh:\n    json.dump(list(X.columns), fh)';
    assert.deepEqual(check(preprocessingOutsidePipeline, [...cells, columns]), []);
  });

  it('honours suppression comments', () => {
    const cells = [IMPORTS, LOAD, SPLIT, SCALE, FIT, SAVE + '  # liftoff: ignore[preprocessing-outside-pipeline]'];
    assert.deepEqual(check(preprocessingOutsidePipeline, cells), []);
  });
});
