/** `liftoff inspect <file...> [--bench] [--format text|json]`: a report per model artifact. */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { oneOf, parseCommandArgs } from './args';
import { inspectArtifact, type ArtifactReport } from '../core/models/inspect';
import { fileSource } from './file-source';
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
}

export async function runInspect(argv: readonly string[], io: CliIO, version: string): Promise<ExitCode> {
  const args = parseInspectArgs(argv);
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
      reports.push({ ...report, path: displayPath(absolute, io.cwd) });
    } finally {
      await handle.close();
    }
  }
  if (args.format === 'json') io.stdout.write(JSON.stringify({ version, reports }, null, 2) + '\n');
  else {
    const style = makeStyle(useColor(args, io));
    io.stdout.write(reports.map((r) => formatInspectText(r, r.path, style)).join('\n'));
  }
  return reports.some((r) => r.failed) ? ExitCode.Findings : ExitCode.Ok;
}

function parseInspectArgs(argv: readonly string[]): InspectArgs {
  const { values, positionals } = parseCommandArgs(argv, {
    bench: { type: 'boolean' },
    format: { type: 'string' },
    timeout: { type: 'string' },
    'no-color': { type: 'boolean' },
  });
  if (positionals.length === 0) throw new UsageError("'liftoff inspect' needs a model file");
  const format = oneOf('--format', values.format ?? 'text', ['text', 'json'] as const);
  const args: InspectArgs = {
    files: positionals,
    bench: values.bench === true,
    format,
    noColor: values['no-color'] === true,
  };
  if (values.timeout !== undefined) {
    const seconds = Number(values.timeout);
    if (!(seconds > 0)) throw new UsageError(`invalid value '${values.timeout}' for --timeout (expected seconds)`);
    args.timeoutMs = seconds * 1000;
  }
  return args;
}
