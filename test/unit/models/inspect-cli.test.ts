import { strict as assert } from 'node:assert';
import { runCli as cli } from '../cli-helper';
import { artifactKind, discoverArtifacts } from '../../../src/core/models/discover';

const DIR = 'test/fixtures/models';

describe('liftoff inspect', function () {
  this.timeout(60_000);

  it('reports an ONNX model: signature, ops, runtime smoke run; exit 0', async () => {
    const r = await cli(['inspect', `${DIR}/matmul-add.onnx`]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /X: tensor\(float\)\[N,4\]/);
    assert.match(r.stdout, /2 nodes: Add×1 MatMul×1/);
    assert.match(r.stdout, /onnxruntime 1\.\d+\.\d+: loaded in/);
    assert.equal(r.stderr, '');
  });

  it('prints JSON with --format json, the benchmark with --bench', async () => {
    const r = await cli(['inspect', `${DIR}/matmul-add.onnx`, '--format', 'json', '--bench']);
    const json = JSON.parse(r.stdout) as { reports: Array<{ probe: { benchmark: { runs: unknown[] } } }> };
    assert.equal(json.reports[0]!.probe.benchmark.runs.length, 3);
  });

  it('exits 1 when a model does not load or a pickle names dangerous imports', async () => {
    assert.equal((await cli(['inspect', `${DIR}/truncated.onnx`])).code, 1);
    assert.equal((await cli(['inspect', `${DIR}/external-missing.onnx`])).code, 1);
    const pickle = await cli(['inspect', `${DIR}/malicious-os-system.pkl`]);
    assert.equal(pickle.code, 1);
    assert.match(pickle.stdout, /dangerous os\.system: runs shell commands/);
    assert.equal((await cli(['inspect', `${DIR}/logreg.pkl`])).code, 0);
  });

  it('exits 2 on a path that cannot be read, or without a file', async () => {
    const r = await cli(['inspect', 'no/such/model.onnx']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /cannot read 'no\/such\/model.onnx': no such file or directory/);
    assert.equal((await cli(['inspect'])).code, 2);
    assert.equal((await cli(['inspect', DIR])).code, 2);
  });
});

describe('model artifact discovery', () => {
  it('recognises the issue list of formats by extension, and names for generic ones', async () => {
    const files = [
      'm.onnx',
      'a/b.pkl',
      'x.pickle',
      'y.joblib',
      'w.pt',
      'w.pth',
      'k.h5',
      'k.keras',
      's.safetensors',
      'b.ubj',
      'xgb_model.json',
      'config.json',
      'lgbm-model.txt',
      'notes.txt',
      'c.cbm',
    ].map((p) => ({ path: p, size: p === 'm.onnx' ? 2_000 : 10 }));
    const found = await discoverArtifacts({ listFiles: () => Promise.resolve(files) }, 1_000);
    assert.deepEqual(
      found.map((f) => `${f.path}:${f.kind}${f.overCap ? ':big' : ''}`),
      [
        'a/b.pkl:pickle',
        'b.ubj:xgboost',
        'c.cbm:catboost',
        'k.h5:keras',
        'k.keras:keras',
        'lgbm-model.txt:lightgbm',
        'm.onnx:onnx:big',
        's.safetensors:safetensors',
        'w.pt:torch',
        'w.pth:torch',
        'x.pickle:pickle',
        'xgb_model.json:xgboost',
        'y.joblib:joblib',
      ],
    );
    assert.equal(artifactKind('notes.txt'), undefined);
  });
});
