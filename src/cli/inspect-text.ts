/** The text form of `liftoff inspect`: one block per file, the verdict first. */
import type { ArtifactReport } from '../core/models/inspect';
import type { CapacityProjection } from '../core/models/capacity';
import type { ArtifactLineage } from '../core/models/lineage/link';
import { formatType } from '../core/models/onnx/decode';
import type { OnnxHeader } from '../core/models/onnx/header';
import type { ProbeReport } from '../core/models/onnx/probe-types';
import type { PickleScanReport } from '../core/models/pickle/scan';
import { formatBytes } from '../core/models/source';
import type { Style } from './report-text';

export function formatInspectText(report: ArtifactReport, shown: string, style: Style): string {
  const lines = [`${style.bold(shown)}  ${report.kind}, ${formatBytes(report.fileBytes)}`];
  if (report.header && !report.header.ok) lines.push(`  ${style.severity('error', 'error')} ${report.header.reason}`);
  if (report.header?.ok) lines.push(...headerLines(report.header.header, style));
  if (report.probe) lines.push(...probeLines(report.probe, style));
  if (report.pickle) lines.push(...pickleLines(report.pickle, style));
  if (report.note) lines.push(`  ${report.note}`);
  if (report.capacity) lines.push(capacityLine(report.capacity, style));
  if (report.lineage) lines.push(lineageLine(report.lineage, style));
  return lines.join('\n') + '\n';
}

function headerLines(h: OnnxHeader, style: Style): string[] {
  const opsets = h.opsets.map((o) => `${o.domain} ${o.version}`).join(', ');
  const producer = [h.producerName, h.producerVersion].filter(Boolean).join(' ') || 'unknown producer';
  const params = h.initializers.parameters + h.constants.parameters;
  const out = [
    `  IR ${h.irVersion}, opsets ${opsets || 'none'}; ${producer}; graph '${h.graphName}'`,
    `  ${h.nodeCount} nodes: ${h.opTypes
      .slice(0, 8)
      .map((o) => `${o.op}×${o.count}`)
      .join(' ')}${h.opTypes.length > 8 ? ' …' : ''}`,
    `  ${params.toLocaleString('en-US')} parameters, ${formatBytes(h.initializers.bytes + h.constants.bytes)} of weights`,
    style.dim('  inputs:'),
    ...h.inputs.map((i) => `    ${i.name}: ${formatType(i.type)}`),
    style.dim('  outputs:'),
    ...h.outputs.map((o) => `    ${o.name}: ${formatType(o.type)}`),
  ];
  for (const ref of h.externalData)
    out.push(`  external data: ${ref.location} (${ref.tensors} tensors, ${formatBytes(ref.bytes)})`);
  for (const [key, value] of Object.entries(h.metadata)) out.push(style.dim(`  metadata ${key}: ${value}`));
  return out;
}

function probeLines(p: ProbeReport, style: Style): string[] {
  if (p.status !== 'ok') return [`  ${style.severity('error', 'error')} onnxruntime: ${p.reason ?? p.status}`];
  const out = [`  onnxruntime ${p.runtimeVersion}: loaded in ${ms(p.loadMs)}`];
  const smoke = p.smoke;
  if (smoke) {
    const feeds = smoke.feeds.map((f) => `${f.name} ${f.type}[${f.dims.join(',')}]`).join(', ');
    out.push(`  smoke run on synthetic ${feeds}: ${ms(smoke.ms)}`);
    out.push(
      smoke.deterministic
        ? '  deterministic: same input gave the same output twice'
        : `  ${style.severity('warning', 'warning')} not deterministic: the same input gave different outputs`,
    );
    for (const o of smoke.outputs.filter((x) => x.nan + x.inf > 0)) {
      out.push(`  ${style.severity('warning', 'warning')} output ${o.name} holds ${o.nan} NaN and ${o.inf} Inf values`);
    }
    if (smoke.skippedOutputs.length > 0) {
      out.push(style.dim(`  not fetched (non-tensor, e.g. ZipMap): ${smoke.skippedOutputs.join(', ')}`));
    }
  }
  for (const run of p.benchmark?.runs ?? []) {
    out.push(
      `  batch ${String(run.batch).padStart(3)}: p50 ${ms(run.p50Ms)}  p95 ${ms(run.p95Ms)}  p99 ${ms(run.p99Ms)}  ` +
        `${Math.round(run.throughput).toLocaleString('en-US')} rows/s (${run.iterations} runs)`,
    );
  }
  if (p.benchmark?.note) out.push(style.dim(`  ${p.benchmark.note}`));
  return out;
}

function pickleLines(r: PickleScanReport, style: Style): string[] {
  const container = r.compression ? `${r.container}, ${r.compression}-compressed` : r.container;
  const out = [`  ${container} pickle, protocol ${r.protocol ?? '0-1'}; ${r.references.length} imports`];
  for (const d of r.dangerous)
    out.push(`  ${style.severity('error', 'dangerous')} ${d.ref}: ${d.reason ?? ''}${d.entry ? ` (${d.entry})` : ''}`);
  for (const u of r.unknown)
    out.push(`  ${style.severity('warning', 'unknown')} ${u.ref}: not on the allow-list, review it`);
  for (const a of r.references.filter((x) => x.verdict === 'allowed')) out.push(style.dim(`  ${a.ref}`));
  for (const [lib, version] of Object.entries(r.versions)) out.push(`  saved with ${lib} ${version}`);
  if (!r.complete) out.push(`  ${style.severity('error', 'error')} scan incomplete: ${r.error ?? 'unknown reason'}`);
  for (const note of r.notes) out.push(style.dim(`  note: ${note}`));
  out.push(`  ${r.advice}`);
  return out;
}

function capacityLine(c: CapacityProjection, style: Style): string {
  if (c.ok) return `  cores needed: ${c.summary}`;
  if (c.overBudget) return `  ${style.severity('warning', 'warning')} ${c.reason}`;
  return style.dim(`  cores needed: unknown (${c.reason})`);
}

function lineageLine(l: ArtifactLineage, style: Style): string {
  if (l.status === 'stale' || l.status === 'orphan') return `  ${style.severity('warning', 'warning')} ${l.summary}`;
  return `  ${l.status === 'unknown' ? l.summary : style.dim(l.summary)}`;
}

function ms(value: number | undefined): string {
  if (value === undefined) return '?';
  return value < 10 ? `${value.toFixed(2)} ms` : `${value.toFixed(1)} ms`;
}
