/** A ByteSource over an open file handle: core reads a model a window at a time, never the whole file. */
import type { promises as fs } from 'node:fs';
import type { ByteSource } from '../core/models/source';

export function fileSource(handle: fs.FileHandle, size: number): ByteSource {
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
