/**
 * requirements.txt from what the notebook imports: import name -> distribution name (sklearn ->
 * scikit-learn, cv2 -> opencv-python-headless), standard library ignored, pinned from `%pip install
 * x==v` lines and from an existing requirements.txt (the user's pins win over ours).
 */
import type { ModelFormat, Requirement } from './context';
import {
  distributionOf,
  normalize,
  parseSpecifier,
  requirementLines,
  topLevel,
  type ParsedSpecifier,
} from '../python/packages';

export { distributionOf, normalize, parseSpecifier };

/** Only useful inside a notebook: listed as comments, kept out of the image. */
const NOTEBOOK_ONLY: ReadonlySet<string> = new Set([
  'matplotlib',
  'seaborn',
  'plotly',
  'ipywidgets',
  'ipython',
  'jupyter',
  'notebook',
  'jupyterlab',
  'tqdm',
  'missingno',
  'yellowbrick',
  'pandas-profiling',
  'ydata-profiling',
]);

/**
 * The serving stack, pinned (latest releases when these templates were written; bump them together).
 * The generated app also runs on older FastAPI/pydantic 1 (it is tested on Debian 12's).
 */
export const SERVING_PINS: readonly Requirement[] = [
  pinned('fastapi', '0.163.2'),
  pinned('uvicorn', '0.54.0'),
  pinned('prometheus-client', '0.26.0'),
];

const LOADER_OF: Readonly<Record<ModelFormat, readonly string[]>> = {
  pickle: ['numpy'],
  joblib: ['joblib', 'numpy'],
  onnx: ['onnxruntime', 'numpy'],
};

export interface RequirementsInput {
  /** Top-level or dotted module names imported by the notebooks ("sklearn.ensemble"). */
  imports: readonly string[];
  /** Specifiers from `%pip install` lines ("pandas==2.2.2", "xgboost"). */
  pipInstalls: readonly string[];
  /** The project's existing requirements.txt, when there is one: its pins are kept. */
  existingRequirements?: string;
  modelFormat: ModelFormat;
}

export interface InferredRequirements {
  requirements: Requirement[];
  notebookOnly: Requirement[];
}

export function inferRequirements(input: RequirementsInput): InferredRequirements {
  const pins = new Map<string, string>();
  for (const spec of input.pipInstalls) addPin(pins, parseSpecifier(spec));
  for (const spec of requirementLines(input.existingRequirements ?? '')) addPin(pins, parseSpecifier(spec));
  const wanted = new Map<string, string>();
  for (const module of input.imports) {
    const dist = distributionOf(module);
    if (dist !== undefined && !wanted.has(normalize(dist))) wanted.set(normalize(dist), `import ${topLevel(module)}`);
  }
  for (const spec of input.pipInstalls) {
    const parsed = parseSpecifier(spec);
    if (parsed && !wanted.has(parsed.key)) wanted.set(parsed.key, '%pip install');
  }
  for (const dist of LOADER_OF[input.modelFormat]) if (!wanted.has(dist)) wanted.set(dist, 'loads the model');
  const all = [...wanted].map(([key, reason]) => requirement(key, pins.get(key) ?? '', reason));
  const serving = SERVING_PINS.filter((r) => !wanted.has(r.name)).map((r) => ({ ...r }));
  const byName = (a: Requirement, b: Requirement): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  return {
    requirements: [...all.filter((r) => !NOTEBOOK_ONLY.has(r.name)), ...serving].sort(byName),
    notebookOnly: all.filter((r) => NOTEBOOK_ONLY.has(r.name)).sort(byName),
  };
}

function addPin(pins: Map<string, string>, parsed: ParsedSpecifier | undefined): void {
  if (parsed && parsed.specifier !== '') pins.set(parsed.key, parsed.specifier);
}

function requirement(name: string, specifier: string, reason: string): Requirement {
  return { name, specifier, line: name + specifier, reason };
}

function pinned(name: string, version: string): Requirement {
  return requirement(name, `==${version}`, 'serving');
}
