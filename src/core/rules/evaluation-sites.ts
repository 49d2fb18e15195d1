/**
 * Reading an evaluation back from the source, shared by LO305 and LO306: the call an evaluation event
 * points at, the truth and prediction it compares, and the texts a fix can reuse.
 */
import type { DataflowQueries, EvalEvent, FitEvent } from '../analysis/dataflow';
import type { CallFact } from '../analysis/facts';
import { argValueText, keywordArg, positionalArg, qualifyCallee } from './helpers';
import type { AnalyzedCell, RuleContext } from './rule';
import { sameRange } from '../notebook/positions';

export interface EvaluationCall {
  cell: AnalyzedCell;
  call: CallFact;
  /** `sklearn.metrics.r2_score` for a metric; undefined for `model.score(...)` / `model.evaluate(...)`. */
  qualified?: string;
}

/** The call an evaluation was recorded at, unless it happened inside a helper (then it is the helper's call). */
export function evaluationCall(ctx: RuleContext, evaluation: EvalEvent): EvaluationCall | undefined {
  if (evaluation.helper !== undefined) return undefined;
  const cell = ctx.codeCells.find((c) => c.cell.index === evaluation.cellIndex);
  const call = cell?.facts.calls.find((c) => sameRange(c.range, evaluation.range));
  if (cell === undefined || call === undefined) return undefined;
  const qualified = qualifyCallee(ctx, cell.cell.index, call);
  return qualified === undefined ? { cell, call } : { cell, call, qualified };
}

/** Truth and prediction texts of an evaluation (`y_test`, `model.predict(X_test)`), when both are plain. */
export function truthAndPrediction(
  e: EvaluationCall,
  how: EvalEvent['how'],
): { truth: string; prediction: string } | undefined {
  const source = e.cell.cell.source;
  const text = (arg: ReturnType<typeof positionalArg>): string | undefined =>
    arg === undefined || arg.spread !== undefined ? undefined : oneLine(argValueText(source, arg));
  if (how === 'metric') {
    const truth = text(keywordArg(e.call, 'y_true') ?? positionalArg(e.call, 0));
    const prediction = text(keywordArg(e.call, 'y_pred') ?? positionalArg(e.call, 1));
    return truth === undefined || prediction === undefined ? undefined : { truth, prediction };
  }
  if (how !== 'score' || e.call.receiver === undefined) return undefined;
  const x = text(keywordArg(e.call, 'X') ?? positionalArg(e.call, 0));
  const truth = text(keywordArg(e.call, 'y') ?? positionalArg(e.call, 1));
  return x === undefined || truth === undefined ? undefined : { truth, prediction: `${e.call.receiver}.predict(${x})` };
}

/** What a fit call saw, as code a fix can repeat: the variable, or a short one-line expression. */
export function fitInputTexts(q: DataflowQueries, fit: FitEvent): { x: string; y: string } | undefined {
  const x = nodeText(q, fit.data);
  const y = nodeText(q, fit.target);
  return x === undefined || y === undefined ? undefined : { x, y };
}

export function nodeText(q: DataflowQueries, id: number | undefined): string | undefined {
  const node = id === undefined ? undefined : q.node(id);
  if (node === undefined) return undefined;
  return node.name ?? oneLine(node.text);
}

function oneLine(text: string): string | undefined {
  const t = text.trim();
  return t.length === 0 || t.length > 80 || t.includes('\n') ? undefined : t;
}
