/**
 * A static walk over pickle opcodes with a symbolic stack and memo: strings, ints, tuples and dicts
 * are tracked just enough to resolve STACK_GLOBAL (module and name may come from memo lookups),
 * to read recorded versions (`_sklearn_version`), and to step over the raw NumPy bytes joblib
 * writes in the middle of its pickle. No object is ever built and no callable is ever resolved.
 * reader.ts decodes the opcodes and their arguments; values.ts reads what the values say.
 */
import type { ByteSource } from '../source';
import { Op } from './opcodes';
import { OpReader, type Arg } from './reader';
import { joblibArray, OTHER, pairs, recordVersions, type Value } from './values';

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
  private readonly reader: OpReader;
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

  constructor(source: ByteSource, start: number) {
    this.reader = new OpReader(source, start);
  }

  async run(): Promise<MachineResult> {
    for (;;) {
      const { op, offset } = await this.reader.next();
      this.result.opcodes++;
      if (op === Op.STOP) {
        if (await this.stop()) return this.result;
        continue;
      }
      this.step(op, offset, await this.reader.arg(op, offset));
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
    if (await this.reader.atProto()) {
      this.stack = [];
      this.memo = new Map();
      return false;
    }
    this.result.trailingBytes = this.reader.remaining;
    return true;
  }

  private step(op: number, offset: number, arg: Arg): void {
    if (arg.kind === 'fixed') {
      this.fixedOp(op, arg.value, arg.width);
    } else if (arg.kind === 'line') {
      this.lineOp(op, arg.text);
    } else if (arg.kind === 'lines2') {
      const { module, name } = arg;
      this.addGlobal(module, name, offset, op === Op.GLOBAL ? 'GLOBAL' : 'INST');
      if (op === Op.INST) this.popMark();
      this.stack.push(op === Op.GLOBAL ? { k: 'global', name: `${module}.${name}` } : OTHER);
    } else if (arg.kind === 'counted') {
      this.stack.push(arg.text === undefined ? OTHER : { k: 'str', v: arg.text });
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
    recordVersions(entries, this.result.versions);
    if (target.k === 'dict') target.entries.push(...entries);
  }

  /** BUILD of a joblib NumpyArrayWrapper: the array's bytes follow right here, in the pickle stream. */
  private build(): void {
    const state = this.stack.pop();
    const array = joblibArray(this.top(), state);
    if (array === undefined) return;
    this.result.inlineArrays++;
    if (array === 'object') {
      // An object array is a whole pickle of its own, written inline; its STOP brings us back.
      this.frames.push({ stack: this.stack, memo: this.memo });
      this.stack = [];
      this.memo = new Map();
      return;
    }
    if (array.padded) this.reader.skipPadding();
    this.reader.skip(array.bytes);
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
}
