/**
 * The engine: facts for every code cell (through the cache), one RuleContext, every enabled rule
 * run in isolation, reports turned into Finding values, suppressions applied, findings sorted.
 * A rule that throws is reported through `onRuleError` and skipped; analysis never crashes.
 */
import { FactsCache } from './analysis/cache';
import { attachFoldState, foldStateFor } from './analysis/dataflow-resume';
import type { CellFacts } from './analysis/facts';
import { qualifyName } from './analysis/qualify';
import type { Finding, Severity } from './findings';
import type { Notebook } from './notebook/model';
import type { ProjectInfo } from './project/project-info';
import { readNotebook } from './notebook/read';
import { findRule, RULES, UNREADABLE_NOTEBOOK_RULE } from './rules/registry';
import type { AnalyzedCell, Rule, RuleContext, RuleReport } from './rules/rule';
import { CellSuppressions } from './rules/suppression';

export type SeverityOverrides = Readonly<Record<string, Severity | 'off'>>;

export interface AnalyzeOptions {
  /** Rules to run; defaults to the whole registry. */
  rules?: readonly Rule[];
  /** Share one cache across notebooks and runs so unchanged cells are not parsed again. */
  cache?: FactsCache;
  /** Per-rule severity or `'off'`, keyed by rule id or name (e.g. the `liftoff.rules` setting). */
  severity?: SeverityOverrides;
  /** What the project around the notebook declares (see core/project/context.ts); rules needing it stay silent without. */
  project?: ProjectInfo;
  /** Called when a rule throws; the rule's findings for this notebook are skipped. */
  onRuleError?: (rule: Rule, error: unknown) => void;
  /**
   * The notebook will be analysed again after edits (the editor): keep checkpoints of the cross-cell
   * dataflow in `cache`, by notebook path, so the next analysis folds only from the first changed cell.
   */
  incremental?: boolean;
}

interface EnabledRule {
  rule: Rule;
  override?: Severity;
}

export function analyzeNotebook(notebook: Notebook, opts: AnalyzeOptions = {}): Finding[] {
  const rules = enabledRules(opts);
  if (rules.length === 0) return [];
  const ctx = buildContext(notebook, opts.cache ?? new FactsCache(), opts.project ?? {});
  if (opts.incremental === true && opts.cache !== undefined)
    attachFoldState(ctx, foldStateFor(opts.cache, notebook.path));
  const suppressions = new Map<number, CellSuppressions>();
  const suppressionsOf = (cellIndex: number): CellSuppressions => {
    let s = suppressions.get(cellIndex);
    if (s === undefined) {
      s = CellSuppressions.of(notebook.cells[cellIndex]?.source ?? '');
      suppressions.set(cellIndex, s);
    }
    return s;
  };
  const findings: Finding[] = [];
  for (const { rule, override } of rules) {
    let reports: RuleReport[];
    try {
      reports = rule.check(ctx);
    } catch (error) {
      opts.onRuleError?.(rule, error);
      continue;
    }
    for (const report of reports) {
      if (suppressionsOf(report.cellIndex).isSuppressed(rule, report.range)) continue;
      findings.push(toFinding(notebook, rule, report, override));
    }
  }
  return findings.sort(compareFindings);
}

/** Reads and analyses one file; a file that is not a readable notebook yields one LO901 finding. */
export function analyzeNotebookText(path: string, text: string, opts: AnalyzeOptions = {}): Finding[] {
  const read = readNotebook(path, text);
  if (read.ok) return analyzeNotebook(read.notebook, opts);
  const unreadable = enabledRules(opts).find((e) => e.rule.id === UNREADABLE_NOTEBOOK_RULE.id);
  if (unreadable === undefined) return [];
  const { rule, override } = unreadable;
  return [
    {
      file: path,
      ruleId: rule.id,
      ruleName: rule.name,
      category: rule.category,
      severity: override ?? rule.severity,
      message: read.reason,
    },
  ];
}

function enabledRules(opts: AnalyzeOptions): EnabledRule[] {
  const overrides = normalizeOverrides(opts.severity ?? {});
  const enabled: EnabledRule[] = [];
  for (const rule of opts.rules ?? RULES) {
    const setting = overrides.get(rule.id);
    if (setting === 'off') continue;
    enabled.push(setting === undefined ? { rule } : { rule, override: setting });
  }
  return enabled;
}

/** Keys may be ids or names, in any case; unknown keys are ignored (settings validation reports them). */
function normalizeOverrides(severity: SeverityOverrides): Map<string, Severity | 'off'> {
  const byId = new Map<string, Severity | 'off'>();
  for (const [key, value] of Object.entries(severity)) {
    const rule = findRule(key);
    if (rule !== undefined) byId.set(rule.id, value);
  }
  return byId;
}

// prettier-ignore
const EMPTY_FACTS: CellFacts = Object.freeze({
  imports: [], calls: [], assignments: [], strings: [], reads: [], writes: [], functions: [],
  pipInstalls: [], magics: [], syntaxErrors: [],
}) as CellFacts;

/** The context rules see, for other readers of a notebook's facts (model lineage). */
export function buildContext(notebook: Notebook, cache: FactsCache, project: ProjectInfo = {}): RuleContext {
  const isPython = notebook.language.toLowerCase() === 'python';
  const codeCells: AnalyzedCell[] = notebook.cells
    .filter((cell) => cell.kind === 'code')
    .map((cell) => ({ cell, facts: isPython ? factsOf(cache, cell.source) : EMPTY_FACTS }));
  const scopes = importScopes(codeCells);
  return {
    notebook,
    codeCells,
    project,
    qualify(cellIndex, dotted) {
      const scope = scopeAt(scopes, cellIndex);
      if (scope === undefined) return undefined;
      let names = resolved.get(scope.imports);
      if (names === undefined) {
        names = new Map();
        resolved.set(scope.imports, names);
      }
      // One lookup for a name that resolves; `has` only tells a kept miss (undefined) from a new name.
      const known = names.get(dotted);
      if (known !== undefined || names.has(dotted)) return known;
      const qualified = qualifyName(dotted, scope.imports);
      // The map of cells without imports is shared by every notebook: keep it bounded.
      if (names.size >= 10_000) names.clear();
      names.set(dotted, qualified);
      return qualified;
    },
    importScope(cellIndex) {
      return scopeAt(scopes, cellIndex)?.imports ?? NO_SCOPE;
    },
  };
}

/** The scope of cells above the first code cell (qualify resolves nothing there). */
const NO_SCOPE = Object.freeze({});

// Rules and the dataflow ask the same names many times. Cells without imports share their scope map,
// and the maps are kept across analyses (see importScopes), so answers are kept by map and outlive a run.
const resolved = new WeakMap<ReadonlyMap<string, string>, Map<string, string | undefined>>();

function factsOf(cache: FactsCache, source: string): CellFacts {
  try {
    return cache.get(source);
  } catch {
    // The extractor is error-tolerant; should it still fail, one cell goes unanalysed, not the notebook.
    return EMPTY_FACTS;
  }
}

interface ImportScope {
  cellIndex: number;
  imports: Map<string, string>;
}

/**
 * For each code cell, the aliases bound by every import in it and the cells above; later imports win.
 * The map after a cell is a function of the map before it and the aliases the cell imports, so it is
 * memoized on both: an edit that leaves every cell's imports as they were keeps every map (and the names
 * resolved in it) the same object, which per-cell results of rules are keyed on (analysis/cell-memo.ts).
 */
function importScopes(codeCells: readonly AnalyzedCell[]): ImportScope[] {
  const scopes: ImportScope[] = [];
  let current: Map<string, string> = NO_IMPORTS;
  for (const { cell, facts } of codeCells) {
    if (facts.imports.length > 0) current = withImports(current, facts);
    scopes.push({ cellIndex: cell.index, imports: current });
  }
  return scopes;
}

const NO_IMPORTS = new Map<string, string>();
const nextScopes = new WeakMap<Map<string, string>, Map<string, Map<string, string>>>();
const importKeys = new WeakMap<CellFacts, string>();

function withImports(before: Map<string, string>, facts: CellFacts): Map<string, string> {
  let key = importKeys.get(facts);
  if (key === undefined) {
    key = facts.imports
      .filter((imp) => imp.alias !== '*')
      .map((imp) => `${imp.alias}=${imp.qualified}`)
      .join('\n');
    importKeys.set(facts, key);
  }
  let byKey = nextScopes.get(before);
  if (byKey === undefined) {
    byKey = new Map();
    nextScopes.set(before, byKey);
  }
  let after = byKey.get(key);
  if (after === undefined) {
    // Copied by forEach: `new Map(before)` walks the map's iterator, an entry array and a result object per alias.
    const copy = new Map<string, string>();
    before.forEach((qualified, alias) => copy.set(alias, qualified));
    for (const imp of facts.imports) if (imp.alias !== '*') copy.set(imp.alias, imp.qualified);
    after = copy;
    // Imports typed one keystroke at a time make a new key each: keep the maps of one scope few.
    if (byKey.size >= 64) byKey.clear();
    byKey.set(key, after);
  }
  return after;
}

/** The scope of the last code cell at or above `cellIndex` (binary search; scopes are in document order). */
function scopeAt(scopes: readonly ImportScope[], cellIndex: number): ImportScope | undefined {
  let lo = 0;
  let hi = scopes.length - 1;
  let found: ImportScope | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const scope = scopes[mid];
    if (scope !== undefined && scope.cellIndex <= cellIndex) {
      found = scope;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}

function toFinding(notebook: Notebook, rule: Rule, report: RuleReport, override: Severity | undefined): Finding {
  const cellId = notebook.cells[report.cellIndex]?.id;
  const { path: file } = notebook;
  const { cellIndex, range, message } = report;
  const { id: ruleId, name: ruleName, category } = rule;
  const severity = override ?? report.severity ?? rule.severity;
  // One literal per shape, not a spread of the optional id before more fields (V8's slow path on Node.js 20):
  // every re-analysis in the editor builds all of the notebook's findings again.
  const finding: Finding =
    cellId === undefined
      ? { file, cellIndex, range, ruleId, ruleName, category, severity, message }
      : { file, cellIndex, cellId, range, ruleId, ruleName, category, severity, message };
  if (report.related !== undefined) {
    finding.related = report.related.map((r) => ({ file: notebook.path, ...r }));
  }
  if (report.fix !== undefined) finding.fix = report.fix;
  return finding;
}

function compareFindings(a: Finding, b: Finding): number {
  const cell = (a.cellIndex ?? -1) - (b.cellIndex ?? -1);
  if (cell !== 0) return cell;
  const pa = a.range?.start;
  const pb = b.range?.start;
  const pos = (pa?.line ?? -1) - (pb?.line ?? -1) || (pa?.character ?? -1) - (pb?.character ?? -1);
  return pos !== 0 ? pos : a.ruleId.localeCompare(b.ruleId);
}
