/**
 * Bindings in the dataflow. Each bound name gets a new node derived from the right-hand side; a
 * column or attribute assignment (`df['x'] = ...`) and `+=` also keep the old value's lineage.
 * Constructor calls record what kind of object a name holds; aliases of fitted objects keep their fit.
 */
import type { Builder, Frame } from './dataflow-build';
import { kindOfClass } from './dataflow-kinds';
import { markLoadedRole, recordSelection, splitAssignment } from './dataflow-splits';
import { leadingNameEnd, splitTopLevel } from './dataflow-text';
import type { AssignmentFact, CallFact } from './facts';

// Capitalised calls from data libraries build data (pd.DataFrame, np.Array...), not estimators.
const DATA_LIBRARY = /^(pandas|numpy|polars|torch|tensorflow|scipy|datasets)\./;

/** The last dotted part of a callee starts with a capital letter: `MyModel`, `xgb.XGBRanker`. */
const LAST_CAPITALISED = /(?:^|\.)[A-Z]\w*$/;

/** `MyModel()`, `XGBRanker()`: an object of a class we do not know, rather than data. */
function isUserClass(callee: string, className: string | undefined): boolean {
  if (className !== undefined && DATA_LIBRARY.test(className)) return false;
  return LAST_CAPITALISED.test(callee);
}

export function bindAssignment(b: Builder, frame: Frame, a: AssignmentFact): void {
  if (a.targets.length === 0) return;
  const call = a.callIndex === undefined ? undefined : frame.cell.facts.calls[a.callIndex];
  if (call !== undefined && splitAssignment(b, frame, a, call)) return;
  const values = valueNodes(b, frame, a, call);
  a.targets.forEach((target, i) => {
    const value = values.length === a.targets.length ? values[i] : values[0];
    const whole = a.targetTexts[i] === target && !a.augmented;
    const old = frame.scope.lookup(target);
    const deps = b.nodeDeps.reset();
    if (value !== undefined) deps.add(value);
    if (!whole && old !== undefined) deps.add(old);
    const node = b.addNode(frame, a.range, a.value.text, deps, target);
    frame.scope.vars.set(target, node.id);
    if (!whole) {
      if (a.targetTexts[i]?.startsWith(`${target}[`) === true) storeFitted(frame, target, a);
      return;
    }
    trackObject(b, frame, target, a, call, i);
    markLoadedRole(b, frame, node);
    const part = values.length === a.targets.length && values.length > 1 ? partText(a, i) : a.value.text;
    recordSelection(b, frame, node, part);
  });
}

/** One node for the whole right-hand side, or one per target when a tuple is unpacked into names. */
function valueNodes(
  b: Builder,
  frame: Frame,
  a: AssignmentFact,
  call: CallFact | undefined,
): Array<number | undefined> {
  if (call !== undefined) {
    const result = frame.results.get(call.range);
    const returned = result === undefined ? undefined : b.helperReturns.get(result);
    if (returned !== undefined && returned.length === a.targets.length && returned.length > 0) {
      return returned.map((r) => r.node ?? result);
    }
    if (result !== undefined) return [result];
  }
  if (a.targets.length > 1 && a.value.kind === 'collection') {
    const parts = splitTopLevel(a.value.text.replace(/^\((.*)\)$/s, '$1'));
    if (parts.length === a.targets.length) return parts.map((p) => b.exprNode(frame, p, undefined));
  }
  return [b.exprNode(frame, a.value.text, a.range)];
}

function partText(a: AssignmentFact, i: number): string {
  return splitTopLevel(a.value.text.replace(/^\((.*)\)$/s, '$1'))[i] ?? '';
}

/** What the name now holds: a constructed object, a fitted model (returned or aliased), or plain data. */
function trackObject(
  b: Builder,
  frame: Frame,
  target: string,
  a: AssignmentFact,
  call: CallFact | undefined,
  i: number,
): void {
  const scope = frame.scope;
  scope.objects.delete(target);
  scope.iterates.delete(target);
  if (call?.method !== 'fit') scope.fits.delete(target);
  if (a.via === 'for') {
    iterateCollection(scope, target, a, call, i);
    return;
  }
  if (call !== undefined && call.receiver === undefined) {
    const info = b.kindOf(frame, call.callee, () => call.args.map((x) => x.value.text).join(','));
    // A function defined in the notebook returns data, whatever its name's case (`y_pred = ANN(X_test)`).
    const madeByClass = isUserClass(call.callee, info.className) && !b.helpers.has(call.callee);
    if (info.kind !== 'unknown' || madeByClass) scope.objects.set(target, info);
    const result = frame.results.get(call.range);
    const returned = result === undefined ? undefined : b.helperReturns.get(result)?.[i];
    if (returned?.fit !== undefined) scope.fits.set(target, returned.fit);
  } else if (call !== undefined && call.method !== undefined && /^(clone|deepcopy)$/.test(call.method)) {
    return;
  } else if (a.value.kind === 'name' || a.value.kind === 'attribute' || a.value.kind === 'subscript') {
    // `best = grid.best_estimator_`, `model = models['rf']`: the same fitted object under a new name.
    const text = a.value.text;
    const end = leadingNameEnd(text);
    const fit = scope.fitOf(text) ?? (end === text.length ? undefined : scope.fitOf(text.slice(0, end)));
    if (fit !== undefined) scope.fits.set(target, fit);
    const object = scope.objectOf(a.value.text);
    if (object !== undefined) scope.objects.set(target, object);
  }
  if (call?.method === 'fit' && call.receiver !== undefined) {
    const constructed = /^([A-Za-z_][\w.]*)\(/.exec(call.receiver);
    const className = constructed === null ? undefined : b.qualify(frame, constructed[1] ?? '');
    if (className !== undefined) scope.objects.set(target, { kind: kindOfClass(className), className });
  }
}

/**
 * `models[name] = model`, `best[algo] = grid.best_estimator_`: the collection now holds that fitted
 * model. Only the model itself counts, not what was learned from it (`df["cluster"] = km.labels_`).
 */
function storeFitted(frame: Frame, target: string, a: AssignmentFact): void {
  const text = a.value.text.trim();
  const search = /^([A-Za-z_]\w*)\.best_estimator_$/.exec(text)?.[1];
  const fit =
    a.value.kind === 'name' || a.value.kind === 'subscript'
      ? frame.scope.fitOf(text)
      : search !== undefined
        ? frame.scope.fitOf(search)
        : undefined;
  if (fit !== undefined) frame.scope.fits.set(target, fit);
}

/**
 * `for m in models`, `for name, m in models.items()`, `for m in models.values()`: the loop variable is
 * each object of the collection in turn, fitted when the collection's objects were (or as it fits them).
 */
function iterateCollection(
  scope: Frame['scope'],
  target: string,
  a: AssignmentFact,
  call: CallFact | undefined,
  i: number,
): void {
  let collection: string | undefined;
  if (call === undefined && a.value.kind === 'name' && a.targets.length === 1) collection = a.value.text;
  else if (call?.method === 'values' && a.targets.length === 1) collection = call.receiver;
  else if (call?.method === 'items' && a.targets.length === 2 && i === 1) collection = call.receiver;
  if (collection === undefined || !/^[A-Za-z_]\w*$/.test(collection)) return;
  scope.iterates.set(target, collection);
  const fit = scope.fitOf(collection);
  if (fit !== undefined) scope.fits.set(target, fit);
}
