/**
 * Masks IPython-only syntax (magics, shell escapes, help) so a Python parser can read the cell.
 * Every masked character is replaced one for one, so offsets, lines and columns of the masked
 * code are those of the original source. A masked statement becomes `pass` (or `...`/`0` when
 * shorter) so an indented block that held only a magic stays valid.
 *
 * A magic starts only at the first non-blank character of a logical line: a `%` inside brackets
 * (the modulo operator continued on a new line) or inside a triple-quoted string is Python.
 */
import type { MagicFact, PipInstallFact } from '../analysis/facts';
import { LineIndex } from './parse';
import { parsePipInstall } from '../analysis/pip-install';

export interface MaskResult {
  /** Same length as the source, IPython syntax blanked. */
  code: string;
  magics: MagicFact[];
  pipInstalls: PipInstallFact[];
  /** Set when the whole cell is a non-Python cell magic (%%bash, %%sql...): its name; code is all blank. */
  notPython?: string;
}

/** Cell magics whose body is still Python run in the kernel. Every other `%%` magic is not Python. */
const PYTHON_BODY_CELL_MAGICS: ReadonlySet<string> = new Set([
  'time',
  'timeit',
  'capture',
  'prun',
  'debug',
  'memit',
  'mprun',
  'tensorflow_version',
]);

/** `x = !ls`, `a, b = %sx ls`: a simple target list assigned from a magic or shell escape. */
const ASSIGN_MAGIC = /[A-Za-z_][\w.]*(?:[ \t]*,[ \t]*[A-Za-z_][\w.]*)*[ \t]*=[ \t]*(?=[!%])/y;

const PERCENT = 37;
const BANG = 33;
const QUESTION = 63;

interface Edit {
  from: number;
  to: number;
  /**
   * What replaces the first physical line of the span (the rest is blanked): a statement, an
   * expression, or `pass;` before a statement that stays (`%time fit()` -> `pass; fit()`).
   */
  filler: 'statement' | 'expression' | 'prefix';
}

export function maskIPython(source: string): MaskResult {
  if (!/[%!?]/.test(source)) return { code: source, magics: [], pipInstalls: [] };
  return new Masker(source).run();
}

/** One masking run over one cell, logical line by logical line. */
class Masker {
  private readonly scan: Scanner;
  private readonly edits: Edit[] = [];
  private readonly magics: MagicFact[] = [];
  private readonly pipInstalls: PipInstallFact[] = [];
  private lines: LineIndex | undefined;

  constructor(private readonly src: string) {
    this.scan = new Scanner(src);
  }

  run(): MaskResult {
    const src = this.src;
    let pos = 0;
    let first = true;
    while (pos < src.length) {
      const p = this.scan.skipBlanks(pos);
      const ch = src.charCodeAt(p);
      let end: number;
      if (p >= src.length || ch === 10 || ch === 13) end = p;
      else if (first && ch === PERCENT && src.charCodeAt(p + 1) === PERCENT) {
        const cell = this.cellMagic(p);
        if (typeof cell === 'string') return this.notPython(cell);
        end = cell;
      } else if (ch === PERCENT || ch === BANG || ch === QUESTION) end = this.escapedLine(p, ch);
      else end = this.assignedMagic(p) ?? this.pythonLine(p);
      first &&= p === end;
      pos = this.scan.nextLine(end);
    }
    return { code: applyEdits(src, this.edits), magics: this.magics, pipInstalls: this.pipInstalls };
  }

  /** A `%%` magic on the first line: the end of that line, or the magic's name when the body is not Python. */
  private cellMagic(p: number): number | string {
    const name = /^%%([\w-]*)/.exec(this.src.slice(p, p + 80))?.[1] ?? '';
    const end = this.scan.shellEnd(p);
    this.record('cell-magic', p, end);
    if (!PYTHON_BODY_CELL_MAGICS.has(name)) return name || '%%';
    this.edits.push({ from: p, to: end, filler: 'statement' });
    return end;
  }

  private notPython(name: string): MaskResult {
    const code = this.src.replace(/[^\r\n]/g, ' ');
    return { code, magics: this.magics, pipInstalls: this.pipInstalls, notPython: name };
  }

  /** `%magic`, `!shell`, `?help` lines. */
  private escapedLine(p: number, ch: number): number {
    const end = ch === PERCENT ? this.scan.pythonEnd(p).end : this.scan.shellEnd(p);
    this.record(ch === PERCENT ? 'line-magic' : ch === BANG ? 'shell' : 'help', p, end);
    const statement = ch === PERCENT ? timedStatement(this.src, p, end) : -1;
    if (statement > 0) this.edits.push({ from: p, to: statement, filler: 'prefix' });
    else this.edits.push({ from: p, to: end, filler: 'statement' });
    return end;
  }

  /** `files = !ls`: only the right-hand side is masked, so `files` is still written. */
  private assignedMagic(p: number): number | undefined {
    ASSIGN_MAGIC.lastIndex = p;
    if (!ASSIGN_MAGIC.test(this.src)) return undefined;
    const rhs = ASSIGN_MAGIC.lastIndex;
    const isShell = this.src.charCodeAt(rhs) === BANG;
    const end = isShell ? this.scan.shellEnd(rhs) : this.scan.pythonEnd(rhs).end;
    this.record(isShell ? 'shell' : 'line-magic', rhs, end);
    this.edits.push({ from: rhs, to: end, filler: 'expression' });
    return end;
  }

  /** A Python logical line; `obj?` and `obj??` at its end make it a help request. */
  private pythonLine(p: number): number {
    const line = this.scan.pythonEnd(p);
    if (line.lastSignificant >= 0 && this.src.charCodeAt(line.lastSignificant) === QUESTION) {
      this.record('help', p, line.lastSignificant + 1);
      this.edits.push({ from: p, to: line.lastSignificant + 1, filler: 'statement' });
    }
    return line.end;
  }

  private record(kind: MagicFact['kind'], from: number, to: number): void {
    this.lines ??= new LineIndex(this.src);
    const text = this.src.slice(from, to);
    const magic: MagicFact = { kind, name: magicName(kind, text), text, range: this.lines.range(from, to) };
    this.magics.push(magic);
    const pip = parsePipInstall(magic);
    if (pip) this.pipInstalls.push(pip);
  }
}

/** `%time`, `%timeit -n 50`: options of the timing magics whose argument is a Python statement. */
const TIMED_STATEMENT =
  /%(?:time|timeit|memit)(?:[ \t]+-(?:[nrp][ \t]*\d+|[tcqo]))*[ \t]+(?=\S)(?!-|(?:for|while|if|with|try|def|class|async)\b)/y;

/**
 * Where the Python statement of a timing magic starts, when its prefix can become `pass;` (which
 * keeps the statement in place, in the same column); -1 otherwise.
 */
function timedStatement(source: string, p: number, end: number): number {
  TIMED_STATEMENT.lastIndex = p;
  if (!TIMED_STATEMENT.test(source)) return -1;
  const start = TIMED_STATEMENT.lastIndex;
  return start - p >= 5 && start < end ? start : -1;
}

/** The magic's name without its prefix; the command for shell lines; the object for help. */
function magicName(kind: MagicFact['kind'], text: string): string {
  if (kind === 'help') return text.replace(/^[%?]+|\?+$/g, '').trim();
  const body = text.replace(/^(?:%%|%|!!|!)/, '');
  return /^\s*(\S*)/.exec(body)?.[1] ?? '';
}

function applyEdits(source: string, edits: Edit[]): string {
  if (edits.length === 0) return source;
  let out = '';
  let last = 0;
  for (const edit of edits) {
    out += source.slice(last, edit.from);
    const eol = firstLineEnd(source, edit.from, edit.to);
    out += filler(eol - edit.from, edit.filler);
    out += source.slice(eol, edit.to).replace(/[^\r\n]/g, ' ');
    last = edit.to;
  }
  return out + source.slice(last);
}

function firstLineEnd(source: string, from: number, to: number): number {
  for (let i = from; i < to; i++) {
    const ch = source.charCodeAt(i);
    if (ch === 10 || ch === 13) return i;
  }
  return to;
}

/** A valid Python statement (or expression) of exactly `length` characters. */
function filler(length: number, kind: Edit['filler']): string {
  if (kind === 'prefix') return 'pass;' + ' '.repeat(length - 5);
  const word = kind === 'statement' && length >= 4 ? 'pass' : length >= 3 ? '...' : '0';
  return length <= word.length ? word.slice(0, Math.max(length, 0)) : word + ' '.repeat(length - word.length);
}

/** A cheap Python-aware scanner over one cell: strings, comments, brackets and line continuations. */
class Scanner {
  constructor(private readonly src: string) {}

  skipBlanks(pos: number): number {
    const src = this.src;
    let p = pos;
    for (let ch = src.charCodeAt(p); ch === 32 || ch === 9 || ch === 12; ch = src.charCodeAt(++p));
    return p;
  }

  /** Offset just after the line break at `end` (or the end of the text). */
  nextLine(end: number): number {
    const src = this.src;
    if (end >= src.length) return src.length;
    if (src.charCodeAt(end) === 13 && src.charCodeAt(end + 1) === 10) return end + 2;
    return end + 1;
  }

  /** End of a shell-like line: only a trailing backslash continues it. */
  shellEnd(p: number): number {
    const src = this.src;
    let i = p;
    for (;;) {
      while (i < src.length && src.charCodeAt(i) !== 10 && src.charCodeAt(i) !== 13) i++;
      if (i >= src.length || src.charCodeAt(i - 1) !== 92) return i;
      i = this.nextLine(i);
    }
  }

  /**
   * End of the Python logical line starting at `p` (offset of its final line break, or the text's end),
   * and the last character outside strings and comments (for `obj?` help lines).
   */
  pythonEnd(p: number): { end: number; lastSignificant: number } {
    const src = this.src;
    const n = src.length;
    let depth = 0;
    let last = -1;
    let i = p;
    while (i < n) {
      const ch = src.charCodeAt(i);
      if (ch === 39 || ch === 34) {
        i = this.stringEnd(i, ch);
        last = i - 1;
      } else if (ch === 35) {
        while (i < n && src.charCodeAt(i) !== 10 && src.charCodeAt(i) !== 13) i++;
      } else if (ch === 10 || ch === 13) {
        if (depth === 0) return { end: i, lastSignificant: last };
        i = this.nextLine(i);
      } else if (ch === 92 && (src.charCodeAt(i + 1) === 10 || src.charCodeAt(i + 1) === 13)) {
        i = this.nextLine(i + 1);
      } else {
        if (ch === 40 || ch === 91 || ch === 123) depth++;
        else if ((ch === 41 || ch === 93 || ch === 125) && depth > 0) depth--;
        if (ch !== 32 && ch !== 9 && ch !== 12) last = i;
        i++;
      }
    }
    return { end: n, lastSignificant: last };
  }

  /** Offset just after the string literal opening at `i` (a short string also ends at a line break). */
  private stringEnd(i: number, quote: number): number {
    const src = this.src;
    const n = src.length;
    const triple = src.charCodeAt(i + 1) === quote && src.charCodeAt(i + 2) === quote;
    let j = triple ? i + 3 : i + 1;
    while (j < n) {
      const ch = src.charCodeAt(j);
      if (ch === 92) j += 2;
      else if (ch === quote) {
        if (!triple) return j + 1;
        if (src.charCodeAt(j + 1) === quote && src.charCodeAt(j + 2) === quote) return j + 3;
        j++;
      } else if (!triple && (ch === 10 || ch === 13)) return j;
      else j++;
    }
    return n;
  }
}
