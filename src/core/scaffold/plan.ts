/**
 * Planning, with no writes: render every file of the chosen parts and compare it with what the target
 * folder already holds. Faces show the plan (and a diff for `different` files) before anything is
 * written; apply.ts writes it. Templates are looked up file by file in the user's folders first.
 */
import { CATALOG, findPart, type CatalogFile, type CatalogPart } from './catalog';
import type { ScaffoldContext } from './context';
import { safeRelativePath } from './paths';
import { renderTemplate } from './render';

/** A folder of templates: the built-in one, or a user's overrides. */
export interface TemplateSource {
  /** Shown in plans ("built-in", "overrides: ./my-templates"). */
  label: string;
  /** The template's text, or undefined when this folder has no such template. Other failures throw. */
  read(templatePath: string): Promise<string | undefined>;
}

/** The folder scaffolded into, as far as planning needs it. Paths are relative, forward slashes. */
export interface TargetFolder {
  /** The file's text, or undefined when there is no such file. */
  readTextIfExists(relativePath: string): Promise<string | undefined>;
}

export type EntryStatus = 'new' | 'identical' | 'different';

export interface PlanEntry {
  /** Relative to the target folder, forward slashes. */
  path: string;
  part: string;
  template: string;
  /** Label of the template source the template came from. */
  templateFrom: string;
  content: string;
  status: EntryStatus;
  /** The current text of a `different` file, for previews and diffs. */
  existing?: string;
}

export interface ScaffoldPlan {
  entries: PlanEntry[];
  /** Files of the chosen parts that do not apply to this project, with the reason. */
  skipped: Array<{ path: string; part: string; reason: string }>;
}

export class ScaffoldError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScaffoldError';
  }
}

export async function planScaffold(
  partIds: readonly string[],
  context: ScaffoldContext,
  target: TargetFolder,
  templates: readonly TemplateSource[],
): Promise<ScaffoldPlan> {
  const plan: ScaffoldPlan = { entries: [], skipped: [] };
  const seen = new Set<string>();
  for (const part of resolveParts(partIds)) {
    for (const file of part.files) {
      const path = safeRelativePath(file.output);
      if (seen.has(path)) continue;
      if (file.formats && !file.formats.includes(context.modelFormat)) {
        // Another file of the part may write the same output for this format (serving: sklearn or onnx).
        const alternative = part.files.some(
          (f) => f.output === file.output && f.formats?.includes(context.modelFormat),
        );
        const reason = `no ${part.title.toLowerCase()} template for ${context.modelFormat} models yet`;
        if (!alternative && !plan.skipped.some((s) => s.path === path))
          plan.skipped.push({ path, part: part.id, reason });
        continue;
      }
      seen.add(path);
      plan.entries.push(await planFile(part, file, path, context, target, templates));
    }
  }
  return plan;
}

/** Parts in catalogue order, without duplicates; an unknown id is a ScaffoldError listing the known ones. */
export function resolveParts(partIds: readonly string[]): CatalogPart[] {
  const unknown = partIds.filter((id) => findPart(id) === undefined);
  if (unknown.length > 0) {
    const known = CATALOG.map((p) => p.id).join(', ');
    throw new ScaffoldError(
      `unknown part${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => `'${u}'`).join(', ')} (known: ${known})`,
    );
  }
  const wanted = new Set(partIds.length > 0 ? partIds : CATALOG.map((p) => p.id));
  return CATALOG.filter((part) => wanted.has(part.id));
}

async function planFile(
  part: CatalogPart,
  file: CatalogFile,
  path: string,
  context: ScaffoldContext,
  target: TargetFolder,
  templates: readonly TemplateSource[],
): Promise<PlanEntry> {
  const template = await loadTemplate(file.template, templates);
  const content = await renderTemplate(`${file.template} (${template.from})`, template.text, context);
  const existing = await target.readTextIfExists(path);
  const entry: PlanEntry = {
    path,
    part: part.id,
    template: file.template,
    templateFrom: template.from,
    content,
    status: existing === undefined ? 'new' : existing === content ? 'identical' : 'different',
  };
  if (existing !== undefined && existing !== content) entry.existing = existing;
  return entry;
}

/** The first source that has the template wins: overrides come before the built-in folder. */
export async function loadTemplate(
  templatePath: string,
  templates: readonly TemplateSource[],
): Promise<{ text: string; from: string }> {
  const safe = safeRelativePath(templatePath);
  for (const source of templates) {
    const text = await source.read(safe);
    if (text !== undefined) return { text, from: source.label };
  }
  const where = templates.map((t) => t.label).join(', ') || 'no template folder';
  throw new ScaffoldError(`template ${safe} was not found (looked in: ${where})`);
}
