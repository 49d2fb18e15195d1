/**
 * Typed mirror of the `liftoff.*` settings contributed in package.json. Settings are read here and
 * only here, normalised so the rest of the extension never sees a malformed value.
 */
import * as vscode from 'vscode';
import type { Severity } from '../core/findings';

/** What a user may set for one rule in `liftoff.rules`. */
export type RuleSetting = Severity | 'off';

export interface LiftoffConfig {
  /** `liftoff.enable`: analyse notebooks and show diagnostics. Turning it off clears what Liftoff shows. */
  enable: boolean;
  /** `liftoff.analysis.debounceMs`: quiet time after an edit before a notebook is re-analysed. */
  debounceMs: number;
  /**
   * `liftoff.rules`: severity override per rule, keyed by rule name or id (e.g. "hardcoded-path");
   * "off" disables the rule. Merged over the notebook's liftoff.yaml `rules:` (the setting wins, rule by
   * rule; see NotebookAnalyzer and core/project/context.ts).
   */
  rules: Record<string, RuleSetting>;
  /** `liftoff.scaffold.templatesPath`: a folder of template overrides ('' when unset). */
  scaffoldTemplatesPath: string;
}

export const DEFAULT_DEBOUNCE_MS = 300;
const MAX_DEBOUNCE_MS = 10_000;
const RULE_SETTINGS: ReadonlySet<string> = new Set(['off', 'error', 'warning', 'info', 'hint']);

/** Reads the settings that apply to `scope` (a notebook URI lets folder settings win). */
export function readConfig(scope?: vscode.ConfigurationScope): LiftoffConfig {
  const cfg = vscode.workspace.getConfiguration('liftoff', scope);
  return {
    enable: cfg.get<unknown>('enable', true) !== false,
    debounceMs: normaliseDebounce(cfg.get<unknown>('analysis.debounceMs', DEFAULT_DEBOUNCE_MS)),
    rules: normaliseRules(cfg.get<unknown>('rules', {})),
    scaffoldTemplatesPath: normalisePath(cfg.get<unknown>('scaffold.templatesPath', '')),
  };
}

/** Whether a configuration change touches any Liftoff setting. */
export function affectsLiftoff(e: vscode.ConfigurationChangeEvent): boolean {
  return e.affectsConfiguration('liftoff');
}

function normaliseDebounce(value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return DEFAULT_DEBOUNCE_MS;
  return Math.min(MAX_DEBOUNCE_MS, Math.max(0, Math.round(value)));
}

function normalisePath(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

/** Keeps only well-formed entries; an unknown severity string is ignored rather than guessed at. */
function normaliseRules(value: unknown): Record<string, RuleSetting> {
  const rules: Record<string, RuleSetting> = {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return rules;
  for (const [name, setting] of Object.entries(value as Record<string, unknown>)) {
    if (typeof setting === 'string' && RULE_SETTINGS.has(setting)) rules[name] = setting as RuleSetting;
  }
  return rules;
}
