/**
 * Reports what a pickled model would import when loaded, without loading it: plain pickles,
 * joblib files (also zlib/gzip-compressed ones) and the data.pkl inside PyTorch zip checkpoints.
 * It never says a file is safe: pickle runs code by design, and static scans can be bypassed.
 */
import { gunzipSync, inflateSync } from 'node:zlib';
import { bufferSource, errorText, type ByteSource } from '../source';
import { walkPickle, type MachineResult } from './machine';
import { judge, type Verdict } from './policy';
import { isZip, listZip, entryDataOffset, readEntry } from './zip';

export interface PickleReference {
  /** `module.name`, e.g. `sklearn.linear_model._logistic.LogisticRegression`. */
  ref: string;
  verdict: Verdict;
  reason?: string;
  count: number;
  /** Where it first appears: byte offset, inside `entry` for archives. */
  offset: number;
  entry?: string;
}

export interface PickleScanReport {
  container: 'pickle' | 'joblib' | 'torch-zip';
  /** How the pickle was compressed (joblib), when it was. */
  compression?: string;
  protocol: number | null;
  /** The pickles walked (archive entries, or concatenated pickles in one stream). */
  pickles: number;
  references: PickleReference[];
  dangerous: PickleReference[];
  /** References neither known-dangerous nor on the allow-list. */
  unknown: PickleReference[];
  /** Library versions the pickle records (`sklearn` from `_sklearn_version`). */
  versions: Record<string, string>;
  /** Whether every byte of every pickle was walked; when false, `error` says where it stopped. */
  complete: boolean;
  error?: string;
  notes: string[];
  /** Always present: pickle is unsafe to load, whatever this scan found. */
  advice: string;
}

export interface ScanOptions {
  /** File name, used to tell joblib files and .pt checkpoints apart. */
  name: string;
  /** Most bytes to decompress (compressed joblib, deflated zip entries). */
  maxInflatedBytes?: number;
}

const DEFAULT_MAX_INFLATED = 512 * 1024 * 1024;
export const PICKLE_ADVICE =
  'Pickle files run code when loaded; a scan like this one can be bypassed, so load only files you trust. ' +
  'For serving, export the model to ONNX (skl2onnx, torch.onnx), skops or safetensors.';

export async function scanPickleArtifact(source: ByteSource, options: ScanOptions): Promise<PickleScanReport> {
  const report = emptyReport(options.name);
  try {
    const head = await source.read(0, 8);
    if (isZip(head)) await scanZip(source, report, options);
    else await scanStream(source, report, options, head);
  } catch (error) {
    report.complete = false;
    report.error = errorText(error);
  }
  report.dangerous = report.references.filter((r) => r.verdict === 'dangerous');
  report.unknown = report.references.filter((r) => r.verdict === 'unknown');
  return report;
}

async function scanStream(source: ByteSource, report: PickleScanReport, options: ScanOptions, head: Uint8Array) {
  const compression = compressionOf(head);
  if (compression === undefined) return addWalk(report, await walkPickle(source));
  report.compression = compression;
  const max = options.maxInflatedBytes ?? DEFAULT_MAX_INFLATED;
  if (compression !== 'zlib' && compression !== 'gzip') {
    report.complete = false;
    report.error = `compressed with ${compression}, which Liftoff cannot decompress: its pickle was not scanned`;
    return;
  }
  const raw = await source.read(0, source.size);
  const inflate = compression === 'zlib' ? inflateSync : gunzipSync;
  addWalk(report, await walkPickle(bufferSource(inflate(raw, { maxOutputLength: max }))));
}

/** joblib's compressors write these magic bytes first (joblib/compressor.py). */
function compressionOf(head: Uint8Array): string | undefined {
  if (head[0] === 0x78) return 'zlib';
  if (head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
  if (head[0] === 0x42 && head[1] === 0x5a && head[2] === 0x68) return 'bz2';
  if (head[0] === 0xfd && head[1] === 0x37 && head[2] === 0x7a && head[3] === 0x58) return 'xz';
  if (head[0] === 0x5d && head[1] === 0x00) return 'lzma';
  if (head[0] === 0x04 && head[1] === 0x22 && head[2] === 0x4d && head[3] === 0x18) return 'lz4';
  return undefined;
}

async function scanZip(source: ByteSource, report: PickleScanReport, options: ScanOptions): Promise<void> {
  report.container = 'torch-zip';
  const entries = (await listZip(source)).filter((e) => e.name.endsWith('.pkl'));
  if (entries.length === 0) report.notes.push('the zip archive holds no .pkl entry');
  for (const entry of entries) {
    // Stored entries are walked in place, so a big one is never copied.
    const inner =
      entry.method === 0
        ? slice(source, await entryDataOffset(source, entry), entry.compressedSize)
        : bufferSource(await readEntry(source, entry, options.maxInflatedBytes ?? DEFAULT_MAX_INFLATED));
    addWalk(report, await walkPickle(inner), entry.name);
  }
}

function slice(source: ByteSource, start: number, length: number): ByteSource {
  return { size: length, read: (offset, n) => source.read(start + offset, Math.min(n, length - offset)) };
}

function addWalk(report: PickleScanReport, walk: MachineResult, entry?: string): void {
  report.protocol ??= walk.protocol;
  report.pickles += walk.pickles;
  Object.assign(report.versions, walk.versions);
  for (const g of walk.globals) {
    const ref = `${g.module}.${g.name}`;
    const existing = report.references.find((r) => r.ref === ref);
    if (existing !== undefined) {
      existing.count++;
      continue;
    }
    const { verdict, reason } = judge(g.module, g.name);
    report.references.push({
      ref,
      verdict,
      count: 1,
      offset: g.offset,
      ...(reason ? { reason } : {}),
      ...(entry ? { entry } : {}),
    });
  }
  const where = entry !== undefined ? ` in ${entry}` : '';
  if (walk.unresolved.length > 0) {
    report.notes.push(
      `${walk.unresolved.length} STACK_GLOBAL import(s)${where} take their name from a computed value (first at byte ${walk.unresolved[0]}): that is how scanners are evaded`,
    );
  }
  if (walk.extensionCodes > 0)
    report.notes.push(
      `${walk.extensionCodes} import(s)${where} go through the copyreg extension registry and could not be named`,
    );
  if (walk.trailingBytes > 0)
    report.notes.push(`${walk.trailingBytes} byte(s) after the last pickle${where} were not walked`);
  if (walk.inlineArrays > 0)
    report.notes.push(`${walk.inlineArrays} NumPy array(s) stored inline by joblib were stepped over`);
}

function emptyReport(name: string): PickleScanReport {
  const lower = name.toLowerCase();
  return {
    container: lower.endsWith('.joblib')
      ? 'joblib'
      : lower.endsWith('.pt') || lower.endsWith('.pth')
        ? 'torch-zip'
        : 'pickle',
    protocol: null,
    pickles: 0,
    references: [],
    dangerous: [],
    unknown: [],
    versions: {},
    complete: true,
    notes: [],
    advice: PICKLE_ADVICE,
  };
}
