/**
 * Every rule, in id order: the one list the engine, the CLI (`liftoff rules`), the extension,
 * the settings schema and docs/rules/ all read.
 */
import { accuracyOnly } from './accuracy-only';
import { classBalanceUnchecked } from './class-balance-unchecked';
import { duplicatesUnhandled } from './duplicates-unhandled';
import { evaluatedOnTrainingData } from './evaluated-on-training-data';
import { hardcodedPath } from './hardcoded-path';
import { inconsistentLabels } from './inconsistent-labels';
import { missingValuesUnhandled } from './missing-values-unhandled';
import { modelNotPersisted } from './model-not-persisted';
import { multiTestLeakage } from './multi-test-leakage';
import { noBaseline } from './no-baseline';
import { noHoldout } from './no-holdout';
import { nonLinearExecution } from './non-linear-execution';
import { oversamplingBeforeSplit } from './oversampling-before-split';
import { pickleOnlyPersistence } from './pickle-only-persistence';
import { preprocessingLeakage } from './preprocessing-leakage';
import { preprocessingOutsidePipeline } from './preprocessing-outside-pipeline';
import type { Rule } from './rule';
import { secretInNotebook } from './secret-in-notebook';
import { shuffledTimeSplit } from './shuffled-time-split';
import { singleRegressionMetric } from './single-regression-metric';
import { unpinnedPipInstall } from './unpinned-pip-install';
import { unreadableNotebook } from './unreadable-notebook';
import { splitNotStratified } from './split-not-stratified';
import { targetDerivedFeature } from './target-derived-feature';
import { undeclaredImport } from './undeclared-import';
import { unexecutedCells } from './unexecuted-cells';
import { unsafeDeserialization } from './unsafe-deserialization';
import { unseededRandomness } from './unseeded-randomness';
import { useBeforeDefinition } from './use-before-definition';

export const RULES: readonly Rule[] = Object.freeze([
  hardcodedPath,
  missingValuesUnhandled,
  duplicatesUnhandled,
  classBalanceUnchecked,
  inconsistentLabels,
  preprocessingLeakage,
  oversamplingBeforeSplit,
  multiTestLeakage,
  shuffledTimeSplit,
  targetDerivedFeature,
  accuracyOnly,
  evaluatedOnTrainingData,
  noHoldout,
  splitNotStratified,
  noBaseline,
  singleRegressionMetric,
  nonLinearExecution,
  unseededRandomness,
  unpinnedPipInstall,
  unexecutedCells,
  useBeforeDefinition,
  undeclaredImport,
  unsafeDeserialization,
  secretInNotebook,
  modelNotPersisted,
  pickleOnlyPersistence,
  preprocessingOutsidePipeline,
  unreadableNotebook,
]);

const BY_KEY = new Map<string, Rule>(RULES.flatMap((r) => [[r.id.toUpperCase(), r] as const, [r.name, r] as const]));

/** Finds a rule by id (`LO402`, any case) or name (`unseeded-randomness`). */
export function findRule(idOrName: string): Rule | undefined {
  const key = idOrName.trim();
  return BY_KEY.get(key.toUpperCase()) ?? BY_KEY.get(key.toLowerCase());
}

export { unreadableNotebook as UNREADABLE_NOTEBOOK_RULE };
