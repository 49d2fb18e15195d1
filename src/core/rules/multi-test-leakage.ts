/**
 * LO203 multi-test-leakage: the same test set scores several models (different estimators, or one
 * estimator refitted in a loop over hyperparameters or feature sets), and no untouched holdout is kept
 * for the model finally chosen.
 *
 * Why it matters: picking the best of N test scores fits the test set; the winner's score is
 * optimistic and production will do worse. Selection belongs on a validation set or in
 * cross-validation; the test set is scored once, at the end.
 *
 * Bad:  for k in range(1, 30): knn = KNeighborsClassifier(k).fit(X_tr, y_tr); scores.append(knn.score(X_te, y_te))
 * Good: GridSearchCV(KNeighborsClassifier(), {"n_neighbors": range(1, 30)}).fit(X_tr, y_tr).score(X_te, y_te)
 */
import type { DataflowQueries, DataNode, EvalEvent, FitEvent, SplitEvent } from '../analysis/dataflow';
import { dataflowOf } from '../analysis/dataflow';
import { NO_SPLITS } from '../analysis/dataflow-reach';
import { fitLabel, nodeLabel, relatedAt } from './dataflow-messages';
import type { Rule, RuleReport } from './rule';

export const multiTestLeakage: Rule = {
  id: 'LO203',
  name: 'multi-test-leakage',
  category: 'leakage',
  severity: 'error',
  description:
    'The same test set scores several models or hyperparameter settings with no untouched holdout, so the chosen score is optimistic.',
  check(ctx) {
    const q = dataflowOf(ctx);
    const reports: RuleReport[] = [];
    const at = new Set<string>();
    for (const split of q.graph.splits) {
      if (
        split.kind === 'cv-iterator' ||
        split.test.length === 0 ||
        isValidationSet(q, split) ||
        hasOuterHoldout(q, split) ||
        selectedOnValidation(q, split)
      )
        continue;
      const models = modelsScoredOn(q, twinsOf(q, split));
      if (models.count < 2 || models.second === undefined || votedTogether(q, models.fits)) continue;
      // X and y parts of one split, or two splits scored by the same evaluation: one finding per place.
      const key = `${models.second.cellIndex}:${models.second.range.start.line}:${models.second.range.start.character}`;
      if (at.has(key)) continue;
      at.add(key);
      reports.push(report(q, split, models.count, models.labels, models.first as EvalEvent, models.second));
    }
    return reports;
  },
};

/**
 * A part the author named as validation (`X_val`, `valid_df`) is meant for choosing between models;
 * whether a final test set exists is a separate question, not this rule's.
 */
function isValidationSet(q: DataflowQueries, split: SplitEvent): boolean {
  return split.test.every((t) =>
    /(^|_)(val|valid|validation|dev)(_|$|\d)|^(val|valid)[A-Z]/.test(q.node(t)?.name ?? ''),
  );
}

/** A validation split nested in the training part of an earlier split: that earlier test set is the holdout. */
function hasOuterHoldout(q: DataflowQueries, split: SplitEvent): boolean {
  const reach = q.splitReach('train');
  if (reach === undefined)
    return q.graph.splits.some(
      (outer) =>
        outer !== split &&
        outer.train.length > 0 &&
        split.inputs.some((i) => outer.train.some((t) => q.derivesFrom(i, t))),
    );
  const k = q.splitIndex(split);
  return split.inputs.some((i) => (reach[i] ?? NO_SPLITS).some((outer) => outer !== k));
}

/** Whether `inner` splits data derived from the training part of `split`. */
function splitsTrainingOf(q: DataflowQueries, inner: SplitEvent, split: SplitEvent): boolean {
  const reach = q.splitReach('train');
  if (reach === undefined) return inner.inputs.some((i) => split.train.some((t) => q.derivesFrom(i, t)));
  const k = q.splitIndex(split);
  return inner.inputs.some((i) => (reach[i] ?? NO_SPLITS).includes(k));
}

/**
 * Models were compared on a validation split taken from this split's training part, and the test set
 * is only scored after that comparison ended: the test set is the untouched holdout, reporting on the
 * chosen model (and, often, its ensemble members).
 */
function selectedOnValidation(q: DataflowQueries, split: SplitEvent): boolean {
  const testEvals = q.evalsOnTestOf(split);
  if (testEvals.length === 0) return false;
  const firstTest = Math.min(...testEvals.map((e) => e.order));
  return q.graph.splits.some((inner) => {
    if (inner === split || inner.kind === 'cv-iterator' || inner.test.length === 0) return false;
    if (!splitsTrainingOf(q, inner, split)) return false;
    const validationEvals = q.evalsOnTestOf(inner);
    return (
      validationEvals.length > 0 &&
      Math.max(...validationEvals.map((e) => e.order)) < firstTest &&
      modelsScoredOn(q, [inner]).count >= 2
    );
  });
}

interface Scored {
  count: number;
  labels: string[];
  /** The distinct models, in the order of their first evaluation. */
  fits: FitEvent[];
  first?: EvalEvent;
  second?: EvalEvent;
}

/**
 * `train_test_split` calls that cut the same rows the same way: the same `y` (so the same rows and
 * strata), the same literal `random_state` and the same sizes. Their test parts are one test set seen
 * through different features (`X_scaled`, then `X_pca`), so models scored on either are compared.
 */
function twinsOf(q: DataflowQueries, split: SplitEvent): SplitEvent[] {
  const signature = splitSignature(q, split);
  if (signature === undefined) return [split];
  return q.graph.splits.filter((s) => s === split || splitSignature(q, s) === signature);
}

function splitSignature(q: DataflowQueries, split: SplitEvent): string | undefined {
  if (split.kind !== 'train_test_split' || split.inputs.length < 2) return undefined;
  const text = q.node(split.test[0])?.text ?? '';
  const keyword = (name: string): string => new RegExp(`\\b${name}\\s*=\\s*([^,)]+)`).exec(text)?.[1]?.trim() ?? '';
  const seed = keyword('random_state');
  if (seed === '' || seed === 'None') return undefined;
  const y = split.inputs[split.inputs.length - 1];
  return [y, seed, keyword('test_size'), keyword('train_size'), keyword('shuffle')].join('|');
}

/** Distinct models evaluated on the splits' test parts; a fit refitted in a loop that also scores counts twice. */
function modelsScoredOn(q: DataflowQueries, splits: readonly SplitEvent[]): Scored {
  const seen = new Map<string, FitEvent>();
  const scored: Scored = { count: 0, labels: [], fits: [] };
  const evaluations = [...new Set(splits.flatMap((s) => q.evalsOnTestOf(s)))].sort((a, b) => a.order - b.order);
  for (const evaluation of evaluations) {
    const fit = q.graph.fits[evaluation.fit];
    if (fit === undefined || fit.kind === 'preprocessor' || fit.kind === 'oversampler') continue;
    if (fit.data !== undefined && q.isTestData(fit.data)) continue;
    const key = modelKey(q, fit);
    if (seen.has(key)) continue;
    seen.set(key, fit);
    scored.count += refitInLoop(fit, evaluation) ? 2 : 1;
    scored.labels.push(fitLabel(fit));
    scored.fits.push(fit);
    if (scored.first === undefined) scored.first = evaluation;
    if (scored.second === undefined && scored.count >= 2) scored.second = evaluation;
  }
  return scored;
}

/**
 * The models are the members of one ensemble: a later expression combines their predictions, each operand
 * holding one model's (`n_ones = p1[i] + p2[i] + p3[i]` for a majority vote, `(p_lr + p_rf) / 2`). Members each
 * scored on the test set are not candidates chosen between. A table or list of the predictions
 * (`{"lr": p_lr, ...}`), or a value computed from such a collection, is a comparison, not a combination.
 */
function votedTogether(q: DataflowQueries, fits: readonly FitEvent[]): boolean {
  if (fits.length < 2) return false;
  const { predictionsBy, candidates } = combinationsOf(q);
  const predictions = fits.map((fit) => predictionsBy.get(fit.id) ?? []);
  if (predictions.some((ids) => ids.length === 0)) return false;
  const last = Math.max(...predictions.map((ids) => ids[0] as number));
  return candidates.some((n) => {
    if (n.id <= last) return false;
    // Each operand holds one model's predictions, and together they hold every model's.
    const covered = new Set<number>();
    for (const d of n.deps) {
      const ancestors = q.ancestors(d);
      const holds = predictions.flatMap((ids, k) => (ids.some((p) => ancestors.has(p)) ? [k] : []));
      if (holds.length === 1) covered.add(holds[0] as number);
    }
    return covered.size === fits.length;
  });
}

interface Combinations {
  /** Prediction nodes by the fit that predicts, in node order. */
  predictionsBy: Map<number, number[]>;
  /** Expressions of two or more values that could combine predictions. */
  candidates: DataNode[];
}

const combinations = new WeakMap<DataflowQueries, Combinations>();

function combinationsOf(q: DataflowQueries): Combinations {
  let found = combinations.get(q);
  if (found !== undefined) return found;
  found = { predictionsBy: new Map(), candidates: [] };
  for (const n of q.graph.nodes) {
    if (n.predictedBy !== undefined) {
      const list = found.predictionsBy.get(n.predictedBy);
      if (list === undefined) found.predictionsBy.set(n.predictedBy, [n.id]);
      else list.push(n.id);
    } else if (n.deps.length >= 2 && COMBINES.test(n.text) && !COLLECTS.test(n.text)) found.candidates.push(n);
  }
  combinations.set(q, found);
  return found;
}

/** Arithmetic on predictions, or a reduction of them. */
const COMBINES = /[+*/]|\b(mean|average|sum|median|mode|round)\s*\(/;
/** A dict, list or table of predictions side by side. */
const COLLECTS = /^\s*[[{]|^\s*(pd|pandas)\.(DataFrame|concat)\s*\(/;

/** Same constructor and same fit call = the same model, even when re-run in another cell. */
function modelKey(q: DataflowQueries, fit: FitEvent): string {
  const constructed = fit.objectNode === undefined ? fit.object : (q.node(fit.objectNode)?.text ?? fit.object);
  return `${constructed}|${fit.text}|${fit.loops.join(',')}|${fit.helper === undefined ? '' : fit.order}`;
}

/**
 * A fit inside a loop that also scores it: one model per iteration (hyperparameters, feature sets).
 * Or each model of a collection fitted in one loop and scored in a later one (`for name, m in models.items()` twice).
 */
function refitInLoop(fit: FitEvent, evaluation: EvalEvent): boolean {
  const loop = fit.loops[fit.loops.length - 1];
  if (loop !== undefined && evaluation.loops.includes(loop)) return true;
  return fit.perItem === true && evaluation.loops.length > 0;
}

function report(
  q: DataflowQueries,
  split: SplitEvent,
  count: number,
  labels: string[],
  first: EvalEvent,
  second: EvalEvent,
): RuleReport {
  const test = nodeLabel(q, split.test[0]);
  const which =
    labels.length > 1
      ? ` (${labels.slice(0, 4).join(', ')}${labels.length > 4 ? ', ...' : ''})`
      : ' (refitted in a loop)';
  return {
    cellIndex: second.cellIndex,
    range: second.range,
    message:
      `The test set ${test} scores ${count > 2 ? 'several' : 'two or more'} models${which} and no untouched holdout is kept: ` +
      'choosing between them on the test set makes the chosen score optimistic. Select on a validation set or with ' +
      'cross-validation, and score only the final model on the test set, once.',
    related: [
      relatedAt(split, 'The test set is split off here'),
      relatedAt(first, 'First model scored on the test set here'),
    ],
  };
}
