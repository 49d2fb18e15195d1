import { strict as assert } from 'node:assert';
import { modelNotPersisted } from '../../../src/core/rules/model-not-persisted';
import { pickleOnlyPersistence } from '../../../src/core/rules/pickle-only-persistence';
import { check, textAt } from '../helpers';

const TRAIN = [
  'import pandas as pd\nfrom sklearn.model_selection import train_test_split\nfrom sklearn.ensemble import RandomForestClassifier\nfrom sklearn.linear_model import LogisticRegression',
  'df = pd.read_csv("data/churn.csv")\nX, y = df.drop(columns="churn"), df["churn"]\nX_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)',
  'lr = LogisticRegression(max_iter=1000)\nlr.fit(X_train, y_train)',
  'rf = RandomForestClassifier(random_state=0)\nrf.fit(X_train, y_train)\nprint(rf.score(X_test, y_test))',
];

describe('rule model-not-persisted (LO601)', () => {
  it('reports once, on the last fit, when no model is saved', () => {
    const findings = check(modelNotPersisted, TRAIN);
    assert.equal(findings.length, 1);
    assert.equal(findings[0]?.severity, 'info');
    assert.equal(findings[0]?.cellIndex, 3);
    assert.match(textAt(TRAIN, findings[0]!), /rf\.fit/);
    assert.match(findings[0]?.message ?? '', /rf \(RandomForestClassifier\) is trained here, but no model is saved/);
  });

  it('knows every portable format, whatever its package, also called by its bare name', () => {
    for (const save of [
      'from torch.onnx import export\nexport(net, x, "m.onnx")',
      'from onnx import save_model\nsave_model(m, "m.onnx")',
      'from onnxmltools.convert import convert_lightgbm\nconvert_lightgbm(m)',
      'from tf2onnx.convert import from_keras\nfrom_keras(m)',
      'from hummingbird.ml import convert\nconvert(m, "torch")',
      'from tensorflow.saved_model import save\nsave(m, "out")',
      'from keras.saving import save_model\nsave_model(m, "m.keras")',
      'from safetensors.torch import save_file\nsave_file(sd, "m.safetensors")',
      'from bentoml.sklearn import save_model\nsave_model("rf", rf)',
      'from wandb import log_artifact\nlog_artifact(art)',
      'from neptune import log_model\nlog_model(rf)',
      'from comet_ml import log_model\nlog_model(rf)',
    ]) {
      assert.deepEqual(check(modelNotPersisted, [...TRAIN, save]), [], save);
    }
  });

  it('is quiet when anything saves a model', () => {
    for (const save of [
      'import joblib\njoblib.dump(rf, "models/rf.joblib")',
      'import skops.io as sio\nsio.dump(rf, "rf.skops")',
      'from skl2onnx import to_onnx\nonx = to_onnx(rf, X_train[:1])',
      'import mlflow\nmlflow.sklearn.log_model(rf, "model")',
      'booster.save_model("model.json")',
      'import pickle\nwith open("rf.pkl", "wb") as f:\n    pickle.dump(rf, f)',
    ]) {
      assert.deepEqual(check(modelNotPersisted, [...TRAIN, save]), [], save);
    }
    assert.deepEqual(check(modelNotPersisted, ['import mlflow\nmlflow.autolog()', ...TRAIN]), []);
  });

  it('is quiet when nothing is trained', () => {
    assert.deepEqual(check(modelNotPersisted, TRAIN.slice(0, 2)), []);
    assert.deepEqual(
      check(modelNotPersisted, ['from sklearn.preprocessing import StandardScaler\ns = StandardScaler().fit(X)']),
      [],
    );
  });
});

describe('rule pickle-only-persistence (LO602)', () => {
  it('reports the first pickle/joblib dump of a model, with the others as related locations', () => {
    const cells = [
      ...TRAIN,
      'import joblib\njoblib.dump(rf, "models/rf.joblib")',
      'import pickle\nwith open("lr.pkl", "wb") as f:\n    pickle.dump(lr, f)',
    ];
    const findings = check(pickleOnlyPersistence, cells);
    assert.equal(findings.length, 1);
    assert.equal(findings[0]?.cellIndex, 4);
    assert.equal(findings[0]?.severity, 'info');
    assert.match(findings[0]?.message ?? '', /saved only with joblib\.dump \(pickle\).*ONNX.*skops/);
    assert.equal(findings[0]?.related?.length, 1);
    assert.equal(findings[0]?.related?.[0]?.cellIndex, 5);
  });

  it('recognises models by name when the fit is not visible', () => {
    const findings = check(pickleOnlyPersistence, ['import joblib\njoblib.dump(best_model, "m.joblib")']);
    assert.equal(findings.length, 1);
  });

  it('is quiet when a portable format is also written, or when the pickle is not a model', () => {
    const portable = [...TRAIN, 'import joblib, skops.io\njoblib.dump(rf, "rf.joblib")\nskops.io.dump(rf, "rf.skops")'];
    assert.deepEqual(check(pickleOnlyPersistence, portable), []);
    const notModel = [
      ...TRAIN,
      'import pickle\npickle.dump(results, open("results.pkl", "wb"))\npickle.dump(df, open("df.pkl", "wb"))',
    ];
    assert.deepEqual(check(pickleOnlyPersistence, notModel), []);
  });
});
