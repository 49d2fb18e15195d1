/** Evidence rules for the Infrastructure tests (Breck et al. 2017, Table III). */
import { findingsIn, matchingFiles, opsText, type Evidence } from './evidence';
import type { Verdict } from './types';
import {
  attest,
  command,
  describeFindings,
  fail,
  fixRule,
  list,
  manifestKey,
  partial,
  pass,
  SCAFFOLD,
} from './verdict';

type Rule = (ev: Evidence) => Verdict;

const reproducible: Rule = (ev) => {
  const issues = findingsIn(ev, 'reproducibility');
  if (issues.length > 0) {
    return fail(
      `training cannot be re-run to the same model: ${describeFindings(issues)}`,
      fixRule(issues[0]?.ruleId ?? '', 'fix the reproducibility findings (seeds, run order, pins)'),
      issues,
    );
  }
  const { files, check } = ev.requirements;
  if (files.length > 0 && check.pinned) {
    return pass(`no reproducibility findings and every dependency is pinned (${list(files)})`, files);
  }
  const deps = files.length === 0 ? 'there is no requirements.txt' : `unpinned: ${list(check.unpinned)}`;
  return partial(`no reproducibility findings, but ${deps}`, command(SCAFFOLD, 'scaffold a pinned requirements.txt'));
};

const unitTested: Rule = (ev) => {
  const modelTests = ev.testFiles.filter((f) => /model|train|predict|pipeline/i.test(f));
  if (modelTests.length > 0 && ev.ci.runsPytest.length > 0)
    return pass(`model tests run in CI (${list(modelTests)})`, modelTests);
  if (ev.testFiles.length > 0) {
    return partial(
      `tests exist (${list(ev.testFiles)}) but none named for the model runs in CI`,
      command(SCAFFOLD, 'add a model smoke test to CI'),
      ev.testFiles,
    );
  }
  return fail('no unit tests for the model code', command(SCAFFOLD, 'scaffold a model smoke test'));
};

const integration: Rule = (ev) => {
  if (ev.ci.runsTraining.length > 0)
    return pass(`CI runs the training end to end (${list(ev.ci.runsTraining)})`, ev.ci.runsTraining);
  return fail(
    'no CI workflow runs the pipeline end to end (papermill, nbconvert --execute, nbmake, train.py)',
    command(SCAFFOLD, 'scaffold a CI job that executes the notebook'),
  );
};

const validatedBeforeServing: Rule = (ev) => {
  const flawed = findingsIn(ev, 'leakage', 'evaluation');
  if (flawed.length > 0) {
    return fail(
      `the reported quality cannot be trusted: ${describeFindings(flawed)}`,
      fixRule(flawed[0]?.ruleId ?? '', 'fix the leakage and evaluation findings'),
      flawed,
    );
  }
  if (ev.signals.split.length === 0) {
    return fail(
      'no held-out evaluation (train/test split or cross-validation) in the notebooks',
      fixRule('LO303', 'hold data out with train_test_split'),
    );
  }
  if (ev.ci.minScoreGate.length > 0 || ev.ci.runsTraining.length > 0) {
    return pass(
      `held-out evaluation with no leakage findings, gated in CI (${list([...new Set([...ev.ci.minScoreGate, ...ev.ci.runsTraining])])})`,
    );
  }
  return partial(
    `held-out evaluation in ${list(ev.signals.split)} with no leakage findings, checked by hand`,
    command(SCAFFOLD, 'gate the model quality in CI'),
  );
};

const debuggable: Rule = (ev) => {
  if (ev.dockerfiles.length > 0 && ev.servingApps.length > 0) {
    return partial(
      `the serving image can be run locally on one example (${list([...ev.dockerfiles, ...ev.servingApps])})`,
      attest('infra-5', 'a single prediction can be traced step by step'),
      ev.dockerfiles,
    );
  }
  return fail(
    'no Dockerfile and serving app to reproduce a prediction outside the notebook',
    command(SCAFFOLD, 'scaffold the Dockerfile and the serving app'),
  );
};

const canary: Rule = (ev) => {
  const ops = opsText(ev, 'deploy', 'ci');
  const files = matchingFiles(ev, ops.files, /canary|argoproj\.io\/v1alpha1[\s\S]*Rollout|trafficSplit|traffic-split/i);
  if (files.length > 0) return pass(`deployment sends new versions to a canary first (${list(files)})`, files);
  if (ev.loaded.manifest.serving.canary === true) {
    return partial(
      'liftoff.yaml declares canary releases, but no deploy manifest or workflow shows one',
      attest('infra-6', 'canary releases happen'),
    );
  }
  return fail(
    'no canary release in the deploy manifests or workflows',
    manifestKey('serving.canary', 'plan a canary release'),
  );
};

const rollback: Rule = (ev) => {
  const ops = opsText(ev, 'deploy', 'ci');
  const files = matchingFiles(ev, ops.files, /rollout\s+undo|rollback|revisionHistoryLimit|helm\s+rollback/i);
  if (files.length > 0) return pass(`rollback is scripted (${list(files)})`, files);
  if (ev.loaded.manifest.serving.rollback !== undefined) {
    return partial(
      `liftoff.yaml documents the rollback: ${ev.loaded.manifest.serving.rollback}`,
      attest('infra-7', 'the rollback was rehearsed'),
    );
  }
  return fail(
    'no documented or scripted way to roll back a bad model',
    manifestKey('serving.rollback', 'write down how to roll back'),
  );
};

export const INFRA_RULES: Record<string, Rule> = {
  'infra-1': reproducible,
  'infra-2': unitTested,
  'infra-3': integration,
  'infra-4': validatedBeforeServing,
  'infra-5': debuggable,
  'infra-6': canary,
  'infra-7': rollback,
};
