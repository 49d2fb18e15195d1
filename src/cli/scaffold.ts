/**
 * `liftoff scaffold [parts...] --out DIR [--dry-run] [--force]`: analyse the project, plan the files,
 * print the plan, and write it as one unit. A file that differs from what we would write is never
 * overwritten without --force: the whole write is refused (exit 1) and nothing changes.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { name as packageName, version } from '../../package.json';
import { FactsCache } from '../core/analysis/cache';
import type { CellFacts } from '../core/analysis/facts';
import { readNotebook } from '../core/notebook/read';
import { applyWrites, decideWrites } from '../core/scaffold/apply';
import type { ScaffoldContext } from '../core/scaffold/context';
import { HelperError } from '../core/scaffold/helpers';
import { inferContext, type InferredContext } from '../core/scaffold/infer';
import { UnsafePathError } from '../core/scaffold/paths';
import {
  planScaffold,
  resolveParts,
  ScaffoldError,
  type ScaffoldPlan,
  type TemplateSource,
} from '../core/scaffold/plan';
import { TemplateError } from '../core/scaffold/render';
import { describeFsError, displayPath } from './discover';
import { ExitCode, UsageError } from './exit-codes';
import type { CliIO } from './io';
import { parseScaffoldArgs, type ScaffoldArgs } from './scaffold-args';
import { builtinTemplatesDir, folderTemplates, nodeFolder, readModelHeader, scanProject } from './scaffold-fs';
import { withOnnxSignature } from '../core/scaffold/onnx-signature';
import { SCAFFOLD_HELP } from './scaffold-help';
import { formatManifestError, loadManifest } from '../core/project/load';
import { MANIFEST_FILE } from '../core/project/manifest';

export async function runScaffold(argv: readonly string[], io: CliIO): Promise<ExitCode> {
  const args = parseScaffoldArgs(argv);
  if (args.help) {
    io.stdout.write(SCAFFOLD_HELP);
    return ExitCode.Ok;
  }
  try {
    return await scaffold(args, io);
  } catch (error) {
    // Errors the user can fix (unknown part, template override, unsafe path, failed write) are not crashes.
    if (
      error instanceof ScaffoldError ||
      error instanceof TemplateError ||
      error instanceof UnsafePathError ||
      error instanceof HelperError
    ) {
      throw new UsageError(error.message, false);
    }
    throw error;
  }
}

async function scaffold(args: ScaffoldArgs, io: CliIO): Promise<ExitCode> {
  const parts = resolveParts(args.parts).map((p) => p.id);
  const project = path.resolve(io.cwd, args.project ?? '.');
  await requireDirectory(project, args.project ?? '.');
  const out = path.resolve(io.cwd, args.out ?? args.project ?? '.');
  const { manifestTemplates, ...inferred } = await analyseProject(project, out, args, io);
  const templates: TemplateSource[] = [];
  // --templates, else scaffold.templates in liftoff.yaml (relative to the project), file by file.
  const overrides =
    args.templates !== undefined
      ? { dir: path.resolve(io.cwd, args.templates), shown: args.templates }
      : manifestTemplates !== undefined
        ? {
            dir: path.resolve(project, manifestTemplates),
            shown: `${manifestTemplates} (scaffold.templates in ${MANIFEST_FILE})`,
          }
        : undefined;
  if (overrides !== undefined) {
    await requireDirectory(overrides.dir, overrides.shown);
    templates.push(folderTemplates(overrides.dir, `overrides in ${displayPath(overrides.dir, io.cwd)}`));
  }
  templates.push(folderTemplates(builtinTemplatesDir(), 'built-in'));
  const folder = nodeFolder(out);
  const plan = await planScaffold(parts, inferred.context, folder, templates);
  printPlan(io, displayPath(out, io.cwd), parts, inferred, plan);
  const decision = await decideWrites(plan, args.force ? 'all' : 'never');
  if (decision.refused.length > 0) {
    const files = decision.refused.map((e) => e.path).join(', ');
    io.stderr.write(
      `liftoff: not written: ${files} already exist${decision.refused.length > 1 ? '' : 's'} with different content.\n`,
    );
    io.stderr.write('Nothing was written. Review the differences, then run again with --force to overwrite them.\n');
    return ExitCode.Findings;
  }
  if (args.dryRun) {
    io.stdout.write(`Dry run: nothing written (${decision.write.length} file(s) would be written).\n`);
    return ExitCode.Ok;
  }
  await applyWrites(decision.write, folder);
  io.stdout.write(`Wrote ${decision.write.length} file(s); ${decision.identical.length} already up to date.\n`);
  return ExitCode.Ok;
}

async function requireDirectory(dir: string, shown: string): Promise<void> {
  const stat = await fs.stat(dir).catch((error: unknown) => {
    throw new UsageError(`cannot read '${shown}': ${describeFsError(error)}`, false);
  });
  if (!stat.isDirectory()) throw new UsageError(`'${shown}' is not a folder`, false);
}

async function analyseProject(
  project: string,
  out: string,
  args: ScaffoldArgs,
  io: CliIO,
): Promise<InferredContext & { manifestTemplates?: string }> {
  const scan = await scanProject(project);
  const cache = new FactsCache();
  const notebooks: Array<{ path: string; cells: CellFacts[] }> = [];
  for (const nb of scan.notebooks) {
    const text = await fs.readFile(path.join(project, nb), 'utf8').catch(() => undefined);
    const read = text === undefined ? undefined : readNotebook(nb, text);
    if (read?.ok !== true) {
      io.stderr.write(
        `liftoff: warning: ${nb} skipped: ${read?.ok === false ? read.reason : 'cannot read the file'}\n`,
      );
      continue;
    }
    notebooks.push({
      path: nb,
      cells: read.notebook.cells.filter((c) => c.kind === 'code').map((c) => cache.get(c.source)),
    });
  }
  const existingRequirements = await fs.readFile(path.join(project, 'requirements.txt'), 'utf8').catch(() => undefined);
  const manifestText = await fs.readFile(path.join(project, MANIFEST_FILE), 'utf8').catch(() => undefined);
  const { manifest, errors } = loadManifest(manifestText);
  for (const error of errors) io.stderr.write(`liftoff: warning: ${formatManifestError(error)}\n`);
  const inferred = inferContext({
    projectName: path.basename(project),
    notebooks,
    modelFiles: scan.modelFiles,
    existingRequirements,
    manifest,
    liftoffPackage: `${packageName}@${version}`,
    overrides: overridesFrom(args),
  });
  if (inferred.context.modelFormat === 'onnx') {
    const header = await readModelHeader(path.resolve(project, inferred.context.modelPath));
    inferred.context = withOnnxSignature(inferred.context, header, inferred.notes);
  }
  return { ...rebaseModelPath(inferred, project, out), manifestTemplates: manifest.scaffold?.templates };
}

function overridesFrom(args: ScaffoldArgs): Partial<ScaffoldContext> {
  const overrides: Partial<ScaffoldContext> = {};
  if (args.pythonVersion !== undefined) overrides.pythonVersion = args.pythonVersion;
  if (args.port !== undefined) overrides.port = args.port;
  if (args.gpu !== undefined) overrides.gpu = args.gpu;
  if (args.model !== undefined) overrides.modelPath = args.model.split(path.sep).join('/');
  return overrides;
}

/** The Dockerfile's build context is the output folder: the model path must be relative to it. */
function rebaseModelPath(inferred: InferredContext, project: string, out: string): InferredContext {
  const absolute = path.resolve(project, inferred.context.modelPath);
  const relative = path.relative(out, absolute);
  const context = { ...inferred.context };
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) {
    context.modelPath = path.basename(absolute);
    inferred.notes.push(
      `the model is outside ${path.basename(out)}/ (the image's build context): copy it there as ${context.modelPath}`,
    );
  } else {
    context.modelPath = relative.split(path.sep).join('/');
  }
  return { context, notes: inferred.notes };
}

const STATUS_LABEL = { new: 'new      ', identical: 'identical', different: 'DIFFERENT' } as const;

function printPlan(
  io: CliIO,
  out: string,
  parts: readonly string[],
  inferred: InferredContext,
  plan: ScaffoldPlan,
): void {
  const { context } = inferred;
  io.stdout.write(`Scaffold plan for ${context.projectName} into ${out} (parts: ${parts.join(', ')})\n`);
  io.stdout.write(
    `  model ${context.modelPath} (${context.modelFormat}, ${context.framework}), Python ${context.pythonVersion}, port ${context.port}${context.gpu ? ', GPU' : ''}\n`,
  );
  for (const note of inferred.notes) io.stdout.write(`  - ${note}\n`);
  for (const entry of plan.entries) {
    const from = entry.templateFrom === 'built-in' ? '' : `  [${entry.templateFrom}]`;
    io.stdout.write(`  ${STATUS_LABEL[entry.status]}  ${entry.path}${from}\n`);
  }
  for (const skipped of plan.skipped) io.stdout.write(`  skipped    ${skipped.path}: ${skipped.reason}\n`);
}
