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
  return facts;
}
