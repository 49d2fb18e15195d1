/** Shared helpers for the model tests: fixture paths, byte sources that count what they read, a tiny ONNX writer. */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Writer } from 'protobufjs/minimal';
import type { ByteSource } from '../../../src/core/models/source';

export const MODEL_FIXTURES = path.resolve(__dirname, '../../fixtures/models');

export function fixture(name: string): string {
  return path.join(MODEL_FIXTURES, name);
}

export function fixtureBytes(name: string): Buffer {
  return readFileSync(fixture(name));
}

/** A source over bytes that records how many bytes were asked for. */
export function countingSource(bytes: Uint8Array): ByteSource & { bytesRead: number } {
  const source = {
    size: bytes.length,
    bytesRead: 0,
    read(offset: number, length: number): Promise<Uint8Array> {
      const chunk = bytes.subarray(offset, Math.min(bytes.length, offset + length));
      source.bytesRead += chunk.length;
      return Promise.resolve(chunk);
    },
  };
  return source;
}

const LEN = 2;
const tag = (w: Writer, field: number, wire: number): Writer => w.uint32((field << 3) | wire);

/** A ModelProto (field numbers from onnx.proto) with one float initializer of `elements` values in raw_data. */
export function bigOnnxModel(elements: number, viaConstant = false): Uint8Array {
  const tensor = Writer.create();
  tag(tensor, 1, 0).int64(elements); // dims
  tag(tensor, 2, 0).int32(1); // data_type FLOAT
  tag(tensor, 8, LEN).string('W'); // name
  tag(tensor, 9, LEN).bytes(new Uint8Array(elements * 4)); // raw_data
  const tensorBytes = tensor.finish();

  const graph = Writer.create();
  if (viaConstant) {
    const attribute = Writer.create();
    tag(attribute, 1, LEN).string('value');
    tag(attribute, 5, LEN).bytes(tensorBytes);
    tag(attribute, 20, 0).int32(4); // type TENSOR
    const node = Writer.create();
    tag(node, 2, LEN).string('W');
    tag(node, 4, LEN).string('Constant');
    tag(node, 5, LEN).bytes(attribute.finish());
    tag(graph, 1, LEN).bytes(node.finish());
  } else {
    tag(graph, 5, LEN).bytes(tensorBytes);
  }
  tag(graph, 2, LEN).string('big');
  const model = Writer.create();
  tag(model, 1, 0).int64(8); // ir_version
  tag(model, 2, LEN).string('test-writer');
  tag(model, 7, LEN).bytes(graph.finish());
  const opset = Writer.create();
  tag(opset, 2, 0).int64(17);
  tag(model, 8, LEN).bytes(opset.finish());
  return model.finish();
}
