/**
 * Reads pickle opcodes and their arguments (as opcodes.ts describes them) off a ByteSource through
 * a sliding window, so the bulk a pickle carries (long byte strings, arrays joblib writes inline)
 * is stepped over by its length and never read.
 */
import { FormatError, SourceWindow, TruncatedError, type ByteSource } from '../source';
import { ARGS, Op, STRING_OPS } from './opcodes';

/** Text longer than this is skipped (names and versions are short). */
const MAX_TEXT = 64 * 1024;
const WINDOW = 1024 * 1024;

/** An opcode's argument, decoded. */
export type Arg =
  | { kind: 'none' }
  | { kind: 'fixed'; value: number; width: number }
  | { kind: 'line'; text: string }
  | { kind: 'lines2'; module: string; name: string }
  /** A counted argument: its text for string opcodes up to MAX_TEXT long, otherwise skipped. */
  | { kind: 'counted'; text?: string };

export class OpReader {
  private readonly window: SourceWindow;
  private readonly source: ByteSource;
  private pos: number;

  constructor(source: ByteSource, start: number) {
    this.source = source;
    this.window = new SourceWindow(source, WINDOW);
    this.pos = start;
  }

  /** The next opcode and its offset; a source that ends first is a truncated pickle. */
  async next(): Promise<{ op: number; offset: number }> {
    await this.ensure(MAX_TEXT * 2);
    if (this.pos >= this.source.size) throw new TruncatedError(`the pickle ends without a STOP opcode`);
    const offset = this.pos;
    return { op: this.byte(), offset };
  }

  /** Reads the argument of `op` (the opcode at `offset`); unknown opcodes are a format error. */
  async arg(op: number, offset: number): Promise<Arg> {
    const arg = ARGS.get(op);
    if (arg === undefined) throw new FormatError(`unknown opcode 0x${op.toString(16)} at offset ${offset}`);
    switch (arg.kind) {
      case 'fixed':
        return { kind: 'fixed', value: this.uint(arg.bytes), width: arg.bytes };
      case 'line':
        return { kind: 'line', text: this.line() };
      case 'lines2': {
        const module = this.line();
        const name = this.line();
        return { kind: 'lines2', module, name };
      }
      case 'counted':
        return this.counted(op, offset, arg.lengthBytes);
      default:
        return { kind: 'none' };
    }
  }

  /** After a STOP: whether another pickle follows (its PROTO comes next). */
  async atProto(): Promise<boolean> {
    await this.ensure(2);
    return this.pos < this.source.size && this.peekAt(this.pos) === Op.PROTO;
  }

  /** Bytes from here to the end of the source. */
  get remaining(): number {
    return this.source.size - this.pos;
  }

  /** Steps over `length` bytes without reading them. */
  skip(length: number): void {
    this.pos += length;
  }

  /** Steps over joblib's alignment padding: a byte giving its length, then that many bytes. */
  skipPadding(): void {
    this.pos += 1 + this.peekAt(this.pos);
  }

  private async counted(op: number, offset: number, lengthBytes: number): Promise<Arg> {
    const length = this.uint(lengthBytes);
    if (length < 0 || this.pos + length > this.source.size) {
      throw new TruncatedError(
        `the pickle ends early: the opcode at offset ${offset} declares ${length} bytes past the end of the file`,
      );
    }
    if (STRING_OPS.has(op) && length <= MAX_TEXT) {
      await this.ensure(length);
      return { kind: 'counted', text: this.text(length) };
    }
    this.pos += length;
    return { kind: 'counted' };
  }

  private async ensure(n: number): Promise<void> {
    await this.window.cover(this.pos, n);
  }

  private byte(): number {
    return this.peekAt(this.pos++);
  }

  private peekAt(pos: number): number {
    const b = this.window.bytes[pos - this.window.start];
    if (b === undefined) throw new TruncatedError(`the pickle ends at byte ${pos}`);
    return b;
  }

  private uint(bytes: number): number {
    let value = 0;
    for (let i = 0; i < bytes; i++) value += this.byte() * 2 ** (8 * i);
    return value;
  }

  private line(): string {
    const window = this.window.bytes;
    const start = this.pos - this.window.start;
    const end = window.indexOf(0x0a, start);
    if (end < 0 || end - start > MAX_TEXT) throw new TruncatedError(`a text argument at byte ${this.pos} never ends`);
    this.pos += end - start + 1;
    return Buffer.from(window.subarray(start, end)).toString('latin1');
  }

  private text(length: number): string {
    const start = this.pos - this.window.start;
    this.pos += length;
    return Buffer.from(this.window.bytes.subarray(start, start + length)).toString('utf8');
  }
}
