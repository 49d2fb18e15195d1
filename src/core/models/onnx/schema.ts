/**
 * Field numbers of the messages Liftoff reads, from the official ONNX schema (onnx/onnx.proto,
 * proto2, as shipped with onnx 1.12+; numbers are stable across IR versions by protobuf's rules).
 * Only the fields the header report needs are named; the rest are skipped by wire type.
 */

/** message ModelProto */
export const Model = {
  irVersion: 1, // optional int64 ir_version = 1
  producerName: 2, // optional string producer_name = 2
  producerVersion: 3, // optional string producer_version = 3
  domain: 4, // optional string domain = 4
  modelVersion: 5, // optional int64 model_version = 5
  docString: 6, // optional string doc_string = 6
  graph: 7, // optional GraphProto graph = 7
  opsetImport: 8, // repeated OperatorSetIdProto opset_import = 8
  metadataProps: 14, // repeated StringStringEntryProto metadata_props = 14
  trainingInfo: 20, // repeated TrainingInfoProto training_info = 20
  functions: 25, // repeated FunctionProto functions = 25
} as const;

/** message GraphProto */
export const Graph = {
  node: 1, // repeated NodeProto node = 1
  name: 2, // optional string name = 2
  initializer: 5, // repeated TensorProto initializer = 5
  docString: 10, // optional string doc_string = 10
  input: 11, // repeated ValueInfoProto input = 11
  output: 12, // repeated ValueInfoProto output = 12
  valueInfo: 13, // repeated ValueInfoProto value_info = 13
  quantizationAnnotation: 14, // repeated TensorAnnotation quantization_annotation = 14
  sparseInitializer: 15, // repeated SparseTensorProto sparse_initializer = 15
  metadataProps: 16, // repeated StringStringEntryProto metadata_props = 16 (IR 10)
} as const;

/** message NodeProto { op_type = 4; domain = 7; repeated AttributeProto attribute = 5 } */
export const Node = { opType: 4, domain: 7, attribute: 5 } as const;

/** message AttributeProto { name = 1; t = 5 (TensorProto); g = 6 (GraphProto); tensors = 10; graphs = 11;
 *  sparse_tensor = 22; sparse_tensors = 23 } */
export const Attribute = { name: 1, t: 5, g: 6, tensors: 10, graphs: 11, sparseTensor: 22, sparseTensors: 23 } as const;

/** message TensorProto */
export const Tensor = {
  dims: 1, // repeated int64 dims = 1
  dataType: 2, // optional int32 data_type = 2
  name: 8, // optional string name = 8
  externalData: 13, // repeated StringStringEntryProto external_data = 13
  dataLocation: 14, // optional DataLocation data_location = 14 (EXTERNAL = 1)
} as const;

/** The TensorProto fields that hold the values: float_data 4, int32_data 5, string_data 6, int64_data 7,
 *  raw_data 9, double_data 10, uint64_data 11. Their bytes are skipped, only their length is counted. */
export const TENSOR_DATA_FIELDS: ReadonlySet<number> = new Set([4, 5, 6, 7, 9, 10, 11]);

/** message ValueInfoProto { name = 1; type = 2 } */
export const ValueInfo = { name: 1, type: 2 } as const;

/** message TypeProto: the oneof value */
export const TypeProto = { tensor: 1, sequence: 4, map: 5, optional: 9, sparseTensor: 8, opaque: 7 } as const;
/** TypeProto.Tensor / TypeProto.SparseTensor { elem_type = 1; shape = 2 }; Sequence/Optional { elem_type = 1 };
 *  Map { key_type = 1; value_type = 2 } */
export const TypeInner = { elemType: 1, shape: 2, keyType: 1, valueType: 2 } as const;
/** TensorShapeProto { dim = 1 }; Dimension { dim_value = 1; dim_param = 2 } */
export const Shape = { dim: 1, dimValue: 1, dimParam: 2 } as const;
/** OperatorSetIdProto { domain = 1; version = 2 }; StringStringEntryProto { key = 1; value = 2 } */
export const Pair = { first: 1, second: 2 } as const;

/** TensorProto.DataType, by number. */
export const ELEM_TYPES: readonly string[] = [
  'undefined',
  'float',
  'uint8',
  'int8',
  'uint16',
  'int16',
  'int32',
  'int64',
  'string',
  'bool',
  'float16',
  'double',
  'uint32',
  'uint64',
  'complex64',
  'complex128',
  'bfloat16',
  'float8e4m3fn',
  'float8e4m3fnuz',
  'float8e5m2',
  'float8e5m2fnuz',
  'uint4',
  'int4',
  'float4e2m1',
  'float8e8m0',
  'uint2',
  'int2',
];

/** Bytes per element by TensorProto.DataType (0 for strings and unknown; 0.5 for 4-bit types). */
export const ELEM_BYTES: readonly number[] = [
  0, 4, 1, 1, 2, 2, 4, 8, 0, 1, 2, 8, 4, 8, 8, 16, 2, 1, 1, 1, 1, 0.5, 0.5, 0.5, 1, 0.25, 0.25,
];

export function elemTypeName(code: number): string {
  return ELEM_TYPES[code] ?? `type${code}`;
}
