import { strict as assert } from 'node:assert';
import { readOnnxHeader, type OnnxHeader } from '../../../src/core/models/onnx/header';
import { formatType } from '../../../src/core/models/onnx/decode';
import { bufferSource } from '../../../src/core/models/source';
import { bigOnnxModel, countingSource, fixtureBytes } from './helpers';

async function header(name: string): Promise<OnnxHeader> {
  const report = await readOnnxHeader(bufferSource(fixtureBytes(name)));
  assert.ok(report.ok, `expected ${name} to read: ${report.ok ? '' : report.reason}`);
  return report.header;
}

describe('ONNX header reader', () => {
  it('reads an sklearn-shaped classifier: opsets with ai.onnx.ml, dynamic dims, the ZipMap output, metadata', async () => {
    const h = await header('linear-classifier-zipmap.onnx');
    assert.equal(h.irVersion, 8);
    assert.deepEqual(h.opsets, [
      { domain: 'ai.onnx', version: 13 },
      { domain: 'ai.onnx.ml', version: 1 },
    ]);
    assert.equal(h.producerName, 'skl2onnx-shaped');
    assert.equal(h.producerVersion, '1.0');
    assert.equal(h.graphName, 'LogisticRegression');
    assert.deepEqual(h.inputs, [{ name: 'float_input', type: { kind: 'tensor', elemType: 'float', dims: ['N', 4] } }]);
    assert.deepEqual(
      h.outputs.map((o) => `${o.name}: ${formatType(o.type)}`),
      ['output_label: tensor(int64)[N]', 'output_probability: seq(map(int64,tensor(float)))'],
    );
    assert.equal(h.nodeCount, 4);
    assert.deepEqual(
      h.opTypes.map((o) => o.op),
      ['Cast', 'ai.onnx.ml:LinearClassifier', 'ai.onnx.ml:Normalizer', 'ai.onnx.ml:ZipMap'],
    );
    assert.deepEqual(h.metadata, { trained_on: 'iris-like synthetic', author: 'liftoff fixtures' });
  });

  it('counts initializers, their parameters and bytes', async () => {
    const h = await header('matmul-add.onnx');
    assert.deepEqual(h.initializers, { count: 2, parameters: 15, bytes: 60, sparse: 0 });
    assert.deepEqual(h.opTypes, [
      { op: 'Add', count: 1 },
      { op: 'MatMul', count: 1 },
    ]);
  });

  it('lists several inputs with their element types', async () => {
    const h = await header('two-inputs.onnx');
    assert.deepEqual(
      h.inputs.map((i) => `${i.name}: ${formatType(i.type)}`),
      ['a: tensor(float)[batch,3]', 'b: tensor(float)[batch,3]', 'k: tensor(int64)[1]'],
    );
  });

  it('reads string inputs', async () => {
    const h = await header('string-input.onnx');
    assert.equal(formatType(h.inputs[0]!.type), 'tensor(string)[N,1]');
  });

  it('reports external data references with their size', async () => {
    const h = await header('external-missing.onnx');
    assert.deepEqual(h.externalData, [{ location: 'missing-weights.bin', tensors: 1, bytes: 48 }]);
    assert.equal(h.initializers.bytes, 48);
  });

  it('says a truncated model is truncated', async () => {
    const report = await readOnnxHeader(bufferSource(fixtureBytes('truncated.onnx')));
    assert.equal(report.ok, false);
    assert.ok(!report.ok && report.kind === 'truncated', JSON.stringify(report));
    assert.match(report.reason, /truncated: .*declares \d+ bytes, but the file ends at byte 138/);
  });

  it('says random bytes are not an ONNX model', async () => {
    const report = await readOnnxHeader(bufferSource(fixtureBytes('random-bytes.onnx')));
    assert.ok(!report.ok && report.kind === 'not-onnx', JSON.stringify(report));
  });

  it('names the look-alikes: empty files, Git LFS pointers, pickles, zips', async () => {
    const cases: Array<[string | Uint8Array, RegExp]> = [
      ['', /empty/],
      ['version https://git-lfs.github.com/spec/v1\noid sha256:abc\nsize 12\n', /Git LFS pointer/],
      [fixtureBytes('logreg.pkl'), /Python pickle/],
      [fixtureBytes('torch-like.pt'), /zip archive/],
      ['{"learner": {}}', /JSON/],
    ];
    for (const [content, expected] of cases) {
      const bytes = typeof content === 'string' ? Buffer.from(content) : content;
      const report = await readOnnxHeader(bufferSource(bytes));
      assert.ok(!report.ok, 'expected a failure');
      assert.match(report.reason, expected);
    }
  });

  it('never throws on any prefix of a real model', async () => {
    const bytes = fixtureBytes('linear-classifier-zipmap.onnx');
    let failures = 0;
    for (let end = 0; end < bytes.length; end++) {
      const report = await readOnnxHeader(bufferSource(bytes.subarray(0, end)));
      // A cut right after the graph still is a valid (shorter) model: protobuf cannot tell.
      if (!report.ok) failures++;
      if (!report.ok) assert.ok(report.reason.length > 0);
    }
    assert.ok(failures > bytes.length * 0.8, `${failures} of ${bytes.length} prefixes failed`);
  });

  it('skips the weights of a big model: 20 MB of raw_data cost no more than a window of reads', async () => {
    const source = countingSource(bigOnnxModel(5_000_000));
    const report = await readOnnxHeader(source);
    assert.ok(report.ok);
    assert.deepEqual(report.header.initializers, { count: 1, parameters: 5_000_000, bytes: 20_000_000, sparse: 0 });
    assert.ok(source.bytesRead < 1_000_000, `read ${source.bytesRead} bytes`);
  });

  it('counts weights kept in Constant nodes, also skipping their bytes', async () => {
    const source = countingSource(bigOnnxModel(5_000_000, true));
    const report = await readOnnxHeader(source);
    assert.ok(report.ok);
    assert.deepEqual(report.header.constants, { count: 1, parameters: 5_000_000, bytes: 20_000_000 });
    assert.deepEqual(report.header.opTypes, [{ op: 'Constant', count: 1 }]);
    assert.ok(source.bytesRead < 1_000_000, `read ${source.bytesRead} bytes`);
  });
});
