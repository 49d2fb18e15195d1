/**
 * The ONNX serving app: its request schema is generated from the signature of real ONNX files (the
 * fixtures made by scripts/make-model-fixtures.py), and the app it renders compiles. There is no Python
 * onnxruntime on the test machines, so the app is not started here (see docs/scaffolding.md).
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { readOnnxHeader, type OnnxHeaderReport } from '../../../src/core/models/onnx/header';
import { bufferSource } from '../../../src/core/models/source';
import { toFeatures } from '../../../src/core/scaffold/context';
import { onnxSignature, withOnnxSignature } from '../../../src/core/scaffold/onnx-signature';
import { planScaffold } from '../../../src/core/scaffold/plan';
import { runCli } from '../cli-helper';
import { BUILTIN, churnContext, MemoryFolder } from './fixtures';

const PYTHON = '/usr/bin/python3';
const MODELS = path.join(__dirname, '..', '..', 'fixtures', 'models');
const FEATURES = toFeatures(['tenure_months', 'monthly_charges', 'total_charges', 'support_calls']);

async function header(name: string): Promise<OnnxHeaderReport> {
  return readOnnxHeader(bufferSource(readFileSync(path.join(MODELS, name))));
}

async function signature(name: string, features = FEATURES) {
  const report = await header(name);
  assert.ok(report.ok);
  return onnxSignature(report.header.inputs, report.header.outputs, features);
}

async function renderApp(name: string | undefined, features = FEATURES): Promise<string> {
  const notes: string[] = [];
  const base = churnContext({ modelFormat: 'onnx', modelPath: 'model.onnx', modelFileInImage: 'model.onnx', features });
  const context = withOnnxSignature(base, name === undefined ? undefined : await header(name), notes);
  const plan = await planScaffold(['serving'], context, new MemoryFolder(), [BUILTIN]);
  return plan.entries.find((e) => e.path === 'app/main.py')?.content ?? '';
}

function compiles(source: string): void {
  const dir = mkdtempSync(path.join(tmpdir(), 'liftoff-onnx-'));
  try {
    writeFileSync(path.join(dir, 'main.py'), source);
    const r = spawnSync(PYTHON, ['-m', 'py_compile', path.join(dir, 'main.py')], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('scaffold serving for ONNX: request schema from the signature', () => {
  it('a tabular classifier (sklearn-onnx with ZipMap) takes rows by feature name', async () => {
    const sig = await signature('linear-classifier-zipmap.onnx');
    assert.equal(sig.tabular, true);
    assert.deepEqual(sig.inputs[0], {
      name: 'float_input',
      ident: 'float_input',
      datatype: 'FP32',
      dtype: 'float32',
      shape: [-1, 4],
      pyShape: '[-1, 4]',
      batched: true,
      pyType: 'List[List[float]]',
      tensor: true,
    });
    assert.deepEqual(
      sig.outputs.map((o) => [o.name, o.datatype, o.tensor, o.pyShape]),
      [
        ['output_label', 'INT64', true, '[-1]'],
        ['output_probability', 'BYTES', false, 'None'],
      ],
    );
  });

  it('is not tabular when the width differs from the features, or no features are known', async () => {
    assert.equal((await signature('tree-classifier.onnx')).tabular, false); // 2 columns, 4 features
    assert.equal((await signature('linear-classifier-zipmap.onnx', [])).tabular, false);
  });

  it('several inputs: one field each, typed by element type and rank; fixed shapes are not batched', async () => {
    const sig = await signature('two-inputs.onnx');
    assert.equal(sig.tabular, false);
    assert.deepEqual(
      sig.inputs.map((i) => [i.name, i.pyType, i.pyShape, i.batched]),
      [
        ['a', 'List[List[float]]', '[-1, 3]', true],
        ['b', 'List[List[float]]', '[-1, 3]', true],
        ['k', 'List[int]', '[1]', false],
      ],
    );
    const strings = await signature('string-input.onnx');
    assert.deepEqual(
      [strings.inputs[0].datatype, strings.inputs[0].dtype, strings.inputs[0].pyType],
      ['BYTES', 'object', 'List[List[str]]'],
    );
  });

  it('renders the schema into the app: an Instance for tabular models, an Inputs model otherwise', async () => {
    const tabular = await renderApp('linear-classifier-zipmap.onnx');
    assert.match(
      tabular,
      /class Instance\(BaseModel\):\n[\s\S]*monthly_charges: float = Field\(\.\.\., alias="monthly_charges"\)/,
    );
    assert.match(tabular, /dict\(name="float_input", datatype="FP32", dtype="float32", shape=\[-1, 4\]\)/);
    assert.doesNotMatch(tabular, /class Inputs/);
    const multi = await renderApp('two-inputs.onnx');
    assert.match(multi, /class Inputs\(BaseModel\):\n[\s\S]*    k: List\[int\] = Field\(\.\.\., alias="k"\)/);
    assert.match(multi, /"k": as_array\(INPUTS\[2\], body\.inputs\.k\)/);
    const unknown = await renderApp(undefined);
    assert.match(unknown, /inputs: Dict\[str, Any\]/);
    assert.match(unknown, /INPUTS: List\[Dict\[str, Any\]\] = \[\n\]/);
  });

  for (const model of [
    'linear-classifier-zipmap.onnx',
    'two-inputs.onnx',
    'string-input.onnx',
    'tree-classifier.onnx',
    undefined,
  ]) {
    it(`the app compiles with Python (${model ?? 'signature unknown'})`, async function () {
      if (!existsSync(PYTHON)) this.skip();
      compiles(await renderApp(model));
    });
  }

  it('odd input names get Python identifiers and keep their names as aliases', () => {
    const sig = onnxSignature(
      [{ name: 'input:0', type: { kind: 'tensor', elemType: 'double', dims: ['N', 'M'] } }],
      [{ name: 'out', type: { kind: 'tensor', elemType: 'float' } }],
      [],
    );
    assert.equal(sig.inputs[0].ident, 'input_0');
    assert.equal(sig.inputs[0].pyShape, '[-1, -1]');
    assert.deepEqual([sig.outputs[0].pyShape, sig.outputs[0].pyType], ['None', 'Any']);
  });
});

describe('liftoff scaffold serving with an ONNX model (CLI)', () => {
  it('reads the signature from the model file and writes the onnxruntime app and requirements', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'liftoff-onnx-cli-'));
    try {
      mkdirSync(path.join(dir, 'models'));
      cpSync(path.join(MODELS, 'two-inputs.onnx'), path.join(dir, 'models', 'two-inputs.onnx'));
      const r = await runCli(['scaffold', 'serving', 'requirements', 'docker'], { cwd: dir });
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /ONNX signature: inputs a FP32\[-1, 3\], b FP32\[-1, 3\], k INT64\[1\]/);
      const app = readFileSync(path.join(dir, 'app', 'main.py'), 'utf8');
      assert.match(app, /ort\.InferenceSession/);
      assert.match(app, /"k": as_array/);
      assert.match(readFileSync(path.join(dir, 'requirements.txt'), 'utf8'), /^onnxruntime/m);
      assert.match(readFileSync(path.join(dir, 'Dockerfile'), 'utf8'), /MODEL_PATH=\/app\/model\.onnx/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
