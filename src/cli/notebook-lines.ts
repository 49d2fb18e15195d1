/**
 * Where each cell's source sits in the .ipynb JSON text, as 1-based file lines, so SARIF consumers that
 * show the raw file (GitHub code scanning) land on the right cell and, usually, the right source line.
 * A small position-tracking JSON scan; anything unexpected gives up quietly (callers fall back to line 1).
 */

export interface CellLines {
  /** Line of the cell's `"source"` value. */
  line: number;
  /** For the usual list-of-lines form: the line of each source line's string. */
  sourceLines?: number[];
}

/** Cell index -> lines, for every cell of an nbformat 4 notebook; empty when the text is not one. */
export function locateCells(text: string): CellLines[] {
  try {
    return new Scanner(text).cells();
  } catch {
    return [];
  }
}

/** The 1-based file line of a 0-based line inside a cell (approximate for single-string sources). */
export function fileLineOf(cells: readonly CellLines[], cellIndex: number, lineInCell: number): number | undefined {
  const cell = cells[cellIndex];
  if (cell === undefined) return undefined;
  return cell.sourceLines?.[lineInCell] ?? cell.sourceLines?.[cell.sourceLines.length - 1] ?? cell.line;
}

class Scanner {
  private pos = 0;
  private line = 1;

  constructor(private readonly text: string) {}

  cells(): CellLines[] {
    const found: CellLines[] = [];
    this.object((key) => {
      if (key !== 'cells') return false;
      this.array(() => {
        const cell: CellLines = { line: this.line };
        found.push(cell);
        this.object((cellKey) => {
          if (cellKey !== 'source') return false;
          this.space();
          cell.line = this.line;
          if (this.text[this.pos] === '[') {
            const lines: number[] = [];
            this.array(() => {
              lines.push(this.line);
              this.value();
            });
            cell.sourceLines = lines;
          } else this.value();
          return true;
        });
      });
      return true;
    });
    return found;
  }

  /** Reads an object; `onKey` returns true when it consumed the key's value itself. */
  private object(onKey: (key: string) => boolean): void {
    this.expect('{');
    this.space();
    if (this.peek('}')) return;
    for (;;) {
      this.space();
      const key = this.string();
      this.space();
      this.expect(':');
      this.space();
      if (!onKey(key)) this.value();
      this.space();
      if (this.peek('}')) return;
      this.expect(',');
    }
  }

  private array(onItem: () => void): void {
    this.expect('[');
    this.space();
    if (this.peek(']')) return;
    for (;;) {
      this.space();
      onItem();
      this.space();
      if (this.peek(']')) return;
      this.expect(',');
    }
  }

  private value(): void {
    const ch = this.text[this.pos];
    if (ch === '{') this.object(() => false);
    else if (ch === '[') this.array(() => this.value());
    else if (ch === '"') this.string();
    else {
      const m = /^[-+0-9.eEa-z]+/.exec(this.text.slice(this.pos, this.pos + 64));
      if (m === null) throw new Error(`unexpected character at ${this.pos}`);
      this.pos += m[0].length;
    }
  }

  /** Skips a string (JSON strings cannot hold raw newlines) and returns its raw content. */
  private string(): string {
    this.expect('"');
    const start = this.pos;
    for (;;) {
      const quote = this.text.indexOf('"', this.pos);
      if (quote < 0) throw new Error('unterminated string');
      let backslashes = 0;
      for (let i = quote - 1; i >= start && this.text[i] === '\\'; i--) backslashes++;
      this.pos = quote + 1;
      if (backslashes % 2 === 0) return this.text.slice(start, quote);
    }
  }

  private space(): void {
    for (;;) {
      const ch = this.text[this.pos];
      if (ch === '\n') this.line++;
      else if (ch !== ' ' && ch !== '\t' && ch !== '\r') return;
      this.pos++;
    }
  }

  private peek(ch: string): boolean {
    if (this.text[this.pos] !== ch) return false;
    this.pos++;
    return true;
  }

  private expect(ch: string): void {
    if (!this.peek(ch)) throw new Error(`expected '${ch}' at ${this.pos}`);
  }
}
