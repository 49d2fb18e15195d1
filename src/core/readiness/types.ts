/** Readiness values: what a checklist item is, what it found, and the report the faces show. */
import type { Finding } from '../findings';
import type { ArtifactReport } from '../models/inspect';
import type { ArtifactLineage } from '../models/lineage/link';
import type { Notebook, Range } from '../notebook/model';
import type { ManifestError } from '../project/load';
import type { ProjectManifest } from '../project/manifest';
import type { BusinessNumbers } from './business';

export type ItemStatus = 'pass' | 'partial' | 'fail' | 'unknown';
/** As in the ML Test Score: 0 not done, 0.5 done by hand and documented, 1 automated. */
export type ItemScore = 0 | 0.5 | 1;

/** The four sections of Breck et al. (2017), "The ML Test Score". */
export type MlTestSection = 'data' | 'model' | 'infra' | 'monitor';
/** The five reasons models die, the order people read the checklist in. */
export type DisplaySection = 'data' | 'infrastructure' | 'evaluation' | 'monitoring' | 'business';

export interface ItemDef {
  /** Stable id, e.g. `data-1`; the key attestations use. */
  id: string;
  title: string;
  /** `Data 1` ... `Monitor 7`; undefined for Liftoff's own business items (not part of the score). */
  mlTestScore?: string;
  mlSection?: MlTestSection;
  section: DisplaySection;
}

/** What moves an item: a command to run, a rule to fix, or an attestation to write. */
export type NextStep =
  | { kind: 'command'; command: string; text: string }
  | { kind: 'rule'; ruleId: string; text: string }
  | { kind: 'attest'; item: string; text: string }
  | { kind: 'manifest'; key: string; text: string }
  /** Run the notebook again so this cell writes its model file anew. */
  | { kind: 'rerun'; notebook: string; cellIndex: number; text: string };

/** A notebook cell that serves as evidence (the cell that writes a model file), so a face can reveal it. */
export interface CellTarget {
  /** The notebook, project-relative. */
  file: string;
  cellIndex: number;
  /** The call inside the cell. */
  range?: Range;
}

export interface Verdict {
  status: ItemStatus;
  score: ItemScore;
  why: string;
  next?: NextStep;
  /** Findings behind a fail, so a face can reveal the cell. */
  findings?: Finding[];
  /** Files that served as evidence, so a face can open them. */
  files?: string[];
  /** Cells that served as evidence; a face reveals the first (after findings, before files). */
  cells?: CellTarget[];
}

export interface ReadinessItem extends ItemDef, Verdict {}

export interface NotebookInput {
  path: string;
  /** Absent when the notebook could not be read (its LO901 finding is in `findings`). */
  notebook?: Notebook;
  findings: Finding[];
}

/** Everything readiness looks at, gathered by a face (CLI: the file system; extension: the workspace). */
export interface WorkspaceSnapshot {
  /** Every file under the project root, relative, with forward slashes. */
  files: readonly string[];
  /** Text of the files `wantsText` selected, keyed by the same relative path. */
  texts: Readonly<Record<string, string>>;
  notebooks: readonly NotebookInput[];
  /** Reports of the model files inspected (ONNX header and probe, pickle scans); see evidence-models.ts. */
  models?: readonly ArtifactReport[];
  /** Which notebook cell writes each model file, and whether the file is stale; see evidence-lineage.ts. */
  lineage?: readonly ArtifactLineage[];
}

export interface SectionScore {
  section: MlTestSection;
  label: string;
  /** Sum of the section's item scores, 0..7. */
  score: number;
}

export interface MaturityLevel {
  level: 0 | 1 | 2 | 3 | 4;
  name: string;
  /** Why this level and not the next. */
  why: string;
}

export interface ReadinessReport {
  items: ReadinessItem[];
  sections: SectionScore[];
  /** The minimum of the four section sums, as in the paper. */
  finalScore: number;
  maturity: MaturityLevel;
  manifestPresent: boolean;
  manifestErrors: ManifestError[];
  manifest: ProjectManifest;
  business: BusinessNumbers;
}
