/**
 * Reads what an ONNX ModelProto says about itself without materialising its weights: the cursor
 * walks the top-level and graph fields, decodes the small messages whole, and for each initializer
 * reads only its header, skipping the values by their length. A 100 MB model costs a few reads.
 * Never throws: a file that is not ONNX, or ends early, gives a report with the reason.
 */
import { errorText, FormatError, TruncatedError, type ByteSource } from '../source';
import { ProtoCursor, WireType, type FieldHeader } from './cursor';
import {
  decodeNode,
  decodePair,
  decodeTensorMeta,
  decodeValueInfo,
  type OnnxValueInfo,
  type TensorMeta,
} from './decode';
import { Writer } from 'protobufjs/minimal';
import { Attribute, ELEM_BYTES, Graph, Model, Node, TENSOR_DATA_FIELDS } from './schema';

export interface OnnxOpset {
  /** `ai.onnx` for the default domain. */
  domain: string;
  version: number;
}

export interface ExternalDataRef {
  /** Path relative to the model's folder, as written in the model. */
  location: string;
  tensors: number;
  bytes: number;
}

export interface OnnxHeader {
  irVersion: number;
  opsets: OnnxOpset[];
  producerName: string;
  producerVersion: string;
  domain: string;
  modelVersion: number;
  docString: string;
  graphName: string;
  /** Graph inputs the caller must feed (inputs that are also initializers are left out). */
  inputs: OnnxValueInfo[];
  outputs: OnnxValueInfo[];
  nodeCount: number;
  /** Node count per op type, `domain:Op` outside the default domain, most frequent first. */
  opTypes: Array<{ op: string; count: number }>;
  initializers: TensorTotals & { sparse: number };
  /** Tensors held by Constant nodes in the main graph (some exporters keep all weights there). */
  constants: TensorTotals;
  externalData: ExternalDataRef[];
  metadata: Record<string, string>;
  localFunctions: number;
  hasTrainingInfo: boolean;
}

export interface TensorTotals {
  count: number;
  /** Elements, summed over the tensors. */
  parameters: number;
  /** Bytes of their values, in the file or in external data. */
  bytes: number;
}

export type OnnxHeaderFailure = 'empty' | 'truncated' | 'not-onnx' | 'unreadable';

export type OnnxHeaderReport =
  | { ok: true; fileBytes: number; header: OnnxHeader; warnings: string[] }
  | { ok: false; fileBytes: number; kind: OnnxHeaderFailure; reason: string };

/** Messages at most this long are read whole; longer ones are walked so their data can be skipped. */
const SMALL_MESSAGE = 64 * 1024;
const MAX_DOC_STRING = 4096;
const TOP_LEVEL: ReadonlySet<number> = new Set(Object.values(Model));
const GRAPH_LEVEL: ReadonlySet<number> = new Set(Object.values(Graph));

/** What `compact` leaves out of a big message: a field is skipped, or walked with its own spec. */
type Spec = ReadonlyMap<number, Spec | 'skip'>;
const TENSOR_SPEC: Spec = new Map([...TENSOR_DATA_FIELDS].map((f) => [f, 'skip' as const]));
const ATTRIBUTE_SPEC: Spec = new Map<number, Spec | 'skip'>([
  [Attribute.t, TENSOR_SPEC],
  [Attribute.g, 'skip'],
  [Attribute.tensors, 'skip'],
  [Attribute.graphs, 'skip'],
  [Attribute.sparseTensor, 'skip'],
  [Attribute.sparseTensors, 'skip'],
]);
const NODE_SPEC: Spec = new Map([[Node.attribute, ATTRIBUTE_SPEC]]);

interface State {
  header: OnnxHeader;
  warnings: string[];
  sawIrVersion: boolean;
  sawGraph: boolean;
  initializerNames: Set<string>;
  rawInputs: OnnxValueInfo[];
  ops: Map<string, number>;
  external: Map<string, ExternalDataRef>;
}

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

function failure(error: unknown, state: State, fileBytes: number): OnnxHeaderReport {
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

async function readModel(cursor: ProtoCursor, state: State): Promise<void> {
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
        h.producerName = await text(cursor, f);
        break;
      case Model.producerVersion:
        h.producerVersion = await text(cursor, f);
        break;
      case Model.domain:
        h.domain = await text(cursor, f);
        break;
      case Model.docString:
        h.docString = await text(cursor, f, MAX_DOC_STRING);
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

async function readGraph(cursor: ProtoCursor, end: number, state: State): Promise<void> {
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
        const node = decodeNode(bytes, skipped);
        if (node.constant) addTensor(h.constants, node.constant, state);
        const key = node.domain === '' || node.domain === 'ai.onnx' ? node.opType : `${node.domain}:${node.opType}`;
        state.ops.set(key, (state.ops.get(key) ?? 0) + 1);
        h.nodeCount++;
        break;
      }
      case Graph.name:
        h.graphName = await text(cursor, f);
        break;
      case Graph.input:
        state.rawInputs.push(decodeValueInfo(await cursor.take(f.length)));
        break;
      case Graph.output:
        h.outputs.push(decodeValueInfo(await cursor.take(f.length)));
        break;
      case Graph.initializer: {
        const { bytes, skipped } = await compact(cursor, f.length, TENSOR_SPEC, 'an initializer');
        const tensor = decodeTensorMeta(bytes, skipped);
        state.initializerNames.add(tensor.name);
        addTensor(h.initializers, tensor, state);
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

function addTensor(totals: TensorTotals, tensor: TensorMeta, state: State): void {
  const elements = tensor.dims.reduce((a, b) => a * b, 1);
  totals.count++;
  totals.parameters += elements;
  if (tensor.external === undefined) {
    totals.bytes += tensor.storedBytes;
    return;
  }
  const location = tensor.external['location'] ?? '';
  const declared = Number(tensor.external['length']);
  const bytes = Number.isFinite(declared) && declared > 0 ? declared : elements * (ELEM_BYTES[tensor.dataType] ?? 0);
  totals.bytes += bytes;
  const ref = state.external.get(location) ?? { location, tensors: 0, bytes: 0 };
  ref.tensors++;
  ref.bytes += bytes;
  state.external.set(location, ref);
}

/**
 * A message's bytes without its big fields: small messages are read whole; big ones are walked and
 * the fields in `skip` are left out (their length is counted), so the decoders never see the weights.
 */
async function compact(
  cursor: ProtoCursor,
  length: number,
  spec: Spec,
  what: string,
): Promise<{ bytes: Uint8Array; skipped: number }> {
  if (length <= SMALL_MESSAGE) return { bytes: await cursor.take(length), skipped: 0 };
  const end = cursor.position + length;
  const parts: Uint8Array[] = [];
  let skipped = 0;
  while (cursor.position < end) {
    const f = await cursor.next(what);
    const rule = spec.get(f.field);
    if (rule === 'skip') {
      skipField(cursor, f);
      skipped += f.length;
      continue;
    }
    if (rule !== undefined && f.wireType === WireType.Len) {
      const inner = await compact(cursor, f.length, rule, what);
      parts.push(
        Writer.create()
          .uint32((f.field << 3) | WireType.Len)
          .bytes(inner.bytes)
          .finish(),
      );
      skipped += inner.skipped;
      continue;
    }
    const fieldEnd = cursor.position + f.length;
    cursor.position = f.offset;
    parts.push(Uint8Array.from(await cursor.take(fieldEnd - f.offset)));
  }
  return { bytes: Buffer.concat(parts), skipped };
}

function skipField(cursor: ProtoCursor, f: FieldHeader): void {
  if (f.wireType !== WireType.Varint) cursor.skip(f.length);
}

async function text(cursor: ProtoCursor, f: FieldHeader, max = Infinity): Promise<string> {
  if (f.length > max) {
    const head = Buffer.from(await cursor.take(max)).toString('utf8');
    cursor.skip(f.length - max);
    return `${head}…`;
  }
  return Buffer.from(await cursor.take(f.length)).toString('utf8');
}

function newState(): State {
  return {
    header: {
      irVersion: 0,
      opsets: [],
      producerName: '',
      producerVersion: '',
      domain: '',
      modelVersion: 0,
      docString: '',
      graphName: '',
      inputs: [],
      outputs: [],
      nodeCount: 0,
      opTypes: [],
      initializers: { count: 0, parameters: 0, bytes: 0, sparse: 0 },
      constants: { count: 0, parameters: 0, bytes: 0 },
      externalData: [],
      metadata: {},
      localFunctions: 0,
      hasTrainingInfo: false,
    },
    warnings: [],
    sawIrVersion: false,
    sawGraph: false,
    initializerNames: new Set(),
    rawInputs: [],
    ops: new Map(),
    external: new Map(),
  };
}

function finish(state: State): OnnxHeader {
  const h = state.header;
  // Before IR 4 every initializer was also listed as a graph input; those are not for the caller to feed.
  h.inputs = state.rawInputs.filter((input) => !state.initializerNames.has(input.name));
  h.opTypes = [...state.ops]
    .map(([op, count]) => ({ op, count }))
    .sort((a, b) => b.count - a.count || (a.op < b.op ? -1 : 1));
  h.externalData = [...state.external.values()];
  return h;
}
