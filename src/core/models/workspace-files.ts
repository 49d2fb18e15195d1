/**
 * Lists a workspace folder on the local file system the way git and VS Code would show it: `.gitignore`
 * files (nested ones too, with git's rules through the `ignore` package) and caller-given exclude globs
 * (VS Code's `files.exclude`, matched with picomatch) leave files out; hidden folders, `node_modules` and
 * virtual environments are never walked. The walk stops at a file cap so a home folder opened by mistake
 * stays cheap. Node-only (the CLI, and the extension for `file:` workspaces).
 */
import { promises as fs, type Dirent } from 'node:fs';
import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import picomatch from 'picomatch';

export interface WorkspaceFile {
  /** Relative to the root, forward slashes. */
  path: string;
  size: number;
  mtimeMs: number;
}

export interface ListOptions {
  /** Globs relative to the root (`**\/*.tmp`, `build/`): matching files and folders are left out. */
  exclude?: readonly string[];
  /** Honour `.gitignore` files (default true). */
  gitignore?: boolean;
  /** Stop after this many files (default 50,000); `truncated` says so. */
  maxFiles?: number;
  /** Only files whose name passes (checked before the stat); folders are always walked. */
  include?: (name: string) => boolean;
}

export interface WorkspaceListing {
  files: WorkspaceFile[];
  truncated: boolean;
  /** Folders that could not be read. */
  warnings: string[];
}

const NEVER_WALKED = new Set(['node_modules', 'venv', 'site-packages', '__pycache__']);
/** A .gitignore bigger than this is not a real one; it is skipped rather than read. */
const MAX_GITIGNORE_BYTES = 1024 * 1024;
export const DEFAULT_MAX_FILES = 50_000;

interface Scope {
  /** The folder of the .gitignore, relative to the root ('' for the root). */
  dir: string;
  rules: Ignore;
}

export async function listWorkspaceFiles(root: string, options: ListOptions = {}): Promise<WorkspaceListing> {
  const excluded = excludeMatcher(options.exclude ?? []);
  const listing: WorkspaceListing = { files: [], truncated: false, warnings: [] };
  const maxFiles = options.maxFiles ?? DEFAULT_MAX_FILES;
  const walk = async (dir: string, scopes: Scope[]): Promise<void> => {
    let entries: Dirent[];
    try {
      entries = await fs.readdir(path.join(root, dir), { withFileTypes: true });
    } catch (error) {
      listing.warnings.push(`cannot read folder '${dir || '.'}': ${(error as Error).message}`);
      return;
    }
    const here = options.gitignore === false ? scopes : await withGitignore(root, dir, entries, scopes);
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (listing.files.length >= maxFiles) {
        listing.truncated = true;
        return;
      }
      const relative = dir === '' ? entry.name : `${dir}/${entry.name}`;
      if (entry.isDirectory()) {
        if (entry.name.startsWith('.') || NEVER_WALKED.has(entry.name)) continue;
        if (excluded(relative) || isIgnored(here, relative, true)) continue;
        await walk(relative, here);
      } else if (entry.isFile() && (options.include?.(entry.name) ?? true)) {
        if (excluded(relative) || isIgnored(here, relative, false)) continue;
        try {
          const stat = await fs.stat(path.join(root, relative));
          listing.files.push({ path: relative, size: stat.size, mtimeMs: stat.mtimeMs });
        } catch {
          // Removed while listing: not there.
        }
      }
    }
  };
  await walk('', []);
  return listing;
}

async function withGitignore(root: string, dir: string, entries: Dirent[], scopes: Scope[]): Promise<Scope[]> {
  if (!entries.some((e) => e.name === '.gitignore' && e.isFile())) return scopes;
  const file = path.join(root, dir, '.gitignore');
  try {
    const stat = await fs.stat(file);
    if (stat.size > MAX_GITIGNORE_BYTES) return scopes;
    return [...scopes, { dir, rules: ignore().add(await fs.readFile(file, 'utf8')) }];
  } catch {
    return scopes;
  }
}

/** Git's precedence: the deepest .gitignore with a rule for the path decides. */
export function isIgnored(scopes: readonly Scope[], relative: string, isDir: boolean): boolean {
  let ignored = false;
  for (const scope of scopes) {
    const inner = scope.dir === '' ? relative : relative.slice(scope.dir.length + 1);
    const result = scope.rules.test(isDir ? `${inner}/` : inner);
    if (result.ignored) ignored = true;
    else if (result.unignored) ignored = false;
  }
  return ignored;
}

/**
 * VS Code's `files.exclude` semantics: a glob without a slash matches a name at any depth (`*.tmp`,
 * `**\/.DS_Store`), one with a slash matches from the root; a folder that matches is left out whole.
 */
export function excludeMatcher(globs: readonly string[]): (relative: string) => boolean {
  const patterns = globs.map((g) => g.replace(/\/+$/, '')).filter((g) => g !== '');
  if (patterns.length === 0) return () => false;
  const matchers = patterns.map((g) => picomatch(g, { dot: true, basename: !g.includes('/') }));
  return (relative) => matchers.some((m) => m(relative));
}
