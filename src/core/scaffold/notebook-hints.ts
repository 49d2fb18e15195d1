/**
 * Small, conservative readings of a cell's facts for scaffolding: where the notebook saves its model
 * (`open("model.pkl", "wb")`, `joblib.dump(m, "m.joblib")`) and the feature list when it is a literal
 * (`features = ["a", "b"]`, `X = df[["a", "b"]]`). When in doubt they say nothing.
 */
import type { ArgFact, CallFact, CellFacts } from '../analysis/facts';
import { modelFormatOf } from './context';

const DUMPERS = new Set(['joblib.dump', 'sklearn.externals.joblib.dump', 'onnx.save', 'onnx.save_model']);

/** Model files (by extension) this cell writes, in order. */
export function savedModelPaths(cell: CellFacts): string[] {
  const paths: string[] = [];
  for (const call of cell.calls) {
    const path = writtenPath(call);
    if (path !== undefined && modelFormatOf(path) !== undefined && !paths.includes(path)) paths.push(path);
  }
  return paths;
}

function writtenPath(call: CallFact): string | undefined {
  const positional = call.args.filter((a) => a.keyword === undefined && a.spread === undefined);
  if (call.callee === 'open' || call.qualified === 'io.open') {
    const mode = positional[1] ?? call.args.find((a) => a.keyword === 'mode');
    const file = positional[0] ?? call.args.find((a) => a.keyword === 'file');
    return /[wx]/.test(stringOf(mode) ?? '') ? stringOf(file) : undefined;
  }
  if (call.qualified !== undefined && DUMPERS.has(call.qualified)) return stringOf(positional[1]);
  return undefined;
}

function stringOf(arg: ArgFact | undefined): string | undefined {
  return arg?.value.kind === 'string' ? arg.value.stringValue : undefined;
}

const FEATURE_NAME =
  /^(?:features?|feature_(?:cols|columns|names|list)|(?:x_)?cols|columns|input_(?:cols|columns|features))$/i;

/** The first literal list of column names assigned to a feature-ish name or selected into X. */
export function featureNames(cell: CellFacts): string[] | undefined {
  for (const a of cell.assignments) {
    if (a.augmented || a.via !== undefined || a.targets.length !== 1) continue;
    const target = a.targets[0];
    if (FEATURE_NAME.test(target) && a.value.kind === 'collection') {
      const names = stringList(a.value.text);
      if (names) return names;
    }
    if (/^X(?:_train)?$/.test(target) && a.value.kind === 'subscript') {
      const inner = /^\w+\s*\[\s*(\[[\s\S]*\])\s*\]$/.exec(a.value.text)?.[1];
      const names = inner === undefined ? undefined : stringList(inner);
      if (names) return names;
    }
  }
  return undefined;
}

/** `["a", 'b']` -> ["a", "b"]; anything but a flat list of simple string literals -> undefined. */
export function stringList(text: string): string[] | undefined {
  const body = /^\s*\[([\s\S]*)\]\s*$/.exec(text)?.[1];
  if (body === undefined) return undefined;
  const items = body
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const names: string[] = [];
  for (const item of items) {
    const m = /^(?:"([^"\\]*)"|'([^'\\]*)')$/.exec(item);
    if (!m) return undefined;
    names.push(m[1] ?? m[2]);
  }
  return names.length > 0 ? names : undefined;
}
