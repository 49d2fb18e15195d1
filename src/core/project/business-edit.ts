/**
 * The business goal in liftoff.yaml: what "Liftoff: Define Business Goal" asks, how its answers are
 * checked, and the edit that writes them (core/project/edit.ts keeps the user's comments and layout).
 */
import { parseForEdit, printManifest, sectionForEdit, setScalar, ManifestEditError } from './edit';
import { formatManifestError, loadManifest } from './load';
import type { BusinessGoal } from './manifest';

export type BusinessKey = keyof BusinessGoal;

/** In the order the wizard asks and a new section lists them. */
export const BUSINESS_KEYS: readonly BusinessKey[] = [
  'kpi',
  'owner',
  'currency',
  'costFalsePositive',
  'costFalseNegative',
  'unitErrorCost',
  'predictionsPerDay',
  'latencyBudgetMs',
];

/** Values to write; `null` removes the key (an optional answer left empty). Keys left out are not touched. */
export type BusinessChanges = { [K in BusinessKey]?: BusinessGoal[K] | null };

/**
 * liftoff.yaml's text with the business section updated: only the keys in `changes` move, everything else
 * (other business keys, other sections, comments) stays. Throws ManifestEditError, leaving the text alone,
 * when the file is not valid YAML, `business` is not a mapping, or the result would break the schema there.
 */
export function setBusinessGoal(text: string | undefined, changes: BusinessChanges): string {
  const manifest = parseForEdit(text);
  sectionForEdit(manifest, 'business');
  for (const key of BUSINESS_KEYS) {
    const value = changes[key];
    if (value === undefined) continue;
    if (value === null) manifest.doc.deleteIn(['business', key]);
    else setScalar(manifest.doc, ['business', key], value);
  }
  const out = printManifest(manifest);
  const broken = loadManifest(out).errors.filter((e) => e.path === 'business' || e.path.startsWith('business.'));
  if (broken[0] !== undefined) {
    throw new ManifestEditError(`${formatManifestError(broken[0])}. Liftoff left liftoff.yaml unchanged.`);
  }
  return out;
}

/** How errors are priced: classification (a false positive, a false negative) or regression (per unit of error). */
export type ErrorPricing = 'classification' | 'regression';

/** The pricing the current values (or the first model's task) suggest, for the wizard's default. */
export function currentPricing(goal: BusinessGoal, task: string | undefined): ErrorPricing {
  if (goal.costFalsePositive !== undefined || goal.costFalseNegative !== undefined) return 'classification';
  if (goal.unitErrorCost !== undefined || task === 'regression' || task === 'forecasting') return 'regression';
  return 'classification';
}

/** A number typed by a person: `1,200`, `1 200`, `0.5`, `5e3`. */
export interface NumberRule {
  /** Allow an empty answer (the key is then removed). */
  optional?: boolean;
  /** Zero is not allowed (a latency budget). */
  positive?: boolean;
  integer?: boolean;
}

/** undefined when the text is acceptable, else what is wrong, for an input box's validation message. */
export function checkNumber(text: string, rule: NumberRule = {}): string | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return rule.optional ? undefined : 'Enter a number';
  const value = parseNumber(trimmed);
  if (value === undefined) return `"${trimmed}" is not a number`;
  if (value < 0) return 'Must not be negative';
  if (rule.positive && value === 0) return 'Must be more than 0';
  if (rule.integer && !Number.isInteger(value)) return 'Must be a whole number';
  return undefined;
}

/** The number in the text (thousands separators allowed), or undefined. */
export function parseNumber(text: string): number | undefined {
  const cleaned = text.trim().replace(/(\d)[,_ ](?=\d{3}\b)/g, '$1');
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(cleaned)) return undefined;
  const value = Number(cleaned);
  return Number.isFinite(value) ? value : undefined;
}

/** A required piece of text (KPI, owner). */
export function checkText(text: string, what: string): string | undefined {
  return text.trim() === '' ? `Enter ${what}` : undefined;
}

/** The answer as it goes into liftoff.yaml: a number, or null (remove) for an empty optional answer. */
export function numberAnswer(text: string): number | null {
  return parseNumber(text) ?? null;
}
