/**
 * The monitoring, Kubernetes, model card and load test parts: checked by the tools that will read
 * them (promtool, yamllint, Python) and by structural checks against the serving app they belong to.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import type { ScaffoldContext } from '../../../src/core/scaffold/context';
import { inferContext } from '../../../src/core/scaffold/infer';
import { manifestFields } from '../../../src/core/scaffold/manifest-context';
import { planScaffold } from '../../../src/core/scaffold/plan';
import { BUILTIN, CHURN_MANIFEST, churnContext, MemoryFolder, TEMPLATES_DIR } from './fixtures';

const PYTHON = '/usr/bin/python3';

/** No liftoff.yaml at all: defaults and TODOs. */
const BARE = churnContext({ ...manifestFields(undefined, []), features: [] });

const VARIANTS: Record<string, ScaffoldContext> = {
  'with liftoff.yaml': churnContext(),
  'without liftoff.yaml': BARE,
};

async function render(parts: string[], context: ScaffoldContext): Promise<Map<string, string>> {
  const plan = await planScaffold(parts, context, new MemoryFolder(), [BUILTIN]);
  return new Map(plan.entries.map((e) => [e.path, e.content]));
}

function withFiles<T>(files: Map<string, string>, run: (dir: string) => T): T {
  const dir = mkdtempSync(path.join(tmpdir(), 'liftoff-parts-'));
  try {
    for (const [rel, content] of files) {
      mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      writeFileSync(path.join(dir, rel), content);
    }
    return run(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function has(tool: string, arg = '--version'): boolean {
  return spawnSync(tool, [arg], { encoding: 'utf8' }).error === undefined;
}

function run(tool: string, args: string[], cwd?: string): void {
  const r = spawnSync(tool, args, { encoding: 'utf8', cwd });
  assert.equal(r.status, 0, `${tool} ${args.join(' ')}\n${r.stdout}${r.stderr}`);
}

/** yamllint on the YAML files among `files` (a part may also hold JSON or Python). */
function yamllint(files: Map<string, string>): void {
  const yamlFiles = [...files.keys()].filter((f) => /\.ya?ml$/.test(f));
  assert.ok(yamlFiles.length > 0);
  withFiles(files, (dir) =>
    run('yamllint', ['--strict', '-f', 'parsable', ...yamlFiles.map((f) => path.join(dir, f))]),
  );
}

/** The metric names and routes the serving template really has. */
const SERVING = readFileSync(path.join(TEMPLATES_DIR, 'serving', 'sklearn', 'main.py.hbs'), 'utf8');
const EXPORTED_METRICS = [...SERVING.matchAll(/(?:Counter|Histogram|Summary|Gauge)\("([a-z_]+)"/g)].map((m) => m[1]);
const ROUTES = [...SERVING.matchAll(/@app\.(?:get|post)\("([^"]+)"/g)].map((m) => m[1]);

describe('scaffold part monitoring', () => {
  for (const [name, context] of Object.entries(VARIANTS)) {
    it(`promtool accepts the scrape config and the alert rules (${name})`, async function () {
      if (!has('promtool')) this.skip();
      const files = await render(['monitoring'], context);
      withFiles(files, (dir) => {
        run('promtool', ['check', 'config', path.join(dir, 'monitoring', 'prometheus.yml')]);
        run('promtool', ['check', 'rules', path.join(dir, 'monitoring', 'alerts.yml')]);
      });
    });

    it(`passes yamllint --strict (${name})`, async function () {
      if (!has('yamllint')) this.skip();
      yamllint(await render(['monitoring'], context));
    });
  }

  it('alerts only on metrics the serving app exports, with the budget and volume from liftoff.yaml', async () => {
    assert.ok(EXPORTED_METRICS.length >= 5, `metrics found in the serving template: ${EXPORTED_METRICS}`);
    const alerts = (await render(['monitoring'], churnContext())).get('monitoring/alerts.yml') ?? '';
    const rules = (parse(alerts) as { groups: Array<{ rules: Array<Record<string, string>> }> }).groups[0].rules;
    const names = rules.map((r) => r.alert ?? r.record);
    for (const alert of [
      'ModelLatencySLOBreached',
      'ModelServerErrors',
      'ModelTrafficTooLow',
      'ModelTrafficTooHigh',
      'ModelInputDrift',
    ])
      assert.ok(names.includes(alert), `${alert} in ${names}`);
    const used = new Set(
      rules.flatMap((r) => [...r.expr.matchAll(/\b(model_[a-z_]+?)(?:_bucket|_sum|_count)?\{/g)].map((m) => m[1])),
    );
    for (const metric of used) assert.ok(EXPORTED_METRICS.includes(metric), `${metric} is not exported by app/main.py`);
    const expr = (alert: string) => rules.find((r) => r.alert === alert)?.expr ?? '';
    assert.match(expr('ModelLatencySLOBreached'), /\) > 0\.15\s*$/); // 150 ms from liftoff.yaml
    assert.match(expr('ModelTrafficTooLow'), /< 10000\s*$/); // a fifth of 50,000 a day
    assert.match(expr('ModelTrafficTooHigh'), /> 150000\s*$/);
  });

  it('defaults to a 200 ms budget and a no-traffic alert without liftoff.yaml', async () => {
    const alerts = (await render(['monitoring'], BARE)).get('monitoring/alerts.yml') ?? '';
    assert.match(alerts, /\) > 0\.2\n/);
    assert.match(alerts, /alert: ModelNoTraffic/);
    assert.doesNotMatch(alerts, /ModelTrafficTooLow/);
  });

  it('promtool test rules: the alerts fire on bad series and stay quiet on good ones', async function () {
    if (!has('promtool')) this.skip();
    const files = await render(['monitoring'], churnContext());
    files.set('monitoring/alerts.test.yml', RULE_TESTS);
    withFiles(files, (dir) => run('promtool', ['test', 'rules', 'alerts.test.yml'], path.join(dir, 'monitoring')));
  });
});

/** 10 req/s served in 0.1-0.25 s (p95 over a 150 ms budget), 5% of them 5xx; then 864k predictions/day. */
const RULE_TESTS = `rule_files:
  - alerts.yml
evaluation_interval: 1m
tests:
  - interval: 1m
    input_series:
      - series: 'model_request_latency_seconds_bucket{job="churn",endpoint="/predict",le="0.1"}'
        values: '0+0x30'
      - series: 'model_request_latency_seconds_bucket{job="churn",endpoint="/predict",le="0.25"}'
        values: '0+600x30'
      - series: 'model_request_latency_seconds_bucket{job="churn",endpoint="/predict",le="+Inf"}'
        values: '0+600x30'
      - series: 'model_requests_total{job="churn",endpoint="/predict",status="200"}'
        values: '0+570x30'
      - series: 'model_request_errors_total{job="churn",endpoint="/predict",kind="server"}'
        values: '0+30x30'
      - series: 'model_requests_total{job="churn",endpoint="/predict",status="500"}'
        values: '0+30x30'
      - series: 'up{job="churn",instance="churn:8080"}'
        values: '1x30'
    alert_rule_test:
      - eval_time: 20m
        alertname: ModelLatencySLOBreached
        exp_alerts:
          - exp_labels:
              severity: warning
            exp_annotations:
              summary: p95 prediction latency above 150 ms
              description: p95 is 242.5ms (last 5m).
      - eval_time: 20m
        alertname: ModelServerErrors
        exp_alerts:
          - exp_labels:
              severity: critical
            exp_annotations:
              summary: More than 1% of requests fail with a 5xx
              description: 'Server errors: 5%.'
      - eval_time: 20m
        alertname: ModelClientErrors
        exp_alerts: []
      - eval_time: 20m
        alertname: ModelTrafficTooHigh
        exp_alerts: []
  - interval: 1m
    input_series:
      - series: 'model_predictions_total{job="churn",value="0"}'
        values: '0+600x90'
    alert_rule_test:
      - eval_time: 80m
        alertname: ModelTrafficTooHigh
        exp_alerts:
          - exp_labels:
              severity: warning
            exp_annotations:
              summary: Far more predictions than 50000 per day
              description: 'At this pace: 864k per day.'
      - eval_time: 80m
        alertname: ModelTrafficTooLow
        exp_alerts: []
      - eval_time: 20m
        alertname: ModelServiceDown
        exp_alerts: []
`;

interface K8sDoc {
  apiVersion: string;
  kind: string;
  metadata: { name: string };
  spec: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

describe('scaffold part k8s', () => {
  it('passes yamllint --strict', async function () {
    if (!has('yamllint')) this.skip();
    yamllint(await render(['k8s'], churnContext()));
  });

  it('Deployment, Service, HPA and InferenceService agree with each other and with the serving app', async () => {
    const context = churnContext({ port: 9090 });
    const files = await render(['k8s'], context);
    const docs = [...files.values()].flatMap((text) => parseAllDocuments(text).map((d) => d.toJS() as K8sDoc));
    const byKind = new Map(docs.map((d) => [d.kind, d]));
    assert.deepEqual([...byKind.keys()].sort(), [
      'Deployment',
      'HorizontalPodAutoscaler',
      'InferenceService',
      'Service',
    ]);
    for (const doc of docs) assert.equal(doc.metadata.name, 'churn');

    const deployment = byKind.get('Deployment')!;
    assert.equal(deployment.apiVersion, 'apps/v1');
    assert.equal(deployment.spec.replicas, 3); // serving.replicas in liftoff.yaml
    assert.deepEqual(
      deployment.spec.selector.matchLabels,
      deployment.spec.template.metadata.labels === undefined
        ? {}
        : pick(deployment.spec.template.metadata.labels, Object.keys(deployment.spec.selector.matchLabels)),
    );
    const pod = deployment.spec.template.spec;
    assert.equal(pod.securityContext.runAsNonRoot, true);
    assert.ok(pod.securityContext.runAsUser > 0);
    const [container] = pod.containers;
    assert.equal(container.ports[0].containerPort, 9090);
    assert.equal(container.securityContext.allowPrivilegeEscalation, false);
    assert.ok(container.resources.requests.cpu && container.resources.limits.memory);
    assert.equal(container.livenessProbe.httpGet.path, '/v2/health/live');
    assert.equal(container.readinessProbe.httpGet.path, '/v2/health/ready');
    for (const probe of [container.livenessProbe, container.readinessProbe, container.startupProbe]) {
      assert.ok(ROUTES.includes(probe.httpGet.path), `${probe.httpGet.path} is a route of app/main.py`);
      assert.equal(probe.httpGet.port, container.ports[0].name);
    }

    const service = byKind.get('Service')!;
    assert.equal(service.apiVersion, 'v1');
    assert.deepEqual(service.spec.selector, deployment.spec.selector.matchLabels);
    assert.equal(service.spec.ports[0].targetPort, container.ports[0].name);
    assert.equal(service.spec.ports[0].port, 9090);

    const hpa = byKind.get('HorizontalPodAutoscaler')!;
    assert.equal(hpa.apiVersion, 'autoscaling/v2');
    assert.deepEqual(hpa.spec.scaleTargetRef, { apiVersion: 'apps/v1', kind: 'Deployment', name: 'churn' });
    assert.equal(hpa.spec.minReplicas, 3);
    assert.ok(hpa.spec.maxReplicas > hpa.spec.minReplicas);
    assert.equal(hpa.spec.metrics[0].resource.target.type, 'Utilization');

    const isvc = byKind.get('InferenceService')!;
    assert.equal(isvc.apiVersion, 'serving.kserve.io/v1beta1');
    const predictor = isvc.spec.predictor.containers[0];
    assert.equal(predictor.name, 'kserve-container');
    assert.equal(predictor.ports[0].containerPort, 9090);
    assert.equal(predictor.readinessProbe.httpGet.path, '/v2/health/ready');
    assert.equal(predictor.livenessProbe.httpGet.port, 9090);
  });

  it('the Prometheus scrape target is the Service', async () => {
    const files = await render(['k8s', 'monitoring'], churnContext());
    const service = parse(files.get('k8s/service.yaml') ?? '') as K8sDoc;
    const prometheus = parse(files.get('monitoring/prometheus.yml') ?? '') as {
      scrape_configs: Array<{ job_name: string; static_configs: Array<{ targets: string[] }> }>;
    };
    const job = prometheus.scrape_configs[0];
    assert.equal(job.job_name, 'churn');
    assert.deepEqual(job.static_configs[0].targets, [`${service.metadata.name}:${service.spec.ports[0].port}`]);
  });
});

function pick(labels: Record<string, string>, keys: string[]): Record<string, string> {
  return Object.fromEntries(keys.map((k) => [k, labels[k]]));
}

describe('scaffold part modelcard', () => {
  it("carries liftoff.yaml's business section", async () => {
    const card = (await render(['modelcard'], churnContext())).get('MODEL_CARD.md') ?? '';
    assert.match(card, /\| KPI the model moves \| monthly churn rate \|/);
    assert.match(card, /\| Owner \| retention-team@example.com \|/);
    assert.match(card, /\| Cost of a false negative \| 120 EUR \|/);
    assert.match(card, /\| Expected volume \| 50,000 predictions per day \|/);
    assert.match(card, /\| Latency budget \(p95\) \| 150 ms \|/);
    assert.match(card, /- Task: classification/);
    assert.match(card, /\| 3 \| `support_calls` \|/);
    assert.match(card, /## Limitations and risks/);
    assert.match(card, /## Metrics/);
  });

  it('says TODO, never an empty cell, when liftoff.yaml has no business goal', async () => {
    const card = (await render(['modelcard'], BARE)).get('MODEL_CARD.md') ?? '';
    assert.match(card, /\*\*TODO\*\*: `liftoff.yaml` declares no business goal/);
    assert.match(card, /- Task: \*\*TODO\*\*/);
    assert.match(card, /\*\*TODO\*\*: the feature names are not known/);
    assert.doesNotMatch(card, /: \n/);
  });
});

describe('scaffold part loadtest', () => {
  for (const [name, context] of Object.entries({
    ...VARIANTS,
    'odd feature names': churnContext({ projectName: 'a """ b\\' }),
  })) {
    it(`compiles with Python (${name})`, async function () {
      if (!existsSync(PYTHON)) this.skip();
      const files = await render(['loadtest'], context);
      withFiles(files, (dir) => run(PYTHON, ['-m', 'py_compile', path.join(dir, 'loadtest', 'load_test.py')]));
    });
  }

  it('sends a /predict body built from the feature names', async function () {
    if (!existsSync(PYTHON)) this.skip();
    const files = await render(['loadtest'], churnContext());
    const body = withFiles(files, (dir) => {
      const code =
        'import sys, json; sys.path.insert(0, "loadtest"); import load_test as t; print(t.build_payload(None, 2).decode())';
      const r = spawnSync(PYTHON, ['-c', code], { cwd: dir, encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
      return JSON.parse(r.stdout) as { instances: Array<Record<string, number>> };
    });
    assert.equal(body.instances.length, 2);
    assert.deepEqual(Object.keys(body.instances[0]), [
      'tenure_months',
      'monthly_charges',
      'total_charges',
      'support_calls',
    ]);
  });
});

describe('scaffold context from liftoff.yaml', () => {
  it('reads the latency budget, volume, replicas, port and model task', () => {
    const { context, notes } = inferContext({
      projectName: 'churn',
      notebooks: [],
      modelFiles: ['model.pkl'],
      liftoffPackage: 'liftoff@0.1.0',
      manifest: { ...CHURN_MANIFEST, serving: { replicas: 3, port: 9000 } },
    });
    assert.deepEqual(context.latency, { budgetMs: 150, budgetSeconds: 0.15, fromManifest: true });
    assert.deepEqual(context.traffic, { known: true, perDay: 50000, lowPerDay: 10000, highPerDay: 150000 });
    assert.equal(context.replicas, 3);
    assert.equal(context.port, 9000);
    assert.equal(context.modelTask, 'classification');
    assert.ok(notes.some((n) => n.includes('150 ms')));
  });

  it('falls back to 200 ms and unknown volume without one', () => {
    const { context } = inferContext({ projectName: 'p', notebooks: [], modelFiles: [], liftoffPackage: 'l@1' });
    assert.deepEqual(context.latency, { budgetMs: 200, budgetSeconds: 0.2, fromManifest: false });
    assert.equal(context.traffic.known, false);
    assert.equal(context.business.declared, false);
    assert.equal(context.replicas, 2);
  });
});
