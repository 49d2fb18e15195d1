/**
 * Random edits of a notebook, for the property tests that compare a re-analysis after each edit with a
 * cold one (the dataflow resumed from checkpoints, rules' per-cell results). Seeded, so a failure repeats.
 */
import { generateNotebook } from '../../bench/generate';
import type { Cell, Notebook } from '../../src/core/notebook/model';
import { readNotebook } from '../../src/core/notebook/read';

/** A small linear congruential generator: the same seed gives the same edits on every run. */
export function rng(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

export function codeCell(source: string): Cell {
  return { index: 0, kind: 'code', source, executionCount: null, outputs: { count: 0, types: [], text: '' } };
}

/** Cell indexes after cells were inserted, removed or moved. */
export function reindex(nb: Notebook): void {
  nb.cells.forEach((c, i) => (c.index = i));
}

/** A generated notebook of `cells` cells (bench/generate.ts), read as the analysis reads files. */
export function generatedNotebook(cells: number): Notebook {
  const r = readNotebook('generated.ipynb', generateNotebook(cells));
  if (!r.ok) throw new Error(r.reason);
  return r.notebook;
}

/**
 * Cumulative odds of each kind of edit: a line appended, the text replaced by one of `extras`, such a cell
 * inserted, a cell removed (while more than 5), a cell moved, another cell's text copied; else the last
 * line dropped.
 */
export interface EditOdds {
  append: number;
  replace: number;
  insert: number;
  remove: number;
  move: number;
  copy: number;
}

/** One random edit, in place; `i` makes appended lines distinct. */
export function randomEdit(
  nb: Notebook,
  random: () => number,
  i: number,
  extras: readonly string[],
  odds: EditOdds,
): void {
  const pick = (): number => Math.floor(random() * nb.cells.length);
  const extra = (): string => extras[Math.floor(random() * extras.length)] as string;
  const r = random();
  const k = pick();
  const cell = nb.cells[k] as Cell;
  if (r < odds.append) cell.source = `${cell.source}\nz_${i} = ${i}`;
  else if (r < odds.replace) cell.source = extra();
  else if (r < odds.insert) nb.cells.splice(k, 0, codeCell(extra()));
  else if (r < odds.remove && nb.cells.length > 5) nb.cells.splice(k, 1);
  else if (r < odds.move) {
    const [moved] = nb.cells.splice(k, 1);
    nb.cells.splice(pick(), 0, moved as Cell);
  } else if (r < odds.copy) cell.source = (nb.cells[pick()] as Cell).source;
  else cell.source = cell.source.replace(/\n[^\n]*$/, '');
  reindex(nb);
}
