/**
 * Shared by the data rules (LO102-LO104): the table a model is trained on, as loaded from a file, and
 * whether anything in the notebook looks at or treats it in a given way (text cues over the code).
 */
import { dataflowOf, type DataNode, type FitEvent } from '../analysis/dataflow';
import { sameRange } from '../notebook/positions';
import { relatedAt } from './dataflow-messages';
import { someCell, type CellPart } from '../analysis/cell-memo';
import { callSitesWhere, type CallSite } from './helpers';
import type { RuleContext, RuleReport } from './rule';

/** Tabular readers: files whose rows can be missing values or duplicates. */
const TABLE_READER =
  /^(pandas|polars)\.read_(csv|table|excel|parquet|json|feather|orc|sas|spss|stata|fwf|sql\w*|pickle|hdf|ipc|avro|database\w*)$/;

/** A file someone already cleaned (`data/processed/clean.csv`): the cleaning happened elsewhere. */
const CLEANED_FILE = /(clean|processed|prepared|preprocessed|transformed|featurized)/i;

export interface TrainingLoad {
  site: CallSite;
  node: DataNode;
  fit: FitEvent;
}

/**
 * The first table read from a file that feeds (as X or y) a model fit, in document order. Once per
 * analysis (LO102 and LO103 both ask); the reader calls are looked up only for loaded nodes that feed a fit.
 */
export function trainingTableLoad(ctx: RuleContext): TrainingLoad | undefined {
  if (loads.has(ctx)) return loads.get(ctx);
  const found = findTrainingTableLoad(ctx);
  loads.set(ctx, found);
  return found;
}

const loads = new WeakMap<RuleContext, TrainingLoad | undefined>();

function findTrainingTableLoad(ctx: RuleContext): TrainingLoad | undefined {
  const q = dataflowOf(ctx);
  let readers: Map<number, CallSite[]> | undefined;
  let best: TrainingLoad | undefined;
  // One walk back over the fits' inputs, in fit order, each node visited once: what an earlier fit reached
  // holds its own ancestors too, so the loads a fit reaches first are exactly those its walk visits, and the
  // first fit that reaches a load is the one reported with it. No ancestor set is built (an edit re-does this
  // on every analysis, and the sets of every input were most of this rule's time).
  const seen = new Uint8Array(q.graph.nodes.length);
  for (const fit of q.graph.fits) {
    if (fit.kind !== 'model' && fit.kind !== 'search') continue;
    for (const input of [fit.data, fit.target]) {
      if (input === undefined) continue;
      const complete = q.visitAncestors(input, seen, (node) => {
        if (node.loads !== true) return true;
        readers ??= readersByCell(ctx);
        if (readers.size === 0) return false;
        const site = readers.get(node.cellIndex)?.find((s) => sameRange(s.call.range, node.range));
        if (site !== undefined && !CLEANED_FILE.test(node.text) && (best === undefined || earlier(node, best.node)))
          best = { site, node, fit };
        return true;
      });
      if (!complete) return undefined;
    }
  }
  return best;
}

/** The table readers' call sites, by cell index. */
function readersByCell(ctx: RuleContext): Map<number, CallSite[]> {
  const byCell = new Map<number, CallSite[]>();
  for (const site of callSitesWhere(ctx, readsTable)) {
    const list = byCell.get(site.cell.cell.index);
    if (list === undefined) byCell.set(site.cell.cell.index, [site]);
    else list.push(site);
  }
  return byCell;
}

function readsTable(site: CallSite): boolean {
  return TABLE_READER.test(site.qualified ?? '');
}

/** Document order; loads at one place (a helper's, replayed at its call) in the order the fold made them. */
function earlier(a: DataNode, b: DataNode): boolean {
  if (a.cellIndex !== b.cellIndex) return a.cellIndex < b.cellIndex;
  const x = a.range.start;
  const y = b.range.start;
  if (x.line !== y.line) return x.line < y.line;
  return x.character !== y.character ? x.character < y.character : a.id < b.id;
}

/** Whether any code cell matches `cue`, outside comments (strings count: `na_values="?"`). */
export function notebookMentions(ctx: RuleContext, cue: RegExp): boolean {
  let part = mentionParts.get(cue);
  if (part === undefined) {
    // The replace only on lines with a `#` (most have none): it costs more than the test.
    part = (_ctx, { cell }) =>
      cell.source.split('\n').some((line) => cue.test(line.includes('#') ? line.replace(COMMENT, '') : line));
    mentionParts.set(cue, part);
  }
  return someCell(ctx, part);
}

const COMMENT = /(^|\s)#.*$/;

/** One per cue (module-level constants of the rules), answered once per cell. */
const mentionParts = new WeakMap<RegExp, CellPart<boolean>>();

/**
 * LO102 and LO103: one report on the load of the table a model trains on, when no cell does what `handled`
 * matches (a missing-value check, a de-duplication).
 */
export function unhandledTrainingTable(ctx: RuleContext, handled: RegExp, message: string): RuleReport[] {
  const load = trainingTableLoad(ctx);
  if (load === undefined || notebookMentions(ctx, handled)) return [];
  return [
    {
      cellIndex: load.node.cellIndex,
      range: load.node.range,
      message,
      related: [relatedAt(load.fit, 'A model is trained on it here')],
    },
  ];
}
