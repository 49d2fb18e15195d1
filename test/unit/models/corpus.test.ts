/** Every real model in ../shared/corpus/onnx (when present) gives a report or a clear reason, never a crash. */
import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { readOnnxHeader } from '../../../src/core/models/onnx/header';
import { probeOnnx } from '../../../src/core/models/onnx/probe';
import { bufferSource } from '../../../src/core/models/source';

/** The built worker starts in a third of the time of the TypeScript one (no tsx), when `npm run build` ran. */
const BUILT_WORKER = path.resolve(__dirname, '../../../dist/onnx-worker.js');
const WORKER = existsSync(BUILT_WORKER) ? { workerPath: BUILT_WORKER, execArgv: [] } : {};

const CORPUS = path.resolve(__dirname, '../../../../shared/corpus/onnx');

function models(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? models(path.join(dir, e.name)) : e.name.endsWith('.onnx') ? [path.join(dir, e.name)] : [],
  );
}

describe('ONNX corpus (../shared/corpus/onnx)', function () {
  this.timeout(600_000);
  before(function () {
    if (!existsSync(CORPUS)) this.skip();
  });

  it('reads every header and probes every model: a report or a clear reason, the host alive', async () => {
    const summary = { ok: 0, failed: 0 };
    for (const file of models(CORPUS)) {
      const name = path.relative(CORPUS, file);
      const header = await readOnnxHeader(bufferSource(readFileSync(file)));
      assert.ok(header.ok, `${name}: ${header.ok ? '' : header.reason}`);
      const probe = await probeOnnx(file, { timeoutMs: 60_000, ...WORKER });
      if (probe.status === 'ok') summary.ok++;
      else {
        summary.failed++;
        assert.notEqual(probe.status, 'crashed', `${name}: ${probe.reason}`);
        assert.ok((probe.reason ?? '').length > 10, `${name}: no reason given`);
      }
    }
    assert.ok(summary.ok > summary.failed, JSON.stringify(summary));
  });
});
