/**
 * Everything that binds names: assignments (plain, chained, unpacking, annotated, augmented),
 * walrus, `for` targets, `with ... as`, `except ... as`. Attribute and subscript targets
 * (`df['x'] = 1`) read and write their base name.
 */
import type { TreeCursor } from '@lezer/common';
import { type AssignmentFact, keptSlice, NO_ITEMS, type ValueSummary } from './facts';
import { K, KIND } from './node-kinds';
import { summarize } from './values';
import type { Walker } from './walker';

/**
 * Leaf targets of one binding: base names, texts as written, and the targets that are plain names.
 * Kept facts hold these lists, so they are made at their size: most bindings have one target, which
 * gets a one-element array (an array grown by a push has room for 17), and a longer list is copied
 * once. Texts are only listed apart once a target is not a plain name (until then they are the names).
 */
export class Targets {
  private names: string[] = NO_ITEMS as never[];
  private texts: string[] | undefined;
  private plain: string[] = NO_ITEMS as never[];

  add(name: string, text: string | undefined): void {
    if (text === undefined) {
      this.plain = append(this.plain, name);
      if (this.texts !== undefined) this.texts.push(name);
    } else {
      this.texts ??= this.names.slice();
      this.texts.push(text);
    }
    this.names = append(this.names, name);
  }

  /** Sets the fact's targets; returns the plain names (what a call on the right is assigned to), if any. */
  finish(fact: AssignmentFact): string[] | undefined {
    const names = exactSize(this.names);
    fact.targets = names;
    fact.targetTexts = this.texts === undefined ? names : exactSize(this.texts);
    if (this.plain.length === 0) return undefined;
    return this.plain.length === names.length ? names : exactSize(this.plain);
  }
}

function append(xs: string[], x: string): string[] {
  if (xs.length === 0) return [x];
  xs.push(x);
  return xs;
}

function exactSize(xs: string[]): string[] {
  return xs.length < 2 ? xs : keptSlice(xs, 0, xs.length);
}

/** Binds the target expression under the cursor, flattening tuples, lists and starred names. */
export function bindTarget(w: Walker, c: TreeCursor, t: Targets, walrus = false): void {
  const kind = KIND[c.type.id];
  if (kind === K.VariableName) {
    const name = w.src.slice(c.from, c.to);
    w.write(name, walrus);
    t.add(name, undefined);
  } else if (kind === K.Collection || kind === K.ParenthesizedExpression) {
    if (!c.firstChild()) return;
    do if (!isPunctuation(KIND[c.type.id])) bindTarget(w, c, t, walrus);
    while (c.nextSibling());
    c.parent();
  } else if (kind === K.MemberExpression) {
    w.visit(c);
    const base = baseName(w, c);
    if (base === undefined) return;
    w.write(base, walrus);
    t.add(base, w.text(c.from, c.to));
  } else w.visit(c);
}

function isPunctuation(kind: K): boolean {
  return kind === K.Bracket || kind === K.Comma || kind === K.Star || kind === K.DoubleStar;
}

/** `df.loc[mask, 'x']` -> "df": the variable at the bottom of an attribute/subscript chain. */
function baseName(w: Walker, c: TreeCursor): string | undefined {
  let depth = 0;
  while (KIND[c.type.id] === K.MemberExpression && c.firstChild()) depth++;
  const name = KIND[c.type.id] === K.VariableName ? w.src.slice(c.from, c.to) : undefined;
  for (; depth > 0; depth--) c.parent();
  return name;
}

/** The right-hand side of a binding: one expression, or several making an unparenthesised tuple. */
class ValueSpan {
  private first: ValueSummary | undefined;
  private from = -1;
  private to = -1;
  private tuple = false;

  /** End offset of the last expression added, -1 when none. */
  get end(): number {
    return this.to;
  }
  /** Index the right-hand side's own call gets in CellFacts.calls, when it is a call. */
  callMark = -1;

  add(w: Walker, c: TreeCursor, kind: K): void {
    if (this.callMark < 0) this.callMark = w.facts.calls.length;
    if (kind === K.Comma || kind === K.Star) {
      this.tuple = true;
      return;
    }
    if (this.first === undefined) {
      this.first = summarize(w, c);
      this.from = c.from;
    } else this.tuple = true;
    this.to = c.to;
    w.visit(c);
  }

  /** Fills the fact's value and callIndex; returns the index of the call when the value is one. */
  finish(w: Walker, fact: AssignmentFact): number | undefined {
    if (this.first === undefined) fact.value = { kind: 'other', text: '' };
    else fact.value = this.tuple ? { kind: 'collection', text: w.text(this.from, this.to) } : this.first;
    if (fact.value.kind !== 'call' || this.callMark >= w.facts.calls.length) return undefined;
    fact.callIndex = this.callMark;
    return this.callMark;
  }
}

/** Pushed before its targets are bound (nested bindings come after it); Targets.finish fills them. */
function pushAssignment(w: Walker, from: number, to: number, via?: AssignmentFact['via']): AssignmentFact {
  const fact: AssignmentFact = {
    targets: NO_ITEMS as never[],
    targetTexts: NO_ITEMS as never[],
    value: { kind: 'other', text: '' },
    augmented: false,
    range: w.range(from, to),
  };
  if (via) fact.via = via;
  w.facts.assignments.push(fact);
  return fact;
}

function setAssignedTo(w: Walker, callIndex: number | undefined, plain: string[] | undefined): void {
  if (callIndex !== undefined && plain !== undefined) w.facts.calls[callIndex].assignedTo = plain;
}

/** `a = b = f()`, `x, (y, *z) = ...`, `x: int = 3`; a bare annotation `x: int` binds nothing. */
export function visitAssign(w: Walker, c: TreeCursor): void {
  const lastOp = lastAssignOp(c);
  if (lastOp < 0) return visitAnnotationOnly(w, c);
  const t = new Targets();
  const fact = pushAssignment(w, c.from, c.to);
  const value = new ValueSpan();
  if (!c.firstChild()) return;
  let i = 0;
  do {
    const kind = KIND[c.type.id];
    if (i > lastOp) value.add(w, c, kind);
    else if (kind === K.TypeDef) w.visit(c);
    else if (kind !== K.AssignOp && !isPunctuation(kind)) bindTarget(w, c, t);
    i++;
  } while (c.nextSibling());
  c.parent();
  setAssignedTo(w, value.finish(w, fact), t.finish(fact));
}

function lastAssignOp(c: TreeCursor): number {
  if (!c.firstChild()) return -1;
  let last = -1;
  let i = 0;
  do {
    if (KIND[c.type.id] === K.AssignOp) last = i;
    i++;
  } while (c.nextSibling());
  c.parent();
  return last;
}

function visitAnnotationOnly(w: Walker, c: TreeCursor): void {
  if (!c.firstChild()) return;
  do if (KIND[c.type.id] === K.TypeDef) w.visit(c);
  while (c.nextSibling());
  c.parent();
}

/** `x += 1`, `df['n'] *= 2`: the target is read and written. */
export function visitUpdate(w: Walker, c: TreeCursor): void {
  const t = new Targets();
  const fact = pushAssignment(w, c.from, c.to);
  fact.augmented = true;
  const value = splitAtOp(w, c, K.UpdateOp, (kind) => {
    if (kind === K.VariableName) w.read(w.src.slice(c.from, c.to));
    bindTarget(w, c, t);
  });
  t.finish(fact);
  value.finish(w, fact);
}

/** `(n := len(df))` binds in the enclosing function or module, even inside a comprehension. */
export function visitNamed(w: Walker, c: TreeCursor): void {
  const t = new Targets();
  const fact = pushAssignment(w, c.from, c.to, 'walrus');
  const value = splitAtOp(w, c, K.AssignOp, () => bindTarget(w, c, t, true));
  setAssignedTo(w, value.finish(w, fact), t.finish(fact));
}

/** Walks the children of `c`: those before the first `op` go to `onTarget`, those after it make the value. */
function splitAtOp(w: Walker, c: TreeCursor, op: K, onTarget: (kind: K) => void): ValueSpan {
  const value = new ValueSpan();
  if (!c.firstChild()) return value;
  let afterOp = false;
  do {
    const kind = KIND[c.type.id];
    if (afterOp) value.add(w, c, kind);
    else if (kind === op) afterOp = true;
    else onTarget(kind);
  } while (c.nextSibling());
  c.parent();
  return value;
}

/** `for a, b in pairs:` binds its targets (an assignment `via: 'for'` whose value is the iterable). */
export function visitFor(w: Walker, c: TreeCursor): void {
  const t = new Targets();
  const value = new ValueSpan();
  let fact: AssignmentFact | undefined;
  let targetsFrom = -1;
  let mode: 'head' | 'targets' | 'iterable' | 'body' = 'head';
  if (!c.firstChild()) return;
  do {
    const kind = KIND[c.type.id];
    if (kind === K.KwFor && mode === 'head') mode = 'targets';
    else if (kind === K.KwIn && mode === 'targets') {
      if (fact) t.finish(fact);
      mode = 'iterable';
    } else if (kind === K.Body) {
      if (fact && mode === 'targets') t.finish(fact);
      if (fact && mode === 'iterable') finishFor(w, fact, value, targetsFrom);
      mode = 'body';
      w.visit(c);
    } else if (mode === 'targets') {
      if (isPunctuation(kind)) continue;
      if (!fact) {
        fact = pushAssignment(w, c.from, c.to, 'for');
        targetsFrom = c.from;
      }
      bindTarget(w, c, t);
    } else if (mode === 'iterable') value.add(w, c, kind);
    else if (kind !== K.KwElse && kind !== K.KwAsync) w.visit(c);
  } while (c.nextSibling());
  c.parent();
  if (fact && mode === 'targets') t.finish(fact);
  if (fact && mode === 'iterable') finishFor(w, fact, value, targetsFrom);
}

function finishFor(w: Walker, fact: AssignmentFact, value: ValueSpan, targetsFrom: number): void {
  value.finish(w, fact);
  if (value.end > targetsFrom) fact.range = w.range(targetsFrom, value.end);
}

/** `with open(p) as f, ctx():` binds `f` to the context (an assignment `via: 'with'`). */
export function visitWith(w: Walker, c: TreeCursor): void {
  let item: { value: ValueSummary; callMark: number; from: number } | undefined;
  let expectTarget = false;
  if (!c.firstChild()) return;
  do {
    const kind = KIND[c.type.id];
    if (kind === K.KwAs) expectTarget = true;
    else if (kind === K.Comma || kind === K.KwWith || kind === K.KwAsync) continue;
    else if (kind === K.Body) w.visit(c);
    else if (expectTarget && item) {
      expectTarget = false;
      const t = new Targets();
      const fact = pushAssignment(w, item.from, c.to, 'with');
      bindTarget(w, c, t);
      const plain = t.finish(fact);
      fact.value = item.value;
      const isCall = item.value.kind === 'call' && item.callMark < w.facts.calls.length;
      if (isCall) fact.callIndex = item.callMark;
      setAssignedTo(w, isCall ? item.callMark : undefined, plain);
    } else {
      item = { value: summarize(w, c), callMark: w.facts.calls.length, from: c.from };
      w.visit(c);
    }
  } while (c.nextSibling());
  c.parent();
}

/** `except ValueError as e:` binds `e`. */
export function visitTry(w: Walker, c: TreeCursor): void {
  let afterAs = false;
  if (!c.firstChild()) return;
  do {
    const kind = KIND[c.type.id];
    if (kind === K.KwAs) afterAs = true;
    else if (afterAs && kind === K.VariableName) {
      w.write(w.src.slice(c.from, c.to));
      afterAs = false;
    } else w.visit(c);
  } while (c.nextSibling());
  c.parent();
}
