/**
 * The ONNX header report's shape and how it is summed up while header.ts walks the model: node
 * counts and the op-type histogram, parameters and bytes of initializers and Constant tensors,
 * external-data files, and the graph inputs the caller must feed.
 */
import type { NodeMeta, OnnxValueInfo, TensorMeta } from './decode';
import { ELEM_BYTES } from './schema';

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

/** What the walk has seen so far; `finish` turns it into the header. */
export interface HeaderState {
  header: OnnxHeader;
  warnings: string[];
  sawIrVersion: boolean;
  sawGraph: boolean;
  initializerNames: Set<string>;
  rawInputs: OnnxValueInfo[];
  ops: Map<string, number>;
  external: Map<string, ExternalDataRef>;
}

export function newState(): HeaderState {
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

/** Counts a node of the main graph by its op type, and the tensor of a Constant node. */
export function addNode(state: HeaderState, node: NodeMeta): void {
  if (node.constant) addTensor(state.header.constants, node.constant, state);
  const key = node.domain === '' || node.domain === 'ai.onnx' ? node.opType : `${node.domain}:${node.opType}`;
  state.ops.set(key, (state.ops.get(key) ?? 0) + 1);
  state.header.nodeCount++;
}

export function addInitializer(state: HeaderState, tensor: TensorMeta): void {
  state.initializerNames.add(tensor.name);
  addTensor(state.header.initializers, tensor, state);
}

function addTensor(totals: TensorTotals, tensor: TensorMeta, state: HeaderState): void {
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

export function finish(state: HeaderState): OnnxHeader {
  const h = state.header;
  // Before IR 4 every initializer was also listed as a graph input; those are not for the caller to feed.
  h.inputs = state.rawInputs.filter((input) => !state.initializerNames.has(input.name));
  h.opTypes = [...state.ops]
    .map(([op, count]) => ({ op, count }))
    .sort((a, b) => b.count - a.count || (a.op < b.op ? -1 : 1));
  h.externalData = [...state.external.values()];
  return h;
}
