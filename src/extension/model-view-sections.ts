/** The runtime (smoke run, benchmark) and pickle-scan parts of the model report page. Pure, no vscode import. */
import type { CapacityProjection } from '../core/models/capacity';
import type { ProbeReport } from '../core/models/onnx/probe-types';
import type { PickleReference, PickleScanReport } from '../core/models/pickle/scan';
import { html, table, type Html } from './model-view-markup';
import type { ModelViewState } from './model-view-html';

function ms(value: number | undefined): string {
  if (value === undefined) return '?';
  return value < 10 ? `${value.toFixed(2)} ms` : `${value.toFixed(1)} ms`;
}

export function probeSection(state: ModelViewState): Html {
  const probe = state.report?.probe;
  const head = html`<h2>Runtime</h2>`;
  if (state.phase === 'probing')
    return html`${head}
      <p class="muted">Running a smoke inference in onnxruntime…</p>`;
  if (state.runtimeNote !== undefined && !probe)
    return html`${head}
      <div class="box info">${state.runtimeNote}</div>`;
  if (!probe)
    return html`${head}
      <p class="muted">The runtime was not run.</p>`;
  return html`${head}${probeBody(probe)}${benchmarkSection(state, probe)}${runtimeLog(probe)}`;
}

function probeBody(p: ProbeReport): Html {
  if (p.status !== 'ok') {
    const kind = p.failure ? ` (${p.failure})` : '';
    const cls = p.status === 'run-failed' ? 'warning' : 'error';
    return html`<div class="box ${cls}"><strong>onnxruntime: ${p.status}${kind}.</strong> ${p.reason ?? ''}</div>`;
  }
  const smoke = p.smoke;
  const lines: unknown[] = [html`<p>onnxruntime ${p.runtimeVersion ?? '?'}: loaded in ${ms(p.loadMs)}.</p>`];
  if (smoke) {
    const feeds = smoke.feeds.map((f) => `${f.name} ${f.type}[${f.dims.join(', ')}]`).join('; ');
    lines.push(html`<p>Smoke run on synthetic inputs (${feeds}): ${ms(smoke.ms)}.</p>`);
    lines.push(
      smoke.deterministic
        ? html`<p><span class="badge good">deterministic</span> the same input gave the same output twice.</p>`
        : html`<div class="box warning">Not deterministic: the same input gave different outputs.</div>`,
    );
    const outputs = smoke.outputs.map((o) => [
      html`<code>${o.name}</code>`,
      o.type,
      `[${o.dims.join(', ')}]`,
      o.nan,
      o.inf,
    ]);
    if (outputs.length > 0) lines.push(table(['Output', 'Type', 'Dims', 'NaN', 'Inf'], outputs));
    for (const o of smoke.outputs.filter((x) => x.nan + x.inf > 0)) {
      lines.push(
        html`<div class="box warning">Output <code>${o.name}</code> holds ${o.nan} NaN and ${o.inf} Inf values.</div>`,
      );
    }
    if (smoke.skippedOutputs.length > 0) {
      lines.push(html`<p class="muted">Not fetched (non-tensor, e.g. ZipMap): ${smoke.skippedOutputs.join(', ')}</p>`);
    }
  }
  return html`${lines}`;
}

function benchmarkSection(state: ModelViewState, p: ProbeReport): Html {
  const head = html`<h2>Benchmark</h2>`;
  const button =
    state.canBenchmark && state.phase === 'ready' && p.status === 'ok'
      ? html`<p><button id="run-benchmark" type="button">Run benchmark</button></p>`
      : '';
  if (state.phase === 'benchmarking')
    return html`${head}
      <p class="muted">Benchmark running…</p>`;
  const bench = p.benchmark;
  if (!bench) {
    const hint = p.status === 'ok' ? 'Latency at batch sizes 1, 8 and 64, with warm-up.' : 'The model did not run.';
    return html`${head}
      <p class="muted">${hint}</p>
      ${button}`;
  }
  const rows = bench.runs.map((r) => [
    r.batch,
    ms(r.p50Ms),
    ms(r.p95Ms),
    ms(r.p99Ms),
    ms(r.meanMs),
    `${Math.round(r.throughput).toLocaleString('en-US')} rows/s`,
    r.iterations,
  ]);
  const threads = bench.intraOpThreads === 1 ? ' One intra-op thread: rows/s are per core.' : '';
  return html`${head}${table(['Batch', 'p50', 'p95', 'p99', 'Mean', 'Throughput', 'Runs'], rows, 'bench')}
    <p class="muted">
      After ${bench.warmup} warm-up runs per batch size.${threads}${bench.note ? ` ${bench.note}` : ''}
    </p>
    ${capacityLine(state.report?.capacity)} ${button}`;
}

function capacityLine(c: CapacityProjection | undefined): Html {
  if (!c) return html``;
  if (c.ok) return html`<p class="capacity"><strong>Cores needed:</strong> ${c.summary}.</p>`;
  if (c.overBudget) return html`<div class="box warning capacity">${c.reason}.</div>`;
  return html`<p class="muted capacity">Cores needed: unknown (${c.reason}).</p>`;
}

function runtimeLog(p: ProbeReport): Html {
  if (p.runtimeLog.length === 0) return html``;
  return html`<details>
    <summary>onnxruntime log (${p.runtimeLog.length} lines)</summary>
    <pre>${p.runtimeLog.join('\n')}</pre>
  </details>`;
}

function refRows(refs: PickleReference[]): unknown[][] {
  return refs.map((r) => [
    html`<code>${r.ref}</code>`,
    r.reason ?? '',
    r.count,
    r.entry ? `${r.entry} @${r.offset}` : `@${r.offset}`,
  ]);
}

export function pickleSection(r: PickleScanReport): Html {
  const container = r.compression ? `${r.container}, ${r.compression}-compressed` : r.container;
  const parts: unknown[] = [
    html`<div class="box warning"><strong>Pickle is an unsafe format.</strong> ${r.advice}</div>`,
    html`<h2>Scan</h2>
      <p>${container} · protocol ${r.protocol ?? '0–1'} · ${r.pickles} pickle(s) · ${r.references.length} imports</p>`,
  ];
  if (!r.complete) parts.push(html`<div class="box error">Scan incomplete: ${r.error ?? 'unknown reason'}</div>`);
  if (r.dangerous.length > 0) {
    parts.push(
      html`<h2 class="bad">Dangerous imports</h2>
        ${table(['Import', 'Why', 'Count', 'Where'], refRows(r.dangerous))}`,
    );
  }
  if (r.unknown.length > 0) {
    parts.push(
      html`<h2>Not on the allow-list</h2>
        ${table(['Import', 'Note', 'Count', 'Where'], refRows(r.unknown))}`,
    );
  }
  const allowed = r.references.filter((x) => x.verdict === 'allowed');
  if (allowed.length > 0)
    parts.push(
      html`<h2>Known library imports</h2>
        ${table(['Import', '', 'Count', 'Where'], refRows(allowed))}`,
    );
  const versions = Object.entries(r.versions);
  if (versions.length > 0)
    parts.push(
      html`<h2>Saved with</h2>
        ${table(['Library', 'Version'], versions)}`,
    );
  for (const note of r.notes) parts.push(html`<p class="muted">Note: ${note}</p>`);
  return html`${parts}`;
}
