/**
 * LO204 shuffled-time-split: data that is evidently in time order (sorted by a date, indexed by
 * time, given lag features, or with a parsed event date) is split at random: `train_test_split`
 * without `shuffle=False`, a shuffling KFold/ShuffleSplit loop, or a `df.sample(frac=...)` split.
 *
 * Why it matters: the model trains on rows from after the rows it is tested on, so the test score
 * measures filling gaps in the past, not predicting the future that production will ask about.
 *
 * Bad:  df = df.sort_values("date"); X_tr, X_te, y_tr, y_te = train_test_split(X, y)
 * Good: X_tr, X_te, y_tr, y_te = train_test_split(X, y, shuffle=False)  # or TimeSeriesSplit
 */
import type { CvEvent, SplitEvent } from '../analysis/dataflow';
import { dataflowOf } from '../analysis/dataflow';
import { planOf } from '../analysis/dataflow-cell';
import { columnFlowOf, type ColumnFlow } from '../analysis/dataflow-columns';
import { evaluatedSplits } from '../analysis/dataflow-evals';
import { cueReaches, timeCues, type TimeCue } from '../analysis/dataflow-time';
import type { CallFact } from '../analysis/facts';
import type { Fix } from '../findings';
import type { Range } from '../notebook/model';
import { rangeContains, sameRange } from '../notebook/positions';
import { addKeywordArgEdit, hasKeywordSpread, keywordArg } from './helpers';
import type { Rule, RuleContext, RuleReport } from './rule';

type RelatedReport = NonNullable<RuleReport['related']>[number];

export const shuffledTimeSplit: Rule = {
  id: 'LO204',
  name: 'shuffled-time-split',
  category: 'leakage',
  severity: 'warning',
  description:
    'Time-ordered data (sorted or indexed by date, lag features, parsed event dates) is split at random, so the model trains on the future of its test rows.',
  check(ctx) {
    const q = dataflowOf(ctx);
    // Nothing evaluated after a split, nothing to report: leave the time cues (and the column-flow index) unbuilt.
    const splits = evaluatedSplits(q);
    if (splits.length === 0 && q.graph.cvs.every((cv) => cv.data === undefined)) return [];
    const cues = timeCues(ctx, q);
    if (cues.length === 0) return [];
    const flow = columnFlowOf(ctx, q);
    const reports: RuleReport[] = [];
    const strongest = (inputs: readonly number[]): TimeCue | undefined => {
      const reaching = cues.filter((c) => cueReaches(flow, c, inputs));
      return reaching.find((c) => c.strength === 'series') ?? reaching[0];
    };
    for (const split of splits) {
      const shuffled = shuffledSplit(ctx, flow, split);
      const cue = shuffled === undefined ? undefined : strongest(split.inputs);
      if (shuffled !== undefined && cue !== undefined) {
        const evaluation = q.evalsOnTestOf(split)[0];
        reports.push(report(shuffled, cue, evaluation && { ...evaluation, message: 'Evaluated here' }));
      }
    }
    // `cross_val_score(model, X, y, cv=KFold(5, shuffle=True))` on time-ordered rows.
    for (const cv of q.graph.cvs) {
      const shuffled = cv.data === undefined ? undefined : shuffledCrossValidation(ctx, cv);
      const cue = shuffled === undefined ? undefined : strongest([cv.data as number]);
      if (shuffled !== undefined && cue !== undefined) reports.push(report(shuffled, cue, undefined));
    }
    return reports;
  },
};

interface Shuffled {
  /** What shuffles, for the message: "`train_test_split`", "`KFold(shuffle=True)`". */
  label: string;
  range: Range;
  cellIndex: number;
  /** The train_test_split call, when the fix can add `shuffle=False` to it. */
  call?: CallFact;
}

const SHUFFLING_SPLITTER = /(ShuffleSplit|RepeatedK?Fold|RepeatedStratifiedKFold)$/;
const OPTIONAL_SHUFFLE = /(KFold|StratifiedKFold|GroupKFold|StratifiedGroupKFold)$/;

/** How the split shuffles its rows; undefined when it keeps their order (or we cannot tell). */
function shuffledSplit(ctx: RuleContext, flow: ColumnFlow, split: SplitEvent): Shuffled | undefined {
  const at = { range: split.range, cellIndex: split.cellIndex };
  if (split.kind === 'sample') return { ...at, label: '`sample`' };
  if (split.kind === 'train_test_split' && split.helper !== undefined) {
    const found = helperSplitCall(ctx, split.helper);
    return found === undefined ? undefined : splitCallShuffles(found.call, found.cellIndex);
  }
  const site = flow.site(split.train[0] ?? split.test[0] ?? -1);
  const a = site?.assignment;
  if (site === undefined || a === undefined || split.helper !== undefined) return undefined;
  const calls = site.cell.facts.calls;
  if (split.kind === 'train_test_split') {
    const call = a.callIndex === undefined ? undefined : calls[a.callIndex];
    return call === undefined ? undefined : splitCallShuffles(call, site.cell.cell.index);
  }
  if (split.kind !== 'cv-iterator') return undefined;
  const splitCall = calls.find((c) => c.method === 'split' && rangeContains(a.range, c.range));
  if (splitCall?.receiver === undefined) return undefined;
  return shufflingSplitter(ctx, site.cell.cell.index, splitCall.receiver, at);
}

/** `cross_val_score(..., cv=KFold(shuffle=True))`, `cross_validate(..., cv=ShuffleSplit(...))`. */
function shuffledCrossValidation(ctx: RuleContext, cv: CvEvent): Shuffled | undefined {
  const cell = ctx.codeCells.find((c) => c.cell.index === cv.cellIndex);
  const call = cell?.facts.calls.find((c) => sameRange(c.range, cv.range));
  const arg = call?.args.find((x) => x.keyword === 'cv');
  if (arg === undefined) return undefined;
  return shufflingSplitter(ctx, cv.cellIndex, arg.value.text.trim(), { range: cv.range, cellIndex: cv.cellIndex });
}

/** A splitter that shuffles, from its constructor written in place or bound to a name. */
function shufflingSplitter(
  ctx: RuleContext,
  cellIndex: number,
  text: string,
  at: { range: Range; cellIndex: number },
): Shuffled | undefined {
  const splitter = splitterText(ctx, cellIndex, text);
  if (splitter === undefined) return undefined;
  const className = ctx.qualify(splitter.cellIndex, splitter.callee) ?? splitter.callee;
  const shuffles =
    SHUFFLING_SPLITTER.test(className) ||
    (OPTIONAL_SHUFFLE.test(className) && /\bshuffle\s*=\s*True\b/.test(splitter.args));
  if (!shuffles || /TimeSeriesSplit/.test(className)) return undefined;
  const short = className.split('.').pop() ?? className;
  return { ...at, label: `\`${short}\`${/shuffle/.test(splitter.args) ? ' with `shuffle=True`' : ''}` };
}

function splitCallShuffles(call: CallFact, cellIndex: number): Shuffled | undefined {
  if (hasKeywordSpread(call) || !/train_test_split$/.test(call.callee)) return undefined;
  const shuffle = keywordArg(call, 'shuffle')?.value.text.trim();
  if (shuffle !== undefined && shuffle !== 'True') return undefined;
  return { label: '`train_test_split`', range: call.range, cellIndex, call };
}

/** The `train_test_split` call inside a notebook helper (`def split(df): return train_test_split(...)`). */
function helperSplitCall(ctx: RuleContext, helper: string): { call: CallFact; cellIndex: number } | undefined {
  let found: { call: CallFact; cellIndex: number } | undefined;
  for (const cell of ctx.codeCells) {
    if (!planOf(cell).defs.some((d) => d.name === helper)) continue;
    const call = cell.facts.calls.find((c) => c.inFunction === helper && /train_test_split$/.test(c.callee));
    found = call === undefined ? undefined : { call, cellIndex: cell.cell.index };
  }
  return found;
}

/** The constructor call of a splitter: written in place (`KFold(5, shuffle=True).split`) or bound to a name. */
function splitterText(
  ctx: RuleContext,
  cellIndex: number,
  receiver: string,
): { callee: string; args: string; cellIndex: number } | undefined {
  const inPlace = /^([A-Za-z_][\w.]*)\(([\s\S]*)\)$/.exec(receiver);
  if (inPlace !== null) return { callee: inPlace[1] ?? '', args: inPlace[2] ?? '', cellIndex };
  if (!/^[A-Za-z_]\w*$/.test(receiver)) return undefined;
  let found: { callee: string; args: string; cellIndex: number } | undefined;
  for (const { cell, facts } of ctx.codeCells) {
    if (cell.index > cellIndex) break;
    for (const a of facts.assignments) {
      if (a.targets.length !== 1 || a.targets[0] !== receiver || a.targetTexts[0] !== receiver) continue;
      const call = a.callIndex === undefined ? undefined : facts.calls[a.callIndex];
      const text = /^[A-Za-z_][\w.]*\(([\s\S]*)\)$/.exec(a.value.text);
      if (call !== undefined && text !== null)
        found = { callee: call.callee, args: text[1] ?? '', cellIndex: cell.index };
    }
  }
  return found;
}

function report(shuffled: Shuffled, cue: TimeCue, evaluated: RelatedReport | undefined): RuleReport {
  const strong = cue.strength === 'series';
  const message =
    `${shuffled.label} splits at random data that ${cue.what} (cell ${cue.cellIndex + 1}): ` +
    (strong
      ? 'the model trains on rows from after its test rows, so the test score measures filling gaps in the past, not ' +
        'predicting the future it will see in production. '
      : 'if the model is meant to predict later rows, it trains here on rows from after its test rows and the test ' +
        'score is optimistic. ') +
    'Split by time instead: a cut-off date, `shuffle=False` on time-sorted rows, or TimeSeriesSplit for cross-validation.';
  const result: RuleReport = {
    cellIndex: shuffled.cellIndex,
    range: shuffled.range,
    message,
    related: [{ cellIndex: cue.cellIndex, range: cue.range, message: relatedMessage(cue) }],
  };
  if (!strong) result.severity = 'info';
  if (evaluated !== undefined) {
    result.related?.push({ cellIndex: evaluated.cellIndex, range: evaluated.range, message: evaluated.message });
  }
  const fix = shuffleFix(shuffled, cue);
  if (fix !== undefined) result.fix = fix;
  return result;
}

function relatedMessage(cue: TimeCue): string {
  if (cue.strength === 'timestamp') return `\`${cue.column ?? 'a column'}\` is parsed as dates here`;
  return cue.sorted ? 'The rows are put in time order here' : 'Features from earlier rows are computed here';
}

/** `shuffle=False` keeps the order of rows that were sorted or indexed by time; stratifying needs shuffling. */
function shuffleFix(shuffled: Shuffled, cue: TimeCue): Fix | undefined {
  const call = shuffled.call;
  if (call === undefined || !cue.sorted || keywordArg(call, 'stratify') !== undefined) return undefined;
  const existing = keywordArg(call, 'shuffle');
  const edit =
    existing === undefined
      ? addKeywordArgEdit(shuffled.cellIndex, call, 'shuffle=False')
      : { cellIndex: shuffled.cellIndex, range: existing.range, newText: 'shuffle=False' };
  return { title: 'Split without shuffling (the last rows in time become the test set)', edits: [edit] };
}
