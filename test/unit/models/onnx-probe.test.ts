import { strict as assert } from 'node:assert';
import { probeOnnx } from '../../../src/core/models/onnx/probe';
import { classifyRuntimeError, runtimeLogLines } from '../../../src/core/models/onnx/probe-errors';
import { concreteDims, percentile, syntheticInput } from '../../../src/core/models/onnx/synthetic';
import { fixture } from './helpers';

describe('ONNX runtime probe', function () {
  this.timeout(60_000);

  it('builds synthetic inputs: dynamic batch dims, other dynamic dims as 1, strings', () => {
    assert.deepEqual(concreteDims(['N', 3, 'seq'], 8), [8, 3, 1]);
    const s = syntheticInput({ name: 'city', type: 'string', shape: ['N', 1] }, 2);
    assert.deepEqual(s.data, ['a', 'a']);
    assert.throws(() => syntheticInput({ name: 'm', type: 'non-tensor', shape: [] }, 1), /not a tensor/);
    assert.equal(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 95), 10);
  });

  it('loads a ZipMap classifier, runs it, and leaves the non-tensor output out', async () => {
    const r = await probeOnnx(fixture('linear-classifier-zipmap.onnx'));
    assert.equal(r.status, 'ok', r.reason);
    assert.deepEqual(r.inputs, [{ name: 'float_input', type: 'float32', shape: ['N', 4] }]);
    assert.deepEqual(r.smoke?.skippedOutputs, ['output_probability']);
    assert.equal(r.smoke?.deterministic, true);
    assert.deepEqual(r.runtimeLog, []);
  });

  it('feeds string and multi-input models', async () => {
    for (const name of ['string-input.onnx', 'two-inputs.onnx', 'tree-classifier.onnx']) {
      const r = await probeOnnx(fixture(name));
      assert.equal(r.status, 'ok', `${name}: ${r.reason}`);
    }
  });

  it('flags NaN outputs and nondeterminism', async () => {
    const nan = await probeOnnx(fixture('nan-output.onnx'));
    assert.deepEqual(
      nan.smoke?.outputs.map((o) => o.nan),
      [2],
    );
    const noisy = await probeOnnx(fixture('nondeterministic.onnx'));
    assert.equal(noisy.smoke?.deterministic, false);
  });

  it('benchmarks batch sizes 1, 8 and 64 with percentiles and throughput', async () => {
    const r = await probeOnnx(fixture('matmul-add.onnx'), {
      bench: true,
      benchBudgetMs: 100,
      maxIterations: 50,
      warmup: 2,
    });
    assert.deepEqual(
      r.benchmark?.runs.map((x) => x.batch),
      [1, 8, 64],
    );
    for (const run of r.benchmark!.runs) {
      assert.ok(run.p50Ms <= run.p95Ms && run.p95Ms <= run.p99Ms);
      assert.ok(run.throughput > 0);
    }
  });

  it('explains load failures: missing external data, not ONNX', async () => {
    const missing = await probeOnnx(fixture('external-missing.onnx'));
    assert.equal(missing.status, 'load-failed');
    assert.equal(missing.failure, 'external-data-missing');
    const random = await probeOnnx(fixture('random-bytes.onnx'));
    assert.equal(random.failure, 'not-onnx');
  });

  it('stops at its timeout, and when cancelled, and reports progress', async () => {
    const slow = await probeOnnx(fixture('matmul-add.onnx'), { timeoutMs: 50 });
    assert.equal(slow.status, 'timeout');
    assert.match(slow.reason ?? '', /did not finish within/);
    const controller = new AbortController();
    const phases: string[] = [];
    const pending = probeOnnx(fixture('matmul-add.onnx'), {
      bench: true,
      signal: controller.signal,
      onProgress: (phase) => {
        phases.push(phase);
        if (phase.startsWith('benchmark')) controller.abort();
      },
    });
    const cancelled = await pending;
    assert.equal(cancelled.status, 'cancelled');
    assert.ok(phases.includes('smoke inference'), phases.join(', '));
  });

  it('stops a child that passes its memory cap', async () => {
    const r = await probeOnnx(fixture('matmul-add.onnx'), { maxMemoryMb: 20 });
    assert.equal(r.status, 'out-of-memory');
  });

  it('turns onnxruntime messages into sentences and clean log lines', () => {
    const c = classifyRuntimeError(
      '[ONNXRuntimeError] : 10 : INVALID_GRAPH : Load model failed: This is an invalid model. In Node, ("", Foo, "", -1) : No Op registered for Foo with domain_version of 13',
    );
    assert.equal(c.failure, 'unsupported-operator');
    assert.deepEqual(
      runtimeLogLines('\x1b[1;31m2025-01-01 10:00:00.123 [W:onnxruntime:, graph.cc:1] unused\x1b[m\n\n'),
      ['[W] unused'],
    );
  });
});
