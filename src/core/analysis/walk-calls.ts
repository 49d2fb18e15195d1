/**
 * Calls: callee, receiver/method, arguments with value summaries. A CallFact is pushed before its
 * subtree is visited, so outer calls come before the calls nested in them (the assignment walker
 * relies on that to find the call of a right-hand side).
 */
import type { TreeCursor } from '@lezer/common';
import type { Range } from '../notebook/model';
import { type ArgFact, type CallFact, NO_ITEMS, type ValueSummary } from './facts';
import { K, KIND } from './node-kinds';
import { summarize } from './values';
import { CompClauses } from './walk-defs';
import type { Walker } from './walker';

export function visitCall(w: Walker, c: TreeCursor): void {
  const call = newCall(w, c.from, c.to);
  if (!c.firstChild()) return;
  const args = w.args.mark();
  visitCallee(w, c, call);
  while (c.nextSibling()) {
    if (KIND[c.type.id] === K.ArgList) {
      call.argsRange = w.range(c.from, c.to);
      visitArgs(w, c, true);
    } else w.visit(c);
  }
  c.parent();
  call.args = w.args.take(args);
}

/**
 * Every call fact is made with all its fields, in one order (the optional ones undefined until set), so
 * the dataflow and the rules reading calls see one object shape. Fields added as they were found gave the
 * corpus's calls 25 shapes, and every property read in those readers was a slow megamorphic lookup.
 */
function newCall(w: Walker, from: number, to: number): CallFact {
  const range = w.range(from, to);
  const call: CallFact = {
    callee: '',
    qualified: undefined,
    receiver: undefined,
    receiverName: undefined,
    method: undefined,
    args: NO_ITEMS as never[],
    range,
    argsRange: range,
    assignedTo: undefined,
    inFunction: w.scope.inFunction,
  };
  w.facts.calls.push(call);
  return call;
}

/** Fills callee, qualified, receiver and method, visiting the callee expression once. */
function visitCallee(w: Walker, c: TreeCursor, call: CallFact): void {
  const callee = w.callee(c.from, c.to);
  call.callee = callee.text;
  if (callee.qualified !== undefined) call.qualified = callee.qualified;
  if (KIND[c.type.id] !== K.MemberExpression || !c.firstChild()) return w.visit(c);
  const receiverFrom = c.from;
  const receiverTo = c.to;
  const receiverIsName = KIND[c.type.id] === K.VariableName;
  w.visit(c);
  let afterDot = false;
  while (c.nextSibling()) {
    const kind = KIND[c.type.id];
    if (kind === K.PropertyName && afterDot) call.method = w.src.slice(c.from, c.to);
    else if (kind !== K.Dot) w.visit(c);
    afterDot = kind === K.Dot;
  }
  c.parent();
  if (call.method === undefined) return;
  call.receiver = w.text(receiverFrom, receiverTo);
  if (receiverIsName) call.receiverName = call.receiver;
}

/**
 * The argument being read: its start, keyword, spread, a name not yet known to be a keyword.
 * One per argument list, reset for each argument.
 */
class Arg {
  from = -1;
  to = -1;
  keyword: string | undefined = undefined;
  spread: '*' | '**' | undefined = undefined;
  nameFrom = -1;
  value: ArgFact['value'] | undefined = undefined;
  /** Index into the scope's pending reads where this argument began (a generator moves them). */
  mark = 0;
  generator: CompClauses | undefined = undefined;

  /** Starts the next argument at `at`. */
  reset(w: Walker, at: number): this {
    this.from = -1;
    this.to = at;
    this.keyword = undefined;
    this.spread = undefined;
    this.nameFrom = -1;
    this.value = undefined;
    this.mark = w.scope.pending.length;
    this.generator = undefined;
    return this;
  }
}

/**
 * Visits an argument list (of a call, a decorator or a class's bases). A `name=` keyword is only
 * known when `=` follows the name, so a leading name waits one node before it counts as a read.
 * With `record`, each argument's fact goes on the walker's argument stack (see ArgStack).
 */
export function visitArgs(w: Walker, c: TreeCursor, record: boolean): void {
  if (!c.firstChild()) return;
  const arg = new Arg().reset(w, c.to);
  do {
    const kind = KIND[c.type.id];
    if (kind === K.Bracket || (kind === K.Comma && !arg.generator)) {
      finishArg(w, arg, record);
      arg.reset(w, c.to);
    } else if (arg.generator) {
      arg.generator.step(w, c, kind);
      arg.to = c.to;
    } else if (kind === K.Star || kind === K.DoubleStar) {
      arg.spread = kind === K.Star ? '*' : '**';
      arg.from = c.from;
    } else if (kind === K.VariableName && arg.value === undefined && arg.nameFrom < 0 && !arg.keyword) {
      arg.nameFrom = c.from;
      markStart(arg, c.from, c.to);
    } else if (kind === K.AssignOp && arg.nameFrom >= 0) keywordOrWalrus(w, c, arg);
    else if (kind === K.KwFor) startGenerator(w, c, arg);
    else {
      flushName(w, arg);
      markStart(arg, c.from, c.to);
      arg.value = summarize(w, c);
      w.visit(c);
    }
  } while (c.nextSibling());
  c.parent();
  finishArg(w, arg, record);
}

function markStart(arg: Arg, from: number, to: number): void {
  if (arg.from < 0) arg.from = from;
  arg.to = to;
}

function keywordOrWalrus(w: Walker, c: TreeCursor, arg: Arg): void {
  const name = w.src.slice(arg.nameFrom, arg.to);
  arg.nameFrom = -1;
  if (c.to - c.from === 1) arg.keyword = name;
  else w.write(name, true);
}

/** A name that turned out not to be a keyword is an ordinary read (and the argument's value). */
function flushName(w: Walker, arg: Arg): void {
  if (arg.nameFrom < 0) return;
  const name = w.src.slice(arg.nameFrom, arg.to);
  w.read(name);
  const qualified = w.qualify(name);
  arg.value = qualified === undefined ? { kind: 'name', text: name } : { kind: 'name', text: name, qualified };
  arg.nameFrom = -1;
}

/** `f(x for x in xs)`: the reads of the element so far move into the generator's own scope. */
function startGenerator(w: Walker, c: TreeCursor, arg: Arg): void {
  flushName(w, arg);
  const moved = w.scope.pending.splice(arg.mark);
  w.pushScope('comprehension').pending.push(...moved);
  arg.generator = new CompClauses();
  arg.generator.step(w, c, K.KwFor);
}

function finishArg(w: Walker, arg: Arg, record: boolean): void {
  flushName(w, arg);
  if (arg.generator) {
    w.popScope();
    arg.value = { kind: 'other', text: w.text(arg.from, arg.to) };
  }
  if (record && arg.value) w.args.push(argFact(arg.value, w.range(arg.from, arg.to), arg.keyword, arg.spread));
}

/** Made with all its properties at once: objects that get a property after they are made keep it in a separate array. */
function argFact(value: ValueSummary, range: Range, keyword: string | undefined, spread: ArgFact['spread']): ArgFact {
  if (keyword !== undefined) return spread ? { value, range, keyword, spread } : { value, range, keyword };
  return spread ? { value, range, spread } : { value, range };
}

/** `@tf.function`, `@torch.no_grad()`: the dotted name is read; with arguments it is also a call. */
export function visitDecorator(w: Walker, c: TreeCursor): void {
  if (!c.firstChild()) return;
  let from = -1;
  let to = -1;
  do {
    const kind = KIND[c.type.id];
    if (kind === K.VariableName) {
      if (from < 0) {
        w.read(w.src.slice(c.from, c.to));
        from = c.from;
      }
      to = c.to;
    } else if (kind === K.ArgList && from >= 0) decoratorCall(w, c, from, to);
    else if (kind !== K.Dot) w.visit(c);
  } while (c.nextSibling());
  c.parent();
}

function decoratorCall(w: Walker, c: TreeCursor, from: number, to: number): void {
  const call = newCall(w, from, c.to);
  call.callee = w.text(from, to);
  const qualified = w.qualify(call.callee);
  if (qualified !== undefined) call.qualified = qualified;
  const dot = call.callee.lastIndexOf('.');
  if (dot > 0) {
    call.receiver = call.callee.slice(0, dot);
    call.method = call.callee.slice(dot + 1);
    if (call.receiver.indexOf('.') < 0) call.receiverName = call.receiver;
  }
  call.argsRange = w.range(c.from, c.to);
  const args = w.args.mark();
  visitArgs(w, c, true);
  call.args = w.args.take(args);
}
