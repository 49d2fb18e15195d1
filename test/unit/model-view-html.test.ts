import { strict as assert } from 'node:assert';
import { inspectArtifact, type ArtifactReport } from '../../src/core/models/inspect';
import type { OnnxHeader } from '../../src/core/models/onnx/header';
import type { ProbeReport } from '../../src/core/models/onnx/probe-types';
import { bufferSource } from '../../src/core/models/source';
import { parseViewMessage, renderModelView, type ModelViewState } from '../../src/extension/model-view-html';
import { escapeHtml } from '../../src/extension/model-view-markup';
import { fixture, fixtureBytes } from './models/helpers';

const ENV = { nonce: 'n0nce+/=', cspSource: 'https://file+.vscode-resource.example' };

async function report(name: string): Promise<ArtifactReport> {
  return inspectArtifact(fixture(name), bufferSource(fixtureBytes(name)), false);
}

function page(state: Partial<ModelViewState> & { report?: ArtifactReport }): string {
  return renderModelView({ title: 'model.onnx', phase: 'ready', canBenchmark: true, ...state }, ENV);
}

const okProbe = (extra: Partial<ProbeReport> = {}): ProbeReport => ({
  status: 'ok',
  runtimeVersion: '1.30.0',
  loadMs: 3.2,
  smoke: {
    ms: 0.4,
    feeds: [{ name: 'X', type: 'float32', dims: [1, 3] }],
    outputs: [{ name: 'Y', type: 'float32', dims: [1, 2], nan: 0, inf: 0 }],
    skippedOutputs: [],
    deterministic: true,
  },
  runtimeLog: [],
  elapsedMs: 120,
  ...extra,
});

/** A header whose every string is hostile markup, as a crafted model file could carry. */
function hostileHeader(): OnnxHeader {
  const evil = '<img src=x onerror=alert(1)><script>alert(2)</script>"\'&';
  return {
    irVersion: 8,
    opsets: [{ domain: evil, version: 1 }],
    producerName: evil,
    producerVersion: evil,
    domain: evil,
    modelVersion: 1,
    docString: evil,
    graphName: evil,
    inputs: [{ name: evil, type: { kind: 'tensor', elemType: 'float', dims: [evil, 3] } }],
    outputs: [{ name: evil, type: { kind: 'sequence', inner: { kind: 'map', keyType: evil } } }],
    nodeCount: 1,
    opTypes: [{ op: evil, count: 1 }],
    initializers: { count: 0, parameters: 0, bytes: 0, sparse: 0 },
    constants: { count: 0, parameters: 0, bytes: 0 },
    externalData: [{ location: evil, tensors: 1, bytes: 4 }],
    metadata: { [evil]: evil },
    localFunctions: 0,
    hasTrainingInfo: false,
  };
}

describe('model report page', () => {
  it('shows the signature with named dynamic dims, the op histogram, size and opsets of an ONNX model', async () => {
    const html = page({ report: await report('matmul-add.onnx') });
    assert.match(html, /<h2>Signature<\/h2>/);
    assert.match(html, /<span class="dyn" title="dynamic">N<\/span>/);
    assert.match(html, /<code>MatMul<\/code><\/td><td>1<\/td>/);
    assert.match(html, /<code>Add<\/code>/);
    assert.match(html, /ai\.onnx \d+/);
    assert.match(html, /Parameters/);
  });

  it('escapes every string from the model: names, metadata, doc string, ops, external data', () => {
    const hostile: ArtifactReport = {
      path: '<b>x</b>.onnx',
      kind: 'onnx',
      fileBytes: 10,
      failed: false,
      header: { ok: true, fileBytes: 10, header: hostileHeader(), warnings: ['<i>w</i>'] },
      probe: okProbe({ runtimeLog: ['<script>log</script>'] }),
    };
    const html = page({ report: hostile, title: '<svg onload=alert(3)>' });
    assert.ok(!html.includes('<img'), 'no injected img');
    assert.ok(!html.includes('<svg onload'), 'no injected svg');
    assert.ok(!html.includes('<b>x') && !html.includes('<i>w'), 'path and warnings escaped');
    assert.equal(html.match(/<script/g)?.length, 1, 'only the nonce-carrying script');
    assert.match(html, /&#60;img src=x onerror=alert\(1\)&#62;/);
  });

  it('sets a strict CSP with the nonce, loads nothing remote and uses no inline style attributes', async () => {
    const html = page({ report: await report('matmul-add.onnx') });
    const attr = /http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)?.[1] ?? '';
    const csp = attr.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)));
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /script-src 'nonce-n0nce\+\/='/);
    assert.ok(!csp.includes('unsafe-inline') && !csp.includes('unsafe-eval'));
    assert.ok(!/\b(src|href)="https?:/.test(html), 'no remote resources');
    assert.ok(!/\sstyle="/.test(html), 'inline style attributes would be blocked by the CSP');
    assert.match(html, /<style nonce="n0nce\+\/=">/);
    assert.match(html, /var\(--vscode-editor-background\)/);
  });

  it('has no script at all without the benchmark (pickle reports, Restricted Mode)', async () => {
    const html = page({ report: await report('logreg.pkl'), canBenchmark: false });
    assert.ok(!html.includes('<script'));
    assert.match(html, /script-src &#39;none&#39;/);
  });

  it('offers "Run benchmark" only once the model ran, and shows p50/p95/p99 and throughput per batch size', async () => {
    const base = await report('matmul-add.onnx');
    const button = '<button id="run-benchmark"';
    assert.ok(!page({ report: base, phase: 'probing' }).includes(button));
    assert.ok(!page({ report: { ...base, probe: okProbe() }, canBenchmark: false }).includes(button));
    const failed = okProbe({ status: 'load-failed', failure: 'unsupported-opset', reason: 'opset 6 <gone>' });
    const failedPage = page({ report: { ...base, probe: failed } });
    assert.ok(!failedPage.includes(button));
    assert.match(failedPage, /load-failed \(unsupported-opset\).*opset 6 &#60;gone&#62;/);
    assert.match(page({ report: { ...base, probe: okProbe() } }), /<button id="run-benchmark"/);
    const runs = [1, 8].map((batch) => ({
      batch,
      iterations: 100,
      meanMs: 0.5,
      p50Ms: 0.4,
      p95Ms: 0.9,
      p99Ms: 1.5,
      throughput: batch * 2000,
    }));
    const html = page({ report: { ...base, probe: okProbe({ benchmark: { warmup: 10, runs } }) } });
    assert.match(html, /<th>p50<\/th><th>p95<\/th><th>p99<\/th>/);
    assert.match(
      html,
      /<td>8<\/td><td>0\.40 ms<\/td><td>0\.90 ms<\/td><td>1\.50 ms<\/td><td>0\.50 ms<\/td><td>16,000 rows\/s<\/td>/,
    );
    assert.match(page({ report: { ...base, probe: okProbe() }, phase: 'benchmarking' }), /Benchmark running/);
  });

  it('shows the smoke run: determinism and NaN/Inf in outputs', async () => {
    const base = await report('matmul-add.onnx');
    const probe = okProbe();
    probe.smoke!.deterministic = false;
    probe.smoke!.outputs[0].nan = 2;
    const html = page({ report: { ...base, probe } });
    assert.match(html, /Not deterministic/);
    assert.match(html, /holds 2 NaN and 0 Inf/);
  });

  it('reports a file that is not ONNX with its reason', async () => {
    const html = page({ report: await report('random-bytes.onnx') });
    assert.match(html, /Not readable as ONNX/);
  });

  it("lists a malicious pickle's dangerous imports and never calls a pickle safe", async () => {
    const html = page({ report: await report('malicious-os-system.pkl'), canBenchmark: false });
    assert.match(html, /Dangerous imports/);
    assert.match(html, /<code>(os|posix)\.system<\/code>/);
    assert.match(html, /Pickle is an unsafe format/);
    assert.ok(!/\bsafe to load\b/i.test(html));
  });

  it('accepts only the runBenchmark message from the webview', () => {
    assert.deepEqual(parseViewMessage({ type: 'runBenchmark' }), { type: 'runBenchmark' });
    for (const bad of [null, 'runBenchmark', { type: 'run' }, { type: 'runBenchmark', path: '/etc' }, []]) {
      assert.equal(parseViewMessage(bad), undefined);
    }
  });

  it('escapes the five HTML-special characters', () => {
    assert.equal(escapeHtml(`<a href="x">'&'</a>`), '&#60;a href=&#34;x&#34;&#62;&#39;&#38;&#39;&#60;/a&#62;');
  });
});
