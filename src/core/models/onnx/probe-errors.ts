/** Turns onnxruntime's error texts into a failure kind and a sentence a person can act on. */
import type { ProbeFailure } from './probe-types';

const RULES: Array<[RegExp, ProbeFailure, string]> = [
  [
    /Failed to construct locale/,
    'other',
    'the model needs a system locale that is not installed (e.g. en_US.UTF-8 for StringNormalizer)',
  ],
  [
    /external data|ExternalData|external_data/i,
    'external-data-missing',
    'its external data (weights in a side file) cannot be read',
  ],
  [
    /opset|Opset|ONNX Runtime only \*guarantees\* support|is under development|Unsupported model IR version/,
    'unsupported-opset',
    'its IR version or opset is not supported by this onnxruntime',
  ],
  [
    /Could not find an implementation|NOT_IMPLEMENTED|not implemented|Unrecognized attribute|No Op registered/i,
    'unsupported-operator',
    'it uses an operator this onnxruntime does not implement',
  ],
  [
    /Protobuf parsing failed|Failed to load model because protobuf parsing failed|INVALID_PROTOBUF/,
    'not-onnx',
    'the file is not a readable ONNX model',
  ],
  [
    /INVALID_GRAPH|INVALID_ARGUMENT|Type Error|ShapeInferenceError|Node \(|failed:/,
    'invalid-model',
    'onnxruntime rejects the model',
  ],
];

export function classifyRuntimeError(message: string): { failure: ProbeFailure; reason: string } {
  const detail = clean(message);
  const kernel = /Could not find an implementation for (\w+)\((\d+)\)/.exec(message);
  if (kernel !== null && Number(kernel[2]) < 7) {
    const [, op, version] = kernel;
    return {
      failure: 'unsupported-opset',
      reason: `this onnxruntime has no kernel for ${op} at opset ${version}, which is too old: re-export the model with a recent opset (or convert it with onnx.version_converter)`,
    };
  }
  for (const [pattern, failure, sentence] of RULES) {
    if (pattern.test(message)) return { failure, reason: `${sentence}: ${detail}` };
  }
  return { failure: 'other', reason: detail };
}

/** onnxruntime's messages carry source file positions and status codes that mean nothing to users. */
function clean(message: string): string {
  return message
    .replace(/\[ONNXRuntimeError\]\s*:\s*\d+\s*:\s*/g, '')
    .replace(/\b[\w/\\.-]+\.(cc|h|cpp):\d+\s+(\w+::)*\w+\s*/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 400);
}

/** Lines of onnxruntime's stderr worth keeping: without ANSI colours and timestamps, deduplicated. */
export function runtimeLogLines(stderr: string, max = 20): string[] {
  const lines = stderr
    .replace(/\x1b\[[0-9;]*m/g, '')
    .split(/\r?\n/)
    .map((l) => l.replace(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d+ \[(\w)[^\]]*\]\s*/, '[$1] ').trim())
    .filter((l) => l.length > 0);
  return [...new Set(lines)].slice(0, max);
}
