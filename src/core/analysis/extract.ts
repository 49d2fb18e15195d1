/**
 * One code cell's source -> CellFacts: mask IPython syntax, parse with lezer, walk the tree once.
 * Ranges refer to the original source (masking keeps every offset). Never throws on bad Python:
 * error nodes become syntaxErrors and the rest of the cell is still analysed.
 */
import { maskIPython } from '../notebook/mask';
import { LineIndex, parsePython } from '../notebook/parse';
import type { CellFacts } from './facts';
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
  facts.reads = Array.from(new Set(walker.module.pending));
  facts.writes = Array.from(walker.writes);
  return compact(facts);
}

/**
 * Facts are kept (cache.ts) for as long as their cell is unchanged, so every garbage collection until
 * then copies them. Arrays filled by `push` carry spare capacity (room for 16 or more elements, where
 * most hold one to three): exact-size copies make the kept facts about a sixth smaller (corpus: 22.7 -> 19 MB).
 * Empty arrays (most cells have no imports, magics or syntax errors; many calls have no arguments) are
 * all one frozen array, and lists of the same names are one array: facts are never mutated (the empty
 * array would throw if a mistake tried), so sharing is invisible to readers and to JSON.
 */
function compact(facts: CellFacts): CellFacts {
  for (const call of facts.calls) {
    call.args = exact(call.args);
    if (call.assignedTo !== undefined) call.assignedTo = exact(call.assignedTo);
  }
  for (const a of facts.assignments) {
    a.targets = exact(a.targets);
    // `x = f()`: the targets as written, and the names the call is assigned to, are the same names.
    a.targetTexts = sameItems(a.targetTexts, a.targets) ? a.targets : exact(a.targetTexts);
    const call = a.callIndex === undefined ? undefined : facts.calls[a.callIndex];
    if (call?.assignedTo !== undefined && sameItems(call.assignedTo, a.targets)) call.assignedTo = a.targets;
  }
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

const EMPTY: readonly never[] = Object.freeze([]);

/** An exact-size copy of a pushed-to array; the shared empty array for an empty one. */
function exact<T>(xs: T[]): T[] {
  return xs.length === 0 ? (EMPTY as never[]) : xs.slice();
}

function sameItems(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The shared empty array for an empty array already of its exact size. */
function shared<T>(xs: T[]): T[] {
  return xs.length === 0 ? (EMPTY as never[]) : xs;
}
