/** One pass over the snapshot: the facts every item's evidence rule reads. */
import type { Finding, RuleCategory } from '../findings';
import type { Notebook } from '../notebook/model';
import { loadManifest, type LoadedManifest } from '../project/load';
import { MANIFEST_FILE } from '../project/manifest';
import {
  checkRequirements,
  ciSignals,
  isDataSchema,
  isDependencyBot,
  isDeployManifest,
  isDockerfile,
  isMonitoringConfig,
  isRequirements,
  isServingApp,
  isTestFile,
  type CiSignals,
  type RequirementsCheck,
} from './files';
import { lineageFacts, type LineageFacts } from './evidence-lineage';
import { modelFacts, type ModelFacts } from './evidence-models';
import { notebookSignals, type NotebookSignals } from './notebook-signals';
import type { WorkspaceSnapshot } from './types';

export interface Evidence {
  files: readonly string[];
  texts: Readonly<Record<string, string>>;
  loaded: LoadedManifest;
  ci: CiSignals;
  dockerfiles: string[];
  requirements: { files: string[]; check: RequirementsCheck };
  testFiles: string[];
  dependencyBots: string[];
  monitoringFiles: string[];
  deployFiles: string[];
  servingApps: string[];
  dataSchemas: string[];
  notebookCount: number;
  findings: Finding[];
  signals: NotebookSignals;
  models: ModelFacts;
  lineage: LineageFacts;
}

export function gatherEvidence(snapshot: WorkspaceSnapshot): Evidence {
  const { files, texts } = snapshot;
  const requirementFiles = files.filter(isRequirements);
  const unpinned = requirementFiles.flatMap((f) => checkRequirements(texts[f] ?? '').unpinned);
  const notebooks = snapshot.notebooks.map((n) => n.notebook).filter((n): n is Notebook => n !== undefined);
  return {
    files,
    texts,
    loaded: loadManifest(texts[MANIFEST_FILE]),
    ci: ciSignals(texts, files),
    dockerfiles: files.filter(isDockerfile),
    requirements: { files: requirementFiles, check: { pinned: unpinned.length === 0, unpinned } },
    testFiles: files.filter(isTestFile),
    dependencyBots: files.filter(isDependencyBot),
    monitoringFiles: files.filter(isMonitoringConfig),
    deployFiles: files.filter(isDeployManifest),
    servingApps: files.filter(isServingApp),
    dataSchemas: files.filter(isDataSchema),
    notebookCount: snapshot.notebooks.length,
    findings: snapshot.notebooks.flatMap((n) => n.findings),
    signals: notebookSignals(notebooks),
    models: modelFacts(snapshot.models ?? []),
    lineage: lineageFacts(snapshot.lineage ?? []),
  };
}

export function findingsIn(ev: Evidence, ...categories: RuleCategory[]): Finding[] {
  return ev.findings.filter((f) => categories.includes(f.category));
}

export function findingsOf(ev: Evidence, ...ruleNames: string[]): Finding[] {
  return ev.findings.filter((f) => ruleNames.includes(f.ruleName));
}

/** Text of monitoring and deploy files joined, for keyword evidence (alerts on latency, canary, rollback). */
export function opsText(
  ev: Evidence,
  ...groups: ('monitoring' | 'deploy' | 'ci')[]
): { text: string; files: string[] } {
  const files = [
    ...(groups.includes('monitoring') ? ev.monitoringFiles : []),
    ...(groups.includes('deploy') ? ev.deployFiles : []),
    ...(groups.includes('ci') ? ev.ci.workflows : []),
  ];
  return { text: files.map((f) => ev.texts[f] ?? '').join('\n'), files };
}

export function matchingFiles(ev: Evidence, files: readonly string[], re: RegExp): string[] {
  return files.filter((f) => re.test(ev.texts[f] ?? ''));
}
