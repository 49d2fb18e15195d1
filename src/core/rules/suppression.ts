/**
 * Suppression comments: `# liftoff: ignore[rule-name]` (or a rule id, or a comma-separated list,
 * or bare `# liftoff: ignore` for every rule) on a finding's line, or in the comment lines that
 * open a cell to silence the whole cell.
 */
import type { Range } from '../notebook/model';
import { sourceLines } from './helpers';
import type { Rule } from './rule';

const DIRECTIVE = /#\s*liftoff\s*:\s*ignore\b(?:\[([^\]]*)\])?/i;

/** `'all'`, the listed rule keys (lower-cased), or undefined when the line has no directive. */
function directiveOn(line: string): 'all' | Set<string> | undefined {
  const match = DIRECTIVE.exec(line);
  if (match === null) return undefined;
  const list = match[1];
  if (list === undefined) return 'all';
  return new Set(
    list
      .split(',')
      .map((s) => s.trim().toLowerCase())
      .filter((s) => s.length > 0),
  );
}

function covers(directive: 'all' | Set<string> | undefined, rule: Pick<Rule, 'id' | 'name'>): boolean {
  if (directive === undefined) return false;
  return directive === 'all' || directive.has(rule.name.toLowerCase()) || directive.has(rule.id.toLowerCase());
}

export class CellSuppressions {
  private readonly lines: string[];
  private readonly header: Array<'all' | Set<string>>;

  /** The suppressions of a cell; one shared empty set for a cell that never writes `liftoff` (most). */
  static of(source: string): CellSuppressions {
    return MENTIONS_LIFTOFF.test(source) ? new CellSuppressions(source) : NONE;
  }

  constructor(source: string) {
    this.lines = sourceLines(source);
    this.header = [];
    for (const line of this.lines) {
      if (!line.trimStart().startsWith('#')) break;
      const directive = directiveOn(line);
      if (directive !== undefined) this.header.push(directive);
    }
  }

  /** Whether a finding of `rule` at `range` is silenced by the cell header or a comment on its lines. */
  isSuppressed(rule: Pick<Rule, 'id' | 'name'>, range: Range): boolean {
    if (this.header.some((d) => covers(d, rule))) return true;
    for (let line = range.start.line; line <= range.end.line; line++) {
      if (covers(directiveOn(this.lines[line] ?? ''), rule)) return true;
    }
    return false;
  }
}

/** Every directive names Liftoff: a cell without the word has none (tested before splitting it into lines). */
const MENTIONS_LIFTOFF = /liftoff/i;
const NONE = new CellSuppressions('');
