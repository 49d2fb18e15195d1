/**
 * Questions about evaluations over the dataflow, shared by the leakage and evaluation rules:
 * which evaluations score a model on the rows it was fitted on, whether a model (or the notebook)
 * has any held-out evaluation, and where a preprocessor's output ended up.
 */
import type { DataflowQueries, DataNode, EvalEvent, FitEvent, SplitEvent } from './dataflow';
import { NO_SPLITS } from './dataflow-reach';

/** An evaluation of a supervised model on the same rows it was fitted on. */
export interface TrainingEvaluation {
  evaluation: EvalEvent;
  fit: FitEvent;
}

export function trainingEvaluations(q: DataflowQueries): TrainingEvaluation[] {
  const found: TrainingEvaluation[] = [];
  for (const evaluation of q.graph.evals) {
    const fit = q.graph.fits[evaluation.fit];
    if (fit?.data === undefined || fit.kind === 'preprocessor' || fit.kind === 'oversampler') continue;
    // Clusterers and density models "score" their own data by design; only supervised fits count.
    if (fit.target === undefined && fit.kind !== 'model') continue;
    if (q.sameRows(fit.data, evaluation.data)) found.push({ evaluation, fit });
  }
  return found;
}

/** Whether this evaluation scores rows the model did not see. */
export function isHeldOut(q: DataflowQueries, evaluation: EvalEvent): boolean {
  const fit = q.graph.fits[evaluation.fit];
  if (fit?.data === undefined) return q.isTestData(evaluation.data);
  return !q.sameRows(fit.data, evaluation.data);
}

/** Any sign that the object named `object` is judged on data it did not train on. */
export function objectHasHeldOutEvaluation(q: DataflowQueries, object: string): boolean {
  const fitsOfObject = new Set(q.graph.fits.filter((f) => f.object === object).map((f) => f.id));
  if (q.graph.fits.some((f) => fitsOfObject.has(f.id) && (f.validates || f.kind === 'search'))) return true;
  if (q.graph.cvs.some((c) => c.object === object)) return true;
  return q.graph.evals.some((e) => fitsOfObject.has(e.fit) && isHeldOut(q, e));
}

/** Any split, cross-validation, validation set or evaluation on other rows anywhere in the notebook. */
export function notebookHasHoldout(q: DataflowQueries, writtenNames: Iterable<string>): boolean {
  const g = q.graph;
  if (g.splits.length > 0 || g.cvs.length > 0 || g.fits.some((f) => f.validates)) return true;
  if (g.evals.some((e) => isHeldOut(q, e))) return true;
  // A variable called X_test or val_df means the author kept data aside, even if we missed how.
  for (const name of writtenNames) if (/(^|_)(test|val|valid|validation|holdout)(_|$|\d)/i.test(name)) return true;
  return false;
}

/** Nodes holding what a preprocessing fit produced: its fit_transform result and later transforms. */
export function applicationsOf(q: DataflowQueries, fit: FitEvent): number[] {
  const applied =
    fit.method === 'fit' || fit.method === 'adapt' || fit.method === 'fit_on_texts' ? [] : [...fit.outputs];
  // Indexed: asked per preprocessing fit, over every node (`for...of` here allocated per node, in heap profiles).
  const nodes = q.graph.nodes;
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i] as DataNode;
    if (node.transformedBy === fit.id) applied.push(node.id);
  }
  return applied;
}

/** Whether a model trained on data derived from one of `nodes` is evaluated on the split's test part. */
export function evaluatedModelUses(q: DataflowQueries, split: SplitEvent, nodes: readonly number[]): boolean {
  if (nodes.length === 0) return false;
  const onTest = (data: number): boolean => split.test.some((t) => q.derivesFrom(data, t));
  const trainedOn = (fitId: number): boolean => {
    const fit = q.graph.fits[fitId];
    return fit?.data !== undefined && nodes.some((n) => q.derivesFrom(fit.data as number, n));
  };
  if (q.graph.evals.some((e) => onTest(e.data) && trainedOn(e.fit))) return true;
  return q.graph.nodes.some(
    (n) =>
      n.predictedBy !== undefined &&
      n.predictedData !== undefined &&
      onTest(n.predictedData) &&
      trainedOn(n.predictedBy),
  );
}

/**
 * Splits whose test part is evaluated (a split never evaluated cannot be leaked into). Predicting on
 * a split's test part counts; a separately loaded test file counts only when scored (it may be a
 * competition file without labels).
 */
export function evaluatedSplits(q: DataflowQueries): readonly SplitEvent[] {
  let splits = evaluated.get(q);
  if (splits === undefined) {
    splits = findEvaluatedSplits(q);
    evaluated.set(q, splits);
  }
  return splits;
}

/** Per analysis (its queries object): three leakage rules ask, and the answer walks every node. */
const evaluated = new WeakMap<DataflowQueries, readonly SplitEvent[]>();

function findEvaluatedSplits(q: DataflowQueries): SplitEvent[] {
  const all = q.graph.splits;
  const reach = q.splitReach('test');
  if (reach === undefined)
    return all.filter(
      (s) => s.test.length > 0 && (q.evalsOnTestOf(s).length > 0 || (s.kind !== 'files' && predictsOnTestBySets(q, s))),
    );
  const scored = new Uint8Array(all.length);
  for (const e of q.graph.evals) for (const k of reach[e.data] ?? NO_SPLITS) scored[k] = 1;
  // Predicting on a test part counts too, except for a separately loaded test file (it may have no labels).
  for (const node of q.graph.nodes) {
    if (node.predictedData === undefined) continue;
    for (const k of reach[node.predictedData] ?? NO_SPLITS) if ((all[k] as SplitEvent).kind !== 'files') scored[k] = 1;
  }
  return all.filter((s, k) => scored[k] === 1 && s.test.length > 0);
}

function predictsOnTestBySets(q: DataflowQueries, split: SplitEvent): boolean {
  return q.graph.nodes.some(
    (n) => n.predictedData !== undefined && split.test.some((t) => q.derivesFrom(n.predictedData as number, t)),
  );
}
