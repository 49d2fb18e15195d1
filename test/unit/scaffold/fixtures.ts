/** Shared test helpers for scaffolding: a context, an in-memory folder, the built-in templates. */
import * as path from 'node:path';
import type { WritableFolder } from '../../../src/core/scaffold/apply';
import { toFeatures, type ScaffoldContext } from '../../../src/core/scaffold/context';
import { SERVING_PINS } from '../../../src/core/scaffold/requirements';
import { manifestFields } from '../../../src/core/scaffold/manifest-context';
import { unknownSignature } from '../../../src/core/scaffold/onnx-signature';
import { defaultManifest, type ProjectManifest } from '../../../src/core/project/manifest';
import { folderTemplates } from '../../../src/cli/scaffold-fs';

export const TEMPLATES_DIR = path.join(__dirname, '..', '..', '..', 'templates');
export const BUILTIN = folderTemplates(TEMPLATES_DIR, 'built-in');

/** The business goal of the churn example, as its liftoff.yaml would declare it. */
export const CHURN_MANIFEST: ProjectManifest = {
  ...defaultManifest(),
  models: [{ name: 'churn', task: 'classification', target: 'churned' }],
  business: {
    kpi: 'monthly churn rate',
    owner: 'retention-team@example.com',
    costFalsePositive: 5,
    costFalseNegative: 120,
    currency: 'EUR',
    predictionsPerDay: 50000,
    latencyBudgetMs: 150,
  },
  serving: { replicas: 3 },
};

export function churnContext(overrides: Partial<ScaffoldContext> = {}): ScaffoldContext {
  return {
    projectName: 'churn',
    modelName: 'churn',
    modelPath: 'model.pkl',
    modelFormat: 'pickle',
    modelFileInImage: 'model.pkl',
    framework: 'scikit-learn',
    pythonVersion: '3.11',
    port: 8080,
    features: toFeatures(['tenure_months', 'monthly_charges', 'total_charges', 'support_calls']),
    requirements: [
      { name: 'numpy', specifier: '', line: 'numpy', reason: 'import numpy' },
      { name: 'scikit-learn', specifier: '==1.5.2', line: 'scikit-learn==1.5.2', reason: 'import sklearn' },
      ...SERVING_PINS,
    ],
    notebookOnly: [{ name: 'matplotlib', specifier: '', line: 'matplotlib', reason: 'import matplotlib' }],
    notebooks: ['train.ipynb'],
    liftoffPackage: 'liftoff@0.1.0',
    ...manifestFields(CHURN_MANIFEST, []),
    onnx: unknownSignature(),
    gpu: false,
    userId: 10001,
    ...overrides,
  };
}

/** A folder in memory that can be told to fail the n-th rename, to test the all-or-nothing write. */
export class MemoryFolder implements WritableFolder {
  readonly files = new Map<string, string>();
  failRenameAt = -1;
  private renames = 0;

  constructor(initial: Record<string, string> = {}) {
    for (const [k, v] of Object.entries(initial)) this.files.set(k, v);
  }

  async readTextIfExists(p: string): Promise<string | undefined> {
    return this.files.get(p);
  }

  async writeText(p: string, text: string): Promise<void> {
    this.files.set(p, text);
  }

  async rename(from: string, to: string): Promise<void> {
    if (this.renames++ === this.failRenameAt) throw new Error(`disk full while renaming ${from}`);
    const text = this.files.get(from);
    if (text === undefined) throw new Error(`no such file ${from}`);
    this.files.delete(from);
    this.files.set(to, text);
  }

  async remove(p: string): Promise<void> {
    this.files.delete(p);
  }

  snapshot(): Record<string, string> {
    return Object.fromEntries([...this.files].sort(([a], [b]) => (a < b ? -1 : 1)));
  }
}
