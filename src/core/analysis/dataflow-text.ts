/**
 * Small readings of source text that the per-cell facts do not carry yet: the names an expression
 * reads, the parts of a tuple, the blocks of `def` and `for` statements (by indentation), helper
 * parameters and returned names. They work on the capped texts of facts or on a cell's source, and
 * are deliberately forgiving: a wrong guess only loses lineage, it never throws.
 */

const KEYWORDS = new Set([
  'and', 'or', 'not', 'in', 'is', 'if', 'else', 'for', 'lambda', 'None', 'True', 'False', 'await', 'async',
  'yield', 'from', 'as', 'with', 'return', 'del', 'pass', 'def', 'class', 'while', 'try', 'except', 'finally',
]); // prettier-ignore

/** Lengths of the keywords by first character, as bit sets: most names are told apart without a string. */
const KEYWORD_LENGTHS: Uint32Array = (() => {
  const table = new Uint32Array(128);
  for (const word of KEYWORDS) table[word.charCodeAt(0)] |= 1 << word.length;
  return table;
})();

// STRING, the string literals blankStrings finds:
// /[rRbBuUfF]{0,2}("""[\s\S]*?"""|'''[\s\S]*?'''|"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*')/g

/** What an expression without names reads: one frozen list (plans keep many of them). */
const NO_NAMES: string[] = Object.freeze([]) as unknown as string[];
/** The names found so far by the running scan (namesIn is not reentrant); its room is kept. */
const found: string[] = [];

/**
 * Variable names an expression reads: identifiers outside strings, not attribute names (`.mean`)
 * and not keyword-argument names (`axis=`). `df[cols].fillna(df.mean())` -> ["df", "cols"].
 * A hand-written scan for `[A-Za-z_]\w*` (the dataflow asks this of every expression it reads): the
 * tests that need no string come first (attribute and keyword-argument names are never sliced out),
 * keywords are looked up only when one has the name's first letter and length, a text that is one string
 * literal is answered without blanking it, and the answer is an exact-size list, the same frozen empty one
 * when there are none.
 */
export function namesIn(text: string): string[] {
  // Every string literal has a quote; most expressions have none.
  const quoted = text.includes('"') || text.includes("'");
  if (quoted && isOneLiteral(text)) return NO_NAMES;
  const code = quoted ? blankStrings(text, ' ') : text;
  let count = 0;
  const n = code.length;
  let i = 0;
  while (i < n) {
    if (!isNameStart(code.charCodeAt(i))) {
      i++;
      continue;
    }
    const at = i;
    while (++i < n && isWordChar(code.charCodeAt(i)));
    // (Reads stay within the text: an index out of range would make the optimized scan deoptimize.)
    if ((at > 0 && isDigit(code.charCodeAt(at - 1))) || precededByDot(code, at) || isKeywordArgument(code, i)) continue;
    const name = code.slice(at, i);
    if (((KEYWORD_LENGTHS[code.charCodeAt(at)] as number) & (1 << (i - at))) !== 0 && KEYWORDS.has(name)) continue;
    let seen = false;
    for (let k = 0; k < count && !seen; k++) seen = found[k] === name;
    if (!seen) found[count++] = name;
  }
  if (count === 0) return NO_NAMES;
  // The caller may keep the answer: an exact-size copy.
  return found.slice(0, count);
}

/**
 * `text.replace(STRING, (s) => fill.repeat(s.length))` without the regular expression (the dataflow
 * reads every expression through here, and most of them quote a column): each string literal, with up
 * to two prefix letters before its quote, becomes as many `fill`s. Finds exactly what STRING matches,
 * scanning the same way (leftmost match first, then on from its end).
 */
function blankStrings(text: string, fill: string): string {
  let out = '';
  let copied = 0;
  let from = 0;
  for (;;) {
    const q = nextQuote(text, from);
    if (q < 0) break;
    const end = literalEnd(text, q);
    if (end < 0) {
      from = q + 1;
      continue;
    }
    let start = q;
    while (start > from && start > q - 2 && isPrefixLetter(text.charCodeAt(start - 1))) start--;
    out += text.slice(copied, start) + fill.repeat(end - start);
    copied = end;
    from = end;
  }
  return copied === 0 ? text : out + text.slice(copied);
}

/** Whether `text` is one string literal that blankStrings would blank whole (`'mean'`, `f"{x}.png"`). */
function isOneLiteral(text: string): boolean {
  const q = nextQuote(text, 0);
  if (q < 0 || q > 2 || literalEnd(text, q) !== text.length) return false;
  return q === 0 || (isPrefixLetter(text.charCodeAt(0)) && (q === 1 || isPrefixLetter(text.charCodeAt(1))));
}

function nextQuote(text: string, from: number): number {
  const d = text.indexOf('"', from);
  const s = text.indexOf("'", from);
  return d < 0 ? s : s < 0 ? d : Math.min(d, s);
}

/** End (exclusive) of the literal whose quote is at `q`, as STRING's alternatives read it; -1 when none. */
function literalEnd(text: string, q: number): number {
  const quote = text[q] as string;
  if (text.startsWith(quote + quote + quote, q)) {
    const close = text.indexOf(quote + quote + quote, q + 3);
    if (close >= 0) return close + 3;
  }
  for (let i = q + 1; i < text.length; i++) {
    const ch = text[i];
    if (ch === quote) return i + 1;
    if (ch === '\n') return -1;
    if (ch === '\\') {
      // `\\.`: any character but a line terminator follows the backslash.
      const next = text[i + 1];
      if (next === undefined || next === '\n' || next === '\r' || next === '\u2028' || next === '\u2029') return -1;
      i++;
    }
  }
  return -1;
}

/** `[rRbBuUfF]` */
function isPrefixLetter(c: number): boolean {
  return c === 114 || c === 82 || c === 98 || c === 66 || c === 117 || c === 85 || c === 102 || c === 70;
}

/** Whether `name` (an identifier) is a Python keyword namesIn never reports (`None`, `and`, `lambda`). */
export function isKeyword(name: string): boolean {
  return ((KEYWORD_LENGTHS[name.charCodeAt(0)] as number) & (1 << name.length)) !== 0 && KEYWORDS.has(name);
}

/** Where the name that starts `text` ends (the length of `^[A-Za-z_]\w*`'s match, none sliced): 0 when none. */
export function leadingNameEnd(text: string): number {
  if (text.length === 0 || !isNameStart(text.charCodeAt(0))) return 0;
  let i = 1;
  while (i < text.length && isWordChar(text.charCodeAt(i))) i++;
  return i;
}

function isNameStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
}

function isWordChar(c: number): boolean {
  return isNameStart(c) || isDigit(c);
}

function precededByDot(code: string, at: number): boolean {
  for (let i = at - 1; i >= 0; i--) {
    const c = code.charCodeAt(i);
    // ' ' and '\n' are skipped; '.' is 46
    if (c !== 32 && c !== 10) return c === 46;
  }
  return false;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** `name=` (not `==`) within the next three characters: blanks, then one `=`. */
function isKeywordArgument(code: string, end: number): boolean {
  for (let k = 0; k < 3 && end + k < code.length; k++) {
    const c = code.charCodeAt(end + k);
    // Only the three characters after the name are looked at: `==` just past them still counts.
    if (c === 61) return k === 2 || end + k + 1 === code.length || code.charCodeAt(end + k + 1) !== 61;
    if (!isSpace(c)) return false;
  }
  return false;
}

/** `/\s/` by character code: JavaScript's white space and line terminators. */
function isSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** Splits `a, b[1, 2], f(x, y)` at top-level commas (outside brackets and strings). */
export function splitTopLevel(text: string): string[] {
  const code = blankStrings(text, '_');
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < code.length; i++) {
    const ch = code[i];
    if (ch === '(' || ch === '[' || ch === '{') depth++;
    else if (ch === ')' || ch === ']' || ch === '}') depth--;
    else if (ch === ',' && depth === 0) {
      parts.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  const last = text.slice(start).trim();
  if (last.length > 0) parts.push(last);
  return parts;
}

/** A block of lines opened by a `def` or `for` header: [headerLine, lastLine] inclusive. */
export interface Block {
  headerLine: number;
  lastLine: number;
}

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}

function isBlank(line: string): boolean {
  const t = line.trim();
  return t.length === 0 || t.startsWith('#');
}

/** The last line of the indented block whose header is on `headerLine`. */
export function blockEnd(lines: readonly string[], headerLine: number): number {
  const indent = indentOf(lines[headerLine] ?? '');
  let header = headerLine;
  // A header may span lines (`def f(a,\n      b):`); the body starts after the line ending in ':'.
  while (header < lines.length - 1 && !/:\s*(#.*)?$/.test(lines[header] ?? '')) header++;
  let last = header;
  for (let i = header + 1; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (isBlank(line)) continue;
    if (indentOf(line) <= indent) break;
    last = i;
  }
  return last;
}

export interface FunctionBlock extends Block {
  name: string;
  params: string[];
  /** Names the function returns as plain names (`return model`, `return a, b`). */
  returns: string[];
}

const DEF = /^(async\s+)?def\s+([A-Za-z_]\w*)\s*\(/;

/** Top-level (unindented) `def`s of a cell: helpers the notebook calls with its own data. */
export function functionBlocks(source: string, sourceLines?: readonly string[]): FunctionBlock[] {
  // Most cells define nothing: no `def` anywhere, no line to test.
  if (!source.includes('def')) return [];
  const lines = sourceLines ?? source.split(/\r?\n/);
  const blocks: FunctionBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    // DEF starts with `async` or `def`.
    const first = line.charCodeAt(0);
    if (first !== 100 && first !== 97) continue;
    const match = DEF.exec(line);
    if (match === null) continue;
    const lastLine = blockEnd(lines, i);
    const body = lines.slice(i, lastLine + 1).join('\n');
    blocks.push({ headerLine: i, lastLine, name: match[2] ?? '', params: paramsOf(body), returns: returnsOf(body) });
  }
  return blocks;
}

function paramsOf(defText: string): string[] {
  const open = defText.indexOf('(');
  let depth = 0;
  for (let i = open; i < defText.length; i++) {
    if (defText[i] === '(') depth++;
    else if (defText[i] === ')' && --depth === 0) {
      return splitTopLevel(defText.slice(open + 1, i))
        .map((p) => p.replace(/^\*+/, '').split(/[:=]/)[0]?.trim() ?? '')
        .filter((p) => /^[A-Za-z_]\w*$/.test(p));
    }
  }
  return [];
}

function returnsOf(body: string): string[] {
  const names: string[] = [];
  for (const match of body.matchAll(/^\s+return\s+(.+?)\s*$/gm)) {
    for (const part of splitTopLevel((match[1] ?? '').replace(/^\((.*)\)$/, '$1'))) {
      if (/^[A-Za-z_]\w*$/.test(part)) names.push(part);
    }
  }
  return names;
}

export function lineInBlock(block: Block, line: number): boolean {
  return line > block.headerLine && line <= block.lastLine;
}
