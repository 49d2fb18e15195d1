/**
 * Reading fields off a ProtoCursor without their bulk: a message's bytes with its big fields left
 * out (the weights of initializers and Constant nodes), strings cut at a length, fields skipped by
 * their length. This is what lets header.ts read a 100 MB model in a few reads.
 */
import { Writer } from 'protobufjs/minimal';
import { WireType, type FieldHeader, type ProtoCursor } from './cursor';
import { Attribute, Node, TENSOR_DATA_FIELDS } from './schema';

/** Messages at most this long are read whole; longer ones are walked so their data can be skipped. */
const SMALL_MESSAGE = 64 * 1024;

/** What `compact` leaves out of a big message: a field is skipped, or walked with its own spec. */
export type Spec = ReadonlyMap<number, Spec | 'skip'>;
/** A TensorProto without its values. */
export const TENSOR_SPEC: Spec = new Map([...TENSOR_DATA_FIELDS].map((f) => [f, 'skip' as const]));
const ATTRIBUTE_SPEC: Spec = new Map<number, Spec | 'skip'>([
  [Attribute.t, TENSOR_SPEC],
  [Attribute.g, 'skip'],
  [Attribute.tensors, 'skip'],
  [Attribute.graphs, 'skip'],
  [Attribute.sparseTensor, 'skip'],
  [Attribute.sparseTensors, 'skip'],
]);
/** A NodeProto without the values of its tensor attributes and without its subgraphs. */
export const NODE_SPEC: Spec = new Map([[Node.attribute, ATTRIBUTE_SPEC]]);

/**
 * A message's bytes without its big fields: small messages are read whole; big ones are walked and
 * the fields in `skip` are left out (their length is counted), so the decoders never see the weights.
 */
export async function compact(
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

/** Moves past a field whose header was read (a varint's value is already behind the cursor). */
export function skipField(cursor: ProtoCursor, f: FieldHeader): void {
  if (f.wireType !== WireType.Varint) cursor.skip(f.length);
}

/** A string field's text, cut at `max` bytes (with an ellipsis) and the rest skipped. */
export async function readText(cursor: ProtoCursor, f: FieldHeader, max = Infinity): Promise<string> {
  if (f.length > max) {
    const head = Buffer.from(await cursor.take(max)).toString('utf8');
    cursor.skip(f.length - max);
    return `${head}…`;
  }
  return Buffer.from(await cursor.take(f.length)).toString('utf8');
}
