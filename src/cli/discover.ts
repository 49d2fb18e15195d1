/**
 * Finds the notebooks to check: *.ipynb under directories (recursively, skipping environments, build
 * output and hidden folders), and any file named directly, wherever it is.
 */
import { promises as fs, type Dirent } from 'node:fs';
import * as path from 'node:path';
import { UsageError } from './exit-codes';

/** Folder names never walked into: environments, dependencies, build output, checkpoints. */
const SKIPPED_DIRS = new Set(['node_modules', 'dist', 'venv', 'site-packages', '__pycache__']);

export interface Discovery {
  /** Absolute paths, sorted and without duplicates. */
  files: string[];
  /** Folders inside the inputs that could not be listed (the others are still checked). */
  warnings: string[];
}

export async function discoverNotebooks(inputs: readonly string[], cwd: string): Promise<Discovery> {
  const found = new Set<string>();
  const warnings: string[] = [];
  for (const input of inputs) {
    const absolute = path.resolve(cwd, input);
    const stat = await fs.stat(absolute).catch((error: unknown) => {
      throw new UsageError(`cannot read '${input}': ${describeFsError(error)}`, false);
    });
    if (stat.isDirectory()) await walk(absolute, found, warnings, cwd);
    else found.add(absolute);
  }
  return { files: [...found].sort(byPath), warnings };
}

async function walk(dir: string, found: Set<string>, warnings: string[], cwd: string): Promise<void> {
  let entries: Dirent[];
  try {
    entries = await fs.readdir(dir, { withFileTypes: true });
  } catch (error) {
    warnings.push(`cannot read directory '${displayPath(dir, cwd)}': ${describeFsError(error)}`);
    return;
  }
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!isSkippedDir(entry.name)) await walk(full, found, warnings, cwd);
    } else if (isNotebookName(entry.name) && (entry.isFile() || (await isFileLink(full)))) {
      found.add(full);
    }
  }
}

/** Hidden folders (.git, .venv, .ipynb_checkpoints, .tox...) and the usual environment/build folders. */
function isSkippedDir(name: string): boolean {
  return name.startsWith('.') || SKIPPED_DIRS.has(name);
}

function isNotebookName(name: string): boolean {
  return name.toLowerCase().endsWith('.ipynb');
}

/** Symlinked notebooks are followed; symlinked folders are not (no cycles, no walking out of the tree). */
async function isFileLink(full: string): Promise<boolean> {
  try {
    return (await fs.stat(full)).isFile();
  } catch {
    return false;
  }
}

function byPath(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A path as printed: relative to cwd with forward slashes, or absolute when outside cwd's drive. */
export function displayPath(absolute: string, cwd: string): string {
  const relative = path.relative(cwd, absolute);
  if (relative === '') return path.basename(absolute);
  if (path.isAbsolute(relative)) return absolute;
  return relative.split(path.sep).join('/');
}

export function describeFsError(error: unknown): string {
  const code = (error as { code?: string }).code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOTDIR':
      return 'not a directory';
    case 'EISDIR':
      return 'is a directory';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}
