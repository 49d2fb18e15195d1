/**
 * Calls in the dataflow: every call gets a result node over what it reads; on top of that a call may
 * load data, fit an object (`scaler.fit_transform(X)`), predict or score with a fitted object, compute
 * a metric from predictions, cross-validate, mutate its receiver in place, or run a notebook helper
 * (replayed once with the caller's arguments, so `evaluate(model, X_test, y_test)` counts; only the part of
 * its body that can be seen outside the replay, see dataflow-replay.ts).
 */
import type { Builder, Frame } from './dataflow-build';
import { Scope } from './dataflow-build';
import type { CvEvent, FitEvent } from './dataflow';
import { planOf } from './dataflow-cell';
import {
  APPLY_METHODS,
  CALL_CV,
  CALL_LOADS,
  CALL_METRIC,
  callRoles,
  FIT_METHODS,
  isUpsampling,
  PREDICT_METHODS,
  rebindsReceiver,
  SCORE_METHODS,
} from './dataflow-kinds';
import { replayOf } from './dataflow-replay';
import { leadingNameEnd } from './dataflow-text';
import type { ArgFact, CallFact } from './facts';

/** Keras-style held-out data given to fit (`validation_split=`, `validation_data=`, `eval_set=`). */
const VALIDATION = new Set(['validation_split', 'validation_data', 'eval_set']);
const CONSTRUCTED = /^([A-Za-z_][\w.]*)\(([\s\S]*)\)$/;

export function visitCall(b: Builder, frame: Frame, call: CallFact): void {
  const text = frame.plan.callText(call);
  const qualified = b.qualify(frame, call.callee) ?? call.qualified;
  const fitted = call.receiver !== undefined ? fitOfReceiver(frame, call.receiver) : undefined;
  const argNodes: ArgNodes = new Array<number | undefined>(call.args.length);
  for (let i = 0; i < call.args.length; i++) argNodes[i] = argNode(b, frame, call.args[i] as ArgFact);
  // The receiver's nodes, then the arguments' (reading the receiver builds no node, so it can come second).
  const deps = b.nodeDeps.reset();
  if (call.receiver !== undefined && fitted === undefined && !isObject(frame, call.receiver))
    b.depsOf(frame, call.receiver, undefined, deps);
  for (let i = 0; i < argNodes.length; i++) {
    const n = argNodes[i];
    if (n !== undefined) deps.add(n);
  }
  const node = b.addNode(frame, call.range, text, deps);
  const roles = callRoles(qualified);
  if ((roles & CALL_LOADS) !== 0) node.loads = true;
  frame.results.set(call.range, node.id);

  const method = call.method;
  if (method !== undefined && FIT_METHODS.has(method)) recordFit(b, frame, call, node.id, argNodes);
  else if (method !== undefined && PREDICT_METHODS.has(method) && fitted !== undefined) {
    node.predictedBy = fitted;
    const data = dataArg(call, argNodes);
    if (data !== undefined) node.predictedData = data;
  } else if (method !== undefined && SCORE_METHODS.has(method) && fitted !== undefined) {
    const data = dataArg(call, argNodes);
    if (data !== undefined)
      b.graph.evals.push(b.event(frame, call.range, { fit: fitted, data, how: method as 'score' }));
  } else if (method !== undefined && APPLY_METHODS.has(method) && fitted !== undefined) node.transformedBy = fitted;
  else if (method !== undefined) mutateReceiver(frame, call, node.id);
  if (isUpsampling(call, qualified)) recordResample(b, frame, call, node.id, argNodes);
  if ((roles & CALL_METRIC) !== 0) recordMetric(b, frame, call, argNodes);
  else if ((roles & CALL_CV) !== 0) recordCv(b, frame, call, qualified ?? call.callee, argNodes);
  else if (call.receiver === undefined && b.helpers.has(call.callee)) replayHelper(b, frame, call, node.id);
}

function argNode(b: Builder, frame: Frame, arg: ArgFact): number | undefined {
  if (arg.keyword === undefined) return b.exprNode(frame, arg.value.text, arg.range);
  const deps = b.depsOf(frame, arg.value.text, arg.range);
  if (deps.length === 1) return deps.first();
  return deps.length === 0 ? undefined : b.addNode(frame, arg.range, arg.value.text, deps).id;
}

/** Argument nodes are computed once per call, in argument order; this picks one by fact. */
type ArgNodes = Array<number | undefined>;

function nodeOf(call: CallFact, argNodes: ArgNodes, arg: ArgFact | undefined): number | undefined {
  return arg === undefined ? undefined : argNodes[call.args.indexOf(arg)];
}

/** The X of fit/predict/score: first positional argument, or `X=` / `x=`. */
function dataArg(call: CallFact, argNodes: ArgNodes): number | undefined {
  return nodeOf(call, argNodes, call.args.find((a) => a.keyword === 'X' || a.keyword === 'x') ?? positional(call, 0));
}

function positional(call: CallFact, index: number): ArgFact | undefined {
  return call.args.filter((a) => a.keyword === undefined && a.spread === undefined)[index];
}

/** `model`, `models[name]`, `grid.best_estimator_` -> the fit of the object, by text then base name. */
function fitOfReceiver(frame: Frame, receiver: string): number | undefined {
  const fit = frame.scope.fitOf(receiver);
  if (fit !== undefined) return fit;
  // Most receivers are one name (`df`, `pd`), already looked up whole: no base name is sliced for them.
  const end = leadingNameEnd(receiver);
  return end === 0 || end === receiver.length ? undefined : frame.scope.fitOf(receiver.slice(0, end));
}

function isObject(frame: Frame, receiver: string): boolean {
  return frame.scope.objectOf(receiver) !== undefined;
}

function recordFit(b: Builder, frame: Frame, call: CallFact, result: number, argNodes: ArgNodes): void {
  const receiver = call.receiver ?? call.callee;
  const constructed = CONSTRUCTED.exec(receiver);
  const info =
    constructed !== null
      ? b.kindOf(frame, constructed[1] ?? '', () => constructed[2] ?? '')
      : (frame.scope.objectOf(receiver) ?? { kind: 'unknown' as const });
  const data = dataArg(call, argNodes);
  const target = nodeOf(
    call,
    argNodes,
    call.args.find((a) => a.keyword === 'y' || a.keyword === 'Y') ?? positional(call, 1),
  );
  const fit: FitEvent = b.event(frame, call.range, {
    id: b.graph.fits.length,
    // `model = LogisticRegression().fit(X, y)`: the object is known by the name it is bound to.
    object: constructed !== null && call.method === 'fit' ? (call.assignedTo?.[0] ?? receiver) : receiver,
    kind: info.kind,
    method: call.method ?? 'fit',
    outputs: [result],
    validates: call.args.some((a) => a.keyword !== undefined && VALIDATION.has(a.keyword)),
    text: frame.plan.callText(call),
  });
  const objectNode = frame.scope.lookup(receiver);
  if (objectNode !== undefined) fit.objectNode = objectNode;
  if (info.className !== undefined) fit.className = info.className;
  if (data !== undefined) fit.data = data;
  if (target !== undefined) fit.target = target;
  b.graph.fits.push(fit);
  frame.scope.fits.set(receiver, fit.id);
  const collection = frame.scope.iterates.get(receiver);
  if (collection !== undefined) {
    fit.perItem = true;
    frame.scope.fits.set(collection, fit.id);
  }
  // `model = RandomForestClassifier().fit(X, y)`: fit returns the fitted estimator itself.
  if (fit.method === 'fit') for (const name of call.assignedTo ?? []) frame.scope.fits.set(name, fit.id);
  if (info.kind === 'search') {
    const cv: CvEvent = b.event(frame, call.range, { callee: receiver, object: receiver });
    if (data !== undefined) cv.data = data;
    b.graph.cvs.push(cv);
  }
}

function recordResample(b: Builder, frame: Frame, call: CallFact, result: number, argNodes: ArgNodes): void {
  const pandas = call.method === 'sample' && call.receiver !== undefined;
  // `minority.sample(n, replace=True)` samples its receiver; `resample(X, ...)` its first argument.
  const data = pandas ? b.depsOf(frame, call.receiver as string, undefined).first() : dataArg(call, argNodes);
  const text = frame.plan.callText(call);
  const fit: FitEvent = b.event(frame, call.range, {
    id: b.graph.fits.length,
    object: pandas ? text : call.callee,
    kind: 'oversampler' as const,
    method: pandas ? 'sample' : 'resample',
    outputs: [result],
    validates: false,
    text,
  });
  if (!pandas) fit.className = 'sklearn.utils.resample';
  if (data !== undefined) fit.data = data;
  b.graph.fits.push(fit);
}

/** `accuracy_score(y_test, model.predict(X_test))`: one evaluation per model whose predictions are compared. */
function recordMetric(b: Builder, frame: Frame, call: CallFact, argNodes: Array<number | undefined>): void {
  const seen = new Set<string>();
  for (const start of argNodes) {
    if (start === undefined) continue;
    for (const prediction of nearestPredictions(b, start)) {
      const node = b.graph.nodes[prediction];
      if (node?.predictedBy === undefined || node.predictedData === undefined) continue;
      const key = `${node.predictedBy}:${node.predictedData}`;
      if (seen.has(key)) continue;
      seen.add(key);
      b.graph.evals.push(
        b.event(frame, call.range, { fit: node.predictedBy, data: node.predictedData, how: 'metric' as const }),
      );
    }
  }
}

/** Prediction nodes an argument derives from, not looking behind a prediction. */
function nearestPredictions(b: Builder, start: number): number[] {
  const found: number[] = [];
  const seen = new Set<number>();
  const stack = [start];
  while (stack.length > 0 && seen.size < 500) {
    const id = stack.pop() as number;
    if (seen.has(id)) continue;
    seen.add(id);
    const node = b.graph.nodes[id];
    if (node === undefined) continue;
    if (node.predictedBy !== undefined) found.push(id);
    else stack.push(...node.deps);
  }
  return found;
}

function recordCv(b: Builder, frame: Frame, call: CallFact, callee: string, argNodes: ArgNodes): void {
  const model = call.args.find((a) => a.keyword === 'estimator') ?? positional(call, 0);
  const data = nodeOf(call, argNodes, call.args.find((a) => a.keyword === 'X') ?? positional(call, 1));
  const cv: CvEvent = b.event(frame, call.range, { callee });
  if (data !== undefined) cv.data = data;
  if (model?.value.kind === 'name') cv.object = model.value.text;
  b.graph.cvs.push(cv);
}

/** `df.dropna(inplace=True)`, `frames.append(part)`: the receiver now holds the call's result. */
function mutateReceiver(frame: Frame, call: CallFact, result: number): void {
  const name = call.receiverName;
  if (name === undefined || frame.scope.lookup(name) === undefined || !rebindsReceiver(call)) return;
  frame.scope.vars.set(name, result);
}

/**
 * Replays a notebook-defined function's body at its call, with parameters bound to the arguments: the
 * part of the body that can be seen outside the replay (see dataflow-replay.ts).
 */
function replayHelper(b: Builder, frame: Frame, call: CallFact, result: number): void {
  if (frame.callSite !== undefined) return; // one level: helpers called by helpers are plain calls
  const helper = b.helpers.get(call.callee);
  if (helper === undefined) return;
  const { block } = helper;
  const sub: Frame = {
    cell: helper.cell,
    plan: planOf(helper.cell),
    scope: b.globals,
    results: b.helperResults.reset(),
    callSite: b.event(frame, call.range, { helper: block.name }),
    loops: [],
  };
  let replay = b.replays.get(helper);
  if (replay === undefined) {
    replay = replayOf(b, sub, helper);
    b.replays.set(helper, replay);
  }
  if (replay.items.length === 0 && block.returns.length === 0) {
    b.helperReturns.set(result, []);
    return;
  }
  const scope = new Scope(b.globals);
  sub.scope = scope;
  call.args.forEach((arg, i) => {
    const param = arg.keyword ?? (arg.spread === undefined ? block.params[i] : undefined);
    // An argument no kept item reads would only get a node nothing reads.
    if (param === undefined || !replay.reads.has(param)) return;
    const node = argNode(b, frame, arg);
    if (node !== undefined) scope.vars.set(param, node);
    const fit = arg.value.kind === 'name' ? frame.scope.fitOf(arg.value.text) : undefined;
    if (fit !== undefined) scope.fits.set(param, fit);
  });
  b.visitItems(sub, replay.items);
  b.helperReturns.set(
    result,
    block.returns.map((name) => ({ node: scope.vars.get(name), fit: scope.fits.get(name) })),
  );
}
