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

const STRING = /[rRbBuUfF]{0,2}("""[\s\S]*?"""|'''[\s\S]*?'''|"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*')/g;
const NAME = /[A-Za-z_]\w*/g;

/**
 * Variable names an expression reads: identifiers outside strings, not attribute names (`.mean`)
 * and not keyword-argument names (`axis=`). `df[cols].fillna(df.mean())` -> ["df", "cols"].
 */
export function namesIn(text: string): string[] {
  // Every string literal has a quote; most expressions have none.
  const quoted = text.includes('"') || text.includes("'");
  const code = quoted ? text.replace(STRING, (s) => ' '.repeat(s.length)) : text;
  const names = new Set<string>();
  for (const match of code.matchAll(NAME)) {
    const name = match[0];
    const at = match.index;
    if (KEYWORDS.has(name) || isDigit(code.charCodeAt(at - 1))) continue;
    if (precededByDot(code, at)) continue;
    if (isKeywordArgument(code, at + name.length)) continue;
    names.add(name);
  }
  return [...names];
}

function precededByDot(code: string, at: number): boolean {
  let i = at - 1;
  while (i >= 0 && (code[i] === ' ' || code[i] === '\n')) i--;
  return code[i] === '.';
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function isKeywordArgument(code: string, end: number): boolean {
  // The test below needs an `=` within the next three characters.
  const eq = code.indexOf('=', end);
  if (eq < 0 || eq >= end + 3) return false;
  const rest = code.slice(end, end + 3);
  return /^\s*=(?!=)/.test(rest);
}

/** Splits `a, b[1, 2], f(x, y)` at top-level commas (outside brackets and strings). */
export function splitTopLevel(text: string): string[] {
  const code = text.replace(STRING, (s) => '_'.repeat(s.length));
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
export function functionBlocks(source: string): FunctionBlock[] {
  const lines = source.split(/\r?\n/);
  const blocks: FunctionBlock[] = [];
  lines.forEach((line, i) => {
    const match = DEF.exec(line);
    if (match === null) return;
    const lastLine = blockEnd(lines, i);
    const body = lines.slice(i, lastLine + 1).join('\n');
    blocks.push({ headerLine: i, lastLine, name: match[2] ?? '', params: paramsOf(body), returns: returnsOf(body) });
  });
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
