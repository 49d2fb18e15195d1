/**
 * ValueSummary of an expression node, and literal decoding (strings, numbers).
 * Summaries only look at the node and, for a few kinds, its first or last child; the walker
 * visits the subtree itself afterwards.
 */
import type { TreeCursor } from '@lezer/common';
import type { ValueSummary } from './facts';
import { K, KIND } from './node-kinds';
import type { Walker } from './walker';

export function summarize(w: Walker, c: TreeCursor): ValueSummary {
  const kind = KIND[c.type.id];
  const text = w.text(c.from, c.to);
  switch (kind) {
    case K.VariableName:
      return qualifiedSummary('name', text, w.qualify(text));
    case K.MemberExpression:
      return qualifiedSummary(lastChildKind(c) === K.PropertyName ? 'attribute' : 'subscript', text, w.qualify(text));
    case K.CallExpression:
      return qualifiedSummary('call', text, qualifiedCallee(w, c));
    case K.String:
    case K.FormatString:
    case K.ContinuedString:
      return { kind: 'string', text, stringValue: w.stringValue(c) };
    case K.Number:
      return numberSummary(text, numberValue(text));
    case K.Boolean:
      return { kind: 'boolean', text };
    case K.None:
      return { kind: 'none', text };
    case K.Collection:
    case K.Comprehension:
      return { kind: 'collection', text };
    case K.UnaryExpression:
      return signedNumber(w, c, text);
    case K.ParenthesizedExpression:
      return innerSummary(w, c) ?? { kind: 'other', text };
    default:
      return { kind: 'other', text: isMaskedMagic(w, c.from) ? w.text(c.from, lineEnd(w.src, c.from)) : text };
  }
}

/** `x = !ls data`: the masked right-hand side is a short filler; its value text is the magic as written. */
function isMaskedMagic(w: Walker, from: number): boolean {
  const ch = w.src.charCodeAt(from);
  return ch === 33 || ch === 37;
}

function lineEnd(text: string, from: number): number {
  const end = text.indexOf('\n', from);
  return end < 0 ? text.length : text.charCodeAt(end - 1) === 13 ? end - 1 : end;
}

/** A name, attribute, subscript or call summary, made with all its properties at once. */
function qualifiedSummary(kind: ValueSummary['kind'], text: string, qualified: string | undefined): ValueSummary {
  return qualified === undefined ? { kind, text } : { kind, text, qualified };
}

function numberSummary(text: string, n: number | undefined): ValueSummary {
  return n === undefined ? { kind: 'number', text } : { kind: 'number', text, numberValue: n };
}

function lastChildKind(c: TreeCursor): K {
  if (!c.lastChild()) return K.Other;
  const kind = KIND[c.type.id];
  c.parent();
  return kind;
}

/** The callee of the call under the cursor, qualified; remembered for the visit of the call that follows. */
function qualifiedCallee(w: Walker, c: TreeCursor): string | undefined {
  if (!c.firstChild()) return w.qualify('');
  const qualified = w.callee(c.from, c.to).qualified;
  c.parent();
  return qualified;
}

/** `-1`, `+0.5`: a number with its sign; any other unary expression is "other". */
function signedNumber(w: Walker, c: TreeCursor, text: string): ValueSummary {
  let value: ValueSummary = { kind: 'other', text };
  if (!c.firstChild()) return value;
  const sign = KIND[c.type.id] === K.ArithOp ? w.src.charCodeAt(c.from) : 0;
  if ((sign === 45 || sign === 43) && c.nextSibling() && KIND[c.type.id] === K.Number) {
    const n = numberValue(w.src.slice(c.from, c.to));
    value = numberSummary(text, n === undefined ? undefined : sign === 45 ? -n : n);
  }
  c.parent();
  return value;
}

function innerSummary(w: Walker, c: TreeCursor): ValueSummary | undefined {
  if (!c.firstChild()) return undefined;
  let inner: ValueSummary | undefined;
  while (c.nextSibling()) {
    if (KIND[c.type.id] !== K.Bracket) {
      inner = summarize(w, c);
      break;
    }
  }
  c.parent();
  return inner;
}

/** Python number literal -> number; undefined for imaginary literals and anything unreadable. */
export function numberValue(text: string): number | undefined {
  const last = text.charCodeAt(text.length - 1);
  if (last === 106 || last === 74) return undefined; // 1j
  const n = Number(text.indexOf('_') >= 0 ? text.replace(/_/g, '') : text);
  return Number.isNaN(n) ? undefined : n;
}

/**
 * The value of one string literal as written in source (prefix and quotes included).
 * Raw strings and f-strings keep their text as written; others have their escapes decoded.
 */
export function stringLiteralValue(literal: string): string {
  let p = 0;
  let raw = false;
  let format = false;
  for (let ch = literal.charCodeAt(p); ch !== 39 && ch !== 34 && p < literal.length; ch = literal.charCodeAt(++p)) {
    if (ch === 114 || ch === 82) raw = true;
    else if (ch === 102 || ch === 70) format = true;
  }
  const quote = literal.charCodeAt(p);
  const q =
    literal.charCodeAt(p + 1) === quote && literal.charCodeAt(p + 2) === quote && literal.length >= p + 6 ? 3 : 1;
  const closed = literal.length >= p + 2 * q && literal.charCodeAt(literal.length - 1) === quote;
  const body = literal.slice(p + q, closed ? literal.length - q : literal.length);
  return raw || format || body.indexOf('\\') < 0 ? body : unescape(body);
}

const SIMPLE_ESCAPES: Record<string, string> = {
  n: '\n',
  t: '\t',
  r: '\r',
  '\\': '\\',
  "'": "'",
  '"': '"',
  a: '\x07',
  b: '\b',
  f: '\f',
  v: '\v',
  '0': '\0',
  '\n': '',
};

function unescape(body: string): string {
  return body.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[0-7]{1,3}|\r?\n|.)/g, (whole, e: string) => {
    const head = e[0];
    if (head === 'x' || head === 'u' || head === 'U') return safeCodePoint(parseInt(e.slice(1), 16), whole);
    if (head >= '0' && head <= '7' && (e.length > 1 || head !== '0')) return safeCodePoint(parseInt(e, 8), whole);
    if (e === '\r\n') return '';
    return SIMPLE_ESCAPES[e] ?? whole;
  });
}

function safeCodePoint(code: number, fallback: string): string {
  return code <= 0x10ffff ? String.fromCodePoint(code) : fallback;
}
