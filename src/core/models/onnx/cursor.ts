/**
 * Walks protobuf fields straight from a ByteSource through a sliding window, so a field can be
 * skipped by its length without reading it: that is how a 100 MB initializer costs nothing.
 * Varints are decoded by protobufjs's Reader on the window; small messages are read whole and
 * decoded with a Reader of their own (see decode.ts).
 */
import { Reader } from 'protobufjs/minimal';
import { FormatError, SourceWindow, TruncatedError, type ByteSource } from '../source';

export const WireType = { Varint: 0, Fixed64: 1, Len: 2, StartGroup: 3, EndGroup: 4, Fixed32: 5 } as const;

export interface FieldHeader {
  field: number;
  wireType: number;
  /** Offset of the tag in the source. */
  offset: number;
  /** For length-delimited fields: the payload's length (the cursor stands at its start). */
  length: number;
  /** For varint fields: the value (the cursor stands after it). */
  value: number;
}

/** Longest tag + length header: two 10-byte varints. */
const HEADER_BYTES = 20;

export class ProtoCursor {
  private readonly window: SourceWindow;
  private reader = Reader.create(new Uint8Array(0));
  position = 0;

  constructor(source: ByteSource, chunk = 256 * 1024) {
    this.window = new SourceWindow(source, chunk);
  }

  get size(): number {
    return this.window.source.size;
  }

  /** Reads the next field header; the cursor then stands at the payload (LEN) or after the value. */
  async next(what: string): Promise<FieldHeader> {
    const offset = this.position;
    await this.fill(HEADER_BYTES);
    const reader = this.reader;
    reader.pos = offset - this.window.start;
    const header = { field: 0, wireType: 0, offset, length: 0, value: 0 };
    try {
      const tag = reader.uint32();
      header.field = tag >>> 3;
      header.wireType = tag & 7;
      if (header.field === 0) throw new FormatError(`invalid field number 0 at offset ${offset} in ${what}`);
      if (header.wireType === WireType.Varint) header.value = asNumber(reader.int64());
      else if (header.wireType === WireType.Len) header.length = reader.uint32();
      else if (header.wireType === WireType.Fixed64) header.length = 8;
      else if (header.wireType === WireType.Fixed32) header.length = 4;
      else throw new FormatError(`unsupported wire type ${header.wireType} at offset ${offset} in ${what}`);
    } catch (error) {
      if (error instanceof RangeError) throw new TruncatedError(`the file ends inside ${what} (offset ${offset})`);
      throw error;
    }
    this.position = this.window.start + reader.pos;
    if (header.wireType !== WireType.Varint && this.position + header.length > this.size) {
      throw new TruncatedError(
        `field ${header.field} of ${what} at offset ${offset} declares ${header.length} bytes, but the file ends at byte ${this.size}`,
      );
    }
    return header;
  }

  /** Reads `length` bytes (a small message to decode whole) and moves past them. */
  async take(length: number): Promise<Uint8Array> {
    if (this.position + length > this.size) throw new TruncatedError(`the file ends at ${this.size}`);
    await this.fill(length);
    const start = this.position - this.window.start;
    this.position += length;
    return this.window.bytes.subarray(start, start + length);
  }

  /** Moves past `length` bytes without reading them. */
  skip(length: number): void {
    this.position += length;
  }

  /** Makes the window cover [position, position + n), clipped at the end of the source. */
  private async fill(n: number): Promise<void> {
    if (await this.window.cover(this.position, n)) this.reader = Reader.create(this.window.bytes);
  }
}

/** protobufjs returns Long objects for 64-bit values when long.js is present; ONNX's fit in a double. */
export function asNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  if (value !== null && typeof value === 'object' && 'toNumber' in value) {
    return (value as { toNumber(): number }).toNumber();
  }
  return Number(value);
}
