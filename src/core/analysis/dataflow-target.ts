/**
 * The target of supervised fits, as a column of a table: `y = df["price"]`, `y = df.price`,
 * `y = df.pop("price")`, `y = df[target]` with `target = "price"`, followed through splits, renames
 * and `.values`. `y = df.iloc[:, -1]` and anything else we cannot read give no target: rules about
 * target columns must not guess it.
 */
import type { DataflowQueries, FitEvent } from './dataflow';
import { literalFor, namedBehind, stringList } from './dataflow-column-text';
import { splitTopLevel } from './dataflow-text';

export interface TargetColumn {
  /** The node of the selection (`y = df["price"]`), for related locations. */
  node: number;
  /** The table node the column is taken from. */
  frame: number;
  frameName: string;
  column: string;
  /** `df.pop("price")`: the column left the table there. */
  popped: boolean;
}

const ATTRIBUTE = /^([A-Za-z_]\w*)\.([A-Za-z_]\w*)$/;
const SUBSCRIPT = /^([A-Za-z_]\w*)(?:\.loc\s*\[\s*:\s*,\s*|\s*\[\s*\[?\s*)([^[\],]+?)\s*\]?\s*\]$/;
const POP = /^([A-Za-z_]\w*)\.pop\(\s*([^,()]+?)\s*\)$/;
const NOT_COLUMNS = /^(values|index|columns|shape|T|iloc|loc|dtypes|size)$/;
/** `.values`, `.ravel()`, `np.log1p(...)`: ways of writing the same target. */
const SUFFIX = /(\.values|\.to_numpy\(\)|\.ravel\(\)|\.astype\([^()]*\)|\.reshape\([^()]*\))+$/;

const SAME_TARGET = /^(np|numpy)\.(log1p|log|sqrt|ravel|array|asarray)\(\s*[A-Za-z_]\w*\s*\)$/;

/** The target column of a fit, when its y can be read back to one column of a table. */
export function targetColumnOf(q: DataflowQueries, fit: FitEvent): TargetColumn | undefined {
  if (fit.target === undefined) return undefined;
  let id: number | undefined = fit.target;
  for (let steps = 0; id !== undefined && steps < 30; steps++) {
    const node = q.node(id);
    if (node === undefined) return undefined;
    const text = node.text.trim().replace(SUFFIX, '');
    const found = selection(q, id, text);
    if (found !== undefined) return found;
    // Steps that keep the target: split parts, renames, `np.log1p(y)`, `y.values`.
    // A name unpacked from a tuple (`X, y = df.drop(...), df["y"]`) carries the whole tuple's text.
    const unpacked = node.name !== undefined && splitTopLevel(text).length > 1;
    const passes = node.role !== undefined || unpacked || /^[A-Za-z_]\w*$/.test(text) || SAME_TARGET.test(text);
    id = passes && node.deps.length === 1 ? node.deps[0] : undefined;
  }
  return undefined;
}

function selection(q: DataflowQueries, id: number, text: string): TargetColumn | undefined {
  const pop = POP.exec(text);
  const sub = pop ?? SUBSCRIPT.exec(text);
  let frameName: string | undefined;
  let column: string | undefined;
  if (sub !== null) {
    frameName = sub[1];
    const key = (sub[2] ?? '').trim();
    column = /^['"]/.test(key) ? stringList(key)?.[0] : /^[A-Za-z_]\w*$/.test(key) ? single(q, id, key) : undefined;
  } else {
    const attr = ATTRIBUTE.exec(text);
    if (attr !== null && !NOT_COLUMNS.test(attr[2] ?? '')) [frameName, column] = [attr[1], attr[2]];
  }
  if (frameName === undefined || column === undefined) return undefined;
  const frame = frameNode(q, id, frameName);
  if (frame === undefined) return undefined;
  return { node: id, frame, frameName, column, popped: pop !== null };
}

function single(q: DataflowQueries, id: number, name: string): string | undefined {
  const list = literalFor(q, id, name);
  return list?.length === 1 ? list[0] : undefined;
}

/** The node of the table a selection reads: a dependency named like it, directly or one call down. */
function frameNode(q: DataflowQueries, id: number, frameName: string): number | undefined {
  return namedBehind(q, id, frameName, 10, false);
}
