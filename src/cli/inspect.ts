/** `liftoff inspect <file...> [--bench] [--format text|json]`: a report per model artifact. */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { oneOf, parseCommandArgs } from './args';
import { inspectArtifact, type ArtifactReport } from '../core/models/inspect';
import { projectCoresFor } from '../core/models/capacity';
import { toRelative, workspaceLineage } from '../core/models/lineage/workspace';
import { formatManifestError, loadManifest } from '../core/project/load';
import { MANIFEST_FILE } from '../core/project/manifest';
import { fileSource } from '../core/models/source';
import { useColor } from './color';
import { describeFsError, displayPath } from './discover';
import { ExitCode, UsageError } from './exit-codes';
import { formatInspectText } from './inspect-text';
import type { CliIO } from './io';
import { makeStyle } from './report-text';

interface InspectArgs {
  files: string[];
  bench: boolean;
  format: 'text' | 'json';
  timeoutMs?: number;
  noColor: boolean;
  /** The project: searched for the notebooks that write the files, and holding liftoff.yaml. */
  root: string;
  lineage: boolean;
}

export async function runInspect(argv: readonly string[], io: CliIO, version: string): Promise<ExitCode> {
  const args = parseInspectArgs(argv, io.cwd);
  const reports: ArtifactReport[] = [];
  for (const file of args.files) {
    const absolute = path.resolve(io.cwd, file);
    const handle = await fs.open(absolute, 'r').catch((error: unknown) => {
      throw new UsageError(`cannot read '${file}': ${describeFsError(error)}`, false);
    });
    try {
      const stat = await handle.stat();
      if (stat.isDirectory()) throw new UsageError(`cannot read '${file}': is a directory`, false);
      const probe = { bench: args.bench, ...(args.timeoutMs !== undefined ? { timeoutMs: args.timeoutMs } : {}) };
      const report = await inspectArtifact(absolute, fileSource(handle, stat.size), probe);
      reports.push({ ...report, path: absolute });
    } finally {
      await handle.close();
    }
  }
  const rootStat = await fs.stat(args.root).catch(() => undefined);
  if (!rootStat?.isDirectory()) throw new UsageError(`invalid value for --root: '${args.root}' is not a folder`, false);
  if (args.lineage) await addLineage(args.root, reports);
  if (reports.some((r) => r.probe?.benchmark)) await addCapacity(args.root, reports);
  for (const report of reports) report.path = displayPath(report.path, io.cwd);
  if (args.format === 'json') io.stdout.write(JSON.stringify({ version, reports }, null, 2) + '\n');
  else {
    const style = makeStyle(useColor(args, io));
    io.stdout.write(reports.map((r) => formatInspectText(r, r.path, style)).join('\n'));
  }
  return reports.some((r) => r.failed) ? ExitCode.Findings : ExitCode.Ok;
}

function parseInspectArgs(argv: readonly string[], cwd: string): InspectArgs {
  const { values, positionals } = parseCommandArgs(argv, {
    bench: { type: 'boolean' },
    format: { type: 'string' },
    timeout: { type: 'string' },
    'no-color': { type: 'boolean' },
    root: { type: 'string' },
    'no-lineage': { type: 'boolean' },
  });
  if (positionals.length === 0) throw new UsageError("'liftoff inspect' needs a model file");
  const format = oneOf('--format', values.format ?? 'text', ['text', 'json'] as const);
  const args: InspectArgs = {
    files: positionals,
    bench: values.bench === true,
    format,
    noColor: values['no-color'] === true,
    root: path.resolve(cwd, values.root ?? '.'),
    lineage: values['no-lineage'] !== true,
  };
  if (values.timeout !== undefined) {
    const seconds = Number(values.timeout);
    if (!(seconds > 0)) throw new UsageError(`invalid value '${values.timeout}' for --timeout (expected seconds)`);
    args.timeoutMs = seconds * 1000;
  }
  return args;
}

/** Which notebook cells write the inspected files, within `root` (the files count even when .gitignore hides them). */
async function addLineage(root: string, reports: ArtifactReport[]): Promise<void> {
  const lineage = await workspaceLineage(root, { artifacts: reports.map((r) => r.path) });
  for (const report of reports) {
    const relative = toRelative(root, report.path);
    const linked = lineage.artifacts.find((a) => a.path === relative);
    if (linked) report.lineage = linked;
  }
}

/** Cores needed for the volume and latency budget in the project's liftoff.yaml, from each benchmark. */
async function addCapacity(root: string, reports: ArtifactReport[]): Promise<void> {
  const text = await fs.readFile(path.join(root, MANIFEST_FILE), 'utf8').catch(() => undefined);
  const { manifest, errors, present } = loadManifest(text);
  for (const report of reports) {
    if (!report.probe?.benchmark) continue;
    if (!present) report.capacity = { ok: false, reason: `no ${MANIFEST_FILE} with business.predictionsPerDay` };
    else if (errors[0]) report.capacity = { ok: false, reason: `${MANIFEST_FILE}: ${formatManifestError(errors[0])}` };
    else report.capacity = projectCoresFor(manifest, report.probe.benchmark);
  }
}
