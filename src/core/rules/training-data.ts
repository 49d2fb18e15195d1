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
  // Inputs and loads seen for an earlier fit cannot change the answer: only a strictly earlier node
  // replaces the best, so the first fit that reaches a node is the one reported with it.
  // Per node: 1 once asked about as an input, 2 once seen as a loaded ancestor (flags, not sets of ids).
  const flags = new Uint8Array(q.graph.nodes.length);
  for (const fit of q.graph.fits) {
    if (fit.kind !== 'model' && fit.kind !== 'search') continue;
    for (let k = 0; k < 2; k++) {
      const input = k === 0 ? fit.data : fit.target;
      if (input === undefined || (flags[input] as number) & 1) continue;
      flags[input] = (flags[input] as number) | 1;
      for (const id of q.ancestors(input)) {
        const node = q.node(id);
        if (node?.loads !== true || (flags[id] as number) & 2) continue;
        flags[id] = (flags[id] as number) | 2;
        readers ??= readersByCell(ctx);
        if (readers.size === 0) return undefined;
        const site = readers.get(node.cellIndex)?.find((s) => sameRange(s.call.range, node.range));
        if (site === undefined || CLEANED_FILE.test(node.text)) continue;
        if (best === undefined || earlier(node, best.node)) best = { site, node, fit };
      }
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

function earlier(a: DataNode, b: DataNode): boolean {
  return a.cellIndex < b.cellIndex || (a.cellIndex === b.cellIndex && a.range.start.line < b.range.start.line);
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
