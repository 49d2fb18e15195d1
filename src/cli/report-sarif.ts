/**
 * SARIF 2.1.0 output for code scanning (GitHub, Azure DevOps, IDE viewers). Each result points at the
 * notebook file (a path relative to the working directory, forward slashes) with the file line of the
 * cell's source line as the region, and at the cell as a logical location ("cell 3", 1-based as people
 * see it). Rule metadata comes from the registry; docs are named in `help`, since a path inside the
 * package is not a URI a viewer could open.
 */
import { createHash } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import type { Finding, Location, RuleCategory, Severity } from '../core/findings';
import { RULES } from '../core/rules/registry';
import { ruleDocsPath, type Rule } from '../core/rules/rule';
import { fileLineOf, locateCells, type CellLines } from './notebook-lines';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

type Level = 'error' | 'warning' | 'note';
type Json = Record<string, unknown>;

const LEVEL: Record<Severity, Level> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

// GitHub ranks security alerts by this CVSS-like score (https://docs.github.com/code-security).
const SECURITY_SEVERITY: Record<Severity, string> = { error: '8.0', warning: '6.0', info: '4.0', hint: '2.0' };

/** `texts` maps a finding's `file` to the notebook's JSON text, used to find cell lines. */
export function formatFindingsSarif(
  version: string,
  findings: readonly Finding[],
  texts: ReadonlyMap<string, string>,
): string {
  const lines = new Map<string, CellLines[]>();
  const cellLines = (file: string): CellLines[] => {
    let found = lines.get(file);
    if (found === undefined) {
      found = locateCells(texts.get(file) ?? '');
      lines.set(file, found);
    }
    return found;
  };
  const ruleIndex = new Map(RULES.map((r, i) => [r.id, i]));
  const seen = new Map<string, number>();
  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'Liftoff', semanticVersion: version, version, rules: RULES.map(ruleDescriptor) } },
        columnKind: 'utf16CodeUnits',
        results: findings.map((f) => result(f, ruleIndex.get(f.ruleId), cellLines, seen)),
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

function ruleDescriptor(rule: Rule): Json {
  const docs = ruleDocsPath(rule);
  const properties: Json = { tags: tagsOf(rule.category), category: rule.category, docs };
  if (rule.category === 'security') properties['security-severity'] = SECURITY_SEVERITY[rule.severity];
  return {
    id: rule.id,
    name: rule.name,
    shortDescription: { text: rule.description },
    fullDescription: { text: rule.description },
    help: {
      text: `${rule.description} See ${docs} in the Liftoff package for examples, fixes and suppression.`,
      markdown: `${rule.description}\n\nSee \`${docs}\` in the Liftoff package for examples, fixes and suppression (\`# liftoff: ignore[${rule.name}]\`).`,
    },
    defaultConfiguration: { level: LEVEL[rule.severity] },
    properties,
  };
}

function tagsOf(category: RuleCategory): string[] {
  return [...new Set([category, 'notebook', 'ml'])];
}

function result(
  f: Finding,
  index: number | undefined,
  cellLines: (file: string) => CellLines[],
  seen: Map<string, number>,
): Json {
  const r: Json = {
    ruleId: f.ruleId,
    ...(index === undefined ? {} : { ruleIndex: index }),
    level: LEVEL[f.severity],
    message: { text: f.message },
    locations: [location(f, cellLines)],
    partialFingerprints: { 'liftoffFinding/v1': fingerprint(f, seen) },
  };
  if (f.related !== undefined && f.related.length > 0) {
    r.relatedLocations = f.related.map((rel, id) => ({
      id,
      ...location(rel, cellLines),
      message: { text: rel.message },
    }));
  }
  const properties: Json = { category: f.category };
  if (f.cellIndex !== undefined) properties.cell = f.cellIndex + 1;
  if (f.cellId !== undefined) properties.cellId = f.cellId;
  if (f.range !== undefined) properties.cellRange = f.range;
  r.properties = properties;
  return r;
}

function location(loc: Location, cellLines: (file: string) => CellLines[]): Json {
  const startLine =
    loc.cellIndex === undefined ? 1 : (fileLineOf(cellLines(loc.file), loc.cellIndex, loc.range?.start.line ?? 0) ?? 1);
  const physicalLocation = { artifactLocation: { uri: toUri(loc.file) }, region: { startLine } };
  if (loc.cellIndex === undefined) return { physicalLocation };
  const name = `cell ${loc.cellIndex + 1}`;
  return {
    physicalLocation,
    logicalLocations: [{ name, fullyQualifiedName: `${loc.file}#${name}`, kind: 'element' }],
  };
}

/** Relative paths stay relative (resolved against the checkout); absolute ones become file: URIs. */
export function toUri(file: string): string {
  const slashed = file.replace(/\\/g, '/');
  if (/^([A-Za-z]:)?\//.test(slashed)) return pathToFileURL(file).href;
  return slashed.split('/').map(encodeURIComponent).join('/');
}

/**
 * Stable across runs and unrelated edits: rule, file, cell id (or index) and message, plus an ordinal
 * for identical findings. Messages never contain secrets (LO502 shows four characters at most).
 */
function fingerprint(f: Finding, seen: Map<string, number>): string {
  const key = [f.ruleId, f.file, f.cellId ?? `#${f.cellIndex ?? ''}`, f.message].join('\u0000');
  const n = (seen.get(key) ?? 0) + 1;
  seen.set(key, n);
  return createHash('sha256').update(`${key}\u0000${n}`).digest('hex').slice(0, 32);
}
