/**
 * The HTML of the model report webviews (the `.onnx` custom editor and the pickle report panel), built
 * by a pure function from an ArtifactReport. No `vscode` import, so it runs under plain mocha. It lives
 * in extension/ rather than core/ because HTML for a webview (CSP, nonce, VS Code theme variables) is
 * this face's business; the CLI prints text and JSON.
 *
 * Every interpolated value goes through the `html` tag, which escapes it unless it is already Html:
 * model files are untrusted input (names, doc strings, metadata and pickle imports are attacker text).
 */
import type { ArtifactReport } from '../core/models/inspect';
import { formatType, type Dim, type OnnxValueInfo } from '../core/models/onnx/decode';
import type { OnnxHeader } from '../core/models/onnx/header';
import { formatBytes } from '../core/models/source';
import { MODEL_VIEW_CSS } from './model-view-css';
import { Html, html, table } from './model-view-markup';
import { lineageSection } from './model-view-lineage';
import { pickleSection, probeSection } from './model-view-sections';

/** Where the view is: the header is shown at once, the runtime results when the child process answers. */
export type ModelViewPhase = 'reading' | 'probing' | 'ready' | 'benchmarking';

export interface ModelViewState {
  /** File name shown as the title. */
  title: string;
  phase: ModelViewPhase;
  report?: ArtifactReport;
  /** Why the runtime was not run (e.g. Restricted Mode), shown in place of its results. */
  runtimeNote?: string;
  /** Show the "Run benchmark" button (the ONNX editor, when the runtime may run). */
  canBenchmark: boolean;
  /** A failure of the view itself (file unreadable), not of the model. */
  error?: string;
  /** The workspace folder's URI, for the links that reveal the notebook cell writing the file. */
  workspaceUri?: string;
}

export interface WebviewEnv {
  /** Fresh per render; the only script and style elements carry it. */
  nonce: string;
  /** `webview.cspSource`. */
  cspSource: string;
}

/** The one message the view sends; anything else is dropped. */
export type ViewMessage = { type: 'runBenchmark' };

export function parseViewMessage(raw: unknown): ViewMessage | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const keys = Object.keys(raw);
  return keys.length === 1 && (raw as { type?: unknown }).type === 'runBenchmark'
    ? { type: 'runBenchmark' }
    : undefined;
}

export function renderModelView(state: ModelViewState, env: WebviewEnv): string {
  const scripts = state.canBenchmark;
  const csp = [
    "default-src 'none'",
    `img-src ${env.cspSource} data:`,
    `style-src 'nonce-${env.nonce}'`,
    scripts ? `script-src 'nonce-${env.nonce}'` : "script-src 'none'",
  ].join('; ');
  const body = html`<h1>${state.title}</h1>
    ${summaryLine(state)}${bodySections(state)}${lineageSection(state.report?.lineage, state.workspaceUri)}`;
  return html`<!DOCTYPE html>
    <html lang="en">
      <head>
        <meta charset="UTF-8" />
        <meta http-equiv="Content-Security-Policy" content="${csp}" />
        <meta name="viewport" content="width=device-width, initial-scale=1.0" />
        <title>${state.title}</title>
        <style nonce="${env.nonce}">
          ${new Html(MODEL_VIEW_CSS)}
        </style>
      </head>
      <body>
        ${body} ${scripts ? benchScript(env.nonce) : ''}
      </body>
    </html> `.value;
}

function benchScript(nonce: string): Html {
  return html`<script nonce="${nonce}">
    const vscode = acquireVsCodeApi();
    const button = document.getElementById('run-benchmark');
    if (button)
      button.addEventListener('click', () => {
        button.disabled = true;
        vscode.postMessage({ type: 'runBenchmark' });
      });
  </script>`;
}

function summaryLine(state: ModelViewState): Html {
  const r = state.report;
  if (state.error !== undefined) return html`<div class="box error">${state.error}</div>`;
  if (!r) return html`<p class="muted">Reading the file…</p>`;
  const verdict = r.failed ? html`<span class="badge bad">needs attention</span>` : '';
  return html`<p class="muted">${r.path} · ${r.kind} · ${formatBytes(r.fileBytes)} ${verdict}</p>`;
}

function bodySections(state: ModelViewState): Html {
  const r = state.report;
  if (!r) return html``;
  if (r.header && !r.header.ok) {
    return html`<div class="box error">
      <strong>Not readable as ONNX (${r.header.kind}).</strong> ${r.header.reason}
    </div>`;
  }
  if (r.header?.ok) {
    const h = r.header.header;
    return html`${headerWarnings(r.header.warnings)}${overview(h)}${signature(h)}${opsHistogram(h)}${externalData(h)}${metadata(h)}${probeSection(state)}`;
  }
  if (r.pickle) return pickleSection(r.pickle);
  return html`<p>${r.note ?? 'Nothing to show for this file.'}</p>`;
}

function headerWarnings(warnings: string[]): Html {
  return html`${warnings.map((w) => html`<div class="box warning">${w}</div>`)}`;
}

function overview(h: OnnxHeader): Html {
  const producer = [h.producerName, h.producerVersion].filter(Boolean).join(' ') || 'unknown';
  const params = h.initializers.parameters + h.constants.parameters;
  const rows: Array<[string, unknown]> = [
    ['Producer', producer],
    ['IR version', h.irVersion],
    ['Opsets', h.opsets.map((o) => `${o.domain} ${o.version}`).join(', ') || 'none'],
    ['Graph', h.graphName || '(unnamed)'],
    ['Nodes', h.nodeCount.toLocaleString('en-US')],
    ['Parameters', params.toLocaleString('en-US')],
    [
      'Weights',
      `${formatBytes(h.initializers.bytes + h.constants.bytes)} (${h.initializers.count} initializers, ${h.constants.count} constants)`,
    ],
  ];
  if (h.domain) rows.push(['Model domain', h.domain]);
  if (h.modelVersion) rows.push(['Model version', h.modelVersion]);
  if (h.localFunctions > 0) rows.push(['Local functions', h.localFunctions]);
  if (h.hasTrainingInfo) rows.push(['Training info', 'present']);
  if (h.docString) rows.push(['Description', h.docString]);
  return html`<h2>Overview</h2>
    <table class="kv">
      <tbody>
        ${rows.map(
          ([k, v]) =>
            html`<tr>
              <th>${k}</th>
              <td>${v}</td>
            </tr>`,
        )}
      </tbody>
    </table>`;
}

function dimCell(dims: Dim[] | undefined): Html {
  if (dims === undefined) return html`<span class="muted">any rank</span>`;
  const parts = dims.map((d) =>
    typeof d === 'string'
      ? html`<span class="dyn" title="dynamic">${d}</span>`
      : d === null
        ? html`<span class="dyn">?</span>`
        : html`${d}`,
  );
  return html`[${parts.map((p, i) => (i === 0 ? p : html`, ${p}`))}]`;
}

function signatureRows(role: string, values: OnnxValueInfo[]): unknown[][] {
  return values.map((v) => {
    const tensor = v.type.kind === 'tensor' || v.type.kind === 'sparse_tensor';
    return [
      role,
      html`<code>${v.name}</code>`,
      tensor ? (v.type.elemType ?? '?') : formatType(v.type),
      tensor ? dimCell(v.type.dims) : '—',
    ];
  });
}

function signature(h: OnnxHeader): Html {
  const rows = [...signatureRows('input', h.inputs), ...signatureRows('output', h.outputs)];
  return html`<h2>Signature</h2>
    ${table(['', 'Name', 'Type', 'Dims'], rows, 'signature')}
    <p class="muted">Named dimensions are dynamic.</p>`;
}

function opsHistogram(h: OnnxHeader): Html {
  if (h.opTypes.length === 0) return html``;
  const max = Math.max(...h.opTypes.map((o) => o.count));
  const rows = h.opTypes.map((o) => [
    html`<code>${o.op}</code>`,
    o.count,
    html`<svg class="bar" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true">
      <rect width="${((100 * o.count) / max).toFixed(1)}" height="10" />
    </svg>`,
  ]);
  return html`<h2>Operators</h2>
    ${table(['Op', 'Count', ''], rows, 'ops')}`;
}

function externalData(h: OnnxHeader): Html {
  if (h.externalData.length === 0) return html``;
  const rows = h.externalData.map((e) => [html`<code>${e.location}</code>`, e.tensors, formatBytes(e.bytes)]);
  return html`<h2>External data</h2>
    ${table(['File', 'Tensors', 'Bytes'], rows)}`;
}

function metadata(h: OnnxHeader): Html {
  const entries = Object.entries(h.metadata);
  if (entries.length === 0) return html``;
  return html`<h2>Metadata</h2>
    ${table(
      ['Key', 'Value'],
      entries.map(([k, v]) => [html`<code>${k}</code>`, v]),
    )}`;
}
