/**
 * Python scopes, just enough to tell notebook-level reads and writes from local ones.
 * A name assigned anywhere in a function is local to the whole function, and comprehension targets
 * appear after the element that uses them, so reads wait in `pending` and are filtered by the
 * scope's locals when it closes.
 */

export type ScopeKind = 'module' | 'function' | 'class' | 'comprehension';

/** The module's locals: its writes go to the cell's facts, so this set stays empty (one for every cell). */
const MODULE_LOCALS: ReadonlySet<string> = new Set<string>();

export class Scope {
  /** Names bound in this scope (none for the module: its writes go to the cell's facts). */
  readonly locals: Set<string>;
  /** Names read in this scope or in scopes nested in it, not yet known to be local. */
  readonly pending: string[] = [];
  /** Names declared `global` (writes reach the notebook) or `nonlocal` (writes are not local). */
  declared?: Map<string, 'global' | 'nonlocal'>;

  constructor(
    readonly kind: ScopeKind,
    readonly parent: Scope | undefined,
    /** Dotted path of the enclosing functions and classes ("Model.fit"); "" at the top of the cell. */
    readonly path: string,
    /** CallFact.inFunction for code in this scope: the path up to the innermost function, if any. */
    readonly inFunction: string | undefined,
  ) {
    this.locals = kind === 'module' ? (MODULE_LOCALS as Set<string>) : new Set();
  }

  /** Hands the reads that are not local to the enclosing scope that can see them. */
  close(): Scope | undefined {
    let target = this.parent;
    // Code in a function or comprehension nested in a class body does not see the class's names.
    while (target && target.kind === 'class' && this.kind !== 'class') target = target.parent;
    if (!target) return this.parent;
    for (const name of this.pending) {
      if (!this.locals.has(name)) target.pending.push(name);
    }
    return this.parent;
  }
}
