/**
 * A static walk over pickle opcodes with a symbolic stack and memo: strings, ints, tuples and dicts
 * are tracked just enough to resolve STACK_GLOBAL (module and name may come from memo lookups),
 * to read recorded versions (`_sklearn_version`), and to step over the raw NumPy bytes joblib
 * writes in the middle of its pickle. No object is ever built and no callable is ever resolved.
 */
import { FormatError, TruncatedError, type ByteSource } from '../source';
import { ARGS, Op, STRING_OPS } from './opcodes';

type Value =
  | { k: 'str'; v: string }
  | { k: 'int'; v: number }
  | { k: 'tuple'; items: Value[] }
  | { k: 'dict'; entries: Array<[Value, Value]> }
  | { k: 'global'; name: string }
  | { k: 'obj'; cls: string; args?: Value }
  | { k: 'mark' }
  | { k: 'other' };

const OTHER: Value = { k: 'other' };
/** Text longer than this is skipped (names and versions are short). */
const MAX_TEXT = 64 * 1024;
const WINDOW = 1024 * 1024;

export interface GlobalRef {
  module: string;
  name: string;
  offset: number;
  /** GLOBAL, INST or STACK_GLOBAL. */
  via: string;
}

export interface MachineResult {
  protocol: number | null;
  globals: GlobalRef[];
  versions: Record<string, string>;
  opcodes: number;
  pickles: number;
  /** STACK_GLOBALs whose module or name was not a plain string (obfuscated or dynamic). */
  unresolved: number[];
  extensionCodes: number;
  persistentIds: number;
  /** Bytes after the last pickle that were not walked. */
  trailingBytes: number;
  /** NumPy arrays joblib wrote inline, stepped over. */
  inlineArrays: number;
}

export async function walkPickle(source: ByteSource, start = 0): Promise<MachineResult> {
  return new Machine(source, start).run();
}

class Machine {
  private window: Uint8Array = new Uint8Array(0);
  private windowStart = 0;
  private pos: number;
  private stack: Value[] = [];
  private memo = new Map<number, Value>();
  private frames: Array<{ stack: Value[]; memo: Map<number, Value> }> = [];
  private readonly result: MachineResult = {
    protocol: null,
    globals: [],
    versions: {},
    opcodes: 0,
    pickles: 0,
    unresolved: [],
    extensionCodes: 0,
    persistentIds: 0,
    trailingBytes: 0,
    inlineArrays: 0,
  };

  constructor(
    private readonly source: ByteSource,
    start: number,
  ) {
    this.pos = start;
  }

  async run(): Promise<MachineResult> {
    for (;;) {
      await this.ensure(MAX_TEXT * 2);
      if (this.pos >= this.source.size) throw new TruncatedError(`the pickle ends without a STOP opcode`);
      const offset = this.pos;
      const op = this.byte();
      this.result.opcodes++;
      if (op === Op.STOP) {
        if (await this.stop()) return this.result;
        continue;
      }
      const arg = ARGS.get(op);
      if (arg === undefined) throw new FormatError(`unknown opcode 0x${op.toString(16)} at offset ${offset}`);
      await this.step(op, offset);
    }
  }

  /** STOP: back to an enclosing pickle, on to a concatenated one, or done. */
  private async stop(): Promise<boolean> {
    const frame = this.frames.pop();
    if (frame !== undefined) {
      this.stack = frame.stack;
      this.memo = frame.memo;
      this.stack.push(OTHER);
      return false;
    }
    this.result.pickles++;
    await this.ensure(2);
    if (this.pos < this.source.size && this.peek() === Op.PROTO) {
      this.stack = [];
      this.memo = new Map();
      return false;
    }
    this.result.trailingBytes = this.source.size - this.pos;
    return true;
  }

  private async step(op: number, offset: number): Promise<void> {
    const arg = ARGS.get(op)!;
    if (arg.kind === 'fixed') {
      const value = this.uint(arg.bytes);
      this.fixedOp(op, value, arg.bytes);
    } else if (arg.kind === 'line') {
      this.lineOp(op, this.line());
    } else if (arg.kind === 'lines2') {
      const module = this.line();
      const name = this.line();
      this.addGlobal(module, name, offset, op === Op.GLOBAL ? 'GLOBAL' : 'INST');
      if (op === Op.INST) this.popMark();
      this.stack.push(op === Op.GLOBAL ? { k: 'global', name: `${module}.${name}` } : OTHER);
    } else if (arg.kind === 'counted') {
      const length = this.uint(arg.lengthBytes);
      if (length < 0 || this.pos + length > this.source.size) {
        throw new TruncatedError(
          `the pickle ends early: the opcode at offset ${offset} declares ${length} bytes past the end of the file`,
        );
      }
      if (STRING_OPS.has(op) && length <= MAX_TEXT) {
        await this.ensure(length);
        this.stack.push({ k: 'str', v: this.text(length) });
      } else {
        this.pos += length;
        this.stack.push(OTHER);
      }
    } else {
      this.plainOp(op, offset);
    }
  }

  private fixedOp(op: number, value: number, width: number): void {
    switch (op) {
      case Op.PROTO:
        this.result.protocol ??= value;
        return;
      case Op.FRAME:
        return;
      case Op.BINGET:
      case Op.LONG_BINGET:
        this.stack.push(this.memo.get(value) ?? OTHER);
        return;
      case Op.BINPUT:
      case Op.LONG_BINPUT:
        this.memo.set(value, this.top());
        return;
      case Op.EXT1:
      case Op.EXT2:
      case Op.EXT4:
        this.result.extensionCodes++;
        this.stack.push(OTHER);
        return;
      case Op.BININT:
        this.stack.push({ k: 'int', v: value | 0 });
        return;
      default:
        this.stack.push(width <= 2 ? { k: 'int', v: value } : OTHER);
    }
  }

  private lineOp(op: number, text: string): void {
    if (op === Op.GET) this.stack.push(this.memo.get(Number(text)) ?? OTHER);
    else if (op === Op.PUT) this.memo.set(Number(text), this.top());
    else if (op === Op.INT && /^-?\d+$/.test(text)) this.stack.push({ k: 'int', v: Number(text) });
    else if (op === Op.STRING) this.stack.push({ k: 'str', v: text.replace(/^(['"])(.*)\1$/s, '$2') });
    else if (op === Op.UNICODE) this.stack.push({ k: 'str', v: text });
    else {
      if (op === Op.PERSID) this.result.persistentIds++;
      this.stack.push(OTHER);
    }
  }

  private plainOp(op: number, offset: number): void {
    const s = this.stack;
    switch (op) {
      case Op.MARK:
        s.push({ k: 'mark' });
        return;
      case Op.POP:
        s.pop();
        return;
      case Op.POP_MARK:
        this.popMark();
        return;
      case Op.DUP:
        s.push(this.top());
        return;
      case Op.MEMOIZE:
        this.memo.set(this.memo.size, this.top());
        return;
      case Op.EMPTY_TUPLE:
        s.push({ k: 'tuple', items: [] });
        return;
      case Op.TUPLE:
        s.push({ k: 'tuple', items: this.popMark() });
        return;
      case Op.TUPLE1:
      case Op.TUPLE2:
      case Op.TUPLE3:
        s.push({ k: 'tuple', items: this.popN(op - Op.TUPLE1 + 1) });
        return;
      case Op.EMPTY_DICT:
        s.push({ k: 'dict', entries: [] });
        return;
      case Op.DICT:
        s.push({ k: 'dict', entries: pairs(this.popMark()) });
        return;
      case Op.SETITEM:
      case Op.SETITEMS:
        this.setItems(op === Op.SETITEM ? this.popN(2) : this.popMark());
        return;
      case Op.APPEND:
        s.pop();
        return;
      case Op.APPENDS:
      case Op.ADDITEMS:
        this.popMark();
        return;
      case Op.BUILD:
        this.build();
        return;
      case Op.REDUCE:
      case Op.NEWOBJ: {
        const [callable, args] = this.popN(2);
        s.push(callable?.k === 'global' ? { k: 'obj', cls: callable.name, args: args ?? OTHER } : OTHER);
        return;
      }
      case Op.NEWOBJ_EX: {
        const [cls] = this.popN(3);
        s.push(cls?.k === 'global' ? { k: 'obj', cls: cls.name } : OTHER);
        return;
      }
      case Op.STACK_GLOBAL: {
        const [module, name] = this.popN(2);
        if (module?.k === 'str' && name?.k === 'str') {
          this.addGlobal(module.v, name.v, offset, 'STACK_GLOBAL');
          s.push({ k: 'global', name: `${module.v}.${name.v}` });
        } else {
          this.result.unresolved.push(offset);
          s.push(OTHER);
        }
        return;
      }
      case Op.BINPERSID:
        this.result.persistentIds++;
        s.pop();
        s.push(OTHER);
        return;
      case Op.LIST:
      case Op.FROZENSET:
      case Op.OBJ:
        this.popMark();
        s.push(OTHER);
        return;
      case Op.READONLY_BUFFER:
        return;
      default: // NONE, NEWTRUE, NEWFALSE, EMPTY_LIST, EMPTY_SET, NEXT_BUFFER
        s.push(OTHER);
    }
  }

  private setItems(items: Value[]): void {
    const target = this.top();
    const entries = pairs(items);
    for (const [key, value] of entries) {
      if (key.k === 'str' && value.k === 'str' && /_version$/.test(key.v) && key.v.length < 64) {
        this.result.versions[key.v.replace(/^_+|_version$/g, '') || key.v] = value.v;
      }
    }
    if (target.k === 'dict') target.entries.push(...entries);
  }

  /** BUILD of a joblib NumpyArrayWrapper: the array's bytes follow right here, in the pickle stream. */
  private build(): void {
    const state = this.stack.pop();
    const target = this.top();
    if (target.k !== 'obj' || !target.cls.endsWith('NumpyArrayWrapper') || state?.k !== 'dict') return;
    const field = (key: string): Value | undefined => state.entries.find(([k]) => k.k === 'str' && k.v === key)?.[1];
    const array = inlineArray(field('shape'), field('dtype'), field('numpy_array_alignment_bytes') !== undefined);
    if (array === undefined) return;
    this.result.inlineArrays++;
    if (array === 'object') {
      // An object array is a whole pickle of its own, written inline; its STOP brings us back.
      this.frames.push({ stack: this.stack, memo: this.memo });
      this.stack = [];
      this.memo = new Map();
      return;
    }
    if (array.padded) this.pos += 1 + this.peekAt(this.pos);
    this.pos += array.bytes;
  }

  private addGlobal(module: string, name: string, offset: number, via: string): void {
    this.result.globals.push({ module: module.trim(), name: name.trim(), offset, via });
  }

  private popMark(): Value[] {
    const s = this.stack;
    let i = s.length - 1;
    while (i >= 0 && s[i]!.k !== 'mark') i--;
    if (i < 0) return s.splice(0);
    const items = s.slice(i + 1);
    s.length = i;
    return items;
  }

  private popN(n: number): Value[] {
    return this.stack.splice(Math.max(0, this.stack.length - n));
  }

  private top(): Value {
    return this.stack[this.stack.length - 1] ?? OTHER;
  }

  private async ensure(n: number): Promise<void> {
    const end = this.windowStart + this.window.length;
    if (this.pos >= this.windowStart && this.pos + n <= end) return;
    if (end >= this.source.size && this.pos >= this.windowStart && this.pos <= end) return;
    this.windowStart = this.pos;
    this.window = await this.source.read(this.pos, Math.max(n, WINDOW));
  }

  private byte(): number {
    return this.peekAt(this.pos++);
  }

  private peek(): number {
    return this.peekAt(this.pos);
  }

  private peekAt(pos: number): number {
    const b = this.window[pos - this.windowStart];
    if (b === undefined) throw new TruncatedError(`the pickle ends at byte ${pos}`);
    return b;
  }

  private uint(bytes: number): number {
    let value = 0;
    for (let i = 0; i < bytes; i++) value += this.byte() * 2 ** (8 * i);
    return value;
  }

  private line(): string {
    const start = this.pos - this.windowStart;
    const end = this.window.indexOf(0x0a, start);
    if (end < 0 || end - start > MAX_TEXT) throw new TruncatedError(`a text argument at byte ${this.pos} never ends`);
    this.pos += end - start + 1;
    return Buffer.from(this.window.subarray(start, end)).toString('latin1');
  }

  private text(length: number): string {
    const start = this.pos - this.windowStart;
    this.pos += length;
    return Buffer.from(this.window.subarray(start, start + length)).toString('utf8');
  }
}

function pairs(items: Value[]): Array<[Value, Value]> {
  const out: Array<[Value, Value]> = [];
  for (let i = 0; i + 1 < items.length; i += 2) out.push([items[i]!, items[i + 1]!]);
  return out;
}

/** Size of an inline joblib array from its shape and numpy.dtype(...) reduce; undefined if unknown. */
function inlineArray(
  shape: Value | undefined,
  dtype: Value | undefined,
  padded: boolean,
): { bytes: number; padded: boolean } | 'object' | undefined {
  if (shape?.k !== 'tuple' || dtype?.k !== 'obj' || dtype.args?.k !== 'tuple') return undefined;
  const code = dtype.args.items[0];
  if (code?.k !== 'str') return undefined;
  if (code.v.startsWith('O')) return 'object';
  const itemsize = Number(/\d+$/.exec(code.v)?.[0] ?? NaN) || (code.v === '?' || code.v === 'b1' ? 1 : NaN);
  const dims = shape.items.map((d) => (d.k === 'int' ? d.v : NaN));
  const count = dims.reduce((a, b) => a * b, 1);
  if (!Number.isFinite(itemsize) || !Number.isFinite(count)) return undefined;
  // Unicode dtypes name their length in characters of 4 bytes ('U5' = 20 bytes).
  const bytes = count * (code.v.startsWith('U') ? itemsize * 4 : itemsize);
  return { bytes, padded };
}
