/**
 * What of a notebook helper's body is replayed at its calls (dataflow-calls.ts, replayHelper). A replay
 * runs in a scope of its own, so what it builds is seen outside it only through its events (fits, splits,
 * evaluations, cross-validations), the marks it puts on nodes (predicted, transformed, loaded, a role) and
 * the names the helper returns; everything else is nodes nothing outside will ever read (`save_fig`'s
 * `path = os.path.join(...)`, a plot's calls). So a replay visits only the items that may have such an
 * effect and those they read from: a backward pass over the body, once per helper per analysis.
 *
 * An item is kept when it may have an effect (decided from its text and qualified names alone, never from
 * the values at a call: a fit, predict, score or transform method, a loader, metric, cross-validation or
 * resampling call, a split binding, a binding to a name that says train or test, a selection); when it
 * binds a name (or rebinds a receiver) that a kept item after it reads or that the helper returns; or when
 * it lies inside a kept item or is the call a kept binding takes its value from (results it reads). An
 * argument whose parameter no kept item reads is not evaluated. The names an item reads are
 * a superset of what the fold looks up for it: the names in the call's receiver and argument texts (the
 * calls nested in them are kept), or in the binding's value, and its targets (an augmented or column
 * assignment reads the old value). The nodes left out were unreachable from every node, event and name outside
 * the replay, so the graph keeps the same lineage and events, and the ids of later nodes are lower.
 */
import type { Range } from '../notebook/model';
import type { Builder, Frame, Helper } from './dataflow-build';
import type { Item } from './dataflow-cell';
import { inside } from './dataflow-lists';
import {
  APPLY_METHODS,
  callRoles,
  FIT_METHODS,
  isUpsampling,
  PREDICT_METHODS,
  rebindsReceiver,
  SCORE_METHODS,
  TEST_NAME,
  TRAIN_NAME,
  TRAIN_TEST_SPLIT,
} from './dataflow-kinds';
import { maySelect } from './dataflow-splits';
import { splitTopLevel } from './dataflow-text';
import type { AssignmentFact, CallFact } from './facts';

/** The items of a helper's body a replay visits, in evaluation order, and every name they may read. */
export interface Replay {
  items: readonly Item[];
  reads: ReadonlySet<string>;
}

/** The replay of `helper`, whose body frame is `frame` (only its cell is read, for qualified names). */
export function replayOf(b: Builder, frame: Frame, helper: Helper): Replay {
  const all = frame.plan.bodyItems(helper.block);
  const reads = new Set<string>(helper.block.returns);
  const kept: Item[] = [];
  /** The ranges of the kept items and of the calls kept bindings read the results of. */
  const outer: Range[] = [];
  for (let i = all.length - 1; i >= 0; i--) {
    const item = all[i] as Item;
    const range = item.call !== undefined ? item.call.range : item.assignment.range;
    const keep =
      (item.call !== undefined
        ? callMatters(b, frame, item.call, reads)
        : assignmentMatters(b, frame, item.assignment, reads)) || outer.some((o) => inside(range, o));
    if (!keep) continue;
    kept.push(item);
    outer.push(range);
    if (item.call !== undefined) {
      const { receiver, args } = item.call;
      if (receiver !== undefined) addNames(frame, receiver, reads);
      for (const arg of args) addNames(frame, arg.value.text, reads);
    } else {
      const a = item.assignment;
      addNames(frame, a.value.text, reads);
      for (const t of a.targets) reads.add(t);
      // The binding reads its call's result: the call (and what it reads) is kept too.
      const call = a.callIndex === undefined ? undefined : frame.cell.facts.calls[a.callIndex];
      if (call !== undefined) outer.push(call.range);
    }
  }
  return { items: kept.length === all.length ? all : kept.reverse(), reads };
}

function callMatters(b: Builder, frame: Frame, call: CallFact, reads: ReadonlySet<string>): boolean {
  const method = call.method;
  if (
    method !== undefined &&
    (FIT_METHODS.has(method) || PREDICT_METHODS.has(method) || SCORE_METHODS.has(method) || APPLY_METHODS.has(method))
  ) {
    return true;
  }
  const qualified = b.qualify(frame, call.callee) ?? call.qualified;
  if (callRoles(qualified) !== 0 || isUpsampling(call, qualified)) return true;
  return call.receiverName !== undefined && reads.has(call.receiverName) && rebindsReceiver(call);
}

function assignmentMatters(b: Builder, frame: Frame, a: AssignmentFact, reads: ReadonlySet<string>): boolean {
  if (a.targets.length === 0) return false;
  const call = a.callIndex === undefined ? undefined : frame.cell.facts.calls[a.callIndex];
  if (call !== undefined) {
    if (a.via === 'for' || call.callee.endsWith('train_test_split')) return true;
    if ((b.qualify(frame, call.callee) ?? call.qualified) === TRAIN_TEST_SPLIT) return true;
  }
  for (const t of a.targets) if (reads.has(t) || TEST_NAME.test(t) || TRAIN_NAME.test(t)) return true;
  if (maySelect(a.value.text)) return true;
  return a.targets.length > 1 && splitTopLevel(a.value.text.replace(/^\((.*)\)$/s, '$1')).some(maySelect);
}

/** The names in `text` and its first name even where namesIn skips it (`f"..."`): fits are found by it. */
function addNames(frame: Frame, text: string, into: Set<string>): void {
  const names = frame.plan.namesIn(text);
  for (let i = 0; i < names.length; i++) into.add(names[i] as string);
  const first = FIRST_NAME.exec(text)?.[0];
  if (first !== undefined) into.add(first);
}

const FIRST_NAME = /^[A-Za-z_]\w*/;
