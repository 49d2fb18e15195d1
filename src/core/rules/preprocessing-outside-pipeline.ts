/**
 * LO603 preprocessing-outside-pipeline: the model a notebook persists was trained on the output of a
 * fitted transformer (scaler, encoder, imputer, vectorizer, selector, PCA...), but what is saved is
 * the bare estimator, and the transformer is saved neither inside a Pipeline nor next to it. A softer
 * cue, reported as info: the training data went through pandas-level encoding (`pd.get_dummies`,
 * `.map({...})`) that the saved model cannot repeat.
 *
 * Why it matters: the serving code gets raw rows; it has to redo the preprocessing with the statistics
 * learned in the notebook, which are lost (training/serving skew: silently wrong predictions).
 *
 * Bad:  X_tr = scaler.fit_transform(X_train); model.fit(X_tr, y_train); joblib.dump(model, "model.joblib")
 * Good: model = make_pipeline(StandardScaler(), LogisticRegression()).fit(X_train, y_train); skops.io.dump(model, ...)
 */
import { dataflowOf, type DataflowQueries, type DataNode, type FitEvent } from '../analysis/dataflow';
import { applicationsOf } from '../analysis/dataflow-evals';
import type { Fix } from '../findings';
import { fitLabel, relatedAt } from './dataflow-messages';
import { someCell, type CellPart } from '../analysis/cell-memo';
import { callSitesWhere, isBefore, positionalArg, keywordArg, textOf, type CallSite } from './helpers';
import { isSave } from './model-persistence';
import type { Rule, RuleContext, RuleReport } from './rule';

/** Functions whose first argument is the model they save or convert. */
const SAVES_FIRST_ARG =
  /^(pickle|_pickle|cPickle|joblib|sklearn\.externals\.joblib|dill|cloudpickle|skops\.io)\.dumps?$|^(skl2onnx\.(convert_sklearn|to_onnx)|onnxmltools\.convert\.\w+|mlflow\.\w+\.(log_model|save_model)|torch\.save)$/;
/** Saves where the fix can wrap the argument: the saved object is an arbitrary Python object. */
const WRAPPABLE = /^(pickle|_pickle|cPickle|joblib|sklearn\.externals\.joblib|dill|cloudpickle|skops\.io)\.dumps?$/;
const PANDAS_ENCODING = /\bget_dummies\(|\.map\(\s*\{/;
const SKLEARN_API = /^(sklearn|xgboost|lightgbm|catboost)\./;

interface Persisted {
  site: CallSite;
  /** The saved expression as written (`model`, `grid.best_estimator_`). */
  text: string;
  fit: FitEvent;
}

export const preprocessingOutsidePipeline: Rule = {
  id: 'LO603',
  name: 'preprocessing-outside-pipeline',
  category: 'deployment',
  severity: 'warning',
  description:
    'A saved model was trained on the output of a fitted transformer that is neither in a Pipeline with it nor saved, so serving cannot redo the preprocessing.',
  check(ctx) {
    const q = dataflowOf(ctx);
    const saves = callSitesWhere(ctx, isSave);
    const savedText = saves.map((s) => s.call.args.map((a) => a.value.text).join(' ')).join('\n');
    // One finding per missing preprocessing; later saves of models trained the same way are related.
    const byCause = new Map<string, RuleReport>();
    const seen = new Set<number>();
    for (const persisted of persistedModels(q, saves)) {
      const { fit, site } = persisted;
      if (seen.has(fit.id) || fit.data === undefined) continue;
      seen.add(fit.id);
      const transformers = upstreamTransformers(q, fit).filter((p) => !mentions(savedText, p.object));
      const cause =
        transformers.length > 0 ? transformers.map((p) => p.object).join(',') : `pandas:${pandasEncoding(q, fit)?.id}`;
      const known = byCause.get(cause);
      if (known !== undefined) {
        known.related?.push({
          cellIndex: site.cell.cell.index,
          range: site.call.range,
          message: 'Also saved here without it',
        });
        continue;
      }
      const report =
        transformers.length > 0
          ? transformerReport(ctx, q, persisted, transformers)
          : pandasEncodingReport(ctx, q, persisted);
      if (report !== undefined) byCause.set(cause, report);
    }
    return [...byCause.values()];
  },
};

/** Models (fitted estimators, pipelines, searches) a save call writes, with their latest fit before it. */
function persistedModels(q: DataflowQueries, saves: CallSite[]): Persisted[] {
  const found: Persisted[] = [];
  for (const site of saves) {
    const text = savedExpression(site);
    const root = text === undefined ? undefined : /^[A-Za-z_]\w*/.exec(text)?.[0];
    if (text === undefined || root === undefined) continue;
    const at = site.call.range.start;
    const fit = q.graph.fits
      .filter((f) => f.object === root && isModelFit(f))
      .filter((f) => isBefore(f.cellIndex, f.range.start, site.cell.cell.index, at))
      .pop();
    if (fit !== undefined) found.push({ site, text, fit });
  }
  return found;
}

/** A model or search, or an object of a class we do not know that was fitted on features and a target. */
function isModelFit(fit: FitEvent): boolean {
  if (fit.kind === 'model' || fit.kind === 'search') return true;
  return fit.kind === 'unknown' && fit.method === 'fit' && fit.target !== undefined;
}

function savedExpression(site: CallSite): string | undefined {
  if (site.qualified !== undefined && SAVES_FIRST_ARG.test(site.qualified)) {
    const arg =
      keywordArg(site.call, 'obj', 'value', 'sk_model', 'model', 'xgb_model', 'lgb_model') ??
      positionalArg(site.call, 0);
    return arg?.value.text;
  }
  // `model.save("model.keras")`, `booster.save_model(...)`: the receiver is what is saved.
  return site.call.method === undefined ? undefined : site.call.receiver;
}

/** Preprocessor fits whose learned output flows into the data the model was trained on. */
function upstreamTransformers(q: DataflowQueries, fit: FitEvent): FitEvent[] {
  const data = fit.data as number;
  return q.graph.fits.filter(
    (p) =>
      p.kind === 'preprocessor' &&
      p.order < fit.order &&
      applicationsOf(q, p).some((applied) => q.derivesFrom(data, applied)),
  );
}

function mentions(text: string, name: string): boolean {
  if (!/^[A-Za-z_]\w*$/.test(name)) return false;
  return new RegExp(`(^|[^\\w.])${name}([^\\w]|$)`).test(text);
}

function transformerReport(
  ctx: RuleContext,
  q: DataflowQueries,
  persisted: Persisted,
  transformers: FitEvent[],
): RuleReport {
  const { site, fit } = persisted;
  const names = transformers.map(fitLabel);
  const list = names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
  const report: RuleReport = {
    cellIndex: site.cell.cell.index,
    range: site.call.range,
    message:
      `${fitLabel(fit)} is saved here without its preprocessing: it was trained on the output of ${list}, fitted ` +
      'outside the model and not saved with it, so the serving code cannot reproduce what the model expects ' +
      '(training/serving skew). Put the preprocessing and the model in one scikit-learn Pipeline (or ' +
      'ColumnTransformer) and save that, or save the fitted transformer next to the model.',
    related: [
      ...transformers.map((p) => relatedAt(p, `${fitLabel(p)} fitted here`)),
      relatedAt(fit, 'Model trained here on the transformed data'),
    ],
  };
  const fix = pipelineFix(ctx, q, persisted, transformers);
  if (fix !== undefined) report.fix = fix;
  return report;
}

function pandasEncodingReport(ctx: RuleContext, q: DataflowQueries, persisted: Persisted): RuleReport | undefined {
  const encoding = pandasEncoding(q, persisted.fit);
  if (encoding === undefined || savesColumns(ctx)) return undefined;
  const how = /get_dummies/.test(encoding.text) ? 'pd.get_dummies' : 'a .map({...}) of category values';
  return {
    cellIndex: persisted.site.cell.cell.index,
    range: persisted.site.call.range,
    severity: 'info',
    message:
      `${fitLabel(persisted.fit)} is saved here, but its training data was encoded with ${how} in pandas, which the ` +
      'saved model does not include: serving must rebuild exactly the same columns in the same order, or predictions ' +
      'are silently wrong. Encode inside a Pipeline (OneHotEncoder(handle_unknown="ignore") in a ColumnTransformer) ' +
      'and save the whole pipeline.',
    related: [
      { cellIndex: encoding.cellIndex, range: encoding.range, message: 'Encoded here, outside the model' },
      relatedAt(persisted.fit, 'Model trained here'),
    ],
  };
}

/** The first pandas-level encoding (`pd.get_dummies`, `.map({...})`) the training data went through. */
function pandasEncoding(q: DataflowQueries, fit: FitEvent): DataNode | undefined {
  if (fit.data === undefined) return undefined;
  return [...q.ancestors(fit.data)]
    .sort((a, b) => a - b)
    .map((id) => q.node(id))
    .find((n): n is DataNode => n !== undefined && PANDAS_ENCODING.test(n.text));
}

/**
 * Saving the column list or the encoding (`json.dump(columns, f)`, a `feature_names` entry saved with
 * the model) lets serving rebuild the same columns: a cell that saves something and names them.
 */
function savesColumns(ctx: RuleContext): boolean {
  return someCell(ctx, cellSavesColumns);
}

const cellSavesColumns: CellPart<boolean> = (_ctx, { cell }) => {
  const saving = /\b(json|yaml)\.dumps?\(|\.(write|to_json|to_csv)\(|\b(joblib|pickle|np|numpy)\.(dump|save)\(/;
  const naming = /\bcolumns\b|feature_names|feature_info|dummies|encoding|mapping/;
  return saving.test(cell.source) && naming.test(cell.source);
};

/**
 * `joblib.dump(model, f)` -> `joblib.dump(make_pipeline(scaler, model), f)`, when one scikit-learn
 * transformer turned the raw input straight into the training data (renames and splits only), so the
 * pipeline of the two fitted steps takes raw rows and predicts exactly what the model was scored on.
 */
function pipelineFix(
  ctx: RuleContext,
  q: DataflowQueries,
  persisted: Persisted,
  transformers: FitEvent[],
): Fix | undefined {
  const { site, fit, text } = persisted;
  const [p] = transformers;
  if (transformers.length !== 1 || p === undefined || !/^[A-Za-z_]\w*$/.test(p.object) || text !== fit.object)
    return undefined;
  if (
    !WRAPPABLE.test(site.qualified ?? '') ||
    !SKLEARN_API.test(fit.className ?? '') ||
    !SKLEARN_API.test(p.className ?? '')
  ) {
    return undefined;
  }
  if (p.data === undefined || !onlyRenamesAndSplits(q, fit.data as number, applicationsOf(q, p))) return undefined;
  if (
    q.graph.fits.some(
      (o) =>
        o.kind === 'preprocessor' &&
        o.id !== p.id &&
        applicationsOf(q, o).some((a) => q.derivesFrom(p.data as number, a)),
    )
  ) {
    return undefined;
  }
  const arg = positionalArg(site.call, 0) ?? keywordArg(site.call, 'obj', 'value');
  if (arg === undefined || arg.keyword !== undefined) return undefined;
  const cellIndex = site.cell.cell.index;
  const source = site.cell.cell.source;
  const edits = [{ cellIndex, range: arg.range, newText: `make_pipeline(${p.object}, ${text})` }];
  if (ctx.qualify(cellIndex, 'make_pipeline') !== 'sklearn.pipeline.make_pipeline') {
    const line = site.call.range.start.line;
    const before = textOf(source, { start: { line, character: 0 }, end: site.call.range.start });
    // Only where the call starts its statement (`joblib.dump(...)`, `x = joblib.dump(...)`).
    if (!/^\s*([A-Za-z_]\w*\s*=\s*)?$/.test(before)) return undefined;
    const indent = /^\s*/.exec(before)?.[0] ?? '';
    const at = { line, character: 0 };
    edits.unshift({
      cellIndex,
      range: { start: at, end: at },
      newText: `${indent}from sklearn.pipeline import make_pipeline\n`,
    });
  }
  return { title: `Save make_pipeline(${p.object}, ${text}) instead of the bare model`, edits };
}

/** From `data` back to one of `targets` through bindings and split parts only (no feature edits). */
function onlyRenamesAndSplits(q: DataflowQueries, data: number, targets: readonly number[]): boolean {
  let current = q.node(data);
  for (let steps = 0; current !== undefined && steps < 12; steps++) {
    if (targets.includes(current.id)) return true;
    const upstream = current.deps.filter((d) => targets.some((t) => q.derivesFrom(d, t)));
    const plain =
      current.role !== undefined ||
      /^[A-Za-z_]\w*$/.test(current.text.trim()) ||
      targets.some((t) => current?.deps.includes(t) && current.deps.length === 1);
    if (upstream.length !== 1 || !plain) return false;
    current = q.node(upstream[0] as number);
  }
  return false;
}
