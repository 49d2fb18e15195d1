/**
 * What draws random numbers and what seeds them (used by LO402 unseeded-randomness).
 * Tables only name APIs whose default is non-deterministic: xgboost, lightgbm and catboost are left out
 * on purpose because their default seeds are fixed (0 / the C++ defaults), so they reproduce as is.
 */
import type { CallFact } from '../analysis/facts';
import { hasKeywordSpread, keywordArg, lastSegment, positionalArg } from './helpers';

export type RngLibrary = 'numpy' | 'random' | 'torch' | 'tensorflow';
export const ALL_LIBRARIES: readonly RngLibrary[] = ['numpy', 'random', 'torch', 'tensorflow'];

export const LIBRARY_LABEL: Record<RngLibrary, string> = {
  numpy: 'NumPy',
  random: 'the random module',
  torch: 'PyTorch',
  tensorflow: 'TensorFlow',
};

export const GLOBAL_GENERATOR: Record<RngLibrary, string> = {
  numpy: "NumPy's global random generator",
  random: "the random module's global generator",
  torch: "PyTorch's global random generator",
  tensorflow: "TensorFlow's global random generator",
};

// prettier-ignore
const SKLEARN_RANDOM = new Set([
  'train_test_split', 'ShuffleSplit', 'StratifiedShuffleSplit', 'GroupShuffleSplit', 'RepeatedKFold',
  'RepeatedStratifiedKFold', 'RandomizedSearchCV', 'HalvingRandomSearchCV', 'RandomForestClassifier',
  'RandomForestRegressor', 'ExtraTreesClassifier', 'ExtraTreesRegressor', 'GradientBoostingClassifier',
  'GradientBoostingRegressor', 'HistGradientBoostingClassifier', 'HistGradientBoostingRegressor',
  'IsolationForest', 'BaggingClassifier', 'BaggingRegressor', 'AdaBoostClassifier', 'AdaBoostRegressor',
  'RandomTreesEmbedding', 'DecisionTreeClassifier', 'DecisionTreeRegressor', 'ExtraTreeClassifier',
  'ExtraTreeRegressor', 'SGDClassifier', 'SGDRegressor', 'SGDOneClassSVM', 'MLPClassifier', 'MLPRegressor',
  'KMeans', 'MiniBatchKMeans', 'BisectingKMeans', 'TSNE', 'make_classification', 'make_regression',
  'make_blobs', 'make_moons', 'make_circles', 'resample', 'shuffle',
  // Random only with an option set, see `isRandomUnderOptions`.
  'KFold', 'StratifiedKFold', 'SVC', 'NuSVC',
]);

// prettier-ignore
const IMBLEARN_RANDOM = new Set([
  'SMOTE', 'SMOTENC', 'SMOTEN', 'ADASYN', 'BorderlineSMOTE', 'SVMSMOTE', 'KMeansSMOTE', 'RandomOverSampler',
  'RandomUnderSampler', 'ClusterCentroids', 'SMOTETomek', 'SMOTEENN', 'BalancedRandomForestClassifier',
  'BalancedBaggingClassifier', 'EasyEnsembleClassifier', 'RUSBoostClassifier',
]);

const SPLITTERS = /split|Split|KFold|resample|shuffle/;

export interface SeedableCall {
  name: string;
  kind: 'split' | 'model';
}

/** A scikit-learn / imbalanced-learn call that is random by default and was given no random_state. */
export function unseededEstimator(qualified: string, call: CallFact): SeedableCall | undefined {
  // The root package without splitting the name: most calls are neither, and this runs on every call.
  const table = rootIs(qualified, 'sklearn')
    ? SKLEARN_RANDOM
    : rootIs(qualified, 'imblearn')
      ? IMBLEARN_RANDOM
      : undefined;
  if (table === undefined) return undefined;
  const name = lastSegment(qualified);
  const known = table.has(name);
  if (!known || hasKeywordSpread(call) || keywordArg(call, 'random_state') !== undefined) return undefined;
  if (!isRandomUnderOptions(name, call)) return undefined;
  return { name, kind: SPLITTERS.test(name) ? 'split' : 'model' };
}

/** `qualified` is `root` or starts with `root.` (the first segment of the dotted name is `root`). */
function rootIs(qualified: string, root: string): boolean {
  return qualified.startsWith(root) && (qualified.length === root.length || qualified.charCodeAt(root.length) === 46);
}

function isRandomUnderOptions(name: string, call: CallFact): boolean {
  const flag = (keyword: string): string | undefined => keywordArg(call, keyword)?.value.text;
  switch (name) {
    case 'KFold':
    case 'StratifiedKFold':
      return flag('shuffle') === 'True';
    case 'SVC':
    case 'NuSVC':
      return flag('probability') === 'True';
    case 'train_test_split':
      return flag('shuffle') !== 'False';
    default:
      return true;
  }
}

// prettier-ignore
const GLOBAL_DRAWS: Record<RngLibrary, { prefix: string; names: Set<string> }> = {
  numpy: {
    prefix: 'numpy.random.',
    names: new Set([
      'rand', 'randn', 'randint', 'random', 'random_sample', 'ranf', 'sample', 'choice', 'shuffle', 'permutation',
      'normal', 'uniform', 'binomial', 'poisson', 'exponential', 'beta', 'gamma', 'standard_normal',
      'multivariate_normal', 'lognormal', 'laplace', 'logistic', 'multinomial', 'dirichlet', 'geometric',
      'triangular', 'random_integers',
    ]),
  },
  random: {
    prefix: 'random.',
    names: new Set([
      'random', 'choice', 'choices', 'shuffle', 'randint', 'sample', 'uniform', 'gauss', 'randrange',
      'normalvariate', 'triangular', 'betavariate', 'expovariate', 'getrandbits',
    ]),
  },
  torch: {
    prefix: 'torch.',
    names: new Set([
      'rand', 'randn', 'randint', 'randperm', 'rand_like', 'randn_like', 'randint_like', 'normal', 'bernoulli',
      'multinomial', 'poisson',
    ]),
  },
  tensorflow: {
    prefix: 'tensorflow.random.',
    names: new Set(['normal', 'uniform', 'shuffle', 'truncated_normal', 'categorical', 'gamma', 'poisson']),
  },
};

/** A draw from a library's global generator: `np.random.rand()`, `random.shuffle(x)`, `torch.randn(3)`. */
export function globalDraw(qualified: string, call: CallFact): RngLibrary | undefined {
  for (const lib of ALL_LIBRARIES) {
    const { prefix, names } = GLOBAL_DRAWS[lib];
    if (!qualified.startsWith(prefix)) continue;
    const rest = qualified.slice(prefix.length);
    if (!names.has(rest)) continue;
    // An op-level seed makes a TensorFlow draw deterministic.
    if (lib === 'tensorflow' && keywordArg(call, 'seed') !== undefined) return undefined;
    return lib;
  }
  if (qualified === 'torch.utils.data.random_split' && keywordArg(call, 'generator') === undefined) return 'torch';
  if (isNumpyGenerator(qualified) && !hasSeedArgument(call)) return 'numpy';
  return undefined;
}

// A Map: most qualified names are built strings that no object key matches, and a Map settles them by hash.
const SPECIFIC_SEEDS = new Map<string, readonly RngLibrary[]>([
  ['numpy.random.seed', ['numpy']],
  ['random.seed', ['random']],
  ['torch.manual_seed', ['torch']],
  ['torch.random.manual_seed', ['torch']],
  ['torch.cuda.manual_seed', ['torch']],
  ['torch.cuda.manual_seed_all', ['torch']],
  ['tensorflow.random.set_seed', ['tensorflow']],
  ['tensorflow.set_random_seed', ['tensorflow']],
  ['tensorflow.compat.v1.set_random_seed', ['tensorflow']],
  ['tensorflow.compat.v1.random.set_random_seed', ['tensorflow']],
  ['keras.utils.set_random_seed', ['numpy', 'random', 'tensorflow', 'torch']],
  ['tensorflow.keras.utils.set_random_seed', ['numpy', 'random', 'tensorflow']],
]);

const NO_LIBRARIES: readonly RngLibrary[] = [];

/**
 * The libraries a call seeds. Unknown calls named like a seed helper (`seed_everything(42)`,
 * a notebook's own `set_seed(42)`, `pl.seed_everything`, `transformers.set_seed`) count as seeding
 * everything: better to miss a finding than to flag a notebook that clearly cares about seeds.
 */
export function seededLibraries(qualified: string | undefined, call: CallFact): readonly RngLibrary[] {
  if (qualified !== undefined) {
    const specific = SPECIFIC_SEEDS.get(qualified);
    if (specific !== undefined) return specific;
    if (isNumpyGenerator(qualified)) return hasSeedArgument(call) ? NUMPY : NO_LIBRARIES;
  }
  if (call.method !== undefined) return SEED_NAME.test(call.method) ? ALL_LIBRARIES : NO_LIBRARIES;
  // The callee's last name has "seed" only if the callee has: most do not, and need no slice.
  return SEED_NAME.test(call.callee) && SEED_NAME.test(lastSegment(call.callee)) ? ALL_LIBRARIES : NO_LIBRARIES;
}

const NUMPY: readonly RngLibrary[] = ['numpy'];

const SEED_NAME = /seed/i;

function isNumpyGenerator(qualified: string): boolean {
  return qualified === 'numpy.random.default_rng' || qualified === 'numpy.random.RandomState';
}

function hasSeedArgument(call: CallFact): boolean {
  const seed = keywordArg(call, 'seed') ?? positionalArg(call, 0);
  return seed !== undefined && seed.value.kind !== 'none';
}
