/**
 * LO105 inconsistent-labels: a category column (a label, a target or a feature) holds values that
 * differ only in case, spacing or a common abbreviation ('Yes' / 'yes' / 'Y ', 'Male' / 'male'), as the
 * notebook's own saved outputs (value_counts(), unique()) or its comparisons with literals show, and
 * the code never normalises that column (.str.lower()/.str.strip(), replace, map, a reassignment).
 *
 * Why it matters: encoders and models treat each spelling as its own class: the target gets a spurious
 * extra class, one-hot columns split, and production data spelled the other way lands in the wrong bucket.
 *
 * Bad:  df["churn"].value_counts()  ->  Yes 500 / No 480 / yes 20 ... and no cleaning before fit
 * Good: df["churn"] = df["churn"].str.strip().str.lower()
 */
import { dataflowOf } from '../analysis/dataflow';
import { collisions, comparedLiterals, valuesInOutput, type SeenValues } from './category-values';
import { relatedAt } from './dataflow-messages';
import type { Rule, RuleContext, RuleReport } from './rule';

/** Calls that rewrite values: string normalisation, replacement, mapping. */
const NORMALISES =
  /\.str\.(lower|upper|strip|rstrip|lstrip|title|capitalize|casefold|replace|normalize)\(|\.(replace|map|apply|applymap|transform)\(|\bnp\.where\(|\.(mask|where)\(/;

export const inconsistentLabels: Rule = {
  id: 'LO105',
  name: 'inconsistent-labels',
  category: 'data',
  severity: 'warning',
  description:
    "A category column's values differ only in case, spaces or abbreviation ('Yes'/'yes'/'Y ') and are never normalised, so they count as different classes.",
  check(ctx) {
    const model = dataflowOf(ctx).graph.fits.find((f) => f.kind === 'model' || f.kind === 'search');
    if (model === undefined) return [];
    const reports: RuleReport[] = [];
    const reported = new Set<string>();
    for (const evidence of [...outputEvidence(ctx), ...literalEvidence(ctx)]) {
      const key = evidence.seen.column ?? `${evidence.seen.cellIndex}:${evidence.seen.range.start.line}`;
      if (reported.has(key)) continue;
      if (evidence.seen.column !== undefined && !usedUnnormalised(ctx, evidence.seen.column, evidence.groups)) continue;
      if (evidence.seen.column === undefined && normalisesAnything(ctx)) continue;
      reported.add(key);
      reports.push({
        cellIndex: evidence.seen.cellIndex,
        range: evidence.seen.range,
        message: message(evidence.seen.column, evidence.groups, evidence.from),
        related: [...(evidence.related ?? []), relatedAt(model, 'Model trained here on the unnormalised values')],
      });
    }
    return reports;
  },
};

interface Evidence {
  seen: SeenValues;
  groups: string[][];
  from: 'output' | 'code';
  related?: RuleReport['related'];
}

function outputEvidence(ctx: RuleContext): Evidence[] {
  const found: Evidence[] = [];
  for (const cell of ctx.codeCells) {
    for (const seen of valuesInOutput(cell)) {
      const groups = collisions(seen.values);
      if (groups.length > 0) found.push({ seen, groups, from: 'output' });
    }
  }
  return found;
}

/** The same column compared with 'yes' in one place and 'Yes' in another. */
function literalEvidence(ctx: RuleContext): Evidence[] {
  const byColumn = new Map<string, Array<{ cellIndex: number; value: string; range: SeenValues['range'] }>>();
  for (const cell of ctx.codeCells) {
    for (const { column, value, fact } of comparedLiterals(cell)) {
      const list = byColumn.get(column) ?? [];
      list.push({ cellIndex: cell.cell.index, value, range: fact.range });
      byColumn.set(column, list);
    }
  }
  const found: Evidence[] = [];
  for (const [column, uses] of byColumn) {
    const distinct = [...new Set(uses.map((u) => u.value))];
    const groups = collisions(distinct);
    if (groups.length === 0) continue;
    const spelled = uses.filter((u) => groups.some((g) => g.includes(u.value)));
    const [first, ...others] = spelled;
    const last = others.find((u) => u.value !== first?.value);
    if (first === undefined || last === undefined) continue;
    found.push({
      seen: { column, values: distinct, cellIndex: last.cellIndex, range: last.range },
      groups,
      from: 'code',
      related: [{ cellIndex: first.cellIndex, range: first.range, message: `Compared with '${first.value}' here` }],
    });
  }
  return found;
}

/** The column is never rewritten (normalised, replaced, mapped, reassigned) and feeds the data. */
function usedUnnormalised(ctx: RuleContext, column: string, groups: string[][]): boolean {
  const quoted = column.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const ref = new RegExp(`\\[\\s*["']${quoted}["']\\s*\\]|\\.${quoted}\\b|["']${quoted}["']`);
  const spellings = groups
    .flat()
    .map((v) => v.trim())
    .filter((v) => v.length > 0);
  for (const { cell } of ctx.codeCells) {
    for (const line of cell.source.split('\n')) {
      const code = line.replace(/(^|\s)#.*$/, '');
      if (/\.columns\.str\./.test(code)) continue;
      if (ref.test(code) && (NORMALISES.test(code) || assignsColumn(code, quoted))) return false;
      // A whole-frame or loop normalisation: `df[col] = df[col].str.strip()`, `df.replace({"yes": "Yes"})`.
      if (/\[\s*[A-Za-z_]\w*\s*\]\s*=.*\.str\.(lower|upper|strip|title|capitalize|casefold)\(/.test(code)) return false;
      if (/\.(replace|map)\(/.test(code) && spellings.some((s) => code.includes(`'${s}'`) || code.includes(`"${s}"`))) {
        return false;
      }
      if (/\.(applymap|map)\(\s*(str\.|lambda)/.test(code) && /\b(lower|strip|upper)\b/.test(code)) return false;
    }
  }
  return true;
}

function assignsColumn(code: string, quoted: string): boolean {
  return new RegExp(
    `(\\[\\s*["']${quoted}["']\\s*\\]|\\.${quoted}|loc\\[[^\\]]*["']${quoted}["'][^\\]]*\\])\\s*=[^=]`,
  ).test(code);
}

/** For values whose column we cannot name: any normalising string call anywhere stays quiet. */
function normalisesAnything(ctx: RuleContext): boolean {
  return ctx.codeCells.some(({ cell }) => /\.str\.(lower|upper|strip|title|capitalize|casefold)\(/.test(cell.source));
}

function message(column: string | undefined, groups: string[][], from: Evidence['from']): string {
  const shown = groups
    .slice(0, 3)
    .map((g) => {
      const distinct = [...new Set(g)];
      return distinct.length === 1
        ? `'${distinct[0]}' twice (the spellings differ only in spaces that pandas does not show)`
        : distinct.map((v) => `'${v}'`).join(' / ');
    })
    .join('; ');
  const what = column === undefined ? 'These category values' : `The values of \`${column}\``;
  const where =
    from === 'output' ? 'as this cell’s saved output shows' : 'as the literals the code compares it with show';
  return (
    `${what} are spelled inconsistently (${shown}), ${where}, and the notebook never normalises them: encoders and ` +
    'models count each spelling as its own class. Normalise before training, e.g. ' +
    `\`df[${JSON.stringify(column ?? 'col')}] = df[${JSON.stringify(column ?? 'col')}].str.strip().str.lower()\`, or map the variants explicitly.`
  );
}
