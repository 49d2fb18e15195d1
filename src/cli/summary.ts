/** Counts shared by the text and JSON reporters, and the --fail-on decision. */
import { SEVERITY_ORDER, type Finding } from '../core/findings';
import type { FailOn } from './args';

export interface Summary {
  notebooks: number;
  findings: number;
  errors: number;
  warnings: number;
  infos: number;
  hints: number;
}

export function summarize(findings: readonly Finding[], notebooks: number): Summary {
  const count = (severity: Finding['severity']): number => findings.filter((f) => f.severity === severity).length;
  return {
    notebooks,
    findings: findings.length,
    errors: count('error'),
    warnings: count('warning'),
    infos: count('info'),
    hints: count('hint'),
  };
}

/** Whether any finding is at or above the --fail-on level. */
export function failsOn(findings: readonly Finding[], failOn: FailOn): boolean {
  if (failOn === 'none') return false;
  const threshold = SEVERITY_ORDER[failOn];
  return findings.some((f) => SEVERITY_ORDER[f.severity] >= threshold);
}
