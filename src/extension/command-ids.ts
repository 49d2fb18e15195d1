/**
 * Every command id Liftoff registers, in one place. package.json's `contributes.commands` and
 * `menus` must use these same strings.
 */
export const CommandIds = {
  /** Analyse every notebook in the workspace and report a summary. */
  analyzeWorkspace: 'liftoff.workspace.analyze',
  /** Re-analyse what the Readiness view shows (open notebooks and notebooks analysed from disk). */
  refreshReadiness: 'liftoff.readiness.refresh',
  /** Internal: open a finding's notebook and select its cell/range (used by Readiness tree items). */
  revealFinding: 'liftoff.finding.reveal',
  /** Open a model file's report: the ONNX editor for .onnx, a pickle scan for .pkl/.joblib/.pt. */
  inspectModel: 'liftoff.model.inspect',
  /** The scaffold wizard: parts, model, Python, port, preview, write. Optional `ScaffoldOptions` argument. */
  scaffoldDeployment: 'liftoff.scaffold.deployment',
  /** One part each, straight to the preview with the inferred defaults. Optional `ScaffoldOptions` argument. */
  scaffoldDocker: 'liftoff.scaffold.docker',
  scaffoldRequirements: 'liftoff.scaffold.requirements',
  scaffoldServing: 'liftoff.scaffold.serving',
  scaffoldCi: 'liftoff.scaffold.ci',
  /** Readiness item menu: show the item's first finding (cell) or evidence file. */
  revealReadinessItem: 'liftoff.readiness.reveal',
  /** Readiness item menu: put the cursor on the item's first finding and open the quick fixes there. */
  fixReadinessItem: 'liftoff.readiness.fix',
  /** Readiness item menu: the Scaffold Deployment wizard, for items whose next step is scaffolding. */
  scaffoldReadinessItem: 'liftoff.readiness.scaffold',
  /** Readiness item menu: write `{ item, status: done, by, date, note }` into liftoff.yaml's attestations. */
  attestReadinessItem: 'liftoff.readiness.attest',
  /** Open liftoff.yaml, creating a starter with the business goal to fill in (walkthrough step). */
  openManifest: 'liftoff.manifest.open',
} as const;

export type CommandId = (typeof CommandIds)[keyof typeof CommandIds];
