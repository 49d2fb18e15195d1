/**
 * Python parsing with @lezer/python, and offset -> Position conversion for one cell.
 * Lezer offsets are JavaScript string indices (UTF-16 code units), the same unit VS Code uses
 * for `character`, so a Position is just (line, offset - lineStart).
 */
import { parser } from '@lezer/python';
import type { Tree } from '@lezer/common';
import type { Position, Range } from './model';

/** Parses Python source (already masked of IPython syntax). Never throws: lezer recovers with error nodes. */
export function parsePython(code: string): Tree {
  return parser.parse(blankTrailingDots(code));
}

/**
 * `255.`, `[0., 1.]`: lezer's Python grammar wants a digit after the dot of a float, so these would be
 * syntax errors. Outside identifiers and before a non-name character, the dot can become a blank:
 * the number keeps its value and every offset stays where it was. The same replacement as
 * `code.replace(/(?<![\w.])(\d[\d_]*)\.(?![\w.])/g, '$1 ')`, found from dot to dot (`indexOf`) instead of a
 * regular expression tried at every character; a cell without such a float is returned as it is.
 */
export function blankTrailingDots(code: string): string {
  let out: string | undefined;
  let last = 0;
  for (let dot = code.indexOf('.'); dot >= 0; dot = code.indexOf('.', dot + 1)) {
    if (isWordOrDot(code.charCodeAt(dot + 1))) continue;
    let start = dot;
    while (start > 0 && isDigitOrUnderscore(code.charCodeAt(start - 1))) start--;
    if (start === dot || !isDigit(code.charCodeAt(start))) continue;
    if (start > 0 && isWordOrDot(code.charCodeAt(start - 1))) continue;
    out = (out ?? '') + code.slice(last, dot) + ' ';
    last = dot + 1;
  }
  return out === undefined ? code : out + code.slice(last);
}

function isDigit(ch: number): boolean {
  return ch >= 48 && ch <= 57;
}

function isDigitOrUnderscore(ch: number): boolean {
  return isDigit(ch) || ch === 95;
}

/** `[\w.]` of a regular expression without the `u` flag: ASCII letters, digits, `_` and `.`. */
function isWordOrDot(ch: number): boolean {
  return isDigitOrUnderscore(ch) || ch === 46 || (ch >= 65 && ch <= 90) || (ch >= 97 && ch <= 122);
}

/**
 * Positions are values, and nobody mutates them (facts are shared, see analysis/cache.ts), so the
 * positions of the first lines and columns are one object each, shared by every cell: the facts of a
 * cell keep about 80 ranges (160 positions) per 1,000 characters, and kept facts are copied by every garbage
 * collection until their cell changes. Bounded: at most SHARED_LINES x SHARED_COLUMNS objects (3 MB). Frozen,
 * so code that would change one (and with it every cell's) throws instead.
 */
const SHARED_LINES = 512;
const SHARED_COLUMNS = 128;
const sharedPositions = new Array<(Position | undefined)[] | undefined>(SHARED_LINES);

function positionAt(line: number, character: number): Position {
  if (line >= SHARED_LINES || character >= SHARED_COLUMNS || character < 0) return { line, character };
  const row = (sharedPositions[line] ??= new Array<Position | undefined>(SHARED_COLUMNS));
  return (row[character] ??= Object.freeze({ line, character }));
}

/** Line-start offsets of one text, built once, for many offset -> Position conversions. */
export class LineIndex {
  private readonly starts: number[];

  constructor(text: string) {
    this.starts = lineStarts(text);
  }

  get lineCount(): number {
    return this.starts.length;
  }

  position(offset: number): Position {
    const starts = this.starts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return positionAt(lo, offset - starts[lo]);
  }

  range(from: number, to: number): Range {
    return { start: this.position(from), end: this.position(to) };
  }
}

/** Offsets where each line starts; `\n`, `\r\n` and a lone `\r` all end a line, as in VS Code. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  if (text.indexOf('\r') < 0) {
    let i = text.indexOf('\n');
    while (i >= 0) {
      starts.push(i + 1);
      i = text.indexOf('\n', i + 1);
    }
    return starts;
  }
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 10) starts.push(i + 1);
    else if (ch === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}
