/**
 * End to end: scaffold the churn example, train a small model into the output with scikit-learn,
 * start the generated app with uvicorn on 127.0.0.1, and get the model's own predictions over HTTP.
 */
import * as assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { run } from '../../../src/cli/run';

const PYTHON = '/usr/bin/python3';
const EXAMPLE = path.join(__dirname, '..', '..', '..', 'examples', 'churn');
const FEATURES = ['tenure_months', 'monthly_charges', 'total_charges', 'support_calls'];

const TRAIN = `
import json, pickle, sys
import pandas as pd
from sklearn.ensemble import RandomForestClassifier
df = pd.read_csv(sys.argv[1]).dropna()
X = df[${JSON.stringify(FEATURES)}]
model = RandomForestClassifier(n_estimators=10, max_depth=4, random_state=0).fit(X, df["churned"])
with open(sys.argv[2], "wb") as f:
    pickle.dump(model, f)
rows = X.head(6).values.tolist()
print(json.dumps({"rows": rows, "predictions": model.predict(X.head(6)).tolist()}))
`;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function waitReady(base: string, server: ChildProcess, log: () => string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (server.exitCode !== null) throw new Error(`the app exited: ${log()}`);
    const ok = await fetch(`${base}/v2/health/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the app did not become ready: ${log()}`);
}

async function post(url: string, body: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

describe('scaffold end to end: the served example model answers like the model itself', function () {
  this.timeout(90_000);
  let dir: string;
  let server: ChildProcess | undefined;

  before(function () {
    const probe = spawnSync(PYTHON, ['-c', 'import fastapi, uvicorn, sklearn, pandas, prometheus_client'], {
      encoding: 'utf8',
    });
    if (probe.status !== 0) this.skip();
    dir = mkdtempSync(path.join(tmpdir(), 'liftoff-e2e-'));
  });

  after(() => {
    if (server && server.exitCode === null) server.kill('SIGTERM');
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('serves /predict, the v2 infer endpoint and /metrics', async () => {
    const io = {
      stdout: { write: () => true },
      stderr: { write: (t: string) => process.stderr.write(t) },
      cwd: EXAMPLE,
    };
    assert.equal(await run(['scaffold', 'serving', 'requirements', '--out', dir], io), 0);
    const trained = spawnSync(
      PYTHON,
      ['-c', TRAIN, path.join(EXAMPLE, 'data', 'customers.csv'), path.join(dir, 'model.pkl')],
      { encoding: 'utf8' },
    );
    assert.equal(trained.status, 0, trained.stderr);
    const expected = JSON.parse(trained.stdout) as { rows: number[][]; predictions: number[] };

    const port = await freePort();
    let log = '';
    server = spawn(
      PYTHON,
      ['-m', 'uvicorn', 'app.main:app', '--app-dir', dir, '--host', '127.0.0.1', '--port', String(port)],
      { cwd: dir },
    );
    server.stdout?.on('data', (d: Buffer) => (log += d.toString()));
    server.stderr?.on('data', (d: Buffer) => (log += d.toString()));
    const base = `http://127.0.0.1:${port}`;
    await waitReady(base, server, () => log);

    const instances = expected.rows.map((row) => Object.fromEntries(FEATURES.map((f, i) => [f, row[i]])));
    const predicted = await post(`${base}/predict`, { instances });
    assert.equal(predicted.status, 200, JSON.stringify(predicted.json));
    assert.deepEqual(predicted.json.predictions, expected.predictions);

    const tensor = {
      name: 'input-0',
      shape: [expected.rows.length, FEATURES.length],
      datatype: 'FP64',
      data: expected.rows.flat(),
    };
    const inferred = await post(`${base}/v2/models/churn/infer`, { id: 'r1', inputs: [tensor] });
    assert.equal(inferred.status, 200, JSON.stringify(inferred.json));
    const [output] = inferred.json.outputs as Array<{ data: unknown[] }>;
    assert.deepEqual(output.data, expected.predictions);
    assert.equal(inferred.json.id, 'r1');

    const bad = await post(`${base}/predict`, { instances: [{ tenure_months: 'many' }] });
    assert.equal(bad.status, 422);
    assert.equal((await post(`${base}/v2/models/other/infer`, { inputs: [tensor] })).status, 404);
    const wrongShape = await post(`${base}/v2/models/churn/infer`, { inputs: [{ ...tensor, shape: [1, 3] }] });
    assert.equal(wrongShape.status, 422);

    const metrics = await (await fetch(`${base}/metrics`)).text();
    assert.match(metrics, /model_requests_total\{endpoint="\/predict",status="200"\} 1\.0/);
    assert.match(metrics, /model_request_latency_seconds_bucket/);
    assert.match(metrics, /model_request_errors_total\{endpoint="\/predict",kind="client"\} 1\.0/);
  });
});
