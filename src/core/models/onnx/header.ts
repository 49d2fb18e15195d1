/**
 * Reads what an ONNX ModelProto says about itself without materialising its weights: the cursor
 * walks the top-level and graph fields, decodes the small messages whole, and for each initializer
 * reads only its header, skipping the values by their length (compact.ts). A 100 MB model costs a
 * few reads. What it finds is summed up in summary.ts. Never throws: a file that is not ONNX, or
 * ends early, gives a report with the reason.
 */
import { errorText, FormatError, TruncatedError, type ByteSource } from '../source';
import { compact, NODE_SPEC, readText, skipField, TENSOR_SPEC } from './compact';
import { ProtoCursor, WireType, type FieldHeader } from './cursor';
import { decodeNode, decodePair, decodeTensorMeta, decodeValueInfo } from './decode';
import { Graph, Model } from './schema';
import { addInitializer, addNode, finish, newState, type HeaderState, type OnnxHeader } from './summary';

export type { ExternalDataRef, OnnxHeader, OnnxOpset, TensorTotals } from './summary';

export type OnnxHeaderFailure = 'empty' | 'truncated' | 'not-onnx' | 'unreadable';

export type OnnxHeaderReport =
  | { ok: true; fileBytes: number; header: OnnxHeader; warnings: string[] }
  | { ok: false; fileBytes: number; kind: OnnxHeaderFailure; reason: string };

const MAX_DOC_STRING = 4096;
const TOP_LEVEL: ReadonlySet<number> = new Set(Object.values(Model));
const GRAPH_LEVEL: ReadonlySet<number> = new Set(Object.values(Graph));

export async function readOnnxHeader(source: ByteSource): Promise<OnnxHeaderReport> {
  const fileBytes = source.size;
  if (fileBytes === 0) return { ok: false, fileBytes, kind: 'empty', reason: 'the file is empty' };
  const state = newState();
  try {
    const sniffed = sniff(await source.read(0, 64));
    if (sniffed !== undefined) return { ok: false, fileBytes, kind: 'not-onnx', reason: sniffed };
    await readModel(new ProtoCursor(source), state);
  } catch (error) {
    return failure(error, state, fileBytes);
  }
  if (!state.sawGraph) {
    const reason = state.sawIrVersion ? 'the model has no graph' : 'no ONNX ModelProto fields were found';
    return { ok: false, fileBytes, kind: 'not-onnx', reason: `not an ONNX model: ${reason}` };
  }
  return { ok: true, fileBytes, header: finish(state), warnings: state.warnings };
}

function failure(error: unknown, state: HeaderState, fileBytes: number): OnnxHeaderReport {
  if (error instanceof TruncatedError && state.sawIrVersion) {
    return { ok: false, fileBytes, kind: 'truncated', reason: `the file is truncated: ${error.message}` };
  }
  if (error instanceof TruncatedError || error instanceof FormatError || error instanceof RangeError) {
    return { ok: false, fileBytes, kind: 'not-onnx', reason: `not an ONNX model: ${errorText(error)}` };
  }
  return { ok: false, fileBytes, kind: 'unreadable', reason: `cannot read the file: ${errorText(error)}` };
}

/** Recognises common look-alikes so the message names what the file is. */
function sniff(head: Uint8Array): string | undefined {
  const text = Buffer.from(head).toString('latin1');
  if (text.startsWith('version https://git-lfs')) {
    return 'not an ONNX model: this is a Git LFS pointer; run `git lfs pull` to fetch the real file';
  }
  if (text.startsWith('PK\x03\x04')) return 'not an ONNX model: this is a zip archive (a PyTorch checkpoint?)';
  if (text.startsWith('\x80') && head.length > 1 && head[1]! <= 5) return 'not an ONNX model: this is a Python pickle';
  if (text.startsWith('\x89HDF')) return 'not an ONNX model: this is an HDF5 file (a Keras model?)';
  if (/^\s*[{[]/.test(text)) return 'not an ONNX model: this is a text (JSON) file';
  return undefined;
}

async function readModel(cursor: ProtoCursor, state: HeaderState): Promise<void> {
  const h = state.header;
  while (cursor.position < cursor.size) {
    const f = await cursor.next('the model');
    if (!TOP_LEVEL.has(f.field) || !expectedWire(f)) {
      if (!state.sawIrVersion) throw new FormatError(`unexpected field ${f.field} at offset ${f.offset}`);
      state.warnings.push(`unknown model field ${f.field} at offset ${f.offset} was skipped`);
      skipField(cursor, f);
      continue;
    }
    switch (f.field) {
      case Model.irVersion:
        h.irVersion = f.value;
        state.sawIrVersion = f.value > 0 && f.value < 100;
        break;
      case Model.modelVersion:
        h.modelVersion = f.value;
        break;
      case Model.producerName:
        h.producerName = await readText(cursor, f);
        break;
      case Model.producerVersion:
        h.producerVersion = await readText(cursor, f);
        break;
      case Model.domain:
        h.domain = await readText(cursor, f);
        break;
      case Model.docString:
        h.docString = await readText(cursor, f, MAX_DOC_STRING);
        break;
      case Model.opsetImport: {
        const [domain, version] = decodePair(await cursor.take(f.length));
        h.opsets.push({ domain: domain === '' ? 'ai.onnx' : domain, version: Number(version) });
        break;
      }
      case Model.metadataProps: {
        const [key, value] = decodePair(await cursor.take(f.length));
        h.metadata[key] = value;
        break;
      }
      case Model.graph:
        state.sawGraph = true;
        await readGraph(cursor, cursor.position + f.length, state);
        break;
      case Model.functions:
        h.localFunctions++;
        cursor.skip(f.length);
        break;
      default: // training_info
        h.hasTrainingInfo = true;
        cursor.skip(f.length);
    }
  }
}

function expectedWire(f: FieldHeader): boolean {
  const varint = f.field === Model.irVersion || f.field === Model.modelVersion;
  return f.wireType === (varint ? WireType.Varint : WireType.Len);
}

async function readGraph(cursor: ProtoCursor, end: number, state: HeaderState): Promise<void> {
  const h = state.header;
  while (cursor.position < end) {
    const f = await cursor.next('the graph');
    if (f.wireType !== WireType.Varint && cursor.position + f.length > end) {
      throw new FormatError(`graph field ${f.field} at offset ${f.offset} overruns the graph`);
    }
    if (!GRAPH_LEVEL.has(f.field) || f.wireType !== WireType.Len) {
      state.warnings.push(`unknown graph field ${f.field} at offset ${f.offset} was skipped`);
      skipField(cursor, f);
      continue;
    }
    switch (f.field) {
      case Graph.node: {
        const { bytes, skipped } = await compact(cursor, f.length, NODE_SPEC, 'a node');
        addNode(state, decodeNode(bytes, skipped));
        break;
      }
      case Graph.name:
        h.graphName = await readText(cursor, f);
        break;
      case Graph.input:
        state.rawInputs.push(decodeValueInfo(await cursor.take(f.length)));
        break;
      case Graph.output:
        h.outputs.push(decodeValueInfo(await cursor.take(f.length)));
        break;
      case Graph.initializer: {
        const { bytes, skipped } = await compact(cursor, f.length, TENSOR_SPEC, 'an initializer');
        addInitializer(state, decodeTensorMeta(bytes, skipped));
        break;
      }
      case Graph.sparseInitializer:
        h.initializers.sparse++;
        cursor.skip(f.length);
        break;
      default:
        cursor.skip(f.length);
    }
  }
  if (cursor.position !== end) throw new FormatError(`the graph's last field overruns its length (offset ${end})`);
}
