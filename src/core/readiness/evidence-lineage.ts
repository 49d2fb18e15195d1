/**
 * Model lineage as readiness evidence (Infra 1, "training is reproducible"): which notebook cell writes each
 * model file of the project, and whether the file is older than that cell's last change (models/lineage/).
 * Collected from the notebooks readiness already parsed, with the faces' file times and, where a face may
 * run git, the notebooks' committed versions; judged here as plain data.
 */
import type { FactsCache } from '../analysis/cache';
import { artifactKind } from '../models/discover';
import type { HistoryPort, NotebookHistory } from '../models/lineage/history';
import {
  basisText,
  cellLabel,
  linkArtifacts,
  type ArtifactLineage,
  type ArtifactWriter,
  type LineageNotebook,
} from '../models/lineage/link';
import { MAX_INSPECTED_MODELS } from './evidence-models';
import type { CellTarget, NotebookInput } from './types';
import { list } from './verdict';

/** What a face gives for lineage; without `mtimeMs` readiness has no lineage evidence. */
export interface LineagePort {
  /** Last modification time of a project file, in ms since the epoch. */
  mtimeMs?(relative: string): Promise<number>;
  /**
   * The notebooks' committed versions (git), asked for only when a notebook writes a model file of the
   * project; undefined where the face may not run git (the editor in an untrusted workspace).
   */
  history?(): Promise<HistoryPort | undefined>;
}

/** The model files lineage links: every artifact kind, the first ones by path (the same cap as the reports). */
export function lineageArtifacts(files: readonly string[]): string[] {
  return files.filter((f) => artifactKind(f) !== undefined).slice(0, MAX_INSPECTED_MODELS);
}

/**
 * Links the project's model files to the cells of the notebooks already read (parsed and analysed), so
 * nothing is read or parsed twice; `cache` is the facts cache the analysis filled. Undefined when the
 * project has no model file or the face gives no file times. Files whose time cannot be read are left out.
 */
export async function collectLineage(
  port: LineagePort,
  files: readonly string[],
  notebooks: readonly NotebookInput[],
  cache?: FactsCache,
): Promise<ArtifactLineage[] | undefined> {
  const paths = lineageArtifacts(files);
  const mtimeOf = port.mtimeMs?.bind(port);
  if (paths.length === 0 || mtimeOf === undefined) return undefined;
  const timed = async (path: string) => {
    const mtimeMs = await mtimeOf(path).catch(() => undefined);
    return mtimeMs === undefined ? [] : [{ path, mtimeMs: Math.floor(mtimeMs) }];
  };
  const artifacts = (await Promise.all(paths.map(timed))).flat();
  const parsed: LineageNotebook[] = [];
  for (const input of notebooks) {
    if (input.notebook === undefined) continue; // unreadable: its LO901 finding already says so
    for (const { mtimeMs } of await timed(input.path))
      parsed.push({ path: input.path, mtimeMs, notebook: input.notebook });
  }
  const history = parsed.length > 0 && artifacts.length > 0 ? await port.history?.() : undefined;
  const report = await linkArtifacts({
    notebooks: parsed,
    artifacts,
    ...(history ? { history } : {}),
    ...(cache ? { cache } : {}),
  });
  return report.artifacts;
}

/** What lineage says about reproducing the project's model files from its notebooks. */
export interface LineageFacts {
  /** Older than the last change of the cell that writes them: not made by today's code. */
  stale: ArtifactLineage[];
  /** No notebook writes them. */
  orphans: ArtifactLineage[];
  /** Written by a notebook cell, after its last change or without proof either way. */
  linked: ArtifactLineage[];
}

export function lineageFacts(artifacts: readonly ArtifactLineage[]): LineageFacts {
  return {
    stale: artifacts.filter((a) => a.status === 'stale'),
    orphans: artifacts.filter((a) => a.status === 'orphan'),
    linked: artifacts.filter((a) => a.status === 'fresh' || a.status === 'unknown'),
  };
}

/** The cell a face reveals for an artifact: its first (exact) writer. */
export function writerCell(w: ArtifactWriter): CellTarget {
  return { file: w.notebook, cellIndex: w.cellIndex, range: w.range };
}

const others = (n: number, what: string): string => (n > 1 ? ` (and ${n - 1} more ${what})` : '');

/** "models/churn.joblib is older than the last change of train.ipynb, cell 7 (from git history), ..." */
export function staleText(stale: readonly ArtifactLineage[]): string {
  const [first] = stale;
  const w = first?.writers[0];
  if (first === undefined || w === undefined) return '';
  return (
    `${first.path} is older than the last change of ${cellLabel(w)}, which writes it (${basisText(w.change)}): ` +
    `the file was not made by the current code${others(stale.length, 'stale')}`
  );
}

/** "no notebook writes models/a.onnx, so it cannot be made again from the notebooks" */
export function orphanText(orphans: readonly ArtifactLineage[]): string {
  const paths = orphans.map((a) => a.path);
  const verb = paths.length === 1 ? 'it' : 'they';
  return `no notebook writes ${list(paths)}, so ${verb} cannot be made again from the notebooks`;
}

/** "models/churn.onnx is written by train.ipynb, cell 7 (joblib.dump), after the cell's last change" */
export function linkedText(linked: readonly ArtifactLineage[]): string {
  const [first] = linked;
  const w = first?.writers[0];
  if (first === undefined || w === undefined) return '';
  const when = first.status === 'fresh' ? ", after the cell's last change" : '';
  const verb = w.exact ? 'is written by' : 'may be written by';
  return `${first.path} ${verb} ${cellLabel(w)} (${w.callee})${when}${others(linked.length, 'written by notebooks')}`;
}

/**
 * A HistoryPort that asks once per notebook until told the notebook changed, for a face that rebuilds
 * often (the editor); `open` makes the underlying port (git) on first use.
 */
export class CachedHistory implements HistoryPort {
  private inner: Promise<HistoryPort | undefined> | undefined;
  private readonly byPath = new Map<string, Promise<NotebookHistory | undefined>>();

  constructor(private readonly open: () => Promise<HistoryPort | undefined>) {}

  revisions(notebookPath: string): Promise<NotebookHistory | undefined> {
    let history = this.byPath.get(notebookPath);
    if (history === undefined) {
      this.inner ??= this.open();
      history = this.inner.then((port) => port?.revisions(notebookPath));
      this.byPath.set(notebookPath, history);
    }
    return history;
  }

  /** The notebook changed: ask again next time. */
  forget(notebookPath: string): void {
    this.byPath.delete(notebookPath);
  }
}
