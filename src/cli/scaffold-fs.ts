/**
 * Node file-system adapters for scaffolding: template folders, the target folder (writes confined to
 * it, symlinks included) and a small project scan for notebooks and model files.
 */
import { existsSync, promises as fs, type Dirent } from 'node:fs';
import * as path from 'node:path';
import type { WritableFolder } from '../core/scaffold/apply';
import { modelFormatOf } from '../core/scaffold/context';
import { safeRelativePath, UnsafePathError } from '../core/scaffold/paths';
import type { TemplateSource } from '../core/scaffold/plan';
import { readOnnxHeader, type OnnxHeaderReport } from '../core/models/onnx/header';
import { fileSource } from '../core/models/source';

/** templates/ ships next to dist/ (bundle: dist/cli.js); from sources it is two levels up from src/cli. */
export function builtinTemplatesDir(): string {
  const candidates = [path.join(__dirname, '..', 'templates'), path.join(__dirname, '..', '..', 'templates')];
  return candidates.find((dir) => existsSync(path.join(dir, 'docker', 'Dockerfile.hbs'))) ?? candidates[0];
}

export function folderTemplates(dir: string, label: string): TemplateSource {
  return {
    label,
    read: async (templatePath) => readIfExists(path.join(dir, ...safeRelativePath(templatePath).split('/'))),
  };
}

async function readIfExists(file: string): Promise<string | undefined> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** The target folder; every path is checked to stay inside it, also through symlinked folders. */
export function nodeFolder(root: string): WritableFolder {
  const absolute = path.resolve(root);
  const inside = async (relative: string): Promise<string> => {
    const file = path.join(absolute, ...safeRelativePath(relative).split('/'));
    await checkRealParent(absolute, file, relative);
    return file;
  };
  return {
    readTextIfExists: async (relative) => readIfExists(await inside(relative)),
    writeText: async (relative, text) => {
      const file = await inside(relative);
      await fs.mkdir(path.dirname(file), { recursive: true });
      await checkRealParent(absolute, file, relative);
      await fs.writeFile(file, text, { encoding: 'utf8', flag: 'wx' });
    },
    rename: async (from, to) => fs.rename(await inside(from), await inside(to)),
    remove: async (relative) => fs.rm(await inside(relative), { force: true }),
  };
}

/** The file's folder, resolved through symlinks as far as it exists, must be inside the root. */
async function checkRealParent(root: string, file: string, shown: string): Promise<void> {
  const relative = path.relative(await realish(root), await realish(path.dirname(file)));
  if (relative.startsWith('..') || path.isAbsolute(relative)) {
    throw new UnsafePathError(shown, 'a symbolic link leads outside the target folder');
  }
}

/** realpath of the nearest existing ancestor, with the not-yet-existing rest appended. */
async function realish(p: string): Promise<string> {
  let existing = p;
  while (!existsSync(existing) && path.dirname(existing) !== existing) existing = path.dirname(existing);
  return path.join(await fs.realpath(existing), path.relative(existing, p));
}

const SKIPPED_DIRS = new Set(['node_modules', 'dist', 'venv', 'site-packages', '__pycache__']);
const MAX_DEPTH = 6;

export interface ProjectScan {
  /** Relative to the project root, forward slashes, sorted. */
  notebooks: string[];
  modelFiles: string[];
}

export async function scanProject(root: string): Promise<ProjectScan> {
  const scan: ProjectScan = { notebooks: [], modelFiles: [] };
  await walk(root, '', 0, scan);
  scan.notebooks.sort();
  scan.modelFiles.sort();
  return scan;
}

async function walk(root: string, relative: string, depth: number, scan: ProjectScan): Promise<void> {
  let entries: Dirent[];
  try {
    entries = await fs.readdir(path.join(root, relative), { withFileTypes: true });
  } catch {
    return; // an unreadable folder only means fewer hints
  }
  for (const entry of entries) {
    const child = relative === '' ? entry.name : `${relative}/${entry.name}`;
    if (entry.isDirectory()) {
      const skip = entry.name.startsWith('.') || SKIPPED_DIRS.has(entry.name) || depth >= MAX_DEPTH;
      if (!skip) await walk(root, child, depth + 1, scan);
    } else if (entry.isFile()) {
      if (entry.name.toLowerCase().endsWith('.ipynb')) scan.notebooks.push(child);
      else if (modelFormatOf(entry.name) !== undefined) scan.modelFiles.push(child);
    }
  }
}

/** The ONNX header of a model file (inputs and outputs for the serving app), undefined when it is absent. */
export async function readModelHeader(file: string): Promise<OnnxHeaderReport | undefined> {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(file, 'r');
  } catch {
    return undefined; // not written yet (the notebook saves it): the app reads the signature when it starts
  }
  try {
    return await readOnnxHeader(fileSource(handle, (await handle.stat()).size));
  } finally {
    await handle.close();
  }
}
