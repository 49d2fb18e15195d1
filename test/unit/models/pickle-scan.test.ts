import { strict as assert } from 'node:assert';
import { existsSync, rmSync } from 'node:fs';
import { scanPickleArtifact, type PickleScanReport } from '../../../src/core/models/pickle/scan';
import { bufferSource } from '../../../src/core/models/source';
import { fixtureBytes } from './helpers';

const MARKER = '/tmp/liftoff-pwned';

function scan(name: string): Promise<PickleScanReport> {
  return scanPickleArtifact(bufferSource(fixtureBytes(name)), { name });
}

function scanBytes(bytes: Uint8Array | string, name = 'x.pkl'): Promise<PickleScanReport> {
  return scanPickleArtifact(bufferSource(typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : bytes), { name });
}

const refs = (r: PickleScanReport): string[] => r.references.map((x) => x.ref);

describe('pickle scanner', () => {
  before(() => rmSync(MARKER, { force: true }));

  it('names the classes of a scikit-learn pickle and its recorded version', async () => {
    const r = await scan('logreg.pkl');
    assert.equal(r.protocol, 4);
    assert.ok(r.complete);
    assert.ok(refs(r).includes('sklearn.linear_model._logistic.LogisticRegression'));
    assert.ok(refs(r).includes('numpy.core.multiarray._reconstruct'));
    assert.deepEqual(r.versions, { sklearn: '1.2.1' });
    assert.deepEqual(r.dangerous, []);
  });

  it('never calls a file safe, even when it finds nothing dangerous', async () => {
    const r = await scan('logreg.pkl');
    assert.match(r.advice, /run code when loaded/);
    assert.match(r.advice, /ONNX/);
    assert.doesNotMatch(JSON.stringify(r), /\bis safe\b|safe to load|no risk/i);
  });

  it('flags os.system reached by a protocol-0 GLOBAL', async () => {
    const r = await scan('malicious-os-system.pkl');
    assert.deepEqual(
      r.dangerous.map((d) => [d.ref, d.reason]),
      [['os.system', 'runs shell commands or programs']],
    );
  });

  it('resolves STACK_GLOBAL through memoized strings (BINGET) and flags builtins.exec', async () => {
    const r = await scan('malicious-stack-global.pkl');
    assert.deepEqual(refs(r), ['builtins.exec']);
    assert.equal(r.dangerous.length, 1);
  });

  it('scans the data.pkl inside a deflated PyTorch zip', async () => {
    const r = await scan('malicious.pt');
    assert.equal(r.container, 'torch-zip');
    assert.deepEqual(
      r.dangerous.map((d) => [d.ref, d.entry]),
      [['builtins.exec', 'archive/data.pkl']],
    );
  });

  it('reads a torch-shaped checkpoint without flagging its rebuild helpers', async () => {
    const r = await scan('torch-like.pt');
    assert.ok(refs(r).includes('torch._utils._rebuild_tensor_v2'));
    assert.deepEqual(r.dangerous, []);
    assert.deepEqual(r.unknown, []);
  });

  it('steps over the NumPy arrays joblib writes inside its pickle, plain or zlib-compressed', async () => {
    for (const name of ['logreg.joblib', 'logreg-zlib.joblib']) {
      const r = await scan(name);
      assert.ok(r.complete, `${name}: ${r.error}`);
      assert.equal(r.container, 'joblib');
      assert.ok(refs(r).includes('joblib.numpy_pickle.NumpyArrayWrapper'));
      assert.deepEqual(r.versions, { sklearn: '1.2.1' });
      assert.ok(
        r.notes.some((n) => /4 NumPy array/.test(n)),
        r.notes.join('; '),
      );
    }
    assert.equal((await scan('logreg-zlib.joblib')).compression, 'zlib');
  });

  it('reports compressions it cannot open instead of guessing', async () => {
    const r = await scanBytes('BZh91AY&SY\x00\x00', 'model.joblib');
    assert.equal(r.compression, 'bz2');
    assert.equal(r.complete, false);
    assert.match(r.error ?? '', /bz2.*not scanned/);
  });

  it('marks imports whose names are computed, and unknown modules', async () => {
    // STACK_GLOBAL over a module name built by a call: the scanner cannot name it, so it says so.
    const unresolved = '\x80\x04cbuiltins\nstr\n\x8c\x02os\x85R\x8c\x06system\x93.';
    const r = await scanBytes(unresolved);
    assert.ok(
      r.notes.some((n) => /computed value/.test(n)),
      r.notes.join('; '),
    );
    const unknown = await scanBytes('cmylib.models\nThing\n.');
    assert.deepEqual(
      unknown.unknown.map((u) => u.ref),
      ['mylib.models.Thing'],
    );
  });

  it('gives a reason for truncated pickles and random bytes, never throwing', async () => {
    const truncated = await scanBytes(fixtureBytes('logreg.pkl').subarray(0, 200));
    assert.equal(truncated.complete, false);
    assert.match(truncated.error ?? '', /ends/);
    const random = await scanBytes(fixtureBytes('random-bytes.onnx'));
    assert.equal(random.complete, false);
    assert.ok(random.error);
  });

  it('never runs a payload: the malicious fixtures leave no marker file behind', async () => {
    for (const name of ['malicious-os-system.pkl', 'malicious-stack-global.pkl', 'malicious.pt']) await scan(name);
    assert.equal(existsSync(MARKER), false);
  });
});
