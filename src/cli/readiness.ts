/** `liftoff readiness [path] [--format text|json|markdown] [--min-score X]`: the checklist, scores and maturity. */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { minScoreOption, oneOf, parseCommandArgs } from './args';
import { collectSnapshot } from '../core/readiness/collect';
import { buildReadiness } from '../core/readiness/build';
import { describeFsError, displayPath } from './discover';
import { ExitCode, UsageError } from './exit-codes';
import type { CliIO } from './io';
import { nodeProject } from './readiness-fs';
import { formatReadinessJson, formatReadinessMarkdown, formatReadinessText } from './readiness-format';

export const READINESS_HELP = `Usage: liftoff readiness [path] [options]

Score a project against Google's ML Test Score (28 tests; 0 / 0.5 manual / 1 automated; the final
score is the lowest of the four section sums) and derive its MLOps maturity level (0-4).
Reads liftoff.yaml (business goal, attestations), CI workflows, Dockerfile, requirements, tests,
monitoring configs, the notebooks' findings and printed metrics, and the model files: ONNX headers
and pickle scans (nothing is loaded or run unless --bench is given).

Options:
  --format <text|json|markdown>  Output format (default: text).
  --min-score <n>                Exit with 1 when the final score is below n (a CI gate).
  --bench                        Also run each ONNX model in onnxruntime (child process) and measure its
                                 latency, checked against business.latencyBudgetMs.
  -h, --help                     Show this help.
`;

type ReadinessFormat = 'text' | 'json' | 'markdown';

export async function runReadiness(argv: readonly string[], io: CliIO, version: string): Promise<ExitCode> {
  const options = parseReadinessArgs(argv);
  if (options.help) {
    io.stdout.write(READINESS_HELP);
    return ExitCode.Ok;
  }
  const root = path.resolve(io.cwd, options.path);
  const stat = await fs.stat(root).catch((error: unknown) => {
    throw new UsageError(`cannot read '${options.path}': ${describeFsError(error)}`, false);
  });
  if (!stat.isDirectory()) throw new UsageError(`'${options.path}' is not a folder`, false);
  const probe = options.bench ? { bench: true } : false;
  const report = buildReadiness(await collectSnapshot(nodeProject(root, probe)));
  const shown = displayPath(root, io.cwd);
  const write: Record<ReadinessFormat, () => string> = {
    text: () => formatReadinessText(shown, report),
    json: () => formatReadinessJson(version, report),
    markdown: () => formatReadinessMarkdown(shown, report),
  };
  io.stdout.write(write[options.format]());
  return options.minScore !== undefined && report.finalScore < options.minScore ? ExitCode.Findings : ExitCode.Ok;
}

interface ReadinessOptions {
  path: string;
  format: ReadinessFormat;
  minScore?: number;
  bench: boolean;
  help: boolean;
}

function parseReadinessArgs(argv: readonly string[]): ReadinessOptions {
  const { values, positionals } = parseCommandArgs(argv, {
    format: { type: 'string' },
    'min-score': { type: 'string' },
    'no-color': { type: 'boolean' },
    bench: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (positionals.length > 1) throw new UsageError(`'liftoff readiness' takes one folder, got ${positionals.length}`);
  const format = oneOf('--format', values.format ?? 'text', ['text', 'json', 'markdown'] as const);
  const options: ReadinessOptions = {
    path: positionals[0] ?? '.',
    format,
    bench: values.bench === true,
    help: values.help === true,
  };
  if (values['min-score'] !== undefined) options.minScore = minScoreOption(values['min-score']);
  return options;
}
