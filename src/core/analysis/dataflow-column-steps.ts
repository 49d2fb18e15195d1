/**
 * One step back from a node of the dataflow, for the column walks of dataflow-columns.ts: which node the
 * value came from and which columns the statement removed (`drop`, a column assigned anew) or kept (a
 * selection). A statement it cannot read gives no step, and the walk ends there.
 */
import type { DataflowQueries, DataNode } from './dataflow';
import { planOf } from './dataflow-cell';
import { columnTarget, droppedColumns, literalFor, stringList } from './dataflow-column-text';
import type { NodeSite } from './dataflow-sites';
import type { CallFact } from './facts';

/** What a step needs of the column flow: the dataflow, nodes' sites and a cell's call nodes. */
export interface StepReader {
  readonly q: DataflowQueries;
  site(id: number): NodeSite | undefined;
  callsOf(cellIndex: number): Array<[number, NodeSite & { call: CallFact }]>;
  receiverCall(cellIndex: number, call: CallFact): number | undefined;
}

/** Methods that keep a table's columns as they are (rows or values may change). */
const KEEPS_COLUMNS = new Set([
  'copy', 'dropna', 'fillna', 'reset_index', 'astype', 'sort_values', 'sort_index', 'replace', 'sample', 'head',
  'tail', 'drop_duplicates', 'query', 'interpolate', 'ffill', 'bfill', 'infer_objects', 'convert_dtypes', 'round',
  'abs', 'clip', 'assign', 'to_numpy', 'set_index',
]); // prettier-ignore

/** Functions that keep (at least) the columns of their first argument. */
const KEEPS_ARG_COLUMNS = /^(pd|pandas)\.(get_dummies|concat)$/;

/** One step back from a node: where to, and which columns it removes or keeps from there on. */
export interface Step {
  next?: number | undefined;
  removes?: string[] | undefined;
  keeps?: string[];
}

/** The step back from node `id`, or none (`{}`) when its statement is not one the walk can read. */
export function stepBack(flow: StepReader, id: number): Step {
  const node = flow.q.node(id);
  const site = flow.site(id);
  if (node === undefined) return {};
  // A train/test part (`X_train` of train_test_split) has the columns of what was split.
  if (node.role !== undefined) return node.deps.length === 1 ? { next: node.deps[0] } : {};
  if (node.name !== undefined) {
    const a = site?.assignment;
    if (a === undefined || site?.target === undefined) return {};
    const targetText = a.targetTexts[site.target] ?? '';
    if (targetText !== node.name) {
      // `df["c"] = ...`: older values of `c` do not reach past this point.
      const col = columnTarget(targetText);
      const next = node.deps.find((d) => flow.q.node(d)?.name === node.name);
      return col === undefined || next === undefined ? {} : { next, removes: [col.column] };
    }
    if (a.augmented) return {};
    // `X, y = df.drop(...), df["y"]`: each name's node depends on its own part of the tuple.
    if (a.targets.length !== 1) {
      return a.value.kind === 'collection' && node.deps.length === 1 ? { next: node.deps[0] } : {};
    }
    return valueStep(flow, node, a.value.text);
  }
  const call = site?.call;
  if (call === undefined) return valueStep(flow, node, node.text);
  return callStep(flow, node, call);
}

/** `X = df`, `X = df.drop(...)` (its call node), `X = df[["a", "b"]]`, `X = df.values`, `df[mask]`. */
function valueStep(flow: StepReader, node: DataNode, value: string): Step {
  const text = value.trim().replace(/\.(values|to_numpy\(\))$/, '');
  if (/^[A-Za-z_]\w*$/.test(text)) return node.deps.length === 1 ? { next: node.deps[0] } : {};
  const callDep = node.deps.find((d) => {
    const site = flow.site(d);
    return site?.call !== undefined && callTextOf(site) === text;
  });
  if (callDep !== undefined) return { next: callDep };
  // `X, y = df.drop(...), df["y"]`: the parts of a tuple are not linked to their calls' nodes.
  const sameText = flow.callsOf(node.cellIndex).find(([id, site]) => id < node.id && callTextOf(site) === text);
  if (sameText !== undefined && /\)$/.test(text)) return { next: sameText[0] };
  const rows = /^([A-Za-z_]\w*)\.(?:iloc|loc)\s*\[([^,]+)\]$/.exec(text);
  if (rows !== null) return { next: sameName(flow, node, rows[1] ?? '') };
  const selection = /^([A-Za-z_]\w*)\s*\[([\s\S]+)\]$/.exec(text);
  if (selection === null) return {};
  const base = sameName(flow, node, selection[1] ?? '');
  const inner = (selection[2] ?? '').trim();
  const list = inner.startsWith('[') ? stringList(inner) : literalFor(flow.q, node.id, inner);
  if (list !== undefined) return { next: base, keeps: list };
  // `df[mask]`, `X[train_idx]`: a selection of rows keeps every column.
  return isRowSelector(flow, node, inner) ? { next: base } : {};
}

function isRowSelector(flow: StepReader, node: DataNode, inner: string): boolean {
  // `df[df.columns[df.columns != "y"]]` compares, but selects columns.
  if (/\.columns\b/.test(inner)) return false;
  if (/[<>]|==|!=|\.isin\(|\.between\(|\.notna\(|\.isna\(|\.notnull\(|\.isnull\(/.test(inner)) return true;
  if (!/^~?[A-Za-z_]\w*$/.test(inner)) return false;
  const name = inner.replace('~', '');
  const dep = node.deps.map((d) => flow.q.node(d)).find((n) => n?.name === name);
  if (dep === undefined) return false;
  // `cols = [c for c in df.columns if c != "y"]` compares too, but it lists columns.
  const listsColumns = /^\s*[[(]|\bfor\b|\.columns\b|\blist\(/.test(dep.text);
  return dep.role !== undefined || (!listsColumns && /[<>]|==|!=|\.isin\(/.test(dep.text));
}

function callStep(flow: StepReader, node: DataNode, call: CallFact): Step {
  const method = call.method;
  if (method === undefined) {
    if (!KEEPS_ARG_COLUMNS.test(call.callee)) return {};
    const first = call.args.find((a) => a.keyword === undefined);
    const base = first === undefined ? undefined : /^\[?\s*([A-Za-z_]\w*)/.exec(first.value.text)?.[1];
    return base === undefined ? {} : { next: sameName(flow, node, base) };
  }
  let removes: string[] | undefined;
  if (method === 'drop') {
    removes = droppedColumns(call, (name) => literalFor(flow.q, node.id, name));
    if (removes === undefined) return {};
  } else if (!KEEPS_COLUMNS.has(method)) return {};
  if (method === 'set_index') removes = call.args.flatMap((a) => stringList(a.value.text) ?? []);
  return { next: receiverNode(flow, node, call), removes };
}

/** The node of the call's receiver: a nested call (`df.drop(...).dropna()`) or a variable. */
function receiverNode(flow: StepReader, node: DataNode, call: CallFact): number | undefined {
  const receiver = call.receiver ?? '';
  if (receiver.endsWith(')')) return flow.receiverCall(node.cellIndex, call);
  const base = /^[A-Za-z_]\w*$/.exec(receiver)?.[0];
  return base === undefined ? undefined : sameName(flow, node, base);
}

function sameName(flow: StepReader, node: DataNode, name: string): number | undefined {
  return node.deps.find((d) => flow.q.node(d)?.name === name) ?? viaCall(flow, node, name);
}

/** `X = df.drop(...)`: the name node is the call's dependency, one level down. */
function viaCall(flow: StepReader, node: DataNode, name: string): number | undefined {
  for (const d of node.deps) {
    const dep = flow.q.node(d);
    if (dep?.name !== undefined) continue;
    const found = dep?.deps.find((x) => flow.q.node(x)?.name === name);
    if (found !== undefined) return found;
  }
  return undefined;
}

function callTextOf(site: NodeSite): string | undefined {
  return site.call === undefined ? undefined : planOf(site.cell).callText(site.call).trim();
}
