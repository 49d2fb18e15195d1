/**
 * What a qualified name stands for in ML dataflow: a data loader, a splitter, a cross-validation
 * helper, a preprocessor, an oversampler, a model, a metric. Tables, not type inference: a name we do
 * not know is "unknown", and rules that need certainty ignore unknowns.
 */
import type { CallFact } from './facts';

export type ObjectKind = 'preprocessor' | 'oversampler' | 'model' | 'search' | 'splitter' | 'unknown';

const LOADER = [
  /^pandas\.read_\w+$/,
  /^numpy\.(load|loadtxt|genfromtxt|fromfile)$/,
  /^sklearn\.datasets\.(load|fetch)_\w+$/,
  /^sklearn\.datasets\.make_\w+$/,
  /^(tensorflow\.)?keras\.datasets\.\w+\.load_data$/,
  /^(tensorflow\.)?keras\.(utils|preprocessing)\.\w*dataset_from_directory$/,
  /^tensorflow\.data\.\w+/,
  /^tensorflow_datasets\.load$/,
  /^torchvision\.datasets\.\w+$/,
  /^datasets\.load_dataset$/,
  /^seaborn\.load_dataset$/,
  /^(polars\.read_\w+|scipy\.io\.loadmat|h5py\.File)$/,
];

export const isLoader = memoByName((qualified: string): boolean => LOADER.some((re) => re.test(qualified)), false);

export const TRAIN_TEST_SPLIT = 'sklearn.model_selection.train_test_split';

/** `KFold(...)`: objects whose `.split(X, y)` yields (train, test) index pairs. */
export function isCvSplitterClass(qualified: string | undefined): boolean {
  return (
    qualified !== undefined &&
    /^sklearn\.model_selection\.(\w*KFold|\w*ShuffleSplit|TimeSeriesSplit|LeaveOneOut|LeavePOut|LeaveOneGroupOut|LeavePGroupsOut|PredefinedSplit)$/.test(
      qualified,
    )
  );
}

/** Functions and searches that split internally (their evaluation is held out by construction). */
export function isCrossValidation(qualified: string | undefined): boolean {
  return (
    qualified !== undefined &&
    /^sklearn\.model_selection\.(cross_val_score|cross_validate|cross_val_predict|learning_curve|validation_curve|permutation_test_score)$/.test(
      qualified,
    )
  );
}

const SEARCH =
  /^sklearn\.model_selection\.(GridSearchCV|RandomizedSearchCV|HalvingGridSearchCV|HalvingRandomSearchCV)$/;
// Label encoders only learn the label set; the others are stateless (fit learns shapes, not statistics).
const NOT_LEARNING =
  /\.(LabelEncoder|LabelBinarizer|MultiLabelBinarizer|FunctionTransformer|PolynomialFeatures|Normalizer|Binarizer|HashingVectorizer)$/;
const PREPROCESSOR = [
  /^sklearn\.(preprocessing|impute|feature_selection|decomposition|random_projection|kernel_approximation)\.[A-Z]\w*$/,
  /^sklearn\.feature_extraction\.text\.(CountVectorizer|TfidfVectorizer|TfidfTransformer)$/,
  /^sklearn\.feature_extraction\.DictVectorizer$/,
  /^sklearn\.compose\.(ColumnTransformer|make_column_transformer)$/,
  /^sklearn\.discriminant_analysis\.LinearDiscriminantAnalysis$/,
  /^category_encoders\.\w+$/,
  /^feature_engine\.\w+\.\w+$/,
  /^(tensorflow\.)?keras\.preprocessing\.text\.Tokenizer$/,
  /^(tensorflow\.)?keras\.layers\.(Normalization|TextVectorization|StringLookup|IntegerLookup|Discretization)$/,
];
const OVERSAMPLER = /^imblearn\.(over_sampling|combine)\.\w+$/;
const MODEL = [
  /^sklearn\.(linear_model|ensemble|tree|svm|naive_bayes|neural_network|gaussian_process|discriminant_analysis|kernel_ridge|isotonic|cross_decomposition|dummy|semi_supervised)\.[A-Z]\w*$/,
  /^sklearn\.neighbors\.(KNeighbors|RadiusNeighbors|NearestCentroid)\w*$/,
  /^sklearn\.multiclass\.\w+$/,
  /^xgboost\.(XGB\w+|train)$/,
  /^lightgbm\.(LGBM\w+|train)$/,
  /^catboost\.CatBoost\w+$/,
  /^(tensorflow\.)?keras\.(models\.)?(Sequential|Model)$/,
  /^statsmodels\.\w+/,
];

/** Kind of the object a constructor call creates (`StandardScaler()` -> preprocessor). */
export const kindOfClass = memoByName(classKind, 'unknown');

function classKind(qualified: string): ObjectKind {
  if (SEARCH.test(qualified)) return 'search';
  if (isCvSplitterClass(qualified)) return 'splitter';
  if (OVERSAMPLER.test(qualified)) return 'oversampler';
  if (NOT_LEARNING.test(qualified)) return 'unknown';
  // LDA is both; as a classifier it is far more common in notebooks.
  if (MODEL.some((re) => re.test(qualified))) return 'model';
  if (PREPROCESSOR.some((re) => re.test(qualified))) return 'preprocessor';
  return 'unknown';
}

/** The call loads data (isLoader). */
export const CALL_LOADS = 1;
/** The call computes a supervised metric (isSupervisedMetric). */
export const CALL_METRIC = 2;
/** The call cross-validates (isCrossValidation). */
export const CALL_CV = 4;

/** What the dataflow asks of every call's qualified name, in one lookup: bits of CALL_LOADS, CALL_METRIC, CALL_CV. */
export const callRoles = memoByName(
  (qualified: string): number =>
    (isLoader(qualified) ? CALL_LOADS : 0) |
    (isSupervisedMetric(qualified) ? CALL_METRIC : 0) |
    (isCrossValidation(qualified) ? CALL_CV : 0),
  0,
);

/** Pipelines take the kind of their last model step, else of their preprocessors. */
export function isPipelineFactory(qualified: string | undefined): boolean {
  return qualified === 'sklearn.pipeline.Pipeline' || qualified === 'sklearn.pipeline.make_pipeline';
}

// Metrics comparing a prediction with the truth; unsupervised scores (silhouette...) are not evaluations.
const UNSUPERVISED = /^(silhouette|calinski_harabasz|davies_bouldin|make_scorer|get_scorer|check_scoring)/;
const METRIC_NAME =
  /(_score|_error|_loss|_deviance|^confusion_matrix|^multilabel_confusion_matrix|^classification_report|_curve|^precision_recall_fscore_support|^matthews_corrcoef|Display)$/;

export const isSupervisedMetric = memoByName(supervisedMetric, false);

function supervisedMetric(qualified: string): boolean {
  const match =
    /^(sklearn\.metrics|torchmetrics\.functional|tensorflow\.keras\.metrics|keras\.metrics)\.(?:\w+\.)*(\w+)$/.exec(
      qualified,
    );
  const name = match?.[2];
  return name !== undefined && !UNSUPERVISED.test(name) && METRIC_NAME.test(name);
}

export const FIT_METHODS = new Set([
  'fit',
  'fit_transform',
  'fit_resample',
  'fit_sample',
  'adapt',
  'fit_on_texts',
  'fit_predict',
]);
export const APPLY_METHODS = new Set(['transform', 'texts_to_sequences', 'texts_to_matrix', 'inverse_transform']);
export const PREDICT_METHODS = new Set(['predict', 'predict_proba', 'predict_log_proba', 'decision_function']);
export const SCORE_METHODS = new Set(['score', 'evaluate']);

/** Methods that put their result in their receiver (`frames.append(part)`), besides `inplace=True`. */
const MUTATORS = new Set(['append', 'extend', 'insert', 'update', 'add', 'concat']);

/** `df.dropna(inplace=True)`, `frames.append(part)`: the call's receiver (a variable) then holds its result. */
export function rebindsReceiver(call: CallFact): boolean {
  if (call.receiverName === undefined) return false;
  return MUTATORS.has(call.method ?? '') || call.args.some((a) => a.keyword === 'inplace' && a.value.text === 'True');
}

/**
 * Upsampling by drawing rows again: `resample(minority, replace=True, n_samples=...)`, or pandas'
 * `minority.sample(n, replace=True)` (a method call on data, not on a fitted object).
 */
export function isUpsampling(call: CallFact, qualified: string | undefined): boolean {
  if (qualified !== 'sklearn.utils.resample' && (call.method !== 'sample' || call.receiver === undefined)) return false;
  return call.args.some((a) => a.keyword === 'replace' && a.value.text === 'True');
}

/** Loaded file names or variable names that say "this is the held-out part". */
export const TEST_NAME = /(^|[^a-z])(test|tst|val|valid|validation|holdout|dev)([^a-z]|$)/i;
export const TRAIN_NAME = /(^|[^a-z])(train|trn)([^a-z]|$)/i;

/**
 * Every call of every cell asks these tables about its qualified name, and a notebook (a corpus) uses
 * few distinct names: the answers are kept per name (a bounded memo; the tables never change).
 */
function memoByName<T>(answer: (qualified: string) => T, unknown: T): (qualified: string | undefined) => T {
  const known = new Map<string, T>();
  return (qualified) => {
    if (qualified === undefined) return unknown;
    let value = known.get(qualified);
    if (value === undefined) {
      value = answer(qualified);
      if (known.size >= 10_000) known.clear();
      known.set(qualified, value);
    }
    return value;
  };
}
