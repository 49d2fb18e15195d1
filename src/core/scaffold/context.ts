/**
 * What templates are rendered with. Every field is plain data, filled from the analysis (see infer.ts)
 * and shown to the user before anything is written, so a face can let them change it.
 */
import type { OnnxSignature } from './onnx-signature';

export type ModelFormat = 'pickle' | 'joblib' | 'onnx';

export interface Requirement {
  /** Distribution name as pip knows it ("scikit-learn"). */
  name: string;
  /** Version specifier when known ("==1.5.2"), else "". */
  specifier: string;
  /** The requirements.txt line: name + specifier. */
  line: string;
  /** Why it is there ("import sklearn", "%pip install", "serving"). */
  reason: string;
}

export interface Feature {
  /** The column name as the model was trained with it (the JSON key in requests). */
  name: string;
  /** A unique Python identifier for it ("monthly charges" -> "monthly_charges"). */
  ident: string;
}

export interface ScaffoldContext {
  /** Human-readable project name (the project folder's name). */
  projectName: string;
  /** URL- and image-safe name of the model, used in `/v2/models/{name}` and image tags. */
  modelName: string;
  /** Where the model file is, relative to the project root, with forward slashes. */
  modelPath: string;
  modelFormat: ModelFormat;
  /** File name the model gets inside the image and next to the app ("model.pkl"). */
  modelFileInImage: string;
  /** "scikit-learn", "xgboost", "lightgbm", "pytorch", "tensorflow" or "unknown". */
  framework: string;
  /** Python minor version for the base image and CI ("3.11"). */
  pythonVersion: string;
  port: number;
  /** Input features in order, when the notebook or the model says; empty when unknown. */
  features: Feature[];
  /** What the model needs at run time, pinned where a version is known. */
  requirements: Requirement[];
  /** Imported by the notebook but only useful there (plotting, widgets); listed as comments. */
  notebookOnly: Requirement[];
  /** Notebooks the context was inferred from, relative to the project root. */
  notebooks: string[];
  /** npm package spec of the Liftoff CLI used as the CI gate ("liftoff@0.1.0"). */
  liftoffPackage: string;
  /** The business goal from liftoff.yaml, as display text ('' when not declared). */
  business: BusinessContext;
  /** Prediction volume the alerts watch, derived from business.predictionsPerDay. */
  traffic: TrafficContext;
  /** Latency SLO (p95) from business.latencyBudgetMs, default 200 ms. */
  latency: LatencyContext;
  /** Relative shift of a feature's mean (last hour vs last week) that counts as drift. */
  driftMeanShift: number;
  /** Pods the Deployment starts with (serving.replicas, default 2); the autoscaler's minimum. */
  replicas: number;
  /** The autoscaler's maximum. */
  maxReplicas: number;
  /** From liftoff.yaml's first model ('' when not declared). */
  modelTask: string;
  modelTarget: string;
  /** The scheduled drift check's thresholds (monitoring.drift in liftoff.yaml). */
  drift: DriftContext;
  /** Cron schedule of the retraining trigger (retraining.schedule, default Mondays 03:00 UTC). */
  retrainSchedule: string;
  /** An ONNX model's inputs and outputs, read from the file by the face (onnx-signature.ts). */
  onnx: OnnxSignature;
  /** GPU image (CUDA runtime base) and a GPU request in Kubernetes (serving.gpu, --gpu, the wizard). */
  gpu: boolean;
  /** The image's numeric user and group id, the same as runAsUser/runAsGroup in Kubernetes. */
  userId: number;
}

export interface DriftContext {
  /** The test that decides (monitoring.drift.method; psi unless it says ks). */
  method: 'psi' | 'ks';
  /** Population stability index above which a feature has drifted (default 0.2). */
  psiThreshold: number;
  /** Kolmogorov-Smirnov statistic above which a feature has drifted (default 0.1). */
  ksThreshold: number;
  /** Whether the threshold comes from liftoff.yaml. */
  fromManifest: boolean;
  /** Only these features are checked (monitoring.drift.features); empty: all of the profile's. */
  features: string[];
}

export interface BusinessContext {
  /** Whether liftoff.yaml declares any business field at all. */
  declared: boolean;
  kpi: string;
  owner: string;
  /** Costs with their currency ("12.5 EUR"), '' when unknown. */
  costFalsePositive: string;
  costFalseNegative: string;
  unitErrorCost: string;
  /** Formatted ("50,000"), '' when unknown. */
  predictionsPerDay: string;
}

export interface TrafficContext {
  /** Whether predictionsPerDay is known; without it only "no traffic at all" is alerted on. */
  known: boolean;
  perDay: number;
  /** Below this many predictions per day (extrapolated from the last hour) traffic is too low. */
  lowPerDay: number;
  /** Above this it is too high (capacity, or a client in a loop). */
  highPerDay: number;
}

export interface LatencyContext {
  budgetMs: number;
  /** The same budget in seconds, as the latency histogram measures it. */
  budgetSeconds: number;
  /** Whether the budget comes from liftoff.yaml (else the 200 ms default). */
  fromManifest: boolean;
}

export const DEFAULT_LATENCY_BUDGET_MS = 200;
export const DEFAULT_REPLICAS = 2;
export const DEFAULT_DRIFT_MEAN_SHIFT = 0.25;
export const DEFAULT_PSI_THRESHOLD = 0.2;
export const DEFAULT_KS_THRESHOLD = 0.1;
export const DEFAULT_RETRAIN_SCHEDULE = '0 3 * * 1';

export const DEFAULT_PYTHON_VERSION = '3.11';
export const DEFAULT_PORT = 8080;
/** Above the range distributions give system and login users, so it collides with none of them. */
export const APP_USER_ID = 10001;

const IMAGE_FILE: Readonly<Record<ModelFormat, string>> = {
  pickle: 'model.pkl',
  joblib: 'model.joblib',
  onnx: 'model.onnx',
};

export function modelFileInImage(format: ModelFormat): string {
  return IMAGE_FILE[format];
}

export function modelFormatOf(path: string): ModelFormat | undefined {
  const lower = path.toLowerCase();
  if (lower.endsWith('.onnx')) return 'onnx';
  if (lower.endsWith('.joblib')) return 'joblib';
  if (lower.endsWith('.pkl') || lower.endsWith('.pickle')) return 'pickle';
  return undefined;
}

/** "Churn Model (v2)" -> "churn-model-v2": safe in URLs, image tags and Kubernetes names. */
export function slugify(text: string, fallback = 'model'): string {
  const slug = text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63)
    .replace(/-+$/, '');
  return slug === '' ? fallback : slug;
}

const PY_KEYWORDS = new Set(
  (
    'False None True and as assert async await break class continue def del elif else except finally for ' +
    'from global if import in is lambda nonlocal not or pass raise return try while with yield'
  ).split(' '),
);

/** BaseModel's own attributes (pydantic 1 and 2): a field with one of these names would shadow it. */
const PYDANTIC_NAMES = new Set(
  (
    'dict json copy parse_obj parse_raw parse_file from_orm schema schema_json construct validate ' +
    'update_forward_refs fields Config'
  ).split(' '),
);

/** Features with unique Python identifiers ("monthly charges" -> "monthly_charges", "2x" -> "f_2x"). */
export function toFeatures(names: readonly string[]): Feature[] {
  const used = new Set<string>();
  return names.map((name) => {
    let base = name.replace(/[^A-Za-z0-9_]/g, '_');
    if (base === '' || /^[0-9]/.test(base)) base = `f_${base}`;
    if (PY_KEYWORDS.has(base) || PYDANTIC_NAMES.has(base) || /^(?:_|model_)/.test(base)) base = `f_${base}`;
    let ident = base;
    for (let n = 2; used.has(ident); n++) ident = `${base}_${n}`;
    used.add(ident);
    return { name, ident };
  });
}
