/**
 * Definitions that open a scope: functions, lambdas, classes, comprehensions; and `global`/`nonlocal`.
 * Parameters and comprehension targets are local, so they never show up as notebook-level reads;
 * defaults, annotations and decorators are evaluated where the definition stands.
 */
import type { TreeCursor } from '@lezer/common';
import { K, KIND } from './node-kinds';
import { bindTarget, Targets } from './walk-bindings';
import { visitArgs } from './walk-calls';
import type { Walker } from './walker';

export function visitFunction(w: Walker, c: TreeCursor): void {
  let name: string | undefined;
  let params: string[] = [];
  if (!c.firstChild()) return;
  do {
    const kind = KIND[c.type.id];
    if (kind === K.VariableName && name === undefined) {
      name = w.src.slice(c.from, c.to);
      if (w.scope === w.module) w.facts.functions.push(name);
      w.write(name);
    } else if (kind === K.ParamList) params = visitParams(w, c);
    else if (kind === K.TypeDef || kind === K.Error) w.visit(c);
    else if (kind === K.Body) {
      const scope = w.pushScope('function', name ?? '<function>');
      for (const param of params) scope.locals.add(param);
      w.visit(c);
      w.popScope();
    }
  } while (c.nextSibling());
  c.parent();
}

/** Parameter names; defaults and annotations are visited in the enclosing scope. */
function visitParams(w: Walker, c: TreeCursor): string[] {
  const params: string[] = [];
  if (!c.firstChild()) return params;
  let isDefault = false;
  do {
    const kind = KIND[c.type.id];
    if (kind === K.AssignOp) isDefault = true;
    else if (isDefault) {
      w.visit(c);
      isDefault = false;
    } else if (kind === K.VariableName) params.push(w.src.slice(c.from, c.to));
    else if (kind === K.TypeDef || kind === K.Error) w.visit(c);
  } while (c.nextSibling());
  c.parent();
  return params;
}

export function visitLambda(w: Walker, c: TreeCursor): void {
  let params: string[] = [];
  let inBody = false;
  if (!c.firstChild()) return;
  do {
    const kind = KIND[c.type.id];
    if (inBody) w.visit(c);
    else if (kind === K.ParamList) params = visitParams(w, c);
    else if (kind === K.Colon) {
      const scope = w.pushScope('function', '<lambda>');
      for (const param of params) scope.locals.add(param);
      inBody = true;
    }
  } while (c.nextSibling());
  c.parent();
  if (inBody) w.popScope();
}

export function visitClass(w: Walker, c: TreeCursor): void {
  let name: string | undefined;
  if (!c.firstChild()) return;
  do {
    const kind = KIND[c.type.id];
    if (kind === K.VariableName && name === undefined) {
      name = w.src.slice(c.from, c.to);
      w.write(name);
    } else if (kind === K.ArgList) visitArgs(w, c, false);
    else if (kind === K.Body) {
      w.pushScope('class', name ?? '<class>');
      w.visit(c);
      w.popScope();
    } else if (kind === K.Error) w.visit(c);
  } while (c.nextSibling());
  c.parent();
}

/**
 * The `for ... in ... if ...` clauses of a comprehension or generator argument, fed one child node
 * at a time: targets are bound in the comprehension's scope, everything else is visited.
 */
export class CompClauses {
  private mode: 'element' | 'targets' | 'expression' = 'element';
  private readonly targets = new Targets();

  step(w: Walker, c: TreeCursor, kind: K): void {
    if (kind === K.KwFor) this.mode = 'targets';
    else if (kind === K.KwIn && this.mode === 'targets') this.mode = 'expression';
    else if (kind === K.KwIf) this.mode = 'expression';
    else if (isClausePunctuation(kind)) return;
    else if (this.mode === 'targets') bindTarget(w, c, this.targets);
    else w.visit(c);
  }
}

function isClausePunctuation(kind: K): boolean {
  return (
    kind === K.Bracket ||
    kind === K.Comma ||
    kind === K.Colon ||
    kind === K.Star ||
    kind === K.DoubleStar ||
    kind === K.KwAsync
  );
}

export function visitComprehension(w: Walker, c: TreeCursor): void {
  w.pushScope('comprehension');
  const clauses = new CompClauses();
  if (c.firstChild()) {
    do clauses.step(w, c, KIND[c.type.id]);
    while (c.nextSibling());
    c.parent();
  }
  w.popScope();
}

/** `global x` makes writes to x in this function notebook-level; `nonlocal x` makes them not local. */
export function visitScopeStatement(w: Walker, c: TreeCursor): void {
  let declaration: 'global' | 'nonlocal' = 'global';
  if (!c.firstChild()) return;
  do {
    const kind = KIND[c.type.id];
    if (kind === K.KwNonlocal) declaration = 'nonlocal';
    else if (kind === K.VariableName) {
      w.scope.declared ??= new Map();
      w.scope.declared.set(w.src.slice(c.from, c.to), declaration);
    }
  } while (c.nextSibling());
  c.parent();
}
