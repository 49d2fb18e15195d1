/**
 * Where data becomes train and test parts: `train_test_split` with any number of arrays (outputs
 * alternate train/test per input), `for tr, te in KFold(...).split(X)` loops, complementary selections
 * of one value (`X[:n]` / `X[n:]`, `df[mask]` / `df[~mask]`, `df.sample(...)` / `df.drop(train.index)`),
 * and separately loaded files whose variable or path says test/validation.
 */
import type { DataNode, SplitEvent } from './dataflow';
import type { Builder, Frame } from './dataflow-build';
import { TEST_NAME, TRAIN_NAME, TRAIN_TEST_SPLIT } from './dataflow-kinds';
import type { AssignmentFact, CallFact } from './facts';

/** Handles split-producing bindings; false when the binding is an ordinary one. */
export function splitAssignment(b: Builder, frame: Frame, a: AssignmentFact, call: CallFact): boolean {
  const qualified = b.qualify(frame, call.callee) ?? call.qualified;
  if (qualified === TRAIN_TEST_SPLIT || call.callee.endsWith('train_test_split')) {
    return trainTestSplit(b, frame, a, call);
  }
  if (a.via === 'for') return cvLoop(b, frame, a, call);
  return false;
}

function resultOf(frame: Frame, call: CallFact): number | undefined {
  return frame.results.get(call.range);
}

function trainTestSplit(b: Builder, frame: Frame, a: AssignmentFact, call: CallFact): boolean {
  const arrays = call.args.filter((x) => x.keyword === undefined && x.spread === undefined);
  const inputs = arrays.map((x) => b.exprNode(frame, x.value.text, x.range));
  const split = newSplit(b, frame, a, 'train_test_split', inputs);
  const paired = a.targets.length === 2 * arrays.length;
  a.targets.forEach((target, i) => {
    const input = paired ? inputs[Math.floor(i / 2)] : resultOf(frame, call);
    const node = b.addNode(frame, a.range, a.value.text, input === undefined ? [] : [input], target);
    frame.scope.vars.set(target, node.id);
    frame.scope.objects.delete(target);
    if (paired) assignRole(b, split, node, i % 2 === 0 ? 'train' : 'test');
  });
  b.graph.splits.push(split);
  return true;
}

/** `for train_idx, test_idx in kf.split(X, y)` (also inside `enumerate(...)`). */
function cvLoop(b: Builder, frame: Frame, a: AssignmentFact, call: CallFact): boolean {
  let splitCall: CallFact | undefined = call;
  let targets = a.targets;
  if (call.callee === 'enumerate') {
    splitCall = frame.cell.facts.calls.find((c) => c.method === 'split' && contains(call, c) && c !== call);
    targets = a.targets.slice(1);
  }
  if (splitCall?.method !== 'split' || targets.length !== 2 || !isCvSplitter(b, frame, splitCall)) return false;
  const inputs = splitCall.args
    .filter((x) => x.keyword === undefined)
    .map((x) => b.exprNode(frame, x.value.text, x.range));
  const split = newSplit(b, frame, a, 'cv-iterator', inputs);
  targets.forEach((target, i) => {
    const node = b.addNode(
      frame,
      a.range,
      a.value.text,
      inputs.filter((n): n is number => n !== undefined),
      target,
    );
    frame.scope.vars.set(target, node.id);
    assignRole(b, split, node, i === 0 ? 'train' : 'test');
  });
  b.graph.splits.push(split);
  return true;
}

function isCvSplitter(b: Builder, frame: Frame, call: CallFact): boolean {
  const receiver = call.receiver ?? '';
  if (frame.scope.objectOf(receiver)?.kind === 'splitter') return true;
  const constructed = /^([A-Za-z_][\w.]*)\(/.exec(receiver);
  const className = b.qualify(frame, constructed?.[1] ?? receiver);
  // Unresolved names still read as splitters when they say so (`skf`, `kfold`, `cv`).
  return (
    (className !== undefined && /(KFold|Split|LeaveOneOut|LeavePOut)\w*$/.test(className)) ||
    /fold|cv|split/i.test(receiver)
  );
}

function contains(outer: CallFact, inner: CallFact): boolean {
  const s = outer.range.start;
  const i = inner.range.start;
  return i.line > s.line || (i.line === s.line && i.character >= s.character);
}

function newSplit(
  b: Builder,
  frame: Frame,
  a: AssignmentFact,
  kind: SplitEvent['kind'],
  inputs: Array<number | undefined>,
): SplitEvent {
  return b.event(frame, a.range, {
    id: b.graph.splits.length,
    kind,
    inputs: inputs.filter((n): n is number => n !== undefined),
    train: [] as number[],
    test: [] as number[],
  });
}

function assignRole(b: Builder, split: SplitEvent, node: DataNode, role: 'train' | 'test'): void {
  b.setRole(node.id, role);
  (role === 'train' ? split.train : split.test).push(node.id);
}

/** `test = pd.read_csv("test.csv")`: a held-out part that came as its own file. */
export function markLoadedRole(b: Builder, frame: Frame, node: DataNode): void {
  // The name first: most names say neither, and then the dependencies need no look.
  if (node.name === undefined) return;
  const role = TEST_NAME.test(node.name) ? 'test' : TRAIN_NAME.test(node.name) ? 'train' : undefined;
  if (role === undefined || !node.deps.some((d) => b.graph.nodes[d]?.loads === true || isLoadCall(b, d))) return;
  const split = newSplit(b, frame, { range: node.range } as AssignmentFact, 'files', []);
  assignRole(b, split, node, role);
  b.graph.splits.push(split);
}

function isLoadCall(b: Builder, id: number): boolean {
  return b.graph.nodes[id]?.deps.some((d) => b.graph.nodes[d]?.loads === true) ?? false;
}

export interface Selection {
  node: number;
  name?: string | undefined;
  base: number;
  selector: string;
  kind: 'head' | 'tail' | 'mask' | 'not-mask' | 'sample' | 'drop';
  /** Attribute or string-key path from the base variable: `['data']` in `mnist['data'][:60000]`. */
  path?: string;
}

/** `X[:n]`, `df.iloc[n:]`, `mnist['data'][:60000]`, `bunch.data[n:]`: root name, key path, selector. */
const SUBSCRIPT =
  /^([A-Za-z_]\w*)((?:\.(?!i?loc\b)[A-Za-z_]\w*|\[\s*(['"])[^'"\]]*\3\s*\])*)(?:\.(?:iloc|loc))?\[([^\]]*)\]$/s;

/** `df.sample(frac=0.8)`, `df.drop(train.index)`: base name, method, arguments. */
const SAMPLE_OR_DROP = /^([A-Za-z_]\w*)\.(sample|drop)\(([\s\S]*)\)$/;

/**
 * Whether recordSelection could take `text` (trimmed) for a selection, whatever its names hold: false means
 * it never records one for this text. A static precheck (helper bodies, dataflow-replay.ts).
 */
export function maySelect(text: string): boolean {
  const t = text.trim();
  const last = t.length > 0 ? t.charCodeAt(t.length - 1) : 0;
  return (last === 93 && SUBSCRIPT.test(t)) || (last === 41 && SAMPLE_OR_DROP.test(t));
}

/** Remembers `A = B[:n]`-like selections and pairs complementary ones into a split. */
export function recordSelection(b: Builder, frame: Frame, node: DataNode, text: string): void {
  const selection = selectionOf(frame, node, text.trim());
  if (selection === undefined) return;
  const earlier = b.selections.find(
    (s) => s.base === selection.base && (s.path ?? '') === (selection.path ?? '') && complementary(s, selection),
  );
  if (earlier === undefined) {
    b.selections.push(selection);
    return;
  }
  const split = newSplit(
    b,
    frame,
    { range: node.range } as AssignmentFact,
    earlier.kind === 'sample' ? 'sample' : 'slice',
    [selection.base],
  );
  if (/mask/.test(earlier.kind)) split.kind = 'mask';
  const [first, second] = [b.graph.nodes[earlier.node], b.graph.nodes[selection.node]];
  if (first === undefined || second === undefined) return;
  const firstIsTest = TEST_NAME.test(first.name ?? '') || earlier.kind === 'tail' || earlier.kind === 'not-mask';
  assignRole(b, split, first, firstIsTest ? 'test' : 'train');
  assignRole(b, split, second, firstIsTest ? 'train' : 'test');
  b.graph.splits.push(split);
}

function selectionOf(frame: Frame, node: DataNode, text: string): Selection | undefined {
  // SUBSCRIPT ends in `]`, the method form in `)`: a value ending otherwise is tried against neither.
  const last = text.length > 0 ? text.charCodeAt(text.length - 1) : 0;
  const sub = last === 93 ? SUBSCRIPT.exec(text) : null;
  if (sub !== null) {
    const base = frame.scope.lookup(sub[1] ?? '');
    const sel = (sub[4] ?? '').trim();
    if (base === undefined || sel.includes(',')) return undefined;
    const kind = sliceKind(sel);
    const path = (sub[2] ?? '').replace(/\s|"/g, (c) => (c === '"' ? "'" : ''));
    return kind === undefined
      ? undefined
      : { node: node.id, name: node.name, base: prior(frame, base, node), selector: sel, kind, path };
  }
  const method = last === 41 ? SAMPLE_OR_DROP.exec(text) : null;
  if (method === null) return undefined;
  const base = frame.scope.lookup(method[1] ?? '');
  if (base === undefined) return undefined;
  const dropOf = /^(?:index\s*=\s*)?([A-Za-z_]\w*)\.index$/.exec((method[3] ?? '').trim())?.[1];
  if (method[2] === 'drop' && dropOf === undefined) return undefined;
  const kind = method[2] === 'sample' ? 'sample' : 'drop';
  return { node: node.id, name: node.name, base: prior(frame, base, node), selector: dropOf ?? '', kind };
}

/** When `df = df[:n]` rebinds the name, the selection is of the previous value. */
function prior(_frame: Frame, base: number, node: DataNode): number {
  return base === node.id ? (node.deps[0] ?? base) : base;
}

function sliceKind(sel: string): Selection['kind'] | undefined {
  if (/^:[^:]+$/.test(sel)) return 'head';
  if (/^[^:]+:$/.test(sel)) return 'tail';
  if (/^~/.test(sel)) return 'not-mask';
  if (/^[A-Za-z_]\w*$/.test(sel)) return 'mask';
  return undefined;
}

function complementary(a: Selection, b: Selection): boolean {
  const bound = (s: Selection): string => s.selector.replace(/[:~()\s]/g, '');
  if (a.kind === 'head' && b.kind === 'tail') return bound(a) === bound(b);
  if (a.kind === 'tail' && b.kind === 'head') return bound(a) === bound(b);
  if (a.kind === 'mask' && b.kind === 'not-mask') return bound(a) === bound(b);
  if (a.kind === 'not-mask' && b.kind === 'mask') return bound(a) === bound(b);
  if (a.kind === 'sample' && b.kind === 'drop') return b.selector === a.name;
  return false;
}
