/**
 * Every command id Liftoff registers, in one place. package.json's `contributes.commands` and
 * `menus` must use these same strings.
 */
export const CommandIds = {
  /** Analyse every notebook in the workspace and report a summary. */
  analyzeWorkspace: 'liftoff.workspace.analyze',
  /** Re-analyse what the Readiness view shows (open notebooks and notebooks analysed from disk). */
  refreshReadiness: 'liftoff.readiness.refresh',
  /**
   * Internal: apply a quick fix that inserts cells. Code actions carry such fixes as this command rather than
   * as a WorkspaceEdit: notebook cell edits do not survive VS Code's code-action conversions (only text and
   * file edits do), so a command is what reaches the user, the lightbulb and `vscode.executeCodeActionProvider`
   * alike.
   */
  applyFix: 'liftoff.fix.apply',
  /** Internal: open a finding's notebook and select its cell/range (used by Readiness tree items). */
  revealFinding: 'liftoff.finding.reveal',
  /** Open a model file's report: the ONNX editor for .onnx, a pickle scan for .pkl/.joblib/.pt. */
  inspectModel: 'liftoff.model.inspect',
  /** The scaffold wizard: parts, model, Python, port, preview, write. Optional `ScaffoldOptions` argument. */
  scaffoldDeployment: 'liftoff.scaffold.deployment',
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
  /** The business-goal wizard: KPI, owner, error costs, volume, latency budget into liftoff.yaml (undoable). */
  defineBusinessGoal: 'liftoff.business.define',
} as const;

export type CommandId = (typeof CommandIds)[keyof typeof CommandIds] | ScaffoldPartCommandId;

export type ScaffoldPartCommandId = `liftoff.scaffold.${string}`;

/**
 * One command per scaffold part (`liftoff.scaffold.docker`, `.k8s`, …), straight to the preview with the
 * inferred defaults. Optional `ScaffoldOptions` argument. Every part of the catalogue has one.
 */
export function scaffoldPartCommand(partId: string): ScaffoldPartCommandId {
  return `liftoff.scaffold.${partId}`;
}
