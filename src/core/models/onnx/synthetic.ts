/**
 * Synthetic inputs built from a model's signature: dynamic dimensions get the batch size (first)
 * or 1, numbers come from a fixed-seed generator so two runs feed the same bytes. Plain data, so
 * it is tested without the runtime; the worker wraps it in onnxruntime Tensors.
 */
import type { RuntimeValue } from './probe-types';

export interface SyntheticTensor {
  type: string;
  dims: number[];
  data:
    | Float32Array
    | Float64Array
    | Int32Array
    | BigInt64Array
    | Uint8Array
    | Int8Array
    | Uint16Array
    | Int16Array
    | string[];
}

export class UnsupportedInputError extends Error {}

export function concreteDims(shape: ReadonlyArray<number | string>, batch: number): number[] {
  return shape.map((d, i) => (typeof d === 'number' && d > 0 ? d : i === 0 ? batch : 1));
}

/** True when the first dimension is dynamic, so the batch size can change. */
export function hasDynamicBatch(inputs: readonly RuntimeValue[]): boolean {
  return inputs.some((i) => i.shape.length > 0 && (typeof i.shape[0] === 'string' || (i.shape[0] as number) <= 0));
}

export function syntheticInput(value: RuntimeValue, batch: number, seed = 1): SyntheticTensor {
  if (value.type === 'non-tensor') {
    throw new UnsupportedInputError(
      `input '${value.name}' is not a tensor (a sequence or map): Liftoff cannot build one`,
    );
  }
  const dims = concreteDims(value.shape, batch);
  const count = dims.reduce((a, b) => a * b, 1);
  const random = lcg(seed);
  switch (value.type) {
    case 'float32':
      return { type: value.type, dims, data: Float32Array.from({ length: count }, random) };
    case 'float64':
      return { type: value.type, dims, data: Float64Array.from({ length: count }, random) };
    case 'float16':
      return { type: value.type, dims, data: new Uint16Array(count).fill(0x3800) }; // 0.5
    // Integer inputs are often indices or ids: zero is valid wherever an index is.
    case 'int64':
      return { type: value.type, dims, data: new BigInt64Array(count) };
    case 'int32':
      return { type: value.type, dims, data: new Int32Array(count) };
    case 'int16':
      return { type: value.type, dims, data: new Int16Array(count) };
    case 'uint16':
      return { type: value.type, dims, data: new Uint16Array(count) };
    case 'int8':
      return { type: value.type, dims, data: new Int8Array(count) };
    case 'uint8':
    case 'bool':
      return { type: value.type, dims, data: new Uint8Array(count) };
    case 'string':
      return { type: value.type, dims, data: Array.from({ length: count }, () => 'a') };
    default:
      throw new UnsupportedInputError(
        `input '${value.name}' has element type ${value.type}, which Liftoff cannot synthesise`,
      );
  }
}

/** A small deterministic generator of floats in [0, 1). */
function lcg(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** Latency percentile by nearest rank over sorted samples. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}
