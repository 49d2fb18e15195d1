import { strict as assert } from 'node:assert';
import { unsafeDeserialization } from '../../../src/core/rules/unsafe-deserialization';
import { applyEdits, check, textAt } from '../helpers';

describe('rule unsafe-deserialization (LO501)', () => {
  it('flags pickle, joblib, dill, cloudpickle and read_pickle loads, resolved through imports', () => {
    const cells = [
      'import pickle\nimport joblib as jl\nimport pandas as pd\nfrom dill import load as dload\nimport cloudpickle',
      [
        'with open("model.pkl", "rb") as f:',
        '    model = pickle.load(f)',
        'scaler = jl.load("scaler.joblib")',
        'df = pd.read_pickle("features.pkl")',
        'fn = dload(open("fn.dill", "rb"))',
        'obj = cloudpickle.loads(blob)',
      ].join('\n'),
    ];
    const findings = check(unsafeDeserialization, cells);
    assert.deepEqual(
      findings.map((f) => textAt(cells, f).replace(/\(.*$/, '')),
      ['pickle.load', 'jl.load', 'pd.read_pickle', 'dload', 'cloudpickle.loads'],
    );
    assert.equal(findings[0]?.severity, 'warning');
    assert.match(findings[0]?.message ?? '', /runs whatever code the file contains/);
    assert.match(findings[0]?.message ?? '', /ONNX/);
    assert.match(findings[0]?.message ?? '', /skops/);
  });

  it('flags torch.load without weights_only=True, with a fix that adds it', () => {
    const cells = [
      'import torch\nstate = torch.load("ckpt/best.pt", map_location="cpu")\nmodel.load_state_dict(state)',
    ];
    const [f, ...rest] = check(unsafeDeserialization, cells);
    assert.equal(rest.length, 0);
    assert.match(f?.message ?? '', /weights_only=True/);
    assert.equal(f?.fix?.title, 'Add weights_only=True');
    assert.equal(
      applyEdits(cells[0]!, f!.fix!.edits),
      'import torch\nstate = torch.load("ckpt/best.pt", map_location="cpu", weights_only=True)\nmodel.load_state_dict(state)',
    );
  });

  it('flags weights_only=False without a fix, and accepts weights_only=True', () => {
    const bad = check(unsafeDeserialization, ['import torch\ns = torch.load(p, weights_only=False)']);
    assert.equal(bad.length, 1);
    assert.equal(bad[0]?.fix, undefined);
    assert.deepEqual(check(unsafeDeserialization, ['import torch\ns = torch.load(p, weights_only=True)']), []);
  });

  it('turns yaml.load(f) into yaml.safe_load(f) and flags unsafe loaders', () => {
    const cells = [
      'import yaml\nwith open("config.yaml") as f:\n    cfg = yaml.load(f)\nraw = yaml.load(text, Loader=yaml.Loader)\nu = yaml.unsafe_load(text)',
    ];
    const findings = check(unsafeDeserialization, cells);
    assert.equal(findings.length, 3);
    assert.equal(findings[0]?.fix?.title, 'Use yaml.safe_load');
    assert.match(applyEdits(cells[0]!, findings[0]!.fix!.edits), /cfg = yaml\.safe_load\(f\)/);
    assert.match(findings[1]?.message ?? '', /with yaml\.Loader/);
    assert.equal(findings[1]?.fix, undefined);
  });

  it('accepts safe YAML loading', () => {
    const cells = [
      'import yaml\na = yaml.safe_load(f)\nb = yaml.load(f, Loader=yaml.SafeLoader)\nc = yaml.load(f, yaml.CSafeLoader)\nd = yaml.full_load(f)',
    ];
    assert.deepEqual(check(unsafeDeserialization, cells), []);
  });

  it('flags trust_remote_code=True on any call, and np.load with allow_pickle=True', () => {
    const cells = [
      'import numpy as np\nfrom transformers import AutoModel\nm = AutoModel.from_pretrained("org/model", trust_remote_code=True)\narr = np.load("x.npy", allow_pickle=True)',
    ];
    const findings = check(unsafeDeserialization, cells);
    assert.equal(findings.length, 2);
    assert.match(findings[0]?.message ?? '', /runs Python code from the model repository/);
    assert.match(findings[0]?.message ?? '', /pin revision=/);
    assert.match(findings[1]?.message ?? '', /allow_pickle=True/);
  });

  it('flags trust_remote_code=True on a callee no import resolves', () => {
    const cells = ['pipe = make_pipeline("text-generation", model=repo, trust_remote_code=True)\nm = loader()(repo)'];
    const findings = check(unsafeDeserialization, cells);
    assert.deepEqual(
      findings.map((f) => textAt(cells, f).replace(/\(.*$/s, '')),
      ['make_pipeline'],
    );
  });

  it('ignores look-alikes: json/np.load, methods named load on other objects, trust_remote_code=False', () => {
    const cells = [
      [
        'import json, numpy as np',
        'from transformers import AutoModel',
        'cfg = json.load(open("c.json"))',
        'arr = np.load("x.npy")',
        'model.load_state_dict(state)',
        'ds.load("train")',
        'm = AutoModel.from_pretrained("bert-base-uncased", trust_remote_code=False)',
        'pickle_path = "model.pkl"',
      ].join('\n'),
    ];
    assert.deepEqual(check(unsafeDeserialization, cells), []);
  });

  it('is silenced by a suppression comment', () => {
    const cells = ['import joblib\nm = joblib.load("m.joblib")  # liftoff: ignore[unsafe-deserialization]'];
    assert.deepEqual(check(unsafeDeserialization, cells), []);
  });
});
