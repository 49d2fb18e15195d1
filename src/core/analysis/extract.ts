/**
 * One code cell's source -> CellFacts: mask IPython syntax, parse with lezer, walk the tree once.
 * Ranges refer to the original source (masking keeps every offset). Never throws on bad Python:
 * error nodes become syntaxErrors and the rest of the cell is still analysed.
 */
import { maskIPython } from '../notebook/mask';
import { LineIndex, parsePython } from '../notebook/parse';
import { type CellFacts, keptSlice, NO_ITEMS } from './facts';
import { Walker } from './walker';

export function extractFacts(source: string): CellFacts {
  const masked = maskIPython(source);
  const facts: CellFacts = {
    imports: [],
    calls: [],
    assignments: [],
    strings: [],
    reads: [],
    writes: [],
    functions: [],
    pipInstalls: masked.pipInstalls,
    magics: masked.magics,
    syntaxErrors: [],
  };
  if (masked.notPython !== undefined) {
    facts.notPython = masked.notPython;
    return facts;
  }
  const tree = parsePython(masked.code);
  const walker = new Walker(source, new LineIndex(source), facts);
  walker.visit(tree.cursor());
  facts.reads = firstOccurrences(walker.module.pending);
  const writes = Array.from(walker.writes);
  // A short list is copied by a literal (see keptSlice); the array from the set is dropped.
  facts.writes = writes.length <= 4 ? keptSlice(writes, 0, writes.length) : writes;
  return compact(facts);
}

/**
 * Facts are kept (cache.ts) for as long as their cell is unchanged, so every garbage collection until
 * then copies them. Arrays filled by `push` carry spare capacity (room for 16 or more elements, where
 * most hold one to three): exact-size copies make the kept facts about a sixth smaller (corpus: 22.7 -> 19 MB).
 * The lists inside calls and assignments (arguments, targets, the names a call is assigned to) are made
 * at their size by the walker (ArgStack, Targets), and the targets as written, or the names a call is
 * assigned to, are the target list itself when they hold the same names. Empty arrays (most cells have no
 * imports, magics or syntax errors; many calls have no arguments) are all one frozen array: facts are
 * never mutated (the empty array would throw if a mistake tried), so sharing is invisible to readers
 * and to JSON. Copies of up to four items are array literals (keptSlice), which V8 soon allocates where
 * kept objects end up, sparing the scavenges a copy each.
 */
function compact(facts: CellFacts): CellFacts {
  facts.imports = exact(facts.imports);
  facts.calls = exact(facts.calls);
  facts.assignments = exact(facts.assignments);
  facts.strings = exact(facts.strings);
  facts.functions = exact(facts.functions);
  facts.syntaxErrors = exact(facts.syntaxErrors);
  facts.reads = shared(facts.reads);
  facts.writes = shared(facts.writes);
  facts.pipInstalls = shared(facts.pipInstalls);
  facts.magics = shared(facts.magics);
  return facts;
}

/**
 * Each name once, in the order of its first occurrence (as `Array.from(new Set(names))`), as an
 * exact-size array. Most cells read a few dozen names at most: those are deduplicated in place (the list
 * is the walker's, dropped afterwards), without a Set per cell.
 */
function firstOccurrences(names: string[]): string[] {
  if (names.length > 32) return Array.from(new Set(names));
  let kept = 0;
  for (let i = 0; i < names.length; i++) {
    const name = names[i];
    let seen = false;
    for (let j = 0; j < kept && !seen; j++) seen = names[j] === name;
    if (!seen) names[kept++] = name;
  }
  return keptSlice(names, 0, kept);
}

/** An exact-size copy of a pushed-to array; the shared empty array for an empty one. */
function exact<T>(xs: T[]): T[] {
  return keptSlice(xs, 0, xs.length);
}

/** The shared empty array for an empty array already of its exact size. */
function shared<T>(xs: T[]): T[] {
  return xs.length === 0 ? (NO_ITEMS as never[]) : xs;
}
