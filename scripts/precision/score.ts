/**
 * Scoring of Liftoff's findings against hand labels (test/labels/corpus-labels.json): pure
 * functions, no file system, so the matching is unit-tested without the corpus.
 *
 * A notebook's labels cover the rules in its `reviewed` list: every finding of those rules has a
 * verdict (tp/fp), and the notebook was read for the instances the rules missed (`missed`).
 * Matching, per notebook and rule: a finding takes the label at the same cell and line, else a
 * label in the same cell (the anchor line moved), else a missed instance at that cell or in its
 * `cell`..`toCell` range (now found: a true positive). What is left over: findings with no label
 * (they need a verdict), true positives no longer reported and missed instances still missed (both
 * false negatives).
 */

export type Verdict = 'tp' | 'fp';

export interface FindingLabel {
  rule: string;
  /** 1-based cell index among all cells, as `liftoff check` prints it. */
  cell: number;
  /** 1-based line in the cell where the finding points. */
  line: number;
  verdict: Verdict;
  reason: string;
}

export interface MissedLabel {
  rule: string;
  /** 1-based cell where the rule should report; `toCell` widens that to a range of cells. */
  cell: number;
  toCell?: number;
  reason: string;
}

export interface NotebookLabels {
  sha256: string;
  reviewed: string[];
  findings: FindingLabel[];
  missed: MissedLabel[];
  note?: string;
}

export interface LabelFile {
  version: 1;
  description?: string;
  notebooks: Record<string, NotebookLabels>;
}

/** A finding as observed now, reduced to what labels are matched on. */
export interface Observed {
  rule: string;
  cell: number;
  line: number;
  message: string;
  text: string;
}

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export interface NotebookScore {
  counts: Map<string, Counts>;
  unlabelled: Observed[];
  /** Labelled true positives no longer reported, and missed instances still missed. */
  falseNegatives: Array<{ rule: string; cell: number; reason: string }>;
  /** Findings of rules this notebook was not reviewed for (not counted). */
  notReviewed: Observed[];
}

export function emptyCounts(): Counts {
  return { tp: 0, fp: 0, fn: 0 };
}

function countsOf(map: Map<string, Counts>, rule: string): Counts {
  let c = map.get(rule);
  if (c === undefined) {
    c = emptyCounts();
    map.set(rule, c);
  }
  return c;
}

/** Removes and returns the first element matching `pred`. */
function take<T>(list: T[], pred: (x: T) => boolean): T | undefined {
  const i = list.findIndex(pred);
  return i < 0 ? undefined : list.splice(i, 1)[0];
}

export function scoreNotebook(labels: NotebookLabels, observed: readonly Observed[]): NotebookScore {
  const reviewed = new Set(labels.reviewed);
  const score: NotebookScore = { counts: new Map(), unlabelled: [], falseNegatives: [], notReviewed: [] };
  for (const rule of reviewed) countsOf(score.counts, rule);
  const open = labels.findings.filter((l) => reviewed.has(l.rule));
  const missed = labels.missed.filter((m) => reviewed.has(m.rule));
  const pending: Observed[] = [];
  // Pass 1: exact cell and line.
  for (const o of observed) {
    if (!reviewed.has(o.rule)) {
      score.notReviewed.push(o);
      continue;
    }
    const label = take(open, (l) => l.rule === o.rule && l.cell === o.cell && l.line === o.line);
    if (label === undefined) pending.push(o);
    else countsOf(score.counts, o.rule)[label.verdict]++;
  }
  // Pass 2: same cell (the anchor moved); pass 3: a missed instance now found.
  for (const o of pending) {
    const label = take(open, (l) => l.rule === o.rule && l.cell === o.cell);
    if (label !== undefined) {
      countsOf(score.counts, o.rule)[label.verdict]++;
      continue;
    }
    if (take(missed, (m) => m.rule === o.rule && o.cell >= m.cell && o.cell <= (m.toCell ?? m.cell)) !== undefined) {
      countsOf(score.counts, o.rule).tp++;
      continue;
    }
    score.unlabelled.push(o);
  }
  for (const l of open.filter((x) => x.verdict === 'tp')) {
    countsOf(score.counts, l.rule).fn++;
    score.falseNegatives.push({ rule: l.rule, cell: l.cell, reason: `no longer reported: ${l.reason}` });
  }
  for (const m of missed) {
    countsOf(score.counts, m.rule).fn++;
    score.falseNegatives.push({ rule: m.rule, cell: m.cell, reason: m.reason });
  }
  return score;
}

export function addCounts(into: Map<string, Counts>, from: Map<string, Counts>): void {
  for (const [rule, c] of from) {
    const t = countsOf(into, rule);
    t.tp += c.tp;
    t.fp += c.fp;
    t.fn += c.fn;
  }
}

/** Precision and recall; undefined when there is nothing to divide (no findings, no instances). */
export function ratios(c: Counts): { precision?: number; recall?: number } {
  return {
    precision: c.tp + c.fp > 0 ? c.tp / (c.tp + c.fp) : undefined,
    recall: c.tp + c.fn > 0 ? c.tp / (c.tp + c.fn) : undefined,
  };
}

/** Problems in the label file itself: a clear message each, never a throw. */
export function validateLabels(data: unknown): string[] {
  const errors: string[] = [];
  if (typeof data !== 'object' || data === null) return ['the label file is not a JSON object'];
  const file = data as Partial<LabelFile>;
  if (file.version !== 1) errors.push('"version" must be 1');
  if (typeof file.notebooks !== 'object' || file.notebooks === null) return [...errors, '"notebooks" is missing'];
  for (const [path, nb] of Object.entries(file.notebooks)) {
    const where = `notebooks["${path}"]`;
    if (typeof nb.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(nb.sha256))
      errors.push(`${where}.sha256 is not a sha256`);
    if (!Array.isArray(nb.reviewed)) errors.push(`${where}.reviewed is not a list of rule ids`);
    if (!Array.isArray(nb.findings)) errors.push(`${where}.findings is not a list`);
    if (!Array.isArray(nb.missed)) errors.push(`${where}.missed is not a list`);
    for (const [i, l] of (Array.isArray(nb.findings) ? nb.findings : []).entries()) {
      if (l.verdict !== 'tp' && l.verdict !== 'fp') errors.push(`${where}.findings[${i}].verdict must be "tp" or "fp"`);
      if (!Number.isInteger(l.cell) || !Number.isInteger(l.line))
        errors.push(`${where}.findings[${i}] needs cell and line`);
      if (typeof l.reason !== 'string' || l.reason.trim() === '') errors.push(`${where}.findings[${i}] needs a reason`);
    }
    for (const [i, m] of (Array.isArray(nb.missed) ? nb.missed : []).entries()) {
      if (!Number.isInteger(m.cell) || typeof m.rule !== 'string')
        errors.push(`${where}.missed[${i}] needs rule and cell`);
      if (m.toCell !== undefined && !(Number.isInteger(m.toCell) && m.toCell >= m.cell)) {
        errors.push(`${where}.missed[${i}].toCell must be a cell number not before cell`);
      }
      if (typeof m.reason !== 'string' || m.reason.trim() === '') errors.push(`${where}.missed[${i}] needs a reason`);
    }
  }
  return errors;
}
