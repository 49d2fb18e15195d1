/**
 * Just enough of the zip format to find and read the pickles inside a PyTorch checkpoint
 * (`archive/data.pkl`): the central directory (with zip64), stored and deflated entries.
 */
import { inflateRawSync } from 'node:zlib';
import { FormatError, type ByteSource } from '../source';

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localHeaderOffset: number;
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const U32_MAX = 0xffffffff;

export function isZip(head: Uint8Array): boolean {
  return head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04;
}

export async function listZip(source: ByteSource): Promise<ZipEntry[]> {
  const tailLength = Math.min(source.size, 22 + 65535);
  const tail = Buffer.from(await source.read(source.size - tailLength, tailLength));
  let at = tail.length - 22;
  while (at >= 0 && tail.readUInt32LE(at) !== EOCD) at--;
  if (at < 0) throw new FormatError('a zip archive without its central directory (truncated?)');
  let count = tail.readUInt16LE(at + 10);
  let cdSize = tail.readUInt32LE(at + 12);
  let cdOffset = tail.readUInt32LE(at + 16);
  if (cdOffset === U32_MAX && at >= 20 && tail.readUInt32LE(at - 20) === ZIP64_LOCATOR) {
    const record = Buffer.from(await source.read(Number(tail.readBigUInt64LE(at - 12)), 56));
    count = Number(record.readBigUInt64LE(32));
    cdSize = Number(record.readBigUInt64LE(40));
    cdOffset = Number(record.readBigUInt64LE(48));
  }
  if (cdOffset + cdSize > source.size) throw new FormatError('the zip central directory lies past the end of the file');
  return parseCentral(Buffer.from(await source.read(cdOffset, cdSize)), count);
}

function parseCentral(cd: Buffer, count: number): ZipEntry[] {
  const entries: ZipEntry[] = [];
  let p = 0;
  for (let i = 0; i < count && p + 46 <= cd.length && cd.readUInt32LE(p) === CENTRAL; i++) {
    const nameLength = cd.readUInt16LE(p + 28);
    const extraLength = cd.readUInt16LE(p + 30);
    const commentLength = cd.readUInt16LE(p + 32);
    const entry: ZipEntry = {
      name: cd.toString('utf8', p + 46, p + 46 + nameLength),
      method: cd.readUInt16LE(p + 10),
      compressedSize: cd.readUInt32LE(p + 20),
      size: cd.readUInt32LE(p + 24),
      localHeaderOffset: cd.readUInt32LE(p + 42),
    };
    applyZip64(entry, cd.subarray(p + 46 + nameLength, p + 46 + nameLength + extraLength));
    entries.push(entry);
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** The zip64 extra field holds, in order, only the values whose 32-bit field is 0xFFFFFFFF. */
function applyZip64(entry: ZipEntry, extra: Buffer): void {
  for (let q = 0; q + 4 <= extra.length;) {
    const id = extra.readUInt16LE(q);
    const size = extra.readUInt16LE(q + 2);
    if (id === 0x0001) {
      let r = q + 4;
      for (const key of ['size', 'compressedSize', 'localHeaderOffset'] as const) {
        if (entry[key] === U32_MAX && r + 8 <= q + 4 + size) {
          entry[key] = Number(extra.readBigUInt64LE(r));
          r += 8;
        }
      }
    }
    q += 4 + size;
  }
}

/** Where an entry's data starts (after its local header). */
export async function entryDataOffset(source: ByteSource, entry: ZipEntry): Promise<number> {
  const header = Buffer.from(await source.read(entry.localHeaderOffset, 30));
  if (header.length < 30 || header.readUInt32LE(0) !== LOCAL) throw new FormatError(`bad zip entry ${entry.name}`);
  return entry.localHeaderOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
}

/** An entry's bytes: stored entries are read as they are, deflated ones inflated up to `maxBytes`. */
export async function readEntry(source: ByteSource, entry: ZipEntry, maxBytes: number): Promise<Uint8Array> {
  const start = await entryDataOffset(source, entry);
  const raw = await source.read(start, entry.compressedSize);
  if (entry.method === 0) return raw;
  if (entry.method === 8) return inflateRawSync(raw, { maxOutputLength: maxBytes });
  throw new FormatError(`zip entry ${entry.name} uses compression method ${entry.method}, which is not supported`);
}
