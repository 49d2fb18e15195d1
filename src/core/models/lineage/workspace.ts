/**
 * Lineage of a whole workspace folder on the local file system: the entry point for the CLI, the
 * extension and readiness. Lists notebooks and model files (honouring .gitignore and the given exclude
 * globs), reads the notebooks (each under a size cap), uses git history when the folder is in a work tree,
 * and links them (link.ts).
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { FactsCache } from '../../analysis/cache';
import { artifactKind } from '../discover';
import { listWorkspaceFiles } from '../workspace-files';
import { gitHistory } from './git';
import { linkArtifacts, type LineageArtifactFile, type LineageNotebook, type LineageReport } from './link';

export interface WorkspaceLineageOptions {
  /** Globs to leave out (VS Code's `files.exclude`). */
  exclude?: readonly string[];
  /** Use git history to tell stale files (default true; needs git on PATH and a work tree). */
  git?: boolean;
  /** Model files to link even when .gitignore or the excludes hide them (the file being inspected). */
  artifacts?: readonly string[];
  cache?: FactsCache;
}

/** Notebooks bigger than this are not read for lineage (a notebook full of embedded images). */
export const MAX_NOTEBOOK_BYTES = 20 * 1024 * 1024;

export interface WorkspaceLineage extends LineageReport {
  /** The listing stopped at its file cap. */
  truncated: boolean;
  /** Notebooks skipped for size, folders that could not be read. */
  warnings: string[];
}

export async function workspaceLineage(root: string, options: WorkspaceLineageOptions = {}): Promise<WorkspaceLineage> {
  const listing = await listWorkspaceFiles(root, {
    exclude: options.exclude ?? [],
    include: (name) => name.toLowerCase().endsWith('.ipynb') || artifactKind(name) !== undefined,
  });
  const warnings = [...listing.warnings];
  const notebooks: LineageNotebook[] = [];
  const artifacts = new Map<string, LineageArtifactFile>();
  for (const file of listing.files) {
    if (file.path.toLowerCase().endsWith('.ipynb')) {
      if (file.size > MAX_NOTEBOOK_BYTES) {
        warnings.push(`${file.path} is larger than ${MAX_NOTEBOOK_BYTES / 1024 / 1024} MB; not read for lineage`);
        continue;
      }
      try {
        notebooks.push({
          path: file.path,
          text: await fs.readFile(path.join(root, file.path), 'utf8'),
          mtimeMs: file.mtimeMs,
        });
      } catch (error) {
        warnings.push(`cannot read ${file.path}: ${(error as Error).message}`);
      }
    } else artifacts.set(file.path, { path: file.path, mtimeMs: file.mtimeMs });
  }
  for (const extra of options.artifacts ?? []) {
    const relative = toRelative(root, extra);
    if (relative === undefined || artifacts.has(relative)) continue;
    const stat = await fs.stat(path.join(root, relative)).catch(() => undefined);
    if (stat?.isFile()) artifacts.set(relative, { path: relative, mtimeMs: stat.mtimeMs });
  }
  const history = options.git === false ? undefined : await gitHistory(root);
  const report = await linkArtifacts({
    notebooks,
    artifacts: [...artifacts.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
    root: root.split(path.sep).join('/'),
    ...(history ? { history } : {}),
    ...(options.cache ? { cache: options.cache } : {}),
  });
  return { ...report, truncated: listing.truncated, warnings };
}

/** `file` (absolute or relative to root) as a root-relative path with forward slashes, if inside root. */
export function toRelative(root: string, file: string): string | undefined {
  const relative = path.relative(root, path.resolve(root, file));
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return undefined;
  return relative.split(path.sep).join('/');
}
