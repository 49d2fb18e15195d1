/**
 * The Grafana dashboard: valid JSON, panels that do not overlap, queries compiled by promtool that only
 * read metrics the serving app exports (or alerts.yml records), latency against the SLO from liftoff.yaml.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parse, stringify } from 'yaml';
import type { ScaffoldContext } from '../../../src/core/scaffold/context';
import { planScaffold } from '../../../src/core/scaffold/plan';
import { BUILTIN, churnContext, MemoryFolder, TEMPLATES_DIR } from './fixtures';

async function render(parts: string[], context: ScaffoldContext): Promise<Map<string, string>> {
  const plan = await planScaffold(parts, context, new MemoryFolder(), [BUILTIN]);
  return new Map(plan.entries.map((e) => [e.path, e.content]));
}

function has(tool: string): boolean {
  return spawnSync(tool, ['--version']).error === undefined;
}

const SERVING = readFileSync(path.join(TEMPLATES_DIR, 'serving', 'sklearn', 'main.py.hbs'), 'utf8');
const EXPORTED = new Set([...SERVING.matchAll(/(?:Counter|Histogram|Summary|Gauge)\("([a-z_]+)"/g)].map((m) => m[1]));

interface Panel {
  id: number;
  type: string;
  title: string;
  gridPos: { h: number; w: number; x: number; y: number };
  datasource: { type: string; uid: string };
  targets: Array<{ refId: string; expr: string; legendFormat: string }>;
  fieldConfig: { defaults: { thresholds?: { steps: Array<{ value: number | null }> } } };
}

describe('scaffold part monitoring: Grafana dashboard', () => {
  async function dashboard(context = churnContext()) {
    const files = await render(['monitoring'], context);
    const json = JSON.parse(files.get('monitoring/grafana-dashboard.json') ?? '') as {
      __inputs: Array<{ name: string }>;
      uid?: string;
      title: string;
      panels: Panel[];
    };
    return { json, files };
  }

  it('is valid JSON with unique panel ids, a datasource input and non-overlapping panels', async () => {
    const { json } = await dashboard(churnContext({ projectName: 'churn "quoted" \\ name' }));
    assert.equal(json.title, 'churn "quoted" \\ name');
    assert.equal(json.uid, undefined, 'Grafana gives it a uid on import (a slug could pass its 40-character limit)');
    assert.equal(new Set(json.panels.map((p) => p.id)).size, json.panels.length);
    const inputs = json.__inputs.map((i) => `\${${i.name}}`);
    const cells = new Set<string>();
    for (const panel of json.panels) {
      assert.ok(inputs.includes(panel.datasource.uid), `${panel.title}: datasource ${panel.datasource.uid}`);
      assert.ok(panel.targets.length > 0);
      for (let x = panel.gridPos.x; x < panel.gridPos.x + panel.gridPos.w; x++)
        for (let y = panel.gridPos.y; y < panel.gridPos.y + panel.gridPos.h; y++) {
          assert.ok(!cells.has(`${x},${y}`), `${panel.title} overlaps another panel`);
          cells.add(`${x},${y}`);
        }
    }
  });

  it('queries only metrics the serving app exports or alerts.yml records, for this job', async () => {
    const { json, files } = await dashboard();
    const alerts = parse(files.get('monitoring/alerts.yml') ?? '') as {
      groups: Array<{ rules: Array<{ record?: string }> }>;
    };
    const recorded = new Set(alerts.groups.flatMap((g) => g.rules.map((r) => r.record).filter(Boolean)));
    assert.ok(EXPORTED.size >= 5);
    for (const target of json.panels.flatMap((p) => p.targets)) {
      const metrics = [...target.expr.matchAll(/\b(model[a-z_:0-9]*?)(?:_bucket|_sum|_count)?\{/g)].map((m) => m[1]);
      assert.ok(metrics.length > 0, target.expr);
      for (const metric of metrics)
        assert.ok(EXPORTED.has(metric) || recorded.has(metric), `${metric} is neither exported nor recorded`);
      for (const selector of target.expr.matchAll(/\{([^}]*)\}/g)) assert.match(selector[1], /job="churn"/);
    }
  });

  it('shows request rate, error rate, p50/p95/p99 against the SLO, predictions and per-feature inputs', async () => {
    const { json } = await dashboard(); // churn: 150 ms budget in liftoff.yaml
    const titles = json.panels.map((p) => p.title).join('\n');
    for (const word of [/Request rate/, /Error rate/, /p50 \/ p95 \/ p99/, /Prediction distribution/, /per feature/])
      assert.match(titles, word);
    const latency = json.panels.find((p) => /p95/.test(p.title))!;
    const quantiles = latency.targets.map((t) => /histogram_quantile\(([0-9.]+),/.exec(t.expr)?.[1]);
    assert.deepEqual(quantiles, ['0.5', '0.95', '0.99']);
    assert.equal(latency.fieldConfig.defaults.thresholds?.steps[1].value, 0.15);
    assert.match(latency.title, /150 ms/);
  });

  it('every query compiles (promtool check rules, as recording rules)', async function () {
    if (!has('promtool')) this.skip();
    const { json } = await dashboard();
    const rules = json.panels.flatMap((p) =>
      p.targets.map((t) => ({ record: `dashboard:panel${p.id}:${t.refId.toLowerCase()}`, expr: t.expr })),
    );
    const dir = mkdtempSync(path.join(tmpdir(), 'liftoff-dash-'));
    try {
      writeFileSync(path.join(dir, 'queries.yml'), stringify({ groups: [{ name: 'dashboard', rules }] }));
      const r = spawnSync('promtool', ['check', 'rules', path.join(dir, 'queries.yml')], { encoding: 'utf8' });
      assert.equal(r.status, 0, r.stdout + r.stderr);
      assert.match(r.stdout, new RegExp(`SUCCESS: ${rules.length} rules found`));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
