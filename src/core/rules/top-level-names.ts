/**
 * Where a name is used in the code that runs when the cell runs: not inside a function body (that
 * runs only when called, maybe after the name is defined), not in a string, comment or magic line.
 * The facts list a cell's reads without positions, so this finds the position in the text.
 */
import type { CellFacts } from '../analysis/facts';
import type { Range } from '../notebook/model';
import { sourceLines } from './helpers';

const DEF_LINE = /^(\s*)(async\s+)?def\s/;

/**
 * The first top-level use of `name` in the cell, or undefined when every use is lazy or hidden.
 * Keyword-argument names (`f(name=...)`) and attributes (`x.name`) are not uses; bindings
 * (`name = ...`) count only when `binding` is set.
 */
export function topLevelOccurrence(source: string, facts: CellFacts, name: string, binding = false): Range | undefined {
  const lines = maskedLines(source, facts);
  const escaped = name.replace(/[$]/g, '\\$');
  const pattern = new RegExp(`(?<![\\w.])${escaped}(?!\\w)${binding ? '' : '(?!\\s*=[^=])'}`, 'g');
  let defIndent = -1;
  for (const [line, text] of lines.entries()) {
    const indent = text.search(/\S/);
    if (indent < 0) continue;
    if (defIndent >= 0 && indent > defIndent) continue;
    const def = DEF_LINE.exec(text);
    defIndent = def === null ? -1 : (def[1] ?? '').length;
    if (def !== null) continue;
    const lambda = text.search(/\blambda\b/);
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
      if (lambda >= 0 && m.index > lambda) break;
      return { start: { line, character: m.index }, end: { line, character: m.index + name.length } };
    }
  }
  return undefined;
}

/** The cell's lines with strings, magics and comments blanked out (positions kept). */
function maskedLines(source: string, facts: CellFacts): string[] {
  const lines = sourceLines(source).map((l) => l.split(''));
  const blank = (r: Range): void => {
    for (let line = r.start.line; line <= r.end.line; line++) {
      const chars = lines[line];
      if (chars === undefined) continue;
      const from = line === r.start.line ? r.start.character : 0;
      const to = line === r.end.line ? r.end.character : chars.length;
      for (let i = from; i < to && i < chars.length; i++) chars[i] = ' ';
    }
  };
  for (const s of facts.strings) blank(s.range);
  for (const m of facts.magics) blank(m.range);
  return lines.map((chars) => {
    const text = chars.join('');
    const hash = text.indexOf('#');
    return hash < 0 ? text : text.slice(0, hash);
  });
}
