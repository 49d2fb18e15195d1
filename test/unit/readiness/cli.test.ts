import { strict as assert } from 'node:assert';
import { runCli as cli } from '../cli-helper';

describe('liftoff readiness', () => {
  it('prints the five sections, the section sums, the final score and the maturity level', async () => {
    const { code, stdout } = await cli(['readiness', 'examples/churn']);
    assert.equal(code, 0);
    for (const label of ['Data', 'Infrastructure', 'Evaluation', 'Monitoring & retraining', 'Business value']) {
      assert.match(stdout, new RegExp(`^${label}  \\d+ pass`, 'm'));
    }
    assert.match(stdout, /ML Test Score: Data 0\/7, Model 0\/7, Infrastructure 0\/7, Monitoring 0\/7; final score 0/);
    assert.match(stdout, /MLOps maturity: level 0/);
    assert.match(stdout, /Reported metrics: accuracy 0\.80/);
  });

  it('prints JSON with every item, its evidence and what moves it', async () => {
    const { stdout } = await cli(['readiness', 'examples/churn', '--format', 'json']);
    const report = JSON.parse(stdout) as { items: { id: string; why: string }[]; finalScore: number };
    assert.equal(report.items.length, 31);
    assert.equal(report.finalScore, 0);
    assert.ok(report.items.every((i) => i.why.length > 0));
  });

  it('prints markdown tables for pull-request comments', async () => {
    const { stdout } = await cli(['readiness', 'examples/churn', '--format', 'markdown']);
    assert.match(stdout, /^## Data \(/m);
    assert.match(stdout, /\| ✗ \| Training is reproducible \| Infra 1 \| 0 \|/);
  });

  it('fails the gate below --min-score', async () => {
    assert.equal((await cli(['readiness', 'examples/churn', '--min-score', '1'])).code, 1);
    assert.equal((await cli(['readiness', 'examples/churn', '--min-score', '0'])).code, 0);
  });

  it('rejects bad options and missing folders as usage errors', async () => {
    assert.equal((await cli(['readiness', '--format', 'sarif'])).code, 2);
    assert.equal((await cli(['readiness', '--min-score', 'high'])).code, 2);
    const missing = await cli(['readiness', 'no/such/folder']);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /cannot read 'no\/such\/folder'/);
  });

  it('reads a fixture project with a complete liftoff.yaml', async () => {
    const { stdout } = await cli(['readiness', 'test/fixtures/projects/complete']);
    assert.doesNotMatch(stdout, /no liftoff\.yaml/);
    assert.match(stdout, /✓ business-1/);
  });
});
