/** Small constructors so every evidence rule reads as a sentence. */
import type { Finding } from '../findings';
import type { NextStep, Verdict } from './types';

export function pass(why: string, files?: string[]): Verdict {
  return { status: 'pass', score: 1, why, ...(files && files.length > 0 ? { files } : {}) };
}

export function partial(why: string, next?: NextStep, files?: string[]): Verdict {
  return {
    status: 'partial',
    score: 0.5,
    why,
    ...(next ? { next } : {}),
    ...(files && files.length > 0 ? { files } : {}),
  };
}

export function fail(why: string, next?: NextStep, findings?: Finding[]): Verdict {
  return {
    status: 'fail',
    score: 0,
    why,
    ...(next ? { next } : {}),
    ...(findings && findings.length > 0 ? { findings } : {}),
  };
}

/** Liftoff cannot see this one; only an attestation moves it. */
export function unknown(why: string, next?: NextStep): Verdict {
  return { status: 'unknown', score: 0, why, ...(next ? { next } : {}) };
}

export const attest = (item: string, what: string): NextStep => ({
  kind: 'attest',
  item,
  text: `attest in liftoff.yaml once ${what} (attestations: - item: ${item})`,
});

/** The editor command a next step runs ("Liftoff: Scaffold Deployment…"); the CLI shows `liftoff scaffold`. */
export const SCAFFOLD = 'liftoff.scaffold.deployment';
/** "Liftoff: Inspect Model"; the CLI shows `liftoff inspect`. */
export const INSPECT = 'liftoff.model.inspect';

export const command = (id: string, text: string): NextStep => ({ kind: 'command', command: id, text });
export const fixRule = (ruleId: string, text: string): NextStep => ({ kind: 'rule', ruleId, text });
export const manifestKey = (key: string, text: string): NextStep => ({ kind: 'manifest', key, text });

export function list(files: readonly string[], max = 3): string {
  const shown = files.slice(0, max).join(', ');
  return files.length > max ? `${shown} and ${files.length - max} more` : shown;
}

/** `3 findings (preprocessing-leakage, multi-test-leakage)` */
export function describeFindings(findings: readonly Finding[]): string {
  const names = [...new Set(findings.map((f) => f.ruleName))];
  return `${findings.length} finding${findings.length === 1 ? '' : 's'} (${names.join(', ')})`;
}
