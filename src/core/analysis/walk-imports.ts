/**
 * Import statements: plain, dotted, aliased, from-imports (relative, star, parenthesised lists).
 * Each imported name becomes an ImportFact, an alias for qualification and a write.
 */
import type { TreeCursor } from '@lezer/common';
import type { ImportFact } from './facts';
import { K, KIND } from './node-kinds';
import type { Walker } from './walker';

/** One `name [as alias]` of an import list, as offsets into the source. */
interface ImportedName {
  from: number;
  /** End of the dotted name; `end` also covers `as alias`. */
  to: number;
  end: number;
  alias?: string;
  afterAs: boolean;
}

export function visitImport(w: Walker, c: TreeCursor): void {
  let isFrom = false;
  let moduleFrom = -1;
  let moduleTo = -1;
  let module: string | undefined;
  let item: ImportedName = { from: -1, to: -1, end: -1, afterAs: false };
  if (!c.firstChild()) return;
  do {
    const kind = KIND[c.type.id];
    if (kind === K.KwFrom && module === undefined) isFrom = true;
    else if (kind === K.KwImport) module = isFrom ? compact(w.src.slice(moduleFrom, moduleTo)) : undefined;
    else if (isFrom && module === undefined) {
      if (moduleFrom < 0) moduleFrom = c.from;
      moduleTo = c.to;
    } else if (kind === K.Comma) {
      addImport(w, item, module);
      item = { from: -1, to: -1, end: -1, afterAs: false };
    } else if (kind === K.KwAs) item.afterAs = true;
    else if (kind === K.VariableName) {
      if (item.afterAs) item.alias = w.src.slice(c.from, c.to);
      else {
        if (item.from < 0) item.from = c.from;
        item.to = c.to;
      }
      item.end = c.to;
    } else if (kind === K.Star && module !== undefined) addStar(w, module, c.from, c.to);
    else if (kind === K.Error) w.syntaxError(c.from, c.to);
  } while (c.nextSibling());
  c.parent();
  addImport(w, item, module);
}

/** `module` is the from-module of a from-import, undefined for a plain import. */
function addImport(w: Walker, item: ImportedName, module: string | undefined): void {
  if (item.from < 0) return;
  const dotted = compact(w.src.slice(item.from, item.to));
  const fact = module === undefined ? plainImport(dotted, item.alias) : fromImport(module, dotted, item.alias);
  fact.range = w.range(item.from, item.end);
  w.facts.imports.push(fact);
  w.bindImport(fact.alias, fact.qualified);
  w.write(fact.alias);
}

/** `import a.b.c` binds "a" (standing for package a); `import a.b as c` binds "c" (standing for a.b). */
function plainImport(dotted: string, alias: string | undefined): ImportFact {
  const head = alias ?? dotted.split('.', 1)[0];
  return { module: dotted, alias: head, qualified: alias ? dotted : head, range: EMPTY };
}

function fromImport(module: string, name: string, alias: string | undefined): ImportFact {
  const qualified = module === '' || module.endsWith('.') ? module + name : `${module}.${name}`;
  return { module, name, alias: alias ?? name, qualified, range: EMPTY };
}

function addStar(w: Walker, module: string, from: number, to: number): void {
  const qualified = module.endsWith('.') ? `${module}*` : `${module}.*`;
  w.facts.imports.push({ module, name: '*', alias: '*', qualified, range: w.range(from, to) });
}

const EMPTY = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

function compact(text: string): string {
  return /\s/.test(text) ? text.replace(/\s+/g, '') : text;
}
