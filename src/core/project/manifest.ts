/** The typed shape of `liftoff.yaml` (schemas/liftoff.schema.json is the source of truth for validation). */
import type { Severity } from '../findings';

export type ModelTask =
  'classification' | 'regression' | 'ranking' | 'forecasting' | 'clustering' | 'generation' | 'other';

export interface ManifestModel {
  name: string;
  path?: string;
  notebook?: string;
  task?: ModelTask;
  target?: string;
}

export interface BusinessGoal {
  kpi?: string;
  owner?: string;
  costFalsePositive?: number;
  costFalseNegative?: number;
  unitErrorCost?: number;
  currency?: string;
  predictionsPerDay?: number;
  latencyBudgetMs?: number;
}

export interface Serving {
  port?: number;
  framework?: string;
  replicas?: number;
  /** Serve on a GPU: the scaffolded image gets a CUDA runtime base. */
  gpu?: boolean;
  canary?: boolean;
  rollback?: string;
}

export interface Monitoring {
  drift?: { method?: string; threshold?: number; features?: string[] };
  alerts?: { metric: string; threshold?: number; channel?: string }[];
}

export interface Retraining {
  policy?: 'manual' | 'scheduled' | 'triggered';
  schedule?: string;
  trigger?: string;
}

export interface Attestation {
  /** A readiness item id, e.g. `data-2`. */
  item: string;
  /** `done`: by hand and documented (0.5); `automated`: runs automatically outside what Liftoff sees (1). */
  status: 'done' | 'automated';
  by?: string;
  date?: string;
  note?: string;
}

export interface ScaffoldSettings {
  /** A folder of template overrides, relative to liftoff.yaml (looked up file by file). */
  templates?: string;
}

export interface ProjectManifest {
  version?: 1;
  models: ManifestModel[];
  business: BusinessGoal;
  serving: Serving;
  monitoring: Monitoring;
  retraining: Retraining;
  attestations: Attestation[];
  rules: Record<string, Severity | 'off'>;
  /** How `liftoff scaffold` and the editor's scaffold commands render (absent: built-in templates only). */
  scaffold?: ScaffoldSettings;
}

export const MANIFEST_FILE = 'liftoff.yaml';

/** What a project without `liftoff.yaml` (or with an empty one) means: nothing declared, nothing attested. */
export function defaultManifest(): ProjectManifest {
  return { models: [], business: {}, serving: {}, monitoring: {}, retraining: {}, attestations: [], rules: {} };
}
