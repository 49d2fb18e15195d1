/**
 * Model files as readiness evidence, through `liftoff readiness` on a temporary project holding the real
 * fixtures of test/fixtures/models (made by scripts/make-model-fixtures.py): header reads and pickle scans
 * by default, the onnxruntime probe and benchmark with --bench.
 */
import { strict as assert } from 'node:assert';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { modelFacts } from '../../../src/core/readiness/evidence-models';
import { runCli } from '../cli-helper';
import { ROOT } from './helpers';

interface ItemJson {
  id: string;
  status: string;
  why: string;
  files?: string[];
}

const FIXTURES = path.join(ROOT, 'test/fixtures/models');

/** A project with these fixtures under models/ and an optional liftoff.yaml; returns the items by id. */
async function readiness(models: string[], manifest?: string, bench = false): Promise<Map<string, ItemJson>> {
  const dir = mkdtempSync(path.join(tmpdir(), 'liftoff-models-'));
  try {
    mkdirSync(path.join(dir, 'models'));
    for (const m of models) copyFileSync(path.join(FIXTURES, m), path.join(dir, 'models', m));
    if (manifest !== undefined) writeFileSync(path.join(dir, 'liftoff.yaml'), manifest);
    const { code, stdout, stderr } = await runCli([
      'readiness',
      dir,
      '--format',
      'json',
      ...(bench ? ['--bench'] : []),
    ]);
    assert.equal(code, 0, stderr);
    const items = (JSON.parse(stdout) as { items: ItemJson[] }).items;
    return new Map(items.map((i) => [i.id, i]));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('readiness: model files as evidence', function () {
  this.timeout(60_000);

  it('fails Data 5 on a pickle that runs code when loaded, naming the import and the file', async () => {
    const item = (await readiness(['malicious-os-system.pkl'])).get('data-5')!;
    assert.equal(item.status, 'fail');
    assert.match(item.why, /models\/malicious-os-system\.pkl imports .*system/);
    assert.deepEqual(item.files, ['models/malicious-os-system.pkl']);
  });

  it('leaves Data 5 to an attestation when the pickles are plain models', async () => {
    assert.equal((await readiness(['logreg.pkl'])).get('data-5')!.status, 'unknown');
  });

  it('counts a valid ONNX model as a serving-ready format for Infra 5, without running it', async () => {
    const item = (await readiness(['matmul-add.onnx'])).get('infra-5')!;
    assert.equal(item.status, 'partial');
    assert.match(item.why, /models\/matmul-add\.onnx: ONNX, a portable format onnxruntime runs/);
  });

  it('fails Infra 5 on an ONNX file that is not a loadable model', async () => {
    const item = (await readiness(['truncated.onnx'])).get('infra-5')!;
    assert.equal(item.status, 'fail');
    assert.match(item.why, /^models\/truncated\.onnx cannot be run outside the notebook: /);
  });

  it('with --bench: fails Monitor 5 on NaN outputs of the smoke run', async () => {
    const items = await readiness(['nan-output.onnx'], undefined, true);
    const item = items.get('monitor-5')!;
    assert.equal(item.status, 'fail');
    assert.match(item.why, /models\/nan-output\.onnx outputs NaN or infinite values on a smoke input/);
  });

  it('with --bench: checks the measured latency against business.latencyBudgetMs (Monitor 6)', async () => {
    const over = (await readiness(['matmul-add.onnx'], 'business:\n  latencyBudgetMs: 0.000001\n', true)).get(
      'monitor-6',
    )!;
    assert.equal(over.status, 'fail');
    assert.match(
      over.why,
      /^measured p95 latency [\d.]+ ms at batch 1 \(models\/matmul-add\.onnx\) is over the 0\.000001 ms budget/,
    );
    const within = (await readiness(['matmul-add.onnx'], 'business:\n  latencyBudgetMs: 60000\n', true)).get(
      'monitor-6',
    )!;
    assert.equal(within.status, 'partial');
    assert.match(within.why, /measured p95 [\d.]+ ms at batch 1 \(models\/matmul-add\.onnx\), within it$/);
    const infra5 = (await readiness(['matmul-add.onnx'], undefined, true)).get('infra-5')!;
    assert.match(infra5.why, /loads and answers a smoke input in onnxruntime/);
  });

  it('reads facts from reports alone (no report: no model evidence)', () => {
    const facts = modelFacts([]);
    assert.deepEqual(
      [facts.unsafePickles, facts.servable, facts.broken, facts.nonFinite, facts.latency],
      [[], [], [], [], []],
    );
  });
});
