/**
 * LO304 split-not-stratified: a train_test_split whose parts train a classifier, without `stratify=`.
 * The class proportions of the train and test parts then differ by chance, more so for rare classes.
 *
 * Only labels read from a file count: bundled toy datasets (iris, digits) are balanced by design.
 *
 * Why it matters: with a rare class, a random test part may hold a handful of its rows (or none), so
 * the test score, and the threshold chosen on it, vary from run to run and misstate production.
 *
 * Bad:  X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=0)
 * Good: X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=0, stratify=y)
 */
import { dataflowOf, type DataflowQueries, type FitEvent, type SplitEvent } from '../analysis/dataflow';
import { TRAIN_TEST_SPLIT } from '../analysis/dataflow-kinds';
import { isClassifierFit, targetFromFile } from './class-balance-unchecked';
import { fitLabel, relatedAt } from './dataflow-messages';
import { addKeywordArgEdit, argValueText, hasKeywordSpread, keywordArg, resolvedCalls, type CallSite } from './helpers';
import { cellPartAt } from '../analysis/cell-memo';
import { rangeContains } from '../notebook/positions';
import type { Rule, RuleContext, RuleReport } from './rule';

/** Expressions safe to repeat as `stratify=`: a name, attribute or column, not a call with effects. */
const SIMPLE_EXPR = /^[A-Za-z_][\w.]*(\[\s*(["'][^"']*["']|\d+|:\s*,\s*-?\d+)\s*\])*$/;

export const splitNotStratified: Rule = {
  id: 'LO304',
  name: 'split-not-stratified',
  category: 'evaluation',
  severity: 'info',
  description:
    'A train/test split feeds a classifier but is not stratified, so class proportions differ between train and test by chance.',
  check(ctx) {
    const q = dataflowOf(ctx);
    const reports: RuleReport[] = [];
    for (const split of q.graph.splits) {
      if (split.kind !== 'train_test_split') continue;
      const site = splitCall(ctx, split);
      if (site === undefined || keywordArg(site.call, 'stratify') !== undefined || hasKeywordSpread(site.call))
        continue;
      if (keywordArg(site.call, 'shuffle')?.value.text === 'False') continue;
      const found = classifierTarget(q, split, site);
      if (found === undefined) continue;
      reports.push(report(site, found.fit, found.yText));
    }
    return reports;
  },
};

/** The split's call, read from its own cell only (the other cells' calls are not selected). */
function splitCall(ctx: RuleContext, split: SplitEvent): CallSite | undefined {
  const at = ctx.codeCells.findIndex((c) => c.cell.index === split.cellIndex);
  const cell = ctx.codeCells[at];
  if (cell === undefined) return undefined;
  for (const { call, qualified } of cellPartAt(ctx, at, resolvedCalls)) {
    const site = { cell, call, qualified };
    if (callsTrainTestSplit(site) && rangeContains(split.range, call.range)) return site;
  }
  return undefined;
}

function callsTrainTestSplit(site: CallSite): boolean {
  return site.qualified === TRAIN_TEST_SPLIT || site.call.callee.endsWith('train_test_split');
}

/** The classifier trained on this split's train part, and the source text of the labels array passed in. */
function classifierTarget(
  q: DataflowQueries,
  split: SplitEvent,
  site: CallSite,
): { fit: FitEvent; yText: string } | undefined {
  const arrays = site.call.args.filter((a) => a.keyword === undefined && a.spread === undefined);
  if (arrays.length < 2 || arrays.length !== split.inputs.length) return undefined;
  for (const fit of q.graph.fits) {
    if (fit.order < split.order || fit.target === undefined || fit.data === undefined) continue;
    if (!split.train.some((t) => q.derivesFrom(fit.target as number, t)) || !isClassifierFit(q, fit)) continue;
    if (!targetFromFile(q, fit)) continue;
    const k = split.inputs.findIndex(
      (input) => q.derivesFrom(fit.target as number, input) && !q.derivesFrom(fit.data as number, input),
    );
    const arg = arrays[k];
    if (arg === undefined) continue;
    const yText = argValueText(site.cell.cell.source, arg).trim();
    if (SIMPLE_EXPR.test(yText)) return { fit, yText };
  }
  return undefined;
}

function report(site: CallSite, fit: FitEvent, yText: string): RuleReport {
  const cellIndex = site.cell.cell.index;
  return {
    cellIndex,
    range: site.call.range,
    message:
      `This split feeds a classifier (${fitLabel(fit)}) but is not stratified: the share of each class in the train ` +
      `and test parts differs by chance, and a rare class may barely appear in the test part. Add \`stratify=${yText}\`.`,
    related: [relatedAt(fit, 'The classifier is trained on the train part here')],
    fix: { title: `Add stratify=${yText}`, edits: [addKeywordArgEdit(cellIndex, site.call, `stratify=${yText}`)] },
  };
}
