/**
 * Applying a plan. The policy for existing files: identical ones are skipped, different ones are
 * written only with explicit consent (per file, or "overwrite all"), never silently. The write is one
 * unit: every file goes to a temporary sibling first, then each is renamed into place, the old file
 * kept aside until all renames succeeded; any failure puts everything back and removes the temporaries.
 */
import type { PlanEntry, ScaffoldPlan, TargetFolder } from './plan';
import { ScaffoldError } from './plan';

/** 'never': refuse every different file; 'all': overwrite them all; a function: ask per file. */
export type OverwritePolicy = 'never' | 'all' | ((entry: PlanEntry) => boolean | Promise<boolean>);

export interface WriteDecision {
  write: PlanEntry[];
  /** Already identical: nothing to do. */
  identical: PlanEntry[];
  /** Different from the existing file and not consented to: left as it is. */
  refused: PlanEntry[];
}

export async function decideWrites(plan: ScaffoldPlan, policy: OverwritePolicy): Promise<WriteDecision> {
  const decision: WriteDecision = { write: [], identical: [], refused: [] };
  for (const entry of plan.entries) {
    if (entry.status === 'identical') decision.identical.push(entry);
    else if (entry.status === 'new') decision.write.push(entry);
    else if (policy === 'all' || (typeof policy === 'function' && (await policy(entry)))) decision.write.push(entry);
    else decision.refused.push(entry);
  }
  return decision;
}

/** What applying needs from the target folder. Paths are relative to it, forward slashes. */
export interface WritableFolder extends TargetFolder {
  /** Creates missing parent folders. */
  writeText(relativePath: string, text: string): Promise<void>;
  /** Replaces `to` if it exists. */
  rename(fromRelative: string, toRelative: string): Promise<void>;
  /** No error when the file is already gone. */
  remove(relativePath: string): Promise<void>;
}

interface Step {
  entry: PlanEntry;
  temp: string;
  backup?: string;
  placed: boolean;
}

/** Writes the entries as one unit; throws ScaffoldError (with nothing changed) on any failure. */
export async function applyWrites(entries: readonly PlanEntry[], folder: WritableFolder): Promise<void> {
  const tag = `.liftoff-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  const steps: Step[] = entries.map((entry) => ({ entry, temp: `${entry.path}${tag}.tmp`, placed: false }));
  try {
    for (const step of steps) await checkUnchanged(step.entry, folder);
    for (const step of steps) await folder.writeText(step.temp, step.entry.content);
    for (const step of steps) await place(step, tag, folder);
  } catch (error) {
    const failures = await rollBack(steps, folder);
    const reason = error instanceof Error ? error.message : String(error);
    const leftovers = failures.length > 0 ? `; could not clean up: ${failures.join(', ')}` : '';
    throw new ScaffoldError(`nothing was written: ${reason}${leftovers}`);
  }
  for (const step of steps) if (step.backup !== undefined) await folder.remove(step.backup).catch(() => undefined);
}

/** The plan compared against the folder as it was; refuse to write over a file edited since. */
async function checkUnchanged(entry: PlanEntry, folder: WritableFolder): Promise<void> {
  const now = await folder.readTextIfExists(entry.path);
  const expected = entry.status === 'new' ? undefined : (entry.existing ?? entry.content);
  if (now !== expected) throw new ScaffoldError(`${entry.path} changed since the plan was made; plan again`);
}

async function place(step: Step, tag: string, folder: WritableFolder): Promise<void> {
  if (step.entry.status !== 'new') {
    step.backup = `${step.entry.path}${tag}.bak`;
    await folder.rename(step.entry.path, step.backup);
  }
  await folder.rename(step.temp, step.entry.path);
  step.placed = true;
}

/** Undo in reverse order: remove placed files, restore backups, delete temporaries. */
async function rollBack(steps: readonly Step[], folder: WritableFolder): Promise<string[]> {
  const failures: string[] = [];
  const attempt = async (what: string, action: () => Promise<void>): Promise<void> => {
    try {
      await action();
    } catch {
      failures.push(what);
    }
  };
  for (const step of [...steps].reverse()) {
    const { path } = step.entry;
    if (step.placed && step.backup === undefined) await attempt(path, () => folder.remove(path));
    if (step.backup !== undefined) await attempt(path, () => folder.rename(step.backup as string, path));
    if (!step.placed) await attempt(step.temp, () => folder.remove(step.temp));
  }
  return failures;
}
