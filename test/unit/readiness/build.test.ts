import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { buildReadiness } from '../../../src/core/readiness/build';
import { ITEMS } from '../../../src/core/readiness/items';
import type { ReadinessReport } from '../../../src/core/readiness/types';
import { CHURN_NOTEBOOK, CLEAN_NOTEBOOK, ROOT, snapshotOf } from './helpers';

const COMPLETE_YAML = readFileSync(path.join(ROOT, 'test/fixtures/projects/complete/liftoff.yaml'), 'utf8');

const item = (report: ReadinessReport, id: string) => {
  const found = report.items.find((i) => i.id === id);
  assert.ok(found, `no item ${id}`);
  return found;
};

const CI = `name: ci
on:
  push:
  schedule:
    - cron: "0 3 * * 1"
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - run: pip install -r requirements.txt
      - run: npx liftoff check . --fail-on warning
      - run: pytest tests
      - run: papermill train.ipynb out.ipynb
      - run: npx liftoff readiness --min-score 1
      - run: docker build -t churn .
`;

const MATURE_PROJECT: Record<string, string> = {
  'train.ipynb': CLEAN_NOTEBOOK,
  'liftoff.yaml': COMPLETE_YAML,
  'requirements.txt': 'pandas==2.2.3\nscikit-learn==1.6.1\n',
  '.github/workflows/ci.yml': CI,
  '.github/dependabot.yml': 'version: 2\n',
  'tests/test_model.py': 'def test_predict(): pass\n',
  Dockerfile: 'FROM python:3.12-slim\n',
  'app.py': 'from fastapi import FastAPI\n',
  'monitoring/alerts.yml':
    'groups:\n- rules:\n  - alert: LatencyHigh\n    expr: latency_p95 > 0.1\n  - alert: AccuracyDrop\n    expr: accuracy < 0.8\n  - alert: Drift\n    expr: drift_psi > 0.2\n',
};

describe('readiness checklist', () => {
  it('lists the 28 ML Test Score tests, 7 per section, plus the business items', () => {
    const scored = ITEMS.filter((i) => i.mlTestScore !== undefined);
    assert.equal(scored.length, 28);
    for (const section of ['data', 'model', 'infra', 'monitor']) {
      assert.equal(scored.filter((i) => i.mlSection === section).length, 7);
    }
    assert.equal(new Set(ITEMS.map((i) => i.id)).size, ITEMS.length);
  });

  it('scores the churn example low and honestly, with the findings as reasons', async () => {
    const report = buildReadiness(await snapshotOf({ 'train.ipynb': CHURN_NOTEBOOK }));
    assert.equal(report.finalScore, 0);
    assert.equal(report.maturity.level, 0);
    assert.equal(item(report, 'infra-1').status, 'fail');
    assert.match(item(report, 'infra-1').why, /unseeded-randomness/);
    assert.match(item(report, 'infra-4').why, /preprocessing-leakage/);
    assert.ok((item(report, 'infra-4').findings ?? []).length > 0);
    assert.equal(item(report, 'model-5').status, 'fail');
    assert.match(item(report, 'model-5').why, /no baseline next to them: .*no-baseline/);
    assert.equal(item(report, 'model-5').findings?.[0]?.ruleName, 'no-baseline');
    assert.equal(item(report, 'business-1').status, 'fail');
    assert.deepEqual(
      report.business.metrics.map((m) => m.name),
      ['accuracy'],
    );
    assert.ok(
      report.items.every((i) => i.next !== undefined || i.status === 'pass'),
      'every open item says what moves it',
    );
  });

  it('scores a project with CI, tests, pins, Docker, monitoring and liftoff.yaml much higher', async () => {
    const report = buildReadiness(await snapshotOf(MATURE_PROJECT));
    assert.deepEqual(report.manifestErrors, []);
    assert.equal(item(report, 'infra-1').status, 'pass');
    assert.equal(item(report, 'infra-4').status, 'pass');
    assert.equal(item(report, 'model-1').status, 'pass');
    assert.equal(item(report, 'model-3').score, 0.5);
    assert.equal(item(report, 'monitor-6').status, 'pass');
    assert.equal(item(report, 'infra-6').status, 'partial');
    // Data tests are mostly reviews only people can attest, so Data is the lowest section here.
    assert.equal(report.finalScore, 1.5);
    assert.equal(report.sections.find((s) => s.section === 'data')?.score, 1.5);
    assert.equal(report.maturity.level, 4);
  });

  it('takes the final score as the minimum of the four section sums', async () => {
    const report = buildReadiness(await snapshotOf(MATURE_PROJECT));
    const sums = report.sections.map((s) => s.score);
    assert.equal(report.finalScore, Math.min(...sums));
    const data = report.items.filter((i) => i.mlSection === 'data').reduce((s, i) => s + i.score, 0);
    assert.equal(report.sections.find((s) => s.section === 'data')?.score, data);
  });

  it('raises an item with an attestation: done counts 0.5, automated 1', async () => {
    const yaml =
      'attestations:\n  - item: data-2\n    status: done\n    by: alice\n  - item: data-3\n    status: automated\n';
    const report = buildReadiness(await snapshotOf({ 'liftoff.yaml': yaml }));
    assert.equal(item(report, 'data-2').score, 0.5);
    assert.match(item(report, 'data-2').why, /attested done by alice/);
    assert.equal(item(report, 'data-3').score, 1);
  });

  it('never lets an attestation override findings', async () => {
    const yaml = 'attestations:\n  - item: infra-4\n    status: automated\n';
    const report = buildReadiness(await snapshotOf({ 'liftoff.yaml': yaml, 'train.ipynb': CHURN_NOTEBOOK }));
    assert.equal(item(report, 'infra-4').score, 0);
    assert.match(item(report, 'infra-4').why, /the findings stand/);
  });

  it('applies rule settings from liftoff.yaml to the analysis', async () => {
    const yaml = 'rules:\n  unseeded-randomness: off\n';
    const report = buildReadiness(await snapshotOf({ 'liftoff.yaml': yaml, 'train.ipynb': CHURN_NOTEBOOK }));
    assert.doesNotMatch(item(report, 'infra-1').why, /unseeded-randomness/);
  });

  it('stops the maturity level at the first level whose condition fails', async () => {
    const files = { ...MATURE_PROJECT, 'requirements.txt': 'pandas\n' };
    const report = buildReadiness(await snapshotOf(files));
    assert.equal(item(report, 'infra-1').status, 'partial');
    assert.equal(report.maturity.level, 1);
    assert.match(report.maturity.why, /Automated training/);
  });

  it('reports liftoff.yaml errors with positions and still builds the checklist', async () => {
    const report = buildReadiness(await snapshotOf({ 'liftoff.yaml': 'business:\n  predictionsPerDay: lots\n' }));
    assert.equal(report.manifestErrors[0]?.line, 2);
    assert.equal(report.items.length, ITEMS.length);
  });

  it('prices errors from the confusion matrix with the costs and volume', async () => {
    const report = buildReadiness(await snapshotOf({ 'train.ipynb': CLEAN_NOTEBOOK, 'liftoff.yaml': COMPLETE_YAML }));
    const { costPer1000, costPerDay } = report.business;
    // 6 FP x 5 + 12 FN x 120 = 1470 over 156 rows -> 9423.08 per 1,000; x 4 per day
    assert.ok(costPer1000 && Math.abs(costPer1000.low - 9423.08) < 0.01);
    assert.ok(costPerDay && Math.abs(costPerDay.high - 37692.31) < 0.01);
    assert.equal(item(report, 'business-3').status, 'pass');
  });
});
