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
} as const;

export type CommandId = (typeof CommandIds)[keyof typeof CommandIds];
