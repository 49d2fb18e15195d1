/**
 * When did a cell last change? Nothing records edit times, so Liftoff brackets the change by what it can
 * prove (the choice is documented in docs/models.md, "Lineage"):
 *
 * - Without version control, the notebook file's mtime is an upper bound (the cell changed at or before
 *   it was saved) and there is no lower bound: an artifact newer than the notebook is fresh; an older one
 *   is of unknown freshness, never called stale (notebooks are usually saved after they run).
 * - With git history, the newest committed version whose cell text differs from today's bounds the change
 *   from below: the current text was written after that commit. An artifact older than that commit was
 *   not produced by the current cell: stale. The commit that first has the current text (or the notebook's
 *   mtime when the text is not committed yet) bounds it from above.
 *
 * Cells are matched by nbformat cell id when both versions have one, else by identical source.
 */
import type { Cell } from '../../notebook/model';
import { readNotebook } from '../../notebook/read';

export interface NotebookRevision {
  /** Commit time, ms since the epoch. */
  timeMs: number;
  /** The notebook's text in that commit. */
  text: string;
}

/** Committed versions of a notebook, newest first; the faces back it with git. */
export interface HistoryPort {
  /** undefined when the notebook is not under version control (or has never been committed). */
  revisions(notebookPath: string): Promise<NotebookHistory | undefined>;
}

export interface NotebookHistory {
  revisions: NotebookRevision[];
  /** Older revisions exist beyond the ones read. */
  truncated: boolean;
}

export type ChangeBasis = 'git' | 'uncommitted' | 'notebook-mtime';

/** The window in which a cell got its current text. */
export interface CellChange {
  /** The change happened after this time (ms), when that is known. */
  afterMs?: number;
  /** The change happened at or before this time (ms). */
  beforeMs: number;
  basis: ChangeBasis;
}

export type Freshness = 'fresh' | 'stale' | 'unknown';

/** Parsed revisions, so a notebook with many writing cells parses each revision once. */
export class RevisionCells {
  private readonly parsed: Array<{ timeMs: number; cells: Cell[] }>;

  constructor(readonly history: NotebookHistory) {
    this.parsed = history.revisions.map((r) => {
      const read = readNotebook('revision', r.text);
      return { timeMs: r.timeMs, cells: read.ok ? read.notebook.cells : [] };
    });
  }

  /** The change window of `cell` (today's version); `notebookMtimeMs` bounds uncommitted edits. */
  changeOf(cell: Cell, notebookMtimeMs: number): CellChange {
    const newest = this.parsed[0];
    if (newest === undefined) return { beforeMs: notebookMtimeMs, basis: 'notebook-mtime' };
    if (!hasCell(newest.cells, cell)) {
      return { afterMs: newest.timeMs, beforeMs: Math.max(notebookMtimeMs, newest.timeMs), basis: 'uncommitted' };
    }
    let k = 0;
    while (k + 1 < this.parsed.length && hasCell(this.parsed[k + 1].cells, cell)) k++;
    const older = this.parsed[k + 1];
    const change: CellChange = { beforeMs: this.parsed[k].timeMs, basis: 'git' };
    if (older !== undefined) change.afterMs = older.timeMs;
    return change;
  }
}

function hasCell(cells: readonly Cell[], cell: Cell): boolean {
  if (cell.id !== undefined) {
    const same = cells.find((c) => c.id === cell.id);
    if (same !== undefined) return same.source === cell.source;
  }
  return cells.some((c) => c.kind === cell.kind && c.source === cell.source);
}

export function changeWithoutHistory(notebookMtimeMs: number): CellChange {
  return { beforeMs: notebookMtimeMs, basis: 'notebook-mtime' };
}

/** Fresh when written after the last possible change, stale when written before the first possible one. */
export function freshnessOf(artifactMtimeMs: number, change: CellChange): Freshness {
  // Commit times have whole seconds; file times have milliseconds.
  if (artifactMtimeMs >= Math.floor(change.beforeMs / 1000) * 1000) return 'fresh';
  if (change.afterMs !== undefined && artifactMtimeMs < change.afterMs) return 'stale';
  return 'unknown';
}
