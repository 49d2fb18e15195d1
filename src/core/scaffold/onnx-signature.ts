/**
 * The ONNX serving app's request schema, generated from the model's signature (the graph inputs and
 * outputs the header reader decodes): per tensor its Open Inference Protocol datatype, numpy dtype,
 * shape with -1 for dynamic dimensions, and the Python type annotation of its field in `/predict`.
 * A model with one 2-D numeric input whose width matches the notebook's features is "tabular": its
 * `/predict` takes rows by feature name, like the scikit-learn app's.
 */
import type { Dim, OnnxType, OnnxValueInfo } from '../models/onnx/decode';
import type { OnnxHeaderReport } from '../models/onnx/header';
import { toFeatures, type Feature, type ScaffoldContext } from './context';

export interface TensorSpec {
  /** The graph's name for the tensor (the key in requests). */
  name: string;
  /** A unique Python identifier for it (the pydantic field name). */
  ident: string;
  /** Open Inference Protocol v2 datatype ("FP32", "INT64", "BYTES"). */
  datatype: string;
  /** numpy dtype the app casts request data to ("float32"). */
  dtype: string;
  /** Dimensions, -1 where dynamic (named or unknown); null when the rank is unknown or it is no tensor. */
  shape: number[] | null;
  /** `shape` as Python: "[-1, 4]" or "None". */
  pyShape: string;
  /** Whether the first dimension is the batch (dynamic): /predict then takes a list of items. */
  batched: boolean;
  /** Python type of the /predict field: nested List[...] of float, int, bool or str. */
  pyType: string;
  /** False for non-tensor values (sequences of maps, as sklearn-onnx's ZipMap gives): passed through. */
  tensor: boolean;
}

export interface OnnxSignature {
  /** Whether the model file was read; false: the app reads the signature at start-up only. */
  known: boolean;
  inputs: TensorSpec[];
  outputs: TensorSpec[];
  /** One 2-D numeric batched input, as wide as the features: /predict takes rows by feature name. */
  tabular: boolean;
}

interface ElemInfo {
  datatype: string;
  dtype: string;
  py: 'float' | 'int' | 'bool' | 'str';
}

const ELEMENTS: Readonly<Record<string, ElemInfo>> = {
  float: { datatype: 'FP32', dtype: 'float32', py: 'float' },
  double: { datatype: 'FP64', dtype: 'float64', py: 'float' },
  float16: { datatype: 'FP16', dtype: 'float16', py: 'float' },
  int8: { datatype: 'INT8', dtype: 'int8', py: 'int' },
  int16: { datatype: 'INT16', dtype: 'int16', py: 'int' },
  int32: { datatype: 'INT32', dtype: 'int32', py: 'int' },
  int64: { datatype: 'INT64', dtype: 'int64', py: 'int' },
  uint8: { datatype: 'UINT8', dtype: 'uint8', py: 'int' },
  uint16: { datatype: 'UINT16', dtype: 'uint16', py: 'int' },
  uint32: { datatype: 'UINT32', dtype: 'uint32', py: 'int' },
  uint64: { datatype: 'UINT64', dtype: 'uint64', py: 'int' },
  bool: { datatype: 'BOOL', dtype: 'bool', py: 'bool' },
  string: { datatype: 'BYTES', dtype: 'object', py: 'str' },
};

/** The signature as the app needs it; `features` decide whether /predict takes named rows. */
export function onnxSignature(
  inputs: readonly OnnxValueInfo[],
  outputs: readonly OnnxValueInfo[],
  features: readonly Feature[],
): OnnxSignature {
  const specs = (infos: readonly OnnxValueInfo[]): TensorSpec[] => {
    const idents = toFeatures(infos.map((i) => i.name));
    return infos.map((info, i) => tensorSpec(info, idents[i].ident));
  };
  const ins = specs(inputs);
  const only = ins.length === 1 ? ins[0] : undefined;
  const tabular =
    only !== undefined &&
    only.tensor &&
    only.batched &&
    only.shape?.length === 2 &&
    only.datatype !== 'BYTES' &&
    only.datatype !== 'BOOL' &&
    features.length > 0 &&
    (only.shape[1] === -1 || only.shape[1] === features.length);
  return { known: true, inputs: ins, outputs: specs(outputs), tabular };
}

/** Without the model file: nothing known, the app reads the signature from the model when it starts. */
export function unknownSignature(): OnnxSignature {
  return { known: false, inputs: [], outputs: [], tabular: false };
}

function tensorSpec(info: OnnxValueInfo, ident: string): TensorSpec {
  const type: OnnxType = info.type;
  const elem = type.kind === 'tensor' ? ELEMENTS[type.elemType ?? ''] : undefined;
  if (elem === undefined || type.dims === undefined) {
    // Not a plain tensor (a map, a sequence) or a tensor of any rank: passed through as JSON.
    const datatype = elem?.datatype ?? 'BYTES';
    const dtype = elem?.dtype ?? 'object';
    const tensor = elem !== undefined;
    return {
      name: info.name,
      ident,
      datatype,
      dtype,
      shape: null,
      pyShape: 'None',
      batched: false,
      pyType: 'Any',
      tensor,
    };
  }
  const shape = type.dims.map(dimSize);
  const batched = shape.length > 0 && shape[0] === -1;
  const itemRank = batched ? shape.length - 1 : shape.length;
  let pyType = elem.py as string;
  for (let i = 0; i < itemRank; i++) pyType = `List[${pyType}]`;
  if (batched) pyType = `List[${pyType}]`;
  const pyShape = `[${shape.join(', ')}]`;
  return {
    name: info.name,
    ident,
    datatype: elem.datatype,
    dtype: elem.dtype,
    shape,
    pyShape,
    batched,
    pyType,
    tensor: true,
  };
}

function dimSize(dim: Dim): number {
  return typeof dim === 'number' && Number.isInteger(dim) && dim >= 0 ? dim : -1;
}

/** Fills `context.onnx` from the model's header (read by the face); a note says what was found. */
export function withOnnxSignature(
  context: ScaffoldContext,
  header: OnnxHeaderReport | undefined,
  notes: string[],
): ScaffoldContext {
  if (context.modelFormat !== 'onnx') return context;
  if (header === undefined || !header.ok) {
    const why = header === undefined ? 'the model file is not there yet' : header.reason;
    notes.push(`ONNX signature unknown (${why}): /predict takes {"inputs": {name: data}}, checked when the app starts`);
    return { ...context, onnx: unknownSignature() };
  }
  const onnx = onnxSignature(header.header.inputs, header.header.outputs, context.features);
  const shown = (specs: TensorSpec[]) =>
    specs.map((s) => `${s.name} ${s.datatype}${s.shape ? `[${s.shape.join(', ')}]` : ''}`).join(', ');
  notes.push(`ONNX signature: inputs ${shown(onnx.inputs)}; outputs ${shown(onnx.outputs)}`);
  if (onnx.tabular) notes.push('/predict takes rows by feature name (one 2-D input as wide as the features)');
  return { ...context, onnx };
}
