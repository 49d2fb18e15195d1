/**
 * Reading category values back from a notebook, for LO105: the values pandas printed for a column
 * (`value_counts()` tables, `unique()` arrays in saved outputs) and the string literals code compares
 * a column with (`df.smoker == "yes"`), grouped by the spelling they normalise to.
 */
import type { CallFact, StringFact } from '../analysis/facts';
import type { Range } from '../notebook/model';
import type { AnalyzedCell } from './rule';

/** Values of one column seen in one place. */
export interface SeenValues {
  /** The column, when the code or the output names it. */
  column?: string;
  values: string[];
  cellIndex: number;
  range: Range;
}

/** Calls whose output lists a column's distinct values (not of `df.columns` or `df.index`). */
function listsValues(c: CallFact): boolean {
  if (c.method !== 'value_counts' && c.method !== 'unique') return false;
  const receiver = c.receiver ?? '';
  return !receiver.endsWith('.columns') && !receiver.endsWith('.index');
}

const ENTRY = /^(.*?\S)\s+(-?\d+(?:\.\d+)?(?:e[-+]?\d+)?)$/;
const SERIES_FOOTER = /^(?:Name: (.+?), )?(?:Length: \d+, )?dtype: \w+$/;
const QUOTED = /'((?:[^'\\\n]|\\.)*)'|"((?:[^"\\\n]|\\.)*)"/g;

/** The column a receiver selects: `df["gender"]`, `df.gender`, `df["gender"].str.strip()` is not plain. */
export function columnOfReceiver(receiver: string): string | undefined {
  const m = /^[A-Za-z_][\w.]*?\s*\[\s*["']([^"']+)["']\s*\]$|^[A-Za-z_]\w*\.([A-Za-z_]\w*)$/.exec(receiver.trim());
  const column = m?.[1] ?? m?.[2];
  return column === undefined || /^(columns|index|values|dtypes|str)$/.test(column) ? undefined : column;
}

/** What a cell's saved output shows of the columns its value_counts()/unique() calls list. */
export function valuesInOutput(cell: AnalyzedCell): SeenValues[] {
  const text = cell.cell.outputs.text;
  if (text === '') return [];
  const calls = cell.facts.calls.filter(listsValues);
  if (calls.length === 0) return [];
  const columns = calls.map((c) => columnOfReceiver(c.receiver ?? ''));
  const seen: SeenValues[] = [];
  const counts = calls.filter((c) => c.method === 'value_counts');
  const blocks = counts.length === 0 ? [] : seriesBlocks(text);
  blocks.forEach((block, i) => {
    // Tables pair with calls one to one; otherwise (a loop printing several) only named tables count.
    const call = counts.length === blocks.length ? counts[i] : undefined;
    if (call === undefined && block.name === undefined) return;
    const named = block.name !== undefined && columns.includes(block.name) ? block.name : undefined;
    const column = named ?? columnOfReceiver(call?.receiver ?? '') ?? block.name;
    const site = call ?? (calls[0] as CallFact);
    seen.push({ values: block.labels, cellIndex: cell.cell.index, range: site.range, ...(column ? { column } : {}) });
  });
  const uniques = calls.filter((c) => c.method === 'unique');
  // Arrays pair with `unique()` calls only: without one, the output is not scanned for them.
  if (uniques.length === 0) return seen;
  stringLists(text).forEach(({ values, label }, i) => {
    const call = uniques.length === 1 ? uniques[0] : uniques[i];
    if (call === undefined) return;
    // A loop printing `print(col, df[col].unique())` names the column before the array.
    const column = columnOfReceiver(call.receiver ?? '') ?? label;
    seen.push({ values, cellIndex: cell.cell.index, range: call.range, ...(column ? { column } : {}) });
  });
  return seen;
}

interface SeriesBlock {
  name?: string;
  labels: string[];
}

/** pandas Series reprs: `label   count` lines closed by `Name: x, dtype: int64` (or a header line, pandas 2). */
function seriesBlocks(text: string): SeriesBlock[] {
  const blocks: SeriesBlock[] = [];
  let labels: string[] = [];
  let header: string | undefined;
  // A MultiIndex prints repeated outer labels as blank space: such rows are not one column's values.
  let multiIndex = false;
  const reset = (): void => {
    labels = [];
    header = undefined;
    multiIndex = false;
  };
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\s+$/, '');
    const footer = SERIES_FOOTER.exec(line);
    if (footer !== null) {
      const name = footer[1] !== undefined && !/^(count|proportion)$/.test(footer[1]) ? footer[1] : header;
      if (labels.length > 1 && !multiIndex) blocks.push(name === undefined ? { labels } : { name, labels });
      reset();
      continue;
    }
    if (/^\s+\S/.test(line) && labels.length > 0) multiIndex = true;
    const entry = ENTRY.exec(line);
    if (entry !== null && !/^\.\.\.?$/.test(entry[1] ?? '')) labels.push(entry[1] as string);
    else if (labels.length === 0 && /^\S+$/.test(line)) header = line;
    else if (!/^\s*\.\.\.?\s*$/.test(line)) reset();
  }
  return blocks;
}

/** `array(['Yes', 'yes ', nan], dtype=object)` or a printed `['Yes' 'yes ']`: lists made only of strings. */
function stringLists(text: string): Array<{ values: string[]; label?: string }> {
  const lists: Array<{ values: string[]; label?: string }> = [];
  for (const m of text.matchAll(/(?:^|\n)[ \t]*([A-Za-z_][\w ]*?)?[ \t]*:?[ \t]*(?:array\()?\[([^[\]]*)\]/g)) {
    const body = m[2] ?? '';
    const values = [...body.matchAll(QUOTED)].map((q) => unescape(q[1] ?? q[2] ?? ''));
    const rest = body.replace(QUOTED, '').replace(/\b(nan|None|NaN)\b/g, '');
    if (values.length < 2 || !/^[\s,]*$/.test(rest)) continue;
    const label = m[1]?.trim();
    lists.push(label !== undefined && /^[A-Za-z_]\w*$/.test(label) ? { values, label } : { values });
  }
  return lists;
}

function unescape(s: string): string {
  return s.replace(/\\(['"\\])/g, '$1');
}

// prettier-ignore
const SYNONYMS: Readonly<Record<string, string>> = { y: 'yes', n: 'no', m: 'male', f: 'female', t: 'true' };

/** The spelling a value normalises to: case, surrounding and repeated spaces, common abbreviations. */
export function normalised(value: string): string {
  const v = value.trim().replace(/\s+/g, ' ').toLowerCase();
  return SYNONYMS[v] ?? v;
}

/**
 * Groups of distinct spellings that normalise to the same value (`['Yes', 'yes', 'Y ']`). Repeated
 * labels in a value_counts table count too: pandas does not show the trailing space that tells them apart.
 */
export function collisions(values: readonly string[]): string[][] {
  const groups = new Map<string, string[]>();
  for (const v of values) {
    if (v.length === 0 || v.length > 60 || /^-?[\d.]+$/.test(v.trim())) continue;
    const key = normalised(v);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [v]);
    else group.push(v);
  }
  // A synonym alone ('M' with 'F') is a consistent code; it only collides next to the word it stands for.
  return [...groups.values()].filter((g) => g.length > 1);
}

/** String literals a column is compared with: `df["smoker"] == "yes"`, `df.sex.isin(["M", "male"])`. */
export function comparedLiterals(cell: AnalyzedCell): Array<{ column: string; value: string; fact: StringFact }> {
  const found: Array<{ column: string; value: string; fact: StringFact }> = [];
  const source = cell.cell.source;
  // Both patterns need `==`, `!=` or `.isin(` somewhere: most cells have none, and are not split into lines.
  if (
    cell.facts.strings.length === 0 ||
    !(source.includes('==') || source.includes('!=') || source.includes('.isin('))
  ) {
    return found;
  }
  const lines = source.split('\n');
  for (const fact of cell.facts.strings) {
    const line = lines[fact.range.start.line] ?? '';
    const before = line.slice(0, fact.range.start.character);
    // What each pattern needs (`==`/`!=` just before the string, `.isin(` anywhere), checked first:
    // most strings are neither, and the patterns, anchored at the end, cost more than these scans.
    const compared = before.trimEnd();
    const m =
      (compared.endsWith('==') || compared.endsWith('!=')
        ? /(?:\[\s*["']([^"']+)["']\s*\]|\.([A-Za-z_]\w*))\s*(?:==|!=)\s*$/.exec(before)
        : null) ??
      (before.includes('.isin(')
        ? /(?:\[\s*["']([^"']+)["']\s*\]|\.([A-Za-z_]\w*))\.isin\(\s*[[({][^\])}]*$/.exec(before)
        : null);
    const column = m?.[1] ?? m?.[2];
    if (column !== undefined && fact.value.length > 0) found.push({ column, value: fact.value, fact });
  }
  return found;
}
