/** Evidence rules for the Monitoring tests (Breck et al. 2017, Table IV). */
import { findingsIn, matchingFiles, type Evidence } from './evidence';
import { ms } from './evidence-models';
import type { Verdict } from './types';
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
  unknown,
  SCAFFOLD,
} from './verdict';

type Rule = (ev: Evidence) => Verdict;

/** Monitoring config files whose text mentions the pattern: evidence that it is watched automatically. */
const watched = (ev: Evidence, re: RegExp): string[] => matchingFiles(ev, ev.monitoringFiles, re);

const dependencies: Rule = (ev) => {
  if (ev.dependencyBots.length > 0)
    return pass(`dependency updates open pull requests (${list(ev.dependencyBots)})`, ev.dependencyBots);
  return fail(
    'no Dependabot or Renovate configuration: upstream changes arrive unannounced',
    command(SCAFFOLD, 'add .github/dependabot.yml'),
  );
};

const invariants: Rule = (ev) => {
  const files = watched(ev, /drift|schema|missing|null|out_of_range|evidently|whylogs/i);
  if (files.length > 0) return pass(`input data is checked in production (${list(files)})`, files);
  if (ev.loaded.manifest.monitoring.drift !== undefined) {
    return partial(
      'liftoff.yaml declares drift checks, but no monitoring config runs them',
      command(SCAFFOLD, 'scaffold the monitoring config'),
    );
  }
  return fail(
    'nothing checks the inputs the model receives in production',
    manifestKey('monitoring.drift', 'declare drift checks'),
  );
};

const skew: Rule = (ev) => {
  const persistence = findingsIn(ev, 'deployment');
  if (persistence.length > 0) {
    return fail(
      `what is served may differ from what was trained: ${describeFindings(persistence)}`,
      fixRule(persistence[0]?.ruleId ?? '', 'save the whole pipeline (preprocessing + model), e.g. as ONNX'),
      persistence,
    );
  }
  const files = watched(ev, /skew|training_serving|feature_distribution|drift/i);
  if (files.length > 0) return pass(`serving features are compared with training (${list(files)})`, files);
  return fail(
    'nothing compares serving inputs with the training data',
    manifestKey('monitoring.drift', 'declare drift checks'),
  );
};

const notStale: Rule = (ev) => {
  const r = ev.loaded.manifest.retraining;
  if (ev.ci.scheduled.length > 0 && ev.ci.runsTraining.length > 0) {
    return pass(`training runs on a schedule (${list(ev.ci.scheduled)})`, ev.ci.scheduled);
  }
  if (r.schedule !== undefined || r.trigger !== undefined) {
    return partial(
      `liftoff.yaml plans retraining (${r.schedule ?? r.trigger ?? ''}) but no scheduled workflow trains`,
      command(SCAFFOLD, 'scaffold a scheduled retraining workflow'),
    );
  }
  return fail(
    'no retraining schedule or trigger',
    manifestKey('retraining.schedule', 'declare when the model is retrained'),
  );
};

const numericallyStable: Rule = (ev) => {
  const unstable = ev.models.nonFinite;
  if (unstable[0] !== undefined) {
    return {
      ...fail(
        `${unstable[0].path} outputs NaN or infinite values on a smoke input (${unstable[0].outputs.join(', ')})`,
        command(INSPECT, 'find the operator that produces them (Liftoff: Inspect Model)'),
      ),
      files: unstable.map((u) => u.path),
    };
  }
  const files = watched(ev, /\bnan\b|\binf\b|isnan|non_finite|numerical/i);
  if (files.length > 0) return pass(`alerts fire on NaN or infinite values (${list(files)})`, files);
  return unknown(
    'no alert on NaN or infinite values in training or serving',
    attest('monitor-5', 'NaN/Inf are checked and alerted on'),
  );
};

const computePerformance: Rule = (ev) => {
  const budget = ev.loaded.manifest.business.latencyBudgetMs;
  const measured = ev.models.latency;
  const slow = budget === undefined ? undefined : measured.find((m) => m.p95Ms > budget);
  if (slow !== undefined) {
    return {
      ...fail(
        `measured p95 latency ${ms(slow.p95Ms)} at batch ${slow.batch} (${slow.path}) is over the ${budget} ms budget`,
        command(INSPECT, 'make the model faster (smaller, quantised) or revisit business.latencyBudgetMs'),
      ),
      files: [slow.path],
    };
  }
  const worst = [...measured].sort((a, b) => b.p95Ms - a.p95Ms)[0];
  const seen = worst === undefined ? '' : `; measured p95 ${ms(worst.p95Ms)} at batch ${worst.batch} (${worst.path})`;
  const files = watched(ev, /latency|duration|p9[59]|throughput|memory/i);
  if (files.length > 0) return pass(`latency or resource use is alerted on (${list(files)})${seen}`, files);
  if (budget !== undefined) {
    return partial(
      `a ${budget} ms latency budget is declared but nothing alerts on it${seen ? `${seen}, within it` : ''}`,
      command(SCAFFOLD, 'scaffold the monitoring config'),
    );
  }
  return fail(
    `no latency budget and no alert on serving latency${seen}`,
    manifestKey('business.latencyBudgetMs', 'declare a latency budget'),
  );
};

const predictionQuality: Rule = (ev) => {
  const files = watched(ev, /accuracy|precision|recall|auc|f1|mae|rmse|prediction_quality|label_drift/i);
  if (files.length > 0) return pass(`prediction quality is alerted on (${list(files)})`, files);
  const alerts = ev.loaded.manifest.monitoring.alerts ?? [];
  if (alerts.length > 0) {
    return partial(
      `liftoff.yaml declares ${alerts.length} alert(s), but no monitoring config watches prediction quality`,
      command(SCAFFOLD, 'scaffold the monitoring config'),
    );
  }
  return fail(
    'nothing watches prediction quality in production',
    manifestKey('monitoring.alerts', 'declare quality alerts'),
  );
};

export const MONITOR_RULES: Record<string, Rule> = {
  'monitor-1': dependencies,
  'monitor-2': invariants,
  'monitor-3': skew,
  'monitor-4': notStale,
  'monitor-5': numericallyStable,
  'monitor-6': computePerformance,
  'monitor-7': predictionQuality,
};
