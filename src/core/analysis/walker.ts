/**
 * The single pass over one cell's lezer tree. A TreeCursor moves depth-first; handlers for the few
 * node kinds that carry facts (calls, assignments, imports, definitions...) live in walk-*.ts and
 * leave the cursor on the node they were given. Everything else is visited generically, so names,
 * calls and strings nested anywhere are still seen.
 */
import type { TreeCursor } from '@lezer/common';
import type { Range } from '../notebook/model';
import type { LineIndex } from '../notebook/parse';
import { type ArgFact, type CellFacts, keptSlice } from './facts';
import { K, KIND } from './node-kinds';
import { qualifyText } from './qualify';
import { Scope, type ScopeKind } from './scope';
import { stringLiteralValue } from './values';
import { visitCall, visitDecorator } from './walk-calls';
import { visitAssign, visitFor, visitNamed, visitTry, visitUpdate, visitWith } from './walk-bindings';
import { visitClass, visitComprehension, visitFunction, visitLambda, visitScopeStatement } from './walk-defs';
import { visitImport } from './walk-imports';
import { visitString } from './walk-strings';

/** Source text kept in facts (callee, receiver, value texts) is capped at this many characters. */
export const TEXT_CAP = 300;
const MAX_SYNTAX_ERRORS = 50;

/** The last callee asked for (see Walker.callee). */
interface Callee {
  from: number;
  to: number;
  /** How many imports the cell had bound when it was qualified. */
  imports: number;
  text: string;
  qualified: string | undefined;
}

/**
 * The arguments of the calls being visited, innermost last. A call marks where its arguments start and
 * takes them as one exact-size array when it is done (a call nested in it has taken its own by then), so
 * kept facts carry no spare capacity and no per-call array grows by pushes only to be copied again.
 */
export class ArgStack {
  private readonly items: ArgFact[] = [];
  private top = 0;

  mark(): number {
    return this.top;
  }

  push(arg: ArgFact): void {
    this.items[this.top++] = arg;
  }

  /** The arguments pushed since `mark` (the shared empty array when none), removed from the stack. */
  take(mark: number): ArgFact[] {
    const args = keptSlice(this.items, mark, this.top);
    this.top = mark;
    return args;
  }
}

/** The aliases of a cell that imports nothing (most cells): never written, see Walker.bindImport. */
const NO_IMPORTS: ReadonlyMap<string, string> = new Map();

export class Walker {
  /** Aliases bound by the cell's imports so far. */
  imports = NO_IMPORTS;
  readonly args = new ArgStack();
  readonly writes = new Set<string>();
  readonly module = new Scope('module', undefined, '', undefined);
  scope: Scope = this.module;
  private readonly lastString = { from: -1, to: -1, value: '' };
  private readonly lastCallee: Callee = { from: -1, to: -1, imports: 0, text: '', qualified: undefined };

  constructor(
    /** The original cell source: texts are taken from it, so masked magics read as written. */
    readonly src: string,
    readonly lines: LineIndex,
    readonly facts: CellFacts,
  ) {}

  visit(c: TreeCursor): void {
    switch (KIND[c.type.id]) {
      case K.VariableName:
        this.read(this.src.slice(c.from, c.to));
        return;
      case K.CallExpression:
        return visitCall(this, c);
      case K.AssignStatement:
        return visitAssign(this, c);
      case K.UpdateStatement:
        return visitUpdate(this, c);
      case K.NamedExpression:
        return visitNamed(this, c);
      case K.ForStatement:
        return visitFor(this, c);
      case K.WithStatement:
        return visitWith(this, c);
      case K.TryStatement:
        return visitTry(this, c);
      case K.ImportStatement:
        return visitImport(this, c);
      case K.FunctionDefinition:
        return visitFunction(this, c);
      case K.ClassDefinition:
        return visitClass(this, c);
      case K.LambdaExpression:
        return visitLambda(this, c);
      case K.Comprehension:
        return visitComprehension(this, c);
      case K.Decorator:
        return visitDecorator(this, c);
      case K.ScopeStatement:
        return visitScopeStatement(this, c);
      case K.String:
      case K.FormatString:
      case K.ContinuedString:
        return visitString(this, c);
      case K.Error:
        this.syntaxError(c.from, c.to);
        break;
    }
    this.visitChildren(c);
  }

  visitChildren(c: TreeCursor): void {
    if (!c.firstChild()) return;
    do this.visit(c);
    while (c.nextSibling());
    c.parent();
  }

  text(from: number, to: number): string {
    return this.src.slice(from, to - from > TEXT_CAP ? from + TEXT_CAP : to);
  }

  range(from: number, to: number): Range {
    return this.lines.range(from, to);
  }

  bindImport(alias: string, qualified: string): void {
    if (this.imports === NO_IMPORTS) this.imports = new Map();
    (this.imports as Map<string, string>).set(alias, qualified);
  }

  qualify(text: string): string | undefined {
    return qualifyText(text, this.imports);
  }

  /**
   * A callee's text and qualified name. Summarising a call (as a value) and then visiting it both
   * need them: the second asks for the same node and gets the same answer without slicing again.
   */
  callee(from: number, to: number): Callee {
    const last = this.lastCallee;
    if (last.from !== from || last.to !== to || last.imports !== this.imports.size) {
      last.from = from;
      last.to = to;
      last.imports = this.imports.size;
      last.text = this.text(from, to);
      last.qualified = this.qualify(last.text);
    }
    return last;
  }

  /** The value of the string node under the cursor; decoded once even when summarised and recorded. */
  stringValue(c: TreeCursor): string {
    const last = this.lastString;
    if (last.from === c.from && last.to === c.to) return last.value;
    let value: string;
    if (KIND[c.type.id] !== K.ContinuedString) value = stringLiteralValue(this.src.slice(c.from, c.to));
    else {
      value = '';
      if (c.firstChild()) {
        do
          if (KIND[c.type.id] === K.String || KIND[c.type.id] === K.FormatString) {
            value += stringLiteralValue(this.src.slice(c.from, c.to));
          }
        while (c.nextSibling());
        c.parent();
      }
    }
    last.from = c.from;
    last.to = c.to;
    last.value = value;
    return value;
  }

  read(name: string): void {
    this.scope.pending.push(name);
  }

  /** Binds a name in the current scope; a walrus inside a comprehension binds in the enclosing one. */
  write(name: string, walrus = false): void {
    let scope = this.scope;
    if (walrus) while (scope.kind === 'comprehension' && scope.parent) scope = scope.parent;
    const declared = scope.declared?.get(name);
    if (scope.kind === 'module' || declared === 'global') this.writes.add(name);
    else if (declared === undefined) scope.locals.add(name);
  }

  /** Opens a scope; functions and classes extend the dotted path used for CallFact.inFunction. */
  pushScope(kind: ScopeKind, name?: string): Scope {
    const outer = this.scope;
    const path = name === undefined ? outer.path : outer.path ? `${outer.path}.${name}` : name;
    this.scope = new Scope(kind, outer, path, kind === 'function' ? path : outer.inFunction);
    return this.scope;
  }

  popScope(): void {
    this.scope = this.scope.close() ?? this.module;
  }

  syntaxError(from: number, to: number): void {
    if (this.facts.syntaxErrors.length < MAX_SYNTAX_ERRORS) this.facts.syntaxErrors.push(this.range(from, to));
  }
}
