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
 */
function compact(facts: CellFacts): CellFacts {
  for (const call of facts.calls) call.args = exact(call.args);
  for (const a of facts.assignments) {
    a.targets = exact(a.targets);
    a.targetTexts = exact(a.targetTexts);
  }
  facts.imports = exact(facts.imports);
  facts.calls = exact(facts.calls);
  facts.assignments = exact(facts.assignments);
  facts.strings = exact(facts.strings);
  facts.functions = exact(facts.functions);
  facts.syntaxErrors = exact(facts.syntaxErrors);
  return facts;
}

function exact<T>(xs: T[]): T[] {
  return xs.length === 0 ? xs : xs.slice();
}
