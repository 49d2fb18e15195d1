/** Reading a cell's source by lines and ranges; facts cap their texts, fixes and messages need the exact source. */
import type { Range } from './model';

export function sourceLines(source: string): string[] {
  return source.split(/\r?\n/);
}

/** The exact source text a range covers. */
export function textOf(source: string, range: Range): string {
  return textIn(sourceLines(source), range);
}

/** `textOf` over the lines of a source already split with `sourceLines` (callers that read many ranges). */
export function textIn(lines: readonly string[], range: Range): string {
  if (range.start.line === range.end.line) {
    return (lines[range.start.line] ?? '').slice(range.start.character, range.end.character);
  }
  const first = (lines[range.start.line] ?? '').slice(range.start.character);
  const middle = lines.slice(range.start.line + 1, range.end.line);
  const last = (lines[range.end.line] ?? '').slice(0, range.end.character);
  return [first, ...middle, last].join('\n');
}
