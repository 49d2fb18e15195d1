/**
 * The scaffold context, pre-filled from what the analysis knows: the model file (found in the project,
 * or where the notebook saves it), its format, the framework and requirements from the imports, and
 * the feature names when the notebook lists them. Every guess comes with a note saying where it came from.
 */
import type { CellFacts } from '../analysis/facts';
import type { ProjectManifest } from '../project/manifest';
import {
  APP_USER_ID,
  DEFAULT_PORT,
  DEFAULT_PYTHON_VERSION,
  modelFileInImage,
  modelFormatOf,
  slugify,
  toFeatures,
  type Requirement,
  type ScaffoldContext,
} from './context';
import { parentOf } from './paths';
import { inferRequirements } from './requirements';
import { manifestFields } from './manifest-context';
import { featureNames, savedModelPaths } from './notebook-hints';
import { unknownSignature } from './onnx-signature';

export interface ProjectFacts {
  /** The project folder's name. */
  projectName: string;
  /** Notebooks with the facts of their code cells; paths relative to the project root, forward slashes. */
  notebooks: ReadonlyArray<{ path: string; cells: readonly CellFacts[] }>;
  /** Model files found in the project (relative, forward slashes). */
  modelFiles: readonly string[];
  /** The project's requirements.txt, when it has one. */
  existingRequirements?: string;
  /** The CLI's own npm spec, for the CI gate. */
  liftoffPackage: string;
  /** The project's liftoff.yaml (business goal, serving, monitoring), when it has one. */
  manifest?: ProjectManifest;
  /** Values the user chose; they win over anything inferred. */
  overrides?: Partial<ScaffoldContext>;
}

export interface InferredContext {
  context: ScaffoldContext;
  /** How each guess was made, for the plan's header and the wizard's defaults. */
  notes: string[];
}

/** Distribution-ish framework names by top-level import, most specific first. */
const FRAMEWORKS: ReadonlyArray<[string, string]> = [
  ['xgboost', 'xgboost'],
  ['lightgbm', 'lightgbm'],
  ['catboost', 'catboost'],
  ['torch', 'pytorch'],
  ['tensorflow', 'tensorflow'],
  ['keras', 'tensorflow'],
  ['sklearn', 'scikit-learn'],
];

export function inferContext(project: ProjectFacts): InferredContext {
  const notes: string[] = [];
  const cells = project.notebooks.flatMap((nb) => nb.cells);
  const imports = cells.flatMap((c) => c.imports.map((i) => i.module));
  const overrides = project.overrides ?? {};
  const model = overrides.modelPath ?? chooseModel(project, notes);
  const format = overrides.modelFormat ?? modelFormatOf(model) ?? 'pickle';
  const { requirements, notebookOnly } = inferRequirements({
    imports,
    pipInstalls: cells.flatMap((c) => c.pipInstalls.flatMap((p) => p.packages)),
    existingRequirements: project.existingRequirements,
    modelFormat: format,
  });
  const unpinned = requirements.filter((r) => r.specifier === '').map((r) => r.name);
  if (unpinned.length > 0)
    notes.push(`not pinned (no version in the notebook or requirements.txt): ${unpinned.join(', ')}`);
  const features = cells.map(featureNames).find((names) => names !== undefined) ?? [];
  notes.push(
    features.length > 0
      ? `features from the notebook: ${features.join(', ')}`
      : 'feature names unknown: /predict takes a list of numbers',
  );
  const context: ScaffoldContext = {
    projectName: oneLine(project.projectName),
    modelName: slugify(project.projectName),
    modelPath: model,
    modelFormat: format,
    modelFileInImage: modelFileInImage(format),
    framework: frameworkOf(imports),
    pythonVersion: DEFAULT_PYTHON_VERSION,
    port: project.manifest?.serving?.port ?? DEFAULT_PORT,
    features: toFeatures(features),
    requirements,
    notebookOnly,
    notebooks: project.notebooks.map((nb) => oneLine(nb.path)),
    liftoffPackage: project.liftoffPackage,
    ...manifestFields(project.manifest, notes),
    onnx: unknownSignature(),
    gpu: project.manifest?.serving?.gpu === true,
    userId: APP_USER_ID,
  };
  return { context: applyOverrides(context, overrides), notes };
}

/** A model file in the project wins; else where a notebook saves one; else model.pkl, said so. */
function chooseModel(project: ProjectFacts, notes: string[]): string {
  const found = [...project.modelFiles].sort(byDepthThenName);
  if (found.length > 0) {
    const others = found.length > 1 ? ` (also found: ${found.slice(1).join(', ')})` : '';
    notes.push(`model file: ${found[0]}${others}`);
    return found[0];
  }
  for (const nb of project.notebooks) {
    const saved = nb.cells.flatMap(savedModelPaths)[0];
    if (saved !== undefined) {
      const dir = parentOf(nb.path);
      const path = dir === '' ? saved : `${dir}/${saved}`;
      notes.push(`model file: ${path} (saved by ${nb.path}; run the notebook to create it)`);
      return path;
    }
  }
  notes.push('model file: none found; assuming model.pkl next to the Dockerfile');
  return 'model.pkl';
}

function frameworkOf(imports: readonly string[]): string {
  const tops = new Set(imports.map((m) => m.split('.')[0]));
  return FRAMEWORKS.find(([module]) => tops.has(module))?.[1] ?? 'unknown';
}

function byDepthThenName(a: string, b: string): number {
  const depth = a.split('/').length - b.split('/').length;
  return depth !== 0 ? depth : a < b ? -1 : a > b ? 1 : 0;
}

function applyOverrides(context: ScaffoldContext, overrides: Partial<ScaffoldContext>): ScaffoldContext {
  const merged: ScaffoldContext = { ...context };
  for (const [key, value] of Object.entries(overrides)) {
    if (value !== undefined) (merged as unknown as Record<string, unknown>)[key] = value;
  }
  merged.modelFileInImage = modelFileInImage(merged.modelFormat);
  if (merged.gpu) merged.requirements = merged.requirements.map(forGpu);
  merged.projectName = oneLine(merged.projectName);
  merged.modelName = slugify(merged.modelName);
  return merged;
}

/** Distributions with a separate GPU build on PyPI (the rest bring CUDA in their Linux wheels). */
const GPU_BUILDS: Readonly<Record<string, string>> = { onnxruntime: 'onnxruntime-gpu' };

function forGpu(requirement: Requirement): Requirement {
  const gpu = GPU_BUILDS[requirement.name];
  if (gpu === undefined) return requirement;
  return { ...requirement, name: gpu, line: gpu + requirement.specifier, reason: `${requirement.reason} (GPU build)` };
}

/** Names end up in comments and titles: a newline there could start a Dockerfile instruction. */
function oneLine(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f]+/g, ' ');
}
