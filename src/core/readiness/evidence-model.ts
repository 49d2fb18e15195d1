/** Evidence rules for the Model tests (Breck et al. 2017, Table II). */
import { findingsOf, type Evidence } from './evidence';
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
  unknown,
  SCAFFOLD,
} from './verdict';

type Rule = (ev: Evidence) => Verdict;

const reviewed: Rule = (ev) => {
  if (ev.ci.runsLiftoffCheck.length > 0) {
    return pass(
      `every change to the notebooks is checked in CI by liftoff check (${list(ev.ci.runsLiftoffCheck)})`,
      ev.ci.runsLiftoffCheck,
    );
  }
  if (ev.ci.workflows.length > 0) {
    return partial(
      `CI exists (${list(ev.ci.workflows)}) but does not run liftoff check on the model code`,
      command(SCAFFOLD, 'add `liftoff check` to the CI workflow'),
    );
  }
  return fail(
    'no CI workflow reviews the model code on each change',
    command(SCAFFOLD, 'scaffold the CI workflow (runs liftoff check)'),
  );
};

const offlineOnline: Rule = (ev) => {
  const kpi = ev.loaded.manifest.business.kpi;
  return unknown(
    kpi === undefined
      ? 'no business KPI in liftoff.yaml, so there is nothing online to correlate offline metrics with'
      : `the KPI "${kpi}" is named; whether offline metrics move it needs an A/B test or a backtest`,
    kpi === undefined
      ? manifestKey('business.kpi', 'name the KPI the model moves')
      : attest('model-2', 'an online test confirmed offline gains move the KPI'),
  );
};

const tuned: Rule = (ev) => {
  if (ev.signals.tuning.length > 0) {
    return partial(
      `hyperparameters are searched in ${list(ev.signals.tuning)} (by hand, in a notebook)`,
      attest('model-3', 'the search runs in the training pipeline'),
    );
  }
  if (ev.notebookCount === 0) return unknown('no notebook to look at', attest('model-3', 'hyperparameters were tuned'));
  return fail(
    'no hyperparameter search (GridSearchCV, RandomizedSearchCV, Optuna...) in the notebooks',
    attest('model-3', 'hyperparameters were tuned'),
  );
};

const staleness: Rule = (ev) => {
  const r = ev.loaded.manifest.retraining;
  if (r.policy !== undefined && r.policy !== 'manual') {
    return partial(
      `retraining is ${r.policy} in liftoff.yaml (${r.schedule ?? r.trigger ?? 'no schedule given'}); the staleness cost was not measured`,
      attest('model-4', 'the quality loss per week of model age was measured'),
    );
  }
  return fail(
    'no retraining policy in liftoff.yaml and no measure of how fast the model ages',
    manifestKey('retraining.policy', 'declare a retraining policy'),
  );
};

const simplerModel: Rule = (ev) => {
  const accuracyOnly = findingsOf(ev, 'accuracy-only');
  if (ev.signals.baseline.length > 0) {
    return partial(
      `a baseline is compared in ${list(ev.signals.baseline)}`,
      attest('model-5', 'the baseline comparison is in the pipeline'),
    );
  }
  const noBaseline = findingsOf(ev, 'no-baseline');
  if (noBaseline.length > 0) {
    return fail(
      `models are evaluated with no baseline next to them: ${describeFindings(noBaseline)}`,
      fixRule(noBaseline[0]?.ruleId ?? 'LO305', 'insert a cell that scores a baseline the same way'),
      noBaseline,
    );
  }
  return fail(
    accuracyOnly.length > 0
      ? `accuracy is reported with no baseline: ${describeFindings(accuracyOnly)}`
      : 'no baseline (DummyClassifier/DummyRegressor or a simple model) is compared',
    fixRule(accuracyOnly[0]?.ruleId ?? 'LO301', 'compare against a DummyClassifier baseline'),
    accuracyOnly,
  );
};

const slices: Rule = (ev) => {
  if (ev.signals.slices.length > 0) {
    return partial(
      `metrics are computed per group in ${list(ev.signals.slices)}`,
      attest('model-6', 'slice metrics are gated in the pipeline'),
    );
  }
  return unknown(
    'no per-slice metrics (groupby + metric, fairlearn MetricFrame) in the notebooks',
    attest('model-6', 'quality was checked on the important data slices'),
  );
};

const inclusion: Rule = (ev) => {
  return unknown(
    ev.signals.slices.length > 0
      ? 'slice metrics exist; inclusion needs a human review of which groups matter'
      : 'no fairness or inclusion analysis is visible',
    attest('model-7', 'the model was reviewed for inclusion'),
  );
};

export const MODEL_RULES: Record<string, Rule> = {
  'model-1': reviewed,
  'model-2': offlineOnline,
  'model-3': tuned,
  'model-4': staleness,
  'model-5': simplerModel,
  'model-6': slices,
  'model-7': inclusion,
};
