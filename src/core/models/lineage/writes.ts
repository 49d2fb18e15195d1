/**
 * Where a notebook writes model files: the cells that call a known saver (`joblib.dump`, `pickle.dump`,
 * `torch.save`, `torch.onnx.export`, `onnx.save`, `skops.io.dump`, `safetensors.*.save_file`, keras
 * `save_model`, the `.save`/`.save_model`/`.save_weights` methods of keras, XGBoost, LightGBM and CatBoost
 * models) or open a model file for writing (`with open(p, "wb") as f: f.write(onx.SerializeToString())`,
 * `pickle.dump(m, f)`), with the path evaluated as far as the notebook says it (see path-expr.ts).
 * Cells are read in document order, so a name means what the cells above bound it to.
 */
import type { AssignmentFact, CallFact, ArgFact } from '../../analysis/facts';
import type { Range } from '../../notebook/model';
import { comparePositions, rangeContains } from '../../notebook/positions';
import { keywordArg, positionalArg, qualifyCallee } from '../../rules/helpers';
import type { RuleContext } from '../../rules/rule';
import { artifactKind } from '../discover';
import { evaluatePath, pathText, type PathScope, type PathValue } from './path-expr';

export interface WriteSite {
  /** The notebook's path as given to the reader (workspace-relative). */
  notebook: string;
  /** 0-based; people see cellIndex + 1. */
  cellIndex: number;
  cellId?: string;
  /** The saving call, inside the cell. */
  range: Range;
  /** The call as written (`joblib.dump`, `model.save`, `open`). */
  callee: string;
  /** The path argument as written. */
  expression: string;
  /** What the path argument evaluates to, relative to the notebook's folder unless absolute. */
  target: PathValue;
}

/** Savers taking the file as a positional argument (0-based) or a keyword. */
const SAVERS: ReadonlyArray<[RegExp, number, string[]]> = [
  [/^(pickle|_pickle|cPickle|dill|cloudpickle)\.dump$/, 1, ['file']],
  [/^(sklearn\.externals\.)?joblib\.dump$/, 1, ['filename']],
  [/^torch\.(save|jit\.save)$/, 1, ['f']],
  [/^torch\.onnx\.export$/, 2, ['f']],
  [/^onnx\.(save|save_model)$/, 1, ['f']],
  [/^skops\.io\.dump$/, 1, ['file']],
  [/^safetensors\.\w+\.save_(file|model)$/, 1, ['filename']],
  [/^(tensorflow\.)?(keras\.models|keras\.saving)\.save_model$/, 1, ['filepath']],
];

/** Methods of model objects that take the file first (keras, XGBoost, LightGBM, CatBoost, statsmodels). */
const SAVE_METHODS = new Set(['save', 'save_model', 'save_weights']);
const FILE_KEYWORDS = ['filepath', 'fname', 'filename', 'path', 'f', 'file'];
const OPENERS = new Set(['open', 'io.open', 'builtins.open', 'codecs.open']);
/** Values that may be paths; numbers, collections, subscripts and the like are not parsed again. */
const PATH_LIKE_KINDS: ReadonlySet<string> = new Set(['string', 'name', 'call', 'attribute', 'other']);

interface Bindings {
  /** Names bound to (partly) known paths. */
  env: Map<string, PathValue>;
  /** Names bound to files opened for writing, with their paths. */
  handles: Map<string, PathValue>;
}

export function notebookWrites(ctx: RuleContext): WriteSite[] {
  const state: Bindings = { env: new Map(), handles: new Map() };
  const sites: WriteSite[] = [];
  for (const { cell, facts } of ctx.codeCells) {
    const scope: PathScope = {
      lookup: (name) => state.env.get(name),
      qualify: (dotted) => ctx.qualify(cell.index, dotted),
    };
    const events = [
      ...facts.calls.map((call) => ({ at: call.range.start, call })),
      ...facts.assignments.map((assignment) => ({ at: assignment.range.end, assignment })),
    ].sort((a, b) => a.at.line - b.at.line || a.at.character - b.at.character);
    const opened = new Map<CallFact, PathValue>();
    for (const event of events) {
      if ('assignment' in event) {
        const rhs = event.assignment.callIndex === undefined ? undefined : facts.calls[event.assignment.callIndex];
        bind(event.assignment, rhs && opened.get(rhs), scope, state);
        continue;
      }
      const call = event.call;
      const qualified = qualifyCallee(ctx, cell.index, call) ?? call.qualified;
      const arg = fileArgument(call, qualified);
      if (!arg) continue;
      const target =
        arg.value.kind === 'name' && state.handles.has(arg.value.text)
          ? state.handles.get(arg.value.text)
          : ((arg.value.kind === 'call' ? nestedOpen(facts.calls, arg, scope) : undefined) ??
            evaluatePath(arg.value.text, scope));
      if (target && isOpenForWrite(call, qualified)) opened.set(call, target);
      if (!target || artifactKind(pathText(target)) === undefined) continue;
      const site: WriteSite = {
        notebook: ctx.notebook.path,
        cellIndex: cell.index,
        range: call.range,
        callee: call.callee,
        expression: arg.value.text,
        target,
      };
      if (cell.id !== undefined) site.cellId = cell.id;
      if (!sites.some((s) => s.cellIndex === site.cellIndex && pathText(s.target) === pathText(target)))
        sites.push(site);
    }
  }
  return sites;
}

/** The argument naming the written file, when this call writes one. */
function fileArgument(call: CallFact, qualified: string | undefined): ArgFact | undefined {
  if (isOpenForWrite(call, qualified)) return positionalArg(call, 0) ?? keywordArg(call, 'file');
  if (qualified !== undefined) {
    for (const [pattern, index, keywords] of SAVERS) {
      if (pattern.test(qualified)) return positionalArg(call, index) ?? keywordArg(call, ...keywords);
    }
  }
  if (call.method === 'write_bytes' && call.receiver !== undefined) {
    const receiver: ArgFact = { value: { kind: 'other', text: call.receiver }, range: call.range };
    return receiver;
  }
  if (call.method !== undefined && SAVE_METHODS.has(call.method) && call.receiverName !== 'self') {
    return positionalArg(call, 0) ?? keywordArg(call, ...FILE_KEYWORDS);
  }
  return undefined;
}

/** `pickle.dump(m, open(p, "wb"))`: the path of the `open` call passed as the file. */
function nestedOpen(calls: readonly CallFact[], arg: ArgFact, scope: PathScope): PathValue | undefined {
  const inner = calls.find(
    (c) => rangeContains(arg.range, c.range) && comparePositions(c.range.end, arg.range.end) === 0,
  );
  if (!inner || !isOpenForWrite(inner, inner.qualified)) return undefined;
  const file = positionalArg(inner, 0) ?? keywordArg(inner, 'file');
  return file && evaluatePath(file.value.text, scope);
}

function isOpenForWrite(call: CallFact, qualified: string | undefined): boolean {
  if (!OPENERS.has(qualified ?? call.callee)) return false;
  const mode = positionalArg(call, 1) ?? keywordArg(call, 'mode');
  return mode?.value.kind === 'string' && /[wxa]/.test(mode.value.stringValue ?? '');
}

/**
 * Tracks names bound to paths and to files opened for writing (`with open(p, "wb") as f`, `f = open(...)`,
 * resolved when the `open` call itself was read); anything else forgets the name.
 */
function bind(a: AssignmentFact, opened: PathValue | undefined, scope: PathScope, state: Bindings): void {
  const before = a.targets.length === 1 ? scope.lookup(a.targets[0]) : undefined;
  for (const name of a.targets) {
    state.env.delete(name);
    state.handles.delete(name);
  }
  if (a.targets.length !== 1 || a.via === 'for' || a.targetTexts[0] !== a.targets[0]) return;
  const name = a.targets[0];
  if (opened) {
    state.handles.set(name, opened);
    return;
  }
  if (!PATH_LIKE_KINDS.has(a.value.kind)) return;
  const value = evaluatePath(a.value.text, scope);
  if (!value) return;
  if (!a.augmented) state.env.set(name, value);
  else if (before) state.env.set(name, { parts: [...before.parts, ...value.parts] });
}
