/** Liftoff's business items: start with the business end in mind. Shown in the checklist, not in the ML Test Score. */
import type { BusinessNumbers } from './business';
import type { Evidence } from './evidence';
import type { Verdict } from './types';
import { fail, manifestKey, partial, pass } from './verdict';

type Rule = (ev: Evidence, money: BusinessNumbers) => Verdict;

const goal: Rule = (ev) => {
  const { kpi, owner } = ev.loaded.manifest.business;
  if (kpi !== undefined && owner !== undefined) return pass(`"${kpi}", owned by ${owner}`, ['liftoff.yaml']);
  if (kpi !== undefined || owner !== undefined) {
    return partial(
      kpi === undefined ? `an owner (${owner}) but no KPI` : `the KPI "${kpi}" has no owner`,
      manifestKey(kpi === undefined ? 'business.kpi' : 'business.owner', 'complete the business goal'),
    );
  }
  return fail(
    ev.loaded.present
      ? 'liftoff.yaml names no business KPI or owner'
      : 'no liftoff.yaml: the business goal is not written down',
    manifestKey('business', 'define the business goal: the KPI the model moves and its owner'),
  );
};

const costs: Rule = (ev) => {
  const b = ev.loaded.manifest.business;
  const priced =
    (b.costFalsePositive !== undefined && b.costFalseNegative !== undefined) || b.unitErrorCost !== undefined;
  if (priced && b.predictionsPerDay !== undefined)
    return pass('error costs and daily volume are in liftoff.yaml', ['liftoff.yaml']);
  if (priced || b.predictionsPerDay !== undefined) {
    return partial(
      priced
        ? 'error costs are known but not the daily volume'
        : 'the daily volume is known but not the cost of an error',
      manifestKey(
        priced ? 'business.predictionsPerDay' : 'business.costFalsePositive',
        'complete the costs and volume',
      ),
    );
  }
  return fail(
    'the cost of a wrong prediction and the volume are not stated',
    manifestKey('business.costFalsePositive', 'state costFalsePositive, costFalseNegative and predictionsPerDay'),
  );
};

const priced: Rule = (_ev, money) => {
  const c = money.costPer1000;
  if (c === undefined) {
    return fail(
      money.metrics.length > 0 ? `metrics found but not priced: ${money.why}` : money.why,
      manifestKey('business.costFalsePositive', 'add costs to liftoff.yaml and print a confusion matrix'),
    );
  }
  const cost = formatRange(c, money.currency);
  const day = money.costPerDay ? `, ${formatRange(money.costPerDay, money.currency)} per day` : '';
  const exact = c.low === c.high;
  const text = `errors cost ${cost} per 1,000 predictions${day} (${money.why})`;
  return exact ? pass(text) : partial(text);
};

export function formatRange(r: { low: number; high: number }, currency: string): string {
  const f = (n: number) =>
    `${n.toLocaleString('en-US', { maximumFractionDigits: 2 })}${currency ? ` ${currency}` : ''}`;
  return r.low === r.high ? f(r.low) : `${f(r.low)} to ${f(r.high)}`;
}

export const BUSINESS_RULES: Record<string, Rule> = {
  'business-1': goal,
  'business-2': costs,
  'business-3': priced,
};
