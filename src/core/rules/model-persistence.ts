/**
 * How a notebook saves models, shared by LO601 (never saved) and LO602 (saved only as pickles).
 * Generous on purpose: anything that looks like saving counts, so LO601 stays quiet when in doubt.
 */
import { lastSegment, positionalArg, keywordArg, type CallSite } from './helpers';

export type Persistence = 'pickle' | 'portable';

const PICKLE_DUMPS = new Set([
  'pickle.dump',
  'pickle.dumps',
  '_pickle.dump',
  'cPickle.dump',
  'joblib.dump',
  'sklearn.externals.joblib.dump',
  'dill.dump',
  'dill.dumps',
  'cloudpickle.dump',
  'cloudpickle.dumps',
]);

const PORTABLE_FUNCTIONS = [
  /^torch\.(save|jit\.save|onnx\.export|export\.save)$/,
  /^onnx\.(save|save_model)$/,
  /^skops\.io\.dumps?$/,
  /^skl2onnx\.(convert_sklearn|to_onnx)$/,
  /^onnxmltools\.convert\.\w+$/,
  /^(tf2onnx|hummingbird)\.\w+/,
  /^mlflow\.(\w+\.)?(log_model|save_model|autolog)$/,
  /^(tensorflow\.)?(saved_model\.save|keras\.models\.save_model|keras\.saving\.save_model)$/,
  /^safetensors\.\w+\.save(_file|_model)?$/,
  /^bentoml\.\w+\.save_model$/,
  /^(wandb|neptune|comet_ml)\.\w*(log_model|log_artifact)$/,
];

// Methods that save a model: keras/xgboost/lightgbm/catboost/HF/fastai/statsmodels/booster APIs.
const SAVE_METHODS = new Set([
  'save',
  'save_model',
  'save_weights',
  'save_pretrained',
  'export',
  'export_model',
  'push_to_hub',
  'dump_model',
  'log_model',
  'to_onnx',
  'SerializeToString',
]);

/** Whether the call saves something (a `callSitesWhere` selection, answered once per cell). */
export function isSave(site: CallSite): boolean {
  return persistenceOf(site) !== undefined;
}

/**
 * The first segment of every name in PORTABLE_FUNCTIONS: one test settles most calls, which would
 * otherwise run every pattern (this runs on every call of every cell). Keep it in step with the list.
 */
const PORTABLE_ROOT =
  /^(torch|onnx|skops|skl2onnx|onnxmltools|tf2onnx|hummingbird|mlflow|tensorflow|saved_model|keras|safetensors|bentoml|wandb|neptune|comet_ml)\./;

export function persistenceOf(site: CallSite): Persistence | undefined {
  const q = site.qualified;
  if (q !== undefined && PICKLE_DUMPS.has(q)) return 'pickle';
  if (q !== undefined && PORTABLE_ROOT.test(q) && PORTABLE_FUNCTIONS.some((re) => re.test(q))) return 'portable';
  const method = site.call.method;
  if (method !== undefined && SAVE_METHODS.has(method)) return 'portable';
  // The callee's last name is sliced only for the calls that need it: unresolved function calls.
  if (q === undefined && SAVE_FUNCTION.test(method ?? lastSegment(site.call.callee))) return 'portable';
  return undefined;
}

const SAVE_FUNCTION = /^(save_model|save_checkpoint|export_model)$/;

/** The object a pickle dump writes: `pickle.dump(model, f)` -> "model". */
export function dumpedObject(site: CallSite): string | undefined {
  const arg = positionalArg(site.call, 0) ?? keywordArg(site.call, 'value', 'obj');
  return arg?.value.text;
}

const MODEL_NAME =
  /model|clf|classifier|regressor|estimator|pipe|forest|xgb|lgbm|catboost|svm|svc|knn|tree|booster|learner|net\b|best_/i;

/** Whether the dumped expression is a model: a fitted object of the notebook, or named like one. */
export function isModelExpression(text: string, fittedObjects: ReadonlySet<string>): boolean {
  const root = /^[A-Za-z_]\w*/.exec(text)?.[0];
  return (root !== undefined && fittedObjects.has(root)) || MODEL_NAME.test(text);
}
