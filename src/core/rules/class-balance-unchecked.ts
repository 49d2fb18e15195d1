/**
 * LO104 class-balance-unchecked: a classifier is trained on labels read from a file, and nothing in the
 * notebook looks at how the classes are distributed (value_counts, countplot, bincount, Counter...)
 * or accounts for it (class_weight, stratify=, a stratified splitter, imblearn).
 *
 * Why it matters: with 95% of one class, a model that always answers that class scores 95% accuracy.
 * Unless someone looked, nobody knows whether the metrics, the split and the threshold suit the data.
 *
 * Bad:  y = df["churn"]; clf.fit(X_train, y_train); accuracy_score(y_test, clf.predict(X_test))
 * Good: df["churn"].value_counts(normalize=True); split with stratify=y; report per-class metrics
 */
import { dataflowOf, type DataflowQueries, type FitEvent } from '../analysis/dataflow';
import type { CallFact } from '../analysis/facts';
import { fitLabel } from './dataflow-messages';
import { callSitesWhere, lastSegment, type CallSite } from './helpers';
import { isClassifierFit } from './model-task';
import type { Rule, RuleContext } from './rule';
import { notebookMentions } from './training-data';

export { isClassifierFit };

/**
 * Anything that shows the author thought about the class distribution, wherever it is
 * (classification_report prints each class's support next to its metrics).
 */
const AWARE =
  /\b(class_weight|compute_class_weight|compute_sample_weight|scale_pos_weight|is_unbalance|stratify|Stratified\w*|imblearn|SMOTE\w*|RandomOverSampler|RandomUnderSampler|balanced_accuracy_score)\b|classification_report\s*\(/;
/** Calls that show a distribution when applied to the target. */
const INSPECT =
  /^(value_counts|countplot|bincount|unique|Counter|size|count|describe|hist|histplot|pie|barplot|catplot|crosstab|displot|distplot|plot|scatter|scatterplot|mean|sum)$/;
/** Bundled toy datasets are known and mostly balanced; only real files are worth the reminder. */
const TOY_DATA = /\b(load|fetch|make)_\w+\(|\.load_data\(/;

export const classBalanceUnchecked: Rule = {
  id: 'LO104',
  name: 'class-balance-unchecked',
  category: 'data',
  severity: 'info',
  description: 'A classifier is trained but the class distribution of its target is never inspected or accounted for.',
  check(ctx) {
    const q = dataflowOf(ctx);
    const fit = q.graph.fits.find((f) => isClassifierFit(q, f) && targetFromFile(q, f));
    if (fit === undefined || notebookMentions(ctx, AWARE)) return [];
    const tokens = targetTokens(q, fit);
    addSourceColumns(ctx, tokens);
    if (tokens.size === 0 || inspectsTarget(ctx, tokens)) return [];
    return [
      {
        cellIndex: fit.cellIndex,
        range: fit.range,
        message:
          `${fitLabel(fit)} is a classifier, but the notebook never looks at how its classes are distributed: if one ` +
          'class dominates, accuracy and a random split can mislead. Check `y.value_counts(normalize=True)`; if it is ' +
          'skewed, split with `stratify=y`, use per-class metrics, and consider `class_weight="balanced"`.',
      },
    ];
  },
};

/** The labels come from a real file, not a bundled toy dataset (which is known and mostly balanced). */
export function targetFromFile(q: DataflowQueries, fit: FitEvent): boolean {
  if (fit.target === undefined) return false;
  for (const id of q.ancestors(fit.target)) {
    const node = q.node(id);
    if (node?.loads === true && !TOY_DATA.test(node.text)) return true;
  }
  return false;
}

/**
 * Words that name the target: its variables (`y`, `y_train`) and the column it came from (`"churn"`,
 * `df.churn`), from the nodes the target derives from that the features do not.
 */
function targetTokens(q: DataflowQueries, fit: FitEvent): Set<string> {
  const shared = fit.data === undefined ? new Set<number>() : q.ancestors(fit.data);
  const tokens = new Set<string>();
  for (const id of q.ancestors(fit.target as number)) {
    const node = q.node(id);
    if (node === undefined || shared.has(id)) continue;
    if (node.name !== undefined) tokens.add(node.name);
    for (const m of node.text.matchAll(/\[\s*["']([^"']+)["']\s*\]|\.([A-Za-z_]\w*)\s*$/g))
      tokens.add((m[1] ?? m[2]) as string);
  }
  return tokens;
}

/**
 * A target column built from another one (`df["spam"] = df["Category"].apply(...)`): looking at the
 * source column's distribution is looking at the target's.
 */
function addSourceColumns(ctx: RuleContext, tokens: Set<string>): void {
  for (const { facts } of ctx.codeCells) {
    for (const a of facts.assignments) {
      const column = a.targetTexts.map(columnOf).find((c) => c !== undefined && tokens.has(c));
      if (column === undefined) continue;
      for (const m of a.value.text.matchAll(/\[\s*["']([^"']+)["']\s*\]|\.([A-Za-z_]\w*)\s*\./g)) {
        tokens.add((m[1] ?? m[2]) as string);
      }
    }
  }
}

function columnOf(targetText: string): string | undefined {
  const m = /\[\s*["']([^"']+)["']\s*\]$|^\w+\.([A-Za-z_]\w*)$/.exec(targetText);
  return m === null ? undefined : (m[1] ?? m[2]);
}

function inspectsTarget(ctx: RuleContext, tokens: Set<string>): boolean {
  return callSitesWhere(ctx, isInspection).some(({ call }) => mentions(call, tokens));
}

function isInspection({ call }: CallSite): boolean {
  return INSPECT.test(call.method ?? lastSegment(call.callee));
}

/** The receiver, the callee's object and the argument values (not keyword names: `y=` is not `y`). */
function mentions(call: CallFact, tokens: Set<string>): boolean {
  const texts = [call.receiver ?? '', ...call.args.map((a) => a.value.text)];
  for (const token of tokens) {
    const word = new RegExp(`(^|[^\\w])${token.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}([^\\w]|$)`);
    if (texts.some((t) => word.test(t))) return true;
  }
  return false;
}
