/**
 * Decoders for the small ONNX messages (value infos, opset ids, key/value pairs, nodes, tensor
 * headers) with protobufjs's Reader, by the field numbers in schema.ts. Unknown fields are skipped,
 * as protobuf readers must.
 */
import { Reader } from 'protobufjs/minimal';
import { asNumber, WireType } from './cursor';
import {
  Attribute,
  Node,
  Pair,
  Shape,
  TENSOR_DATA_FIELDS,
  Tensor,
  TypeInner,
  TypeProto,
  ValueInfo,
  elemTypeName,
} from './schema';

/** A dimension: a size, a symbolic name (dynamic), or null when the model leaves it unknown. */
export type Dim = number | string | null;

export interface OnnxType {
  kind: 'tensor' | 'sparse_tensor' | 'sequence' | 'map' | 'optional' | 'opaque' | 'unknown';
  /** Element type of a tensor (`float`, `int64`, `string`...). */
  elemType?: string;
  /** Shape of a tensor; absent when the model gives none (any rank). */
  dims?: Dim[];
  /** Inner type of a sequence, optional or map value. */
  inner?: OnnxType;
  /** Key type of a map. */
  keyType?: string;
}

export interface OnnxValueInfo {
  name: string;
  type: OnnxType;
}

export interface TensorMeta {
  name: string;
  dims: number[];
  dataType: number;
  /** Bytes the values take inside the file (all data fields; not for external tensors). */
  storedBytes: number;
  /** external_data entries (location, offset, length, checksum) when data_location is EXTERNAL. */
  external?: Record<string, string>;
}

type FieldFn = (reader: Reader, field: number, wireType: number) => boolean;

/** Runs `onField` for every field of the message in `reader` up to `end`; unhandled fields are skipped. */
function eachField(reader: Reader, end: number, onField: FieldFn): void {
  while (reader.pos < end) {
    const tag = reader.uint32();
    const field = tag >>> 3;
    const wireType = tag & 7;
    if (!onField(reader, field, wireType)) reader.skipType(wireType);
  }
}

function sub(reader: Reader, fn: (end: number) => void): void {
  const length = reader.uint32();
  fn(reader.pos + length);
}

export function decodeValueInfo(bytes: Uint8Array): OnnxValueInfo {
  const reader = Reader.create(bytes);
  const info: OnnxValueInfo = { name: '', type: { kind: 'unknown' } };
  eachField(reader, bytes.length, (r, field, wt) => {
    if (field === ValueInfo.name && wt === WireType.Len) info.name = r.string();
    else if (field === ValueInfo.type && wt === WireType.Len) sub(r, (end) => (info.type = readType(r, end)));
    else return false;
    return true;
  });
  return info;
}

function readType(reader: Reader, end: number): OnnxType {
  let type: OnnxType = { kind: 'unknown' };
  eachField(reader, end, (r, field, wt) => {
    if (wt !== WireType.Len) return false;
    if (field === TypeProto.tensor) sub(r, (e) => (type = readTensorType(r, e, 'tensor')));
    else if (field === TypeProto.sparseTensor) sub(r, (e) => (type = readTensorType(r, e, 'sparse_tensor')));
    else if (field === TypeProto.sequence) sub(r, (e) => (type = readWrapped(r, e, 'sequence')));
    else if (field === TypeProto.optional) sub(r, (e) => (type = readWrapped(r, e, 'optional')));
    else if (field === TypeProto.map) sub(r, (e) => (type = readMap(r, e)));
    else if (field === TypeProto.opaque) {
      r.skipType(wt);
      type = { kind: 'opaque' };
    } else return false;
    return true;
  });
  return type;
}

function readTensorType(reader: Reader, end: number, kind: 'tensor' | 'sparse_tensor'): OnnxType {
  const type: OnnxType = { kind, elemType: 'undefined' };
  eachField(reader, end, (r, field, wt) => {
    if (field === TypeInner.elemType && wt === WireType.Varint) type.elemType = elemTypeName(r.int32());
    else if (field === TypeInner.shape && wt === WireType.Len) sub(r, (e) => (type.dims = readShape(r, e)));
    else return false;
    return true;
  });
  return type;
}

function readShape(reader: Reader, end: number): Dim[] {
  const dims: Dim[] = [];
  eachField(reader, end, (r, field, wt) => {
    if (field !== Shape.dim || wt !== WireType.Len) return false;
    let dim: Dim = null;
    sub(r, (e) =>
      eachField(r, e, (rr, f, w) => {
        if (f === Shape.dimValue && w === WireType.Varint) dim = asNumber(rr.int64());
        else if (f === Shape.dimParam && w === WireType.Len) dim = rr.string();
        else return false;
        return true;
      }),
    );
    dims.push(dim);
    return true;
  });
  return dims;
}

function readWrapped(reader: Reader, end: number, kind: 'sequence' | 'optional'): OnnxType {
  const type: OnnxType = { kind };
  eachField(reader, end, (r, field, wt) => {
    if (field !== TypeInner.elemType || wt !== WireType.Len) return false;
    sub(r, (e) => (type.inner = readType(r, e)));
    return true;
  });
  return type;
}

function readMap(reader: Reader, end: number): OnnxType {
  const type: OnnxType = { kind: 'map' };
  eachField(reader, end, (r, field, wt) => {
    if (field === TypeInner.keyType && wt === WireType.Varint) type.keyType = elemTypeName(r.int32());
    else if (field === TypeInner.valueType && wt === WireType.Len) sub(r, (e) => (type.inner = readType(r, e)));
    else return false;
    return true;
  });
  return type;
}

/** OperatorSetIdProto and StringStringEntryProto share their shape: (string 1, string-or-int 2). */
export function decodePair(bytes: Uint8Array): [string, string] {
  const reader = Reader.create(bytes);
  let first = '';
  let second = '';
  eachField(reader, bytes.length, (r, field, wt) => {
    if (field === Pair.first && wt === WireType.Len) first = r.string();
    else if (field === Pair.second && wt === WireType.Len) second = r.string();
    else if (field === Pair.second && wt === WireType.Varint) second = String(asNumber(r.int64()));
    else return false;
    return true;
  });
  return [first, second];
}

export interface NodeMeta {
  opType: string;
  domain: string;
  /** The tensor of a Constant node (`value` attribute): weights some exporters keep there. */
  constant?: TensorMeta;
}

/** A NodeProto's op type and domain, and a Constant's tensor header; `skippedBytes` were left out. */
export function decodeNode(bytes: Uint8Array, skippedBytes = 0): NodeMeta {
  const reader = Reader.create(bytes);
  const node: NodeMeta = { opType: '', domain: '' };
  let tensor: Uint8Array | undefined;
  eachField(reader, bytes.length, (r, field, wt) => {
    if (field === Node.opType && wt === WireType.Len) node.opType = r.string();
    else if (field === Node.domain && wt === WireType.Len) node.domain = r.string();
    else if (field === Node.attribute && wt === WireType.Len) tensor = attributeTensor(r.bytes()) ?? tensor;
    else return false;
    return true;
  });
  if (node.opType === 'Constant' && tensor !== undefined) node.constant = decodeTensorMeta(tensor, skippedBytes);
  return node;
}

/** The `t` of an AttributeProto named `value` (AttributeProto: name = 1, t = 5). */
function attributeTensor(bytes: Uint8Array): Uint8Array | undefined {
  const reader = Reader.create(bytes);
  let name = '';
  let tensor: Uint8Array | undefined;
  eachField(reader, bytes.length, (r, field, wt) => {
    if (field === Attribute.name && wt === WireType.Len) name = r.string();
    else if (field === Attribute.t && wt === WireType.Len) tensor = r.bytes();
    else return false;
    return true;
  });
  return name === 'value' ? tensor : undefined;
}

/** The header of a TensorProto; `skippedBytes` are data bytes the caller left out of `bytes`. */
export function decodeTensorMeta(bytes: Uint8Array, skippedBytes = 0): TensorMeta {
  const reader = Reader.create(bytes);
  const meta: TensorMeta = { name: '', dims: [], dataType: 0, storedBytes: skippedBytes };
  let location = 0;
  const external: Record<string, string> = {};
  eachField(reader, bytes.length, (r, field, wt) => {
    if (field === Tensor.dims && wt === WireType.Varint) meta.dims.push(asNumber(r.int64()));
    else if (field === Tensor.dims && wt === WireType.Len) {
      sub(r, (end) => {
        while (r.pos < end) meta.dims.push(asNumber(r.int64()));
      });
    } else if (field === Tensor.dataType && wt === WireType.Varint) meta.dataType = r.int32();
    else if (field === Tensor.name && wt === WireType.Len) meta.name = r.string();
    else if (field === Tensor.dataLocation && wt === WireType.Varint) location = r.int32();
    else if (field === Tensor.externalData && wt === WireType.Len) {
      const [key, value] = decodePair(r.bytes());
      external[key] = value;
    } else if (TENSOR_DATA_FIELDS.has(field)) {
      meta.storedBytes += skipCounting(r, wt);
    } else return false;
    return true;
  });
  if (location === 1) meta.external = external;
  return meta;
}

/** Skips a field and returns the bytes of its value (without the length prefix of a LEN field). */
function skipCounting(reader: Reader, wireType: number): number {
  if (wireType === WireType.Len) {
    const length = reader.uint32();
    reader.skip(length);
    return length;
  }
  const start = reader.pos;
  reader.skipType(wireType);
  return reader.pos - start;
}

/** `tensor(float)[N,3]`, `seq(map(int64,tensor(float)))`: the way ONNX tools print types. */
export function formatType(type: OnnxType): string {
  switch (type.kind) {
    case 'tensor':
    case 'sparse_tensor': {
      const dims = type.dims === undefined ? '' : `[${type.dims.map((d) => (d === null ? '?' : String(d))).join(',')}]`;
      return `${type.kind}(${type.elemType ?? '?'})${dims}`;
    }
    case 'sequence':
      return `seq(${type.inner ? formatType(type.inner) : '?'})`;
    case 'optional':
      return `optional(${type.inner ? formatType(type.inner) : '?'})`;
    case 'map':
      return `map(${type.keyType ?? '?'},${type.inner ? formatType(type.inner) : '?'})`;
    default:
      return type.kind;
  }
}
