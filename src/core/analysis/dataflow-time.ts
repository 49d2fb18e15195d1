/**
 * Time order over the dataflow: where a table becomes evidently time-ordered and which splits
 * shuffle. Two strengths of evidence:
 *
 * - `series`: the rows are a time series: sorted by a date column, indexed by time (`index_col`
 *   with `parse_dates`, `set_index("date")`, `df.index = pd.to_datetime(...)`), resampled, or given
 *   lag/rolling features (`df["sales"].shift(1)`).
 * - `timestamp`: a column is parsed as dates (`parse_dates=["date"]`, `pd.to_datetime(df["date"])`):
 *   each row happened at a time (house sales, transactions), so a random split trains on the future.
 *   It counts only while that column, or a feature computed from it, still reaches the split data,
 *   and never for dates that describe an entity rather than the row's event (date of birth,
 *   signup date).
 */
import type { RuleContext } from '../rules/rule';
import type { DataflowQueries } from './dataflow';
import { columnTarget, columnsRead, stringList } from './dataflow-column-text';
import { assignsToSubscript, columnFlowOf, type ColumnFlow } from './dataflow-columns';
import { anyCellMentions, cellMentions, type NodeSite } from './dataflow-sites';
import { isLoader } from './dataflow-kinds';
import type { CallFact } from './facts';
import type { Range } from '../notebook/model';

export interface TimeCue {
  /** The table (node) that carries the time order from here on. */
  node: number;
  cellIndex: number;
  range: Range;
  strength: 'series' | 'timestamp';
  /** For messages: "is sorted by `date`", "has `date` parsed as dates". */
  what: string;
  /** The date column of a timestamp cue. */
  column?: string;
  /** Rows were put in time order, so splitting without shuffling splits by time. */
  sorted: boolean;
}

/** Column names that hold a date or time. */
export const DATE_NAME =
  /(^|[_\s.-])([dD]ate|[tT]ime|[tT]imestamp|[dD]ate_?[tT]ime|DATE|TIME|ds|dt|DT)s?([_\s.-]|$)|[a-z](Date|Time)|^([yY]ear|[mM]onth|[wW]eek|[dD]ay|period|quarter)$/;
/** Dates that describe an entity (a person, an account, a building), not when the row happened. */
const ENTITY_DATE =
  /birth|dob|born|creat|sign_?up|regist|join|since|enrol|member|hire|release|built|renovat|expir|customer|account|open|(^|_)(first|last)_?[a-z]/i;
/** Methods that make features from earlier rows: only meaningful when rows are in time order. */
const LAG = /\.(shift|rolling|expanding|ewm)\s*\(/;
const PARSES_DATES = /\b(to_datetime|DatetimeIndex|date_range|PeriodIndex|to_period)\s*\(|datetime64/;

/**
 * Every cue below needs one of these words in a cell's source (a keyword argument, a method, a date
 * parser, a lag method): without one, the column-flow index is not built at all.
 */
const CUE_WORDS =
  /parse_dates|index_col|sort_values|set_index|resample|asfreq|to_datetime|DatetimeIndex|date_range|PeriodIndex|to_period|datetime64|shift|rolling|expanding|ewm/;

export function timeCues(ctx: RuleContext, q: DataflowQueries): TimeCue[] {
  if (!anyCellMentions(ctx, CUE_WORDS)) return [];
  const flow = columnFlowOf(ctx, q);
  const cues: TimeCue[] = [];
  const parsed = new Set<string>();
  // A cue's words are in its own cell: the other cells' nodes are not matched to facts.
  for (const [id, site] of flow.sitesWhere((_cell, at) => cellMentions(ctx, at, CUE_WORDS))) {
    const cue = site.call !== undefined ? callCue(ctx, site, site.call, parsed) : assignmentCue(site, parsed);
    if (cue === undefined) continue;
    const node = site.call !== undefined ? flow.chainEnd(id) : id;
    cues.push({ node, cellIndex: site.cell.cell.index, ...cue });
  }
  return cues;
}

type CueParts = Omit<TimeCue, 'node' | 'cellIndex'>;

function callCue(
  ctx: Pick<RuleContext, 'qualify'>,
  site: NodeSite,
  call: CallFact,
  parsed: Set<string>,
): CueParts | undefined {
  const range = call.range;
  const arg = (name: string, position?: number): string | undefined =>
    (
      call.args.find((a) => a.keyword === name) ??
      (position === undefined ? undefined : call.args.filter((a) => a.keyword === undefined)[position])
    )?.value.text;
  const qualified = ctx.qualify(site.cell.cell.index, call.callee) ?? call.qualified;
  if (isLoader(qualified)) {
    const dates = arg('parse_dates');
    const index = arg('index_col');
    const indexNames = index === undefined ? [] : (stringList(index) ?? []);
    const parsesDates = dates !== undefined && !/^(False|None|\[\s*\])$/.test(dates.trim());
    const columns = dates === undefined ? [] : (stringList(dates) ?? []);
    for (const c of columns) parsed.add(c);
    if (index !== undefined && (parsesDates || indexNames.some((n) => DATE_NAME.test(n)))) {
      return { range, strength: 'series', what: `is indexed by time (\`index_col=${index.trim()}\`)`, sorted: true };
    }
    const column = columns.find((c) => !ENTITY_DATE.test(c));
    if (column !== undefined) return timestamp(range, column, `has \`${column}\` parsed as dates`);
    return undefined;
  }
  const method = call.method;
  if (method === 'sort_values') {
    const by = arg('by', 0);
    const column = (by === undefined ? [] : (stringList(by) ?? [])).find((c) => DATE_NAME.test(c) || parsed.has(c));
    if (column !== undefined) return { range, strength: 'series', what: `is sorted by \`${column}\``, sorted: true };
  } else if (method === 'set_index') {
    const keys = arg('keys', 0);
    const column = (keys === undefined ? [] : (stringList(keys) ?? [])).find((c) => DATE_NAME.test(c) || parsed.has(c));
    if (column !== undefined) return { range, strength: 'series', what: `is indexed by \`${column}\``, sorted: true };
  } else if ((method === 'resample' && /^['"]/.test(arg('rule', 0) ?? '')) || method === 'asfreq') {
    return { range, strength: 'series', what: `is resampled in time (\`.${method}\`)`, sorted: true };
  }
  return undefined;
}

function assignmentCue(site: NodeSite, parsed: Set<string>): CueParts | undefined {
  const a = site.assignment;
  if (a === undefined || site.target === undefined) return undefined;
  const targetText = a.targetTexts[site.target] ?? '';
  const value = a.value.text;
  if (/\.index$/.test(targetText) && PARSES_DATES.test(value)) {
    return { range: a.range, strength: 'series', what: 'gets a time index', sorted: true };
  }
  const column = columnTarget(targetText);
  if (column === undefined) return undefined;
  if (PARSES_DATES.test(value)) {
    parsed.add(column.column);
    if (ENTITY_DATE.test(column.column)) return undefined;
    return timestamp(a.range, column.column, `has \`${column.column}\` parsed as dates`);
  }
  if (LAG.test(value) && !/\bpct_change\b/.test(value)) {
    const what = `gets features from earlier rows (\`${value.length > 40 ? `${value.slice(0, 37)}...` : value}\`)`;
    return { range: a.range, strength: 'series', what, sorted: false };
  }
  return undefined;
}

function timestamp(range: Range, column: string, what: string): CueParts {
  return { range, strength: 'timestamp', what, column, sorted: false };
}

/**
 * Whether the cue is still in the data a split divides (its inputs): the rows of a series always; a timestamp
 * only while its column, or a feature computed from it (`df["year"] = df["date"].dt.year`), is kept.
 */
export function cueReaches(flow: ColumnFlow, cue: TimeCue, data: readonly number[]): boolean {
  const q = flow.q;
  const inputs = data.filter((i) => q.derivesFrom(i, cue.node));
  if (inputs.length === 0) return false;
  if (cue.strength === 'series' || cue.column === undefined) return true;
  const column = cue.column;
  if (inputs.some((i) => flow.columnReaches(i, cue.node, column))) return true;
  // A feature read from the column names it: only cells that assign to a subscript and mention it.
  const features = flow.sitesWhere((cell) => assignsToSubscript(cell) && cell.cell.source.includes(column));
  for (const [id, site] of features) {
    const a = site.assignment;
    if (a === undefined || site.target === undefined) continue;
    const feature = columnTarget(a.targetTexts[site.target] ?? '');
    if (feature === undefined || !columnsRead(a.value.text, [feature.frame]).has(column)) continue;
    if (!q.derivesFrom(id, cue.node)) continue;
    if (inputs.some((i) => flow.columnReaches(i, id, feature.column))) return true;
  }
  return false;
}
