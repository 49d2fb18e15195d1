/**
 * The CLI's side of the project context (core/project/context.ts): each notebook's folder and its parents
 * up to the working directory (or, for a notebook outside it, up to the path named on the command line)
 * are read from disk, once per run.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { formatProblem, ProjectContexts, type NotebookContext, type ProjectFolders } from '../core/project/context';
import { displayPath } from './discover';

/** Declaration and manifest files are small; anything bigger is not one. */
const MAX_BYTES = 2_000_000;

/** Contexts by absolute notebook path, and the problems found in the files read (each once). */
export async function notebookContexts(
  files: readonly string[],
  inputs: readonly string[],
  cwd: string,
): Promise<{ contexts: Map<string, NotebookContext>; problems: string[] }> {
  const byRoot = new Map<string, ProjectContexts>();
  const contexts = new Map<string, NotebookContext>();
  const problems = new Set<string>();
  const absoluteInputs = inputs.map((i) => path.resolve(cwd, i));
  for (const file of files) {
    const root = rootOf(file, absoluteInputs, cwd);
    let projects = byRoot.get(root);
    if (projects === undefined) {
      projects = new ProjectContexts(nodeFolders(root, cwd));
      byRoot.set(root, projects);
    }
    const context = await projects.resolve(toPosix(path.relative(root, file)));
    contexts.set(file, context);
    for (const p of context.problems) problems.add(formatProblem(p));
  }
  return { contexts, problems: [...problems] };
}

function rootOf(file: string, inputs: readonly string[], cwd: string): string {
  if (isInside(file, cwd)) return cwd;
  const input = inputs.find((i) => i !== file && isInside(file, i));
  return input ?? path.dirname(file);
}

function isInside(file: string, folder: string): boolean {
  const rel = path.relative(folder, file);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

export function nodeFolders(root: string, cwd: string): ProjectFolders {
  const abs = (relative: string): string => path.join(root, ...relative.split('/').filter((s) => s !== ''));
  return {
    list: async (folder) => {
      try {
        const entries = await fs.readdir(abs(folder), { withFileTypes: true });
        return entries
          .filter((e) => e.isFile() || e.isDirectory())
          .map((e) => ({ name: e.name, kind: e.isDirectory() ? ('folder' as const) : ('file' as const) }));
      } catch {
        return undefined;
      }
    },
    read: async (file) => {
      try {
        const stat = await fs.stat(abs(file));
        return stat.size > MAX_BYTES ? undefined : await fs.readFile(abs(file), 'utf8');
      } catch {
        return undefined;
      }
    },
    display: (file) => displayPath(abs(file), cwd),
  };
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}
