/**
 * `liftoff.scaffold.deployment` ("Liftoff: Scaffold Deployment…"): the wizard. Workspace folder (when
 * there are several), then 1/5 parts, 2/5 model file, 3/5 Python version, 4/5 CPU or GPU, 5/5 port, each pre-filled
 * from the analysis with Back on every step; then the preview and the shared write (scaffold-flow.ts).
 * Given a `ScaffoldOptions` argument it skips the questions and uses the answers it carries.
 */
import * as vscode from 'vscode';
import { CATALOG, PART_IDS } from '../../core/scaffold/catalog';
import { modelFormatOf } from '../../core/scaffold/context';
import { inferContext, type ProjectFacts } from '../../core/scaffold/infer';
import { safeRelativePath } from '../../core/scaffold/paths';
import { pickFolder } from '../scaffold-ask';
import {
  folderFromOption,
  overridesOf,
  parseOptions,
  requireTrust,
  runScaffold,
  type ScaffoldDeps,
  type ScaffoldOptions,
  type ScaffoldResult,
} from '../scaffold-flow';
import { BACK, inputText, pickItems } from '../scaffold-inputs';
import { readProjectFacts } from '../scaffold-project';

export function scaffoldDeployment(deps: ScaffoldDeps) {
  return async (raw?: unknown): Promise<ScaffoldResult | undefined> => {
    if (!requireTrust()) return undefined;
    const options = parseOptions(raw);
    if (options !== undefined) return scaffoldWith(deps, options);
    const folder = await pickFolder();
    if (!folder) {
      if ((vscode.workspace.workspaceFolders ?? []).length === 0) throw new Error('Open a folder to scaffold into.');
      return undefined;
    }
    const facts = await readFacts(deps, folder);
    const answers: Answers = defaults(facts);
    for (let step = 0; ;) {
      if (step < STEPS.length) {
        const moved = await STEPS[step](answers, facts, step + 1);
        if (moved === undefined) return undefined;
        step = Math.max(0, step + moved);
        continue;
      }
      const context = inferContext({ ...facts, overrides: overridesOf(answers) }).context;
      const result = await runScaffold(deps, { folder, parts: answers.parts, context, open: true, back: true });
      if (result !== 'back') return result;
      step = STEPS.length - 1;
    }
  };
}

/** The scripted route (tests, automation): the options are the answers. */
async function scaffoldWith(deps: ScaffoldDeps, options: ScaffoldOptions): Promise<ScaffoldResult | undefined> {
  const folder = folderFromOption(options.folder);
  const facts = await readFacts(deps, folder);
  const context = inferContext({ ...facts, overrides: overridesOf(options) }).context;
  const parts = options.parts ?? [...PART_IDS];
  const result = await runScaffold(deps, {
    folder,
    parts,
    context,
    policy: options.policy ?? 'skip',
    open: options.open !== false,
  });
  return result === 'back' ? undefined : result;
}

function readFacts(deps: ScaffoldDeps, folder: vscode.WorkspaceFolder): Thenable<ProjectFacts> {
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: `Liftoff: reading ${folder.name}` },
    () => readProjectFacts(folder, deps.liftoffPackage, deps.log),
  );
}

interface Answers {
  parts: string[];
  modelPath: string;
  pythonVersion: string;
  gpu: boolean;
  port: number;
}

function defaults(facts: ProjectFacts): Answers {
  const { context } = inferContext(facts);
  return {
    parts: [...PART_IDS],
    modelPath: context.modelPath,
    pythonVersion: context.pythonVersion,
    gpu: context.gpu,
    port: context.port,
  };
}

const TITLE = 'Liftoff: Scaffold Deployment';
const TOTAL = 5;
const PYTHON_VERSIONS = ['3.13', '3.12', '3.11', '3.10'];

/** A step updates the answers and says where to go: +1 forward, -1 back, undefined cancelled. */
type Step = (answers: Answers, facts: ProjectFacts, step: number) => Promise<1 | -1 | undefined>;

const STEPS: readonly Step[] = [
  async (answers, _facts, step) => {
    const items = CATALOG.map((part) => ({
      label: part.title,
      description: part.id,
      detail: part.description,
      id: part.id,
    }));
    const chosen = await pickItems({
      title: TITLE,
      step,
      totalSteps: TOTAL,
      placeholder: 'Which parts? (all are checked; uncheck what you do not want)',
      items,
      canPickMany: true,
      selected: items.filter((item) => answers.parts.includes(item.id)),
    });
    if (chosen === BACK || chosen === undefined) return chosen === BACK ? -1 : undefined;
    answers.parts = chosen.map((item) => item.id);
    return 1;
  },
  async (answers, facts, step) => {
    const found = facts.modelFiles.length > 0 ? `found: ${facts.modelFiles.slice(0, 5).join(', ')}` : 'none found yet';
    const value = await inputText({
      title: TITLE,
      step,
      totalSteps: TOTAL,
      value: answers.modelPath,
      prompt: `Model file, relative to the folder (.pkl, .pickle, .joblib or .onnx; ${found})`,
      validate: validateModelPath,
    });
    if (value === BACK || value === undefined) return value === BACK ? -1 : undefined;
    answers.modelPath = value;
    return 1;
  },
  async (answers, _facts, step) => {
    const versions = PYTHON_VERSIONS.includes(answers.pythonVersion)
      ? PYTHON_VERSIONS
      : [answers.pythonVersion, ...PYTHON_VERSIONS];
    const items = versions.map((v) => ({
      label: v,
      description: v === answers.pythonVersion ? 'current choice' : undefined,
    }));
    const chosen = await pickItems({
      title: TITLE,
      step,
      totalSteps: TOTAL,
      placeholder: 'Python version of the image and CI (python:<version>-slim)',
      items,
      canPickMany: false,
      active: items.find((item) => item.label === answers.pythonVersion),
    });
    if (chosen === BACK || chosen === undefined) return chosen === BACK ? -1 : undefined;
    answers.pythonVersion = chosen[0].label;
    return 1;
  },
  async (answers, _facts, step) => {
    const items = [
      { label: 'CPU', gpu: false, description: 'python:<version>-slim base image' },
      { label: 'GPU', gpu: true, description: 'CUDA runtime base image, one nvidia.com/gpu per pod' },
    ];
    const chosen = await pickItems({
      title: TITLE,
      step,
      totalSteps: TOTAL,
      placeholder: 'Serve on CPU or GPU?',
      items,
      canPickMany: false,
      active: items.find((item) => item.gpu === answers.gpu),
    });
    if (chosen === BACK || chosen === undefined) return chosen === BACK ? -1 : undefined;
    answers.gpu = chosen[0].gpu;
    return 1;
  },
  async (answers, _facts, step) => {
    const value = await inputText({
      title: TITLE,
      step,
      totalSteps: TOTAL,
      value: String(answers.port),
      prompt: 'Port the serving app listens on inside the container',
      validate: (v) =>
        /^\d{1,5}$/.test(v.trim()) && Number(v) >= 1 && Number(v) <= 65535 ? undefined : 'A port from 1 to 65535',
    });
    if (value === BACK || value === undefined) return value === BACK ? -1 : undefined;
    answers.port = Number(value);
    return 1;
  },
];

function validateModelPath(value: string): string | undefined {
  const trimmed = value.trim();
  if (modelFormatOf(trimmed) === undefined) return 'A .pkl, .pickle, .joblib or .onnx file';
  try {
    safeRelativePath(trimmed);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
