/**
 * Random-access bytes of one artifact, so core can read a 2 GB model a window at a time without
 * touching fs itself: the CLI backs it with a file handle, tests with a Buffer.
 */
export interface ByteSource {
  /** Total size in bytes. */
  readonly size: number;
  /** Up to `length` bytes from `offset` (fewer only at the end of the source). */
  read(offset: number, length: number): Promise<Uint8Array>;
}

export function bufferSource(bytes: Uint8Array): ByteSource {
  return {
    size: bytes.length,
    read: (offset, length) => Promise.resolve(bytes.subarray(offset, Math.min(bytes.length, offset + length))),
  };
}

/** The bytes of a ByteSource around a reader's position, read a chunk at a time as the reader moves on. */
export class SourceWindow {
  bytes: Uint8Array = new Uint8Array(0);
  /** Offset of `bytes[0]` in the source. */
  start = 0;

  constructor(
    readonly source: ByteSource,
    private readonly chunk: number,
  ) {}

  /** Makes the window cover [pos, pos + n), clipped at the end of the source; true when it was read anew. */
  async cover(pos: number, n: number): Promise<boolean> {
    const want = Math.min(n, this.source.size - pos);
    if (pos >= this.start && pos + want <= this.start + this.bytes.length) return false;
    this.start = pos;
    this.bytes = await this.source.read(pos, Math.max(want, this.chunk));
    return true;
  }
}

/** What `fileSource` needs of an open file: `fs.promises.FileHandle` has it (core never opens files itself). */
export interface ReadableHandle {
  read(buffer: Uint8Array, offset: number, length: number, position: number): Promise<{ bytesRead: number }>;
}

/** A ByteSource over an open file handle of `size` bytes: a model is read a window at a time, never whole. */
export function fileSource(handle: ReadableHandle, size: number): ByteSource {
  return {
    size,
    async read(offset, length) {
      const n = Math.max(0, Math.min(length, size - offset));
      const buffer = Buffer.alloc(n);
      const { bytesRead } = await handle.read(buffer, 0, n, offset);
      return buffer.subarray(0, bytesRead);
    },
  };
}

/** Thrown by readers when the bytes end before a structure does; callers turn it into a report. */
export class TruncatedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TruncatedError';
  }
}

/** Thrown by readers when the bytes are not the format they expect. */
export class FormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FormatError';
  }
}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Bytes as a short human size: 1.5 MB, 312 KB, 80 B. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${bytes} B` : `${value.toFixed(value >= 100 ? 0 : 1)} ${units[unit]}`;
}
