import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { projectCores, projectCoresFor } from '../../../src/core/models/capacity';
import type { BenchmarkResult, LatencyStats } from '../../../src/core/models/onnx/probe-types';
import { loadManifest } from '../../../src/core/project/load';
import { runCli } from '../cli-helper';
import { fixture } from './helpers';
import { TempWorkspace } from './lineage-helpers';

const run = (batch: number, p95Ms: number, throughput: number): LatencyStats => ({
  batch,
  iterations: 100,
  meanMs: p95Ms * 0.8,
  p50Ms: p95Ms * 0.8,
  p95Ms,
  p99Ms: p95Ms * 1.2,
  throughput,
});

// Per-core rows/s grow with the batch, as they do for small models.
const BENCH: BenchmarkResult = {
  warmup: 10,
  intraOpThreads: 1,
  runs: [run(1, 0.5, 2_500), run(8, 1, 9_000), run(64, 5, 14_000)],
};

describe('cores needed', () => {
  it('projects cores from the peak rate, the best usable batch and 70% utilisation', () => {
    // 864M/day = 10,000/s on average, 30,000/s at the assumed 3x peak; batch 64 fits 50 ms and fills in time.
    const p = projectCores({ predictionsPerDay: 864_000_000, latencyBudgetMs: 50 }, BENCH);
    assert.ok(p.ok);
    assert.equal(p.averagePerSecond, 10_000);
    assert.equal(p.peakPerSecond, 30_000);
    assert.equal(p.peakFactorAssumed, true);
    assert.equal(p.batch, 64);
    assert.equal(p.cores, Math.ceil(30_000 / (14_000 * 0.7))); // 4
    assert.equal(p.cores, 4);
    assert.match(
      p.summary,
      /^4 cores for 864,000,000 predictions\/day: 30000\/s at peak \(3× the daily average, assumed\)/,
    );
  });

  it('uses batch 1 when traffic is too thin to fill a batch within the budget', () => {
    // 8,640/day = 0.1/s: nobody waits 50 ms for seven more requests.
    const p = projectCores({ predictionsPerDay: 8_640, latencyBudgetMs: 50, peakFactor: 1 }, BENCH);
    assert.ok(p.ok);
    assert.equal(p.batch, 1);
    assert.equal(p.cores, 1);
    assert.equal(p.peakFactorAssumed, false);
  });

  it('leaves out batch sizes whose p95 misses the budget, and says when none fits', () => {
    const tight = projectCores({ predictionsPerDay: 864_000_000, latencyBudgetMs: 2 }, BENCH);
    assert.ok(tight.ok);
    assert.equal(tight.batch, 8);
    assert.equal(tight.cores, Math.ceil(30_000 / (9_000 * 0.7)));
    const none = projectCores({ predictionsPerDay: 1000, latencyBudgetMs: 0.1 }, BENCH);
    assert.equal(none.ok, false);
    assert.ok(!none.ok && none.overBudget);
    assert.match(!none.ok ? none.reason : '', /p95 at batch 1 is 0\.50 ms, over the 0\.1 ms latency budget/);
  });

  it('splits cores over serving.replicas and needs a volume and a benchmark', () => {
    const { manifest } = loadManifest(
      'business:\n  predictionsPerDay: 864000000\n  latencyBudgetMs: 50\nserving:\n  replicas: 3\n',
    );
    const p = projectCoresFor(manifest, BENCH);
    assert.ok(p.ok);
    assert.equal(p.coresPerReplica, 2);
    assert.match(p.summary, /4 cores \(2 per replica × 3\)/);
    assert.equal(projectCores({}, BENCH).ok, false);
    assert.equal(projectCores({ predictionsPerDay: 1 }, undefined).ok, false);
  });

  it('liftoff inspect --bench prints the cores needed from liftoff.yaml', async function () {
    this.timeout(60_000);
    const ws = new TempWorkspace();
    try {
      ws.write('m.onnx', readFileSync(fixture('matmul-add.onnx')));
      ws.write('liftoff.yaml', 'business:\n  predictionsPerDay: 1000000\n  latencyBudgetMs: 100\n');
      const r = await runCli(['inspect', 'm.onnx', '--bench', '--format', 'json'], { cwd: ws.root });
      const report = (JSON.parse(r.stdout) as { reports: Array<{ capacity: { ok: boolean; cores: number } }> })
        .reports[0]!;
      assert.equal(report.capacity.ok, true);
      assert.equal(report.capacity.cores, 1);
      const text = await runCli(['inspect', 'm.onnx', '--bench'], { cwd: ws.root });
      assert.match(text.stdout, /cores needed: 1 core for 1,000,000 predictions\/day/);
    } finally {
      ws.dispose();
    }
  });
});
