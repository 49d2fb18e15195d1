/**
 * Notebook-to-artifact lineage: which notebook cell writes each model file of the workspace, which model
 * files no notebook writes, which files notebooks write that are not there, and whether each file is
 * older than the last change of the cell that writes it (see history.ts for what "last change" can mean).
 * Paths are workspace-relative with forward slashes; a notebook's relative paths are taken from its folder
 * (Jupyter's working directory).
 */
import * as posix from 'node:path/posix';
import { buildContext } from '../../analyze';
import { FactsCache } from '../../analysis/cache';
import type { Notebook } from '../../notebook/model';
import { readNotebook, type ReadResult } from '../../notebook/read';
import {
  changeWithoutHistory,
  freshnessOf,
  RevisionCells,
  type CellChange,
  type Freshness,
  type HistoryPort,
} from './history';
import { isExact, type PathValue } from './path-expr';
import { notebookWrites, type WriteSite } from './writes';

export interface LineageNotebook {
  /** Workspace-relative, forward slashes. */
  path: string;
  mtimeMs: number;
  /** The notebook's JSON, parsed here; or `notebook`, already parsed (readiness parses each notebook once). */
  text?: string;
  notebook?: Notebook;
}

export interface LineageArtifactFile {
  path: string;
  mtimeMs: number;
}

export interface LineageInputs {
  notebooks: readonly LineageNotebook[];
  artifacts: readonly LineageArtifactFile[];
  /** Absolute workspace folder (forward slashes), so absolute paths inside it in notebooks still match. */
  root?: string;
  history?: HistoryPort;
  cache?: FactsCache;
}

export interface ArtifactWriter {
  notebook: string;
  cellIndex: number;
  cellId?: string;
  /** 1-based line of the saving call inside the cell. */
  line: number;
  range: WriteSite['range'];
  callee: string;
  expression: string;
  /** The path the cell writes, workspace-relative; `*` marks parts only known at run time. */
  writes: string;
  /** False when the path has parts only known at run time (`f"model_{epoch}.pt"`). */
  exact: boolean;
  change: CellChange;
  freshness: Freshness;
}

export type LineageStatus = 'fresh' | 'stale' | 'unknown' | 'orphan';

export interface ArtifactLineage {
  path: string;
  mtimeMs: number;
  /** orphan: no notebook writes it; the others say whether the file is newer than its cell's last change. */
  status: LineageStatus;
  writers: ArtifactWriter[];
  /** One sentence: "written by train.ipynb, cell 7 (line 3: joblib.dump)". */
  summary: string;
}

export interface LineageReport {
  artifacts: ArtifactLineage[];
  /** Files notebooks write (exact paths) that are not in the workspace: never produced, or ignored. */
  notWritten: Array<Omit<ArtifactWriter, 'change' | 'freshness'>>;
  notebooks: number;
  /** Notebooks that could not be read, with the reason. */
  unreadable: Array<{ path: string; reason: string }>;
}

interface ResolvedSite {
  site: WriteSite;
  notebook: LineageNotebook;
  writes: string;
  matcher: RegExp | undefined;
}

export async function linkArtifacts(inputs: LineageInputs): Promise<LineageReport> {
  const cache = inputs.cache ?? new FactsCache();
  const sites: ResolvedSite[] = [];
  const unreadable: LineageReport['unreadable'] = [];
  const parsed = new Map<string, ReadResult>();
  for (const nb of inputs.notebooks) {
    const read: ReadResult = nb.notebook ? { ok: true, notebook: nb.notebook } : readNotebook(nb.path, nb.text ?? '');
    parsed.set(nb.path, read);
    if (!read.ok) {
      unreadable.push({ path: nb.path, reason: read.reason });
      continue;
    }
    for (const site of notebookWrites(buildContext(read.notebook, cache, {}))) {
      const writes = resolveTarget(site.target, nb.path, inputs.root);
      if (writes === undefined) continue;
      sites.push({ site, notebook: nb, writes, matcher: isExact(site.target) ? undefined : patternOf(writes) });
    }
  }
  const histories = new Map<string, Promise<RevisionCells | undefined>>();
  const historyOf = (path: string): Promise<RevisionCells | undefined> => {
    let h = histories.get(path);
    if (h === undefined) {
      h = (inputs.history?.revisions(path) ?? Promise.resolve(undefined)).then((x) => x && new RevisionCells(x));
      histories.set(path, h);
    }
    return h;
  };
  const artifacts: ArtifactLineage[] = [];
  for (const file of inputs.artifacts) {
    const writers: ArtifactWriter[] = [];
    for (const r of sites) {
      if (r.matcher ? !r.matcher.test(file.path) : r.writes !== file.path) continue;
      const read = parsed.get(r.notebook.path);
      const cell = read?.ok ? read.notebook.cells[r.site.cellIndex] : undefined;
      if (!cell) continue;
      const revisions = await historyOf(r.notebook.path);
      const change = revisions?.changeOf(cell, r.notebook.mtimeMs) ?? changeWithoutHistory(r.notebook.mtimeMs);
      writers.push({ ...writerOf(r), change, freshness: freshnessOf(file.mtimeMs, change) });
    }
    // Exact paths first: a pattern (`model_*.pt`) only says the cell may write this file.
    writers.sort((a, b) => Number(b.exact) - Number(a.exact));
    const status = statusOf(writers);
    artifacts.push({ path: file.path, mtimeMs: file.mtimeMs, status, writers, summary: summaryOf(status, writers) });
  }
  const present = new Set(inputs.artifacts.map((a) => a.path));
  const notWritten = sites.filter((r) => !r.matcher && !present.has(r.writes)).map(writerOf);
  return { artifacts, notWritten, notebooks: inputs.notebooks.length, unreadable };
}

function writerOf(r: ResolvedSite): Omit<ArtifactWriter, 'change' | 'freshness'> {
  const w: Omit<ArtifactWriter, 'change' | 'freshness'> = {
    notebook: r.notebook.path,
    cellIndex: r.site.cellIndex,
    line: r.site.range.start.line + 1,
    range: r.site.range,
    callee: r.site.callee,
    expression: r.site.expression,
    writes: r.writes,
    exact: r.matcher === undefined,
  };
  if (r.site.cellId !== undefined) w.cellId = r.site.cellId;
  return w;
}

/** Any writer that wrote it after its cell's last change makes it fresh; stale only when every writer says so. */
function statusOf(writers: readonly ArtifactWriter[]): LineageStatus {
  if (writers.length === 0) return 'orphan';
  const exact = writers.filter((w) => w.exact);
  const judged = exact.length > 0 ? exact : writers;
  if (judged.some((w) => w.freshness === 'fresh')) return 'fresh';
  if (judged.every((w) => w.freshness === 'stale')) return 'stale';
  return 'unknown';
}

export function cellLabel(w: Pick<ArtifactWriter, 'notebook' | 'cellIndex'>): string {
  return `${w.notebook}, cell ${w.cellIndex + 1}`;
}

function summaryOf(status: LineageStatus, writers: readonly ArtifactWriter[]): string {
  const first = writers[0];
  if (first === undefined) return 'no notebook in the workspace writes this file';
  const verb = first.exact ? 'written by' : `may be written by (path ${first.writes})`;
  const others = writers.length > 1 ? ` and ${writers.length - 1} more` : '';
  const where = `${verb} ${cellLabel(first)} (line ${first.line}: ${first.callee})${others}`;
  if (status === 'stale') return `stale: ${where} changed after this file was written (${basisText(first.change)})`;
  if (status === 'unknown') return `${where}; cannot tell whether the cell changed since (${basisText(first.change)})`;
  return where;
}

/** How the cell's last change is known, in a few words. */
export function basisText(change: CellChange): string {
  switch (change.basis) {
    case 'git':
      return 'from git history';
    case 'uncommitted':
      return 'the cell has uncommitted changes';
    default:
      return 'no git history; the notebook was saved after the file was written';
  }
}

/** The written path, workspace-relative; undefined when it leaves the workspace or is a home path. */
function resolveTarget(target: PathValue, notebookPath: string, root: string | undefined): string | undefined {
  let text = target.parts.map((p) => (p === null ? '\0' : p)).join('');
  if (text.startsWith('~')) return undefined;
  if (posix.isAbsolute(text) || /^[A-Za-z]:\//.test(text)) {
    if (root === undefined) return undefined;
    const base = root.replace(/\/+$/, '');
    if (!text.startsWith(base + '/')) return undefined;
    text = text.slice(base.length + 1);
  } else text = posix.join(posix.dirname(notebookPath), text);
  const normalized = posix.normalize(text);
  if (normalized.startsWith('../') || normalized === '..') return undefined;
  return normalized.replace(/\0/g, '*');
}

function patternOf(writes: string): RegExp {
  const escaped = writes.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${escaped.join('[^/]*')}$`);
}
