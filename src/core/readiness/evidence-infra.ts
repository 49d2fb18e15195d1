/** Evidence rules for the Infrastructure tests (Breck et al. 2017, Table III). */
import { findingsIn, matchingFiles, opsText, type Evidence } from './evidence';
import { brokenReason } from './evidence-models';
import { linkedText, orphanText, staleText, writerCell, type LineageFacts } from './evidence-lineage';
import type { NextStep, Verdict } from './types';
import {
  attest,
  command,
  describeFindings,
  fail,
  fixRule,
  INSPECT,
  list,
  manifestKey,
  partial,
  pass,
  SCAFFOLD,
} from './verdict';

type Rule = (ev: Evidence) => Verdict;

/**
 * Infra 1 from the findings (seeds, run order), the pins, and lineage: a model file older than the last
 * change of the cell that writes it fails (proven by history); one no notebook writes caps the item at
 * 0.5 (a script or a download may make it, but the notebooks cannot); a file a cell writes is shown.
 */
const reproducible: Rule = (ev) => {
  const { stale, orphans, linked } = ev.lineage;
  const issues = findingsIn(ev, 'reproducibility');
  if (issues.length > 0) {
    const also =
      stale.length > 0 ? `; also ${staleText(stale)}` : orphans.length > 0 ? `; also ${orphanText(orphans)}` : '';
    return withLineage(
      fail(
        `training cannot be re-run to the same model: ${describeFindings(issues)}${also}`,
        fixRule(issues[0]?.ruleId ?? '', 'fix the reproducibility findings (seeds, run order, pins)'),
        issues,
      ),
      ev.lineage,
    );
  }
  const writer = stale[0]?.writers[0];
  if (stale[0] !== undefined && writer !== undefined) {
    const next: NextStep = {
      kind: 'rerun',
      notebook: writer.notebook,
      cellIndex: writer.cellIndex,
      text: `run ${writer.notebook} again, so that cell ${writer.cellIndex + 1} writes ${stale[0].path} from the current code`,
    };
    return withLineage(fail(staleText(stale), next), ev.lineage);
  }
  const written = linked.length > 0 && orphans.length === 0 ? `; ${linkedText(linked)}` : '';
  const { files, check } = ev.requirements;
  if (files.length > 0 && check.pinned) {
    const pinned = `no reproducibility findings and every dependency is pinned (${list(files)})`;
    if (orphans.length === 0) return withLineage(pass(`${pinned}${written}`, files), ev.lineage);
    return withLineage(
      partial(
        `${pinned}, but ${orphanText(orphans)}`,
        attest('infra-1', `the code that makes ${list(orphans.map((a) => a.path))} is in the repository`),
        files,
      ),
      ev.lineage,
    );
  }
  const deps = files.length === 0 ? 'there is no requirements.txt' : `unpinned: ${list(check.unpinned)}`;
  const orphaned = orphans.length > 0 ? `, and ${orphanText(orphans)}` : '';
  return withLineage(
    partial(
      `no reproducibility findings, but ${deps}${orphaned}${written}`,
      command(SCAFFOLD, 'scaffold a pinned requirements.txt'),
    ),
    ev.lineage,
  );
};

/** The lineage evidence a face reveals: the cell that writes a stale file, else an orphan file, else a writer. */
function withLineage(verdict: Verdict, { stale, orphans, linked }: LineageFacts): Verdict {
  const shown = stale.length > 0 ? stale : orphans.length > 0 ? orphans : linked;
  if (shown.length === 0) return verdict;
  const cells = shown.flatMap((a) => (a.writers[0] ? [writerCell(a.writers[0])] : []));
  const files = [...new Set([...shown.map((a) => a.path), ...(verdict.files ?? [])])];
  return { ...verdict, files, ...(cells.length > 0 ? { cells } : {}) };
}

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
  const { broken, servable } = ev.models;
  if (broken[0] !== undefined) {
    return {
      ...fail(
        `${broken[0].path} cannot be run outside the notebook: ${brokenReason(broken[0])}`,
        command(INSPECT, 'export the model again and check that it loads'),
      ),
      files: broken.map((r) => r.path),
    };
  }
  if (ev.dockerfiles.length > 0 && ev.servingApps.length > 0) {
    return partial(
      `the serving image can be run locally on one example (${list([...ev.dockerfiles, ...ev.servingApps])})`,
      attest('infra-5', 'a single prediction can be traced step by step'),
      ev.dockerfiles,
    );
  }
  if (servable.length > 0) {
    const paths = servable.map((r) => r.path);
    const ran = servable.some((r) => r.probe?.smoke !== undefined);
    return partial(
      `${list(paths)}: ONNX, ${ran ? 'loads and answers a smoke input in onnxruntime' : 'a portable format onnxruntime runs'}, so one example can be run outside the notebook`,
      command(SCAFFOLD, 'scaffold the Dockerfile and the serving app around it'),
      paths,
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
