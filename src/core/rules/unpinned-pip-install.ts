/**
 * LO403 unpinned-pip-install: `%pip install` / `!pip install` (and conda, mamba, uv) of packages with
 * no exact version (`==`, `~=`, `===`; `=` for conda), a URL or a local path. Requirement files
 * (`-r requirements.txt`) and editable installs (`-e .`) are the project's business, not flagged.
 *
 * Why it matters: the notebook installs whatever is newest on the day it runs. Next month the same
 * notebook gets another scikit-learn or pandas, behaves differently or fails, and the environment the
 * model was validated in cannot be rebuilt for serving.
 *
 * Bad:  %pip install xgboost shap
 * Good: %pip install xgboost==2.0.3 shap==0.44.1      (or %pip install -r requirements.txt)
 *
 * Fix: when the cell's saved output shows which versions pip installed (or found already installed),
 * pin those packages to them. Without that output there is no fix: the validated version is unknown.
 */
import type { PipInstallFact } from '../analysis/facts';
import type { Fix } from '../findings';
import type { Cell } from '../notebook/model';
import { textOf } from '../notebook/text';
import { normalize } from '../python/packages';
import { installedVersions, requirementName } from './pip-versions';
import { cellParts, NO_RESULTS, type CellPart } from '../analysis/cell-memo';
import type { AnalyzedCell, Rule, RuleReport } from './rule';

export const unpinnedPipInstall: Rule = {
  id: 'LO403',
  name: 'unpinned-pip-install',
  category: 'reproducibility',
  severity: 'warning',
  description:
    'Packages installed from the notebook (%pip install, !pip install, conda) without an exact version, so every run may get different libraries.',
  check(ctx) {
    const reports: RuleReport[] = [];
    cellParts(ctx, unpinnedInstalls).forEach((installs, i) => {
      const { cell } = ctx.codeCells[i] as AnalyzedCell;
      for (const { install, unpinned } of installs) {
        // The fix reads the cell's output (the versions pip reported), so it is made on every analysis.
        const fix = pinFix(cell, install, unpinned);
        reports.push({
          cellIndex: cell.index,
          range: install.range,
          message: message(install, unpinned),
          ...(fix && { fix }),
        });
      }
    });
    return reports;
  },
};

/** A cell's installs with the packages they leave unpinned (installs that pin everything are left out). */
const unpinnedInstalls: CellPart<ReadonlyArray<{ install: PipInstallFact; unpinned: string[] }>> = (_ctx, { facts }) =>
  // Most cells install nothing: they share one empty list instead of keeping their own.
  facts.pipInstalls.length === 0
    ? NO_RESULTS
    : facts.pipInstalls.flatMap((install) => {
        const unpinned = install.packages.filter((p) => !isPinned(p, install.tool));
        return unpinned.length === 0 ? [] : [{ install, unpinned }];
      });

// Installer tooling, not a dependency of the notebook's code.
const TOOLING = new Set(['pip', 'setuptools', 'wheel', 'uv']);

export function isPinned(requirement: string, tool: PipInstallFact['tool']): boolean {
  const spec = requirement.trim();
  // Shell or Python substitutions (`{pkg}`, `$PKG`): the real value is not known here.
  if (/[{}$]/.test(spec)) return true;
  if (/^(?:[a-z+]+:\/\/|git\+|\.{0,2}\/|~|[A-Za-z]:\\)/i.test(spec) || /\s@\s|@\s*\w+:/.test(spec)) return true;
  if (/\.(whl|tar\.gz|zip|tgz)$/i.test(spec)) return true;
  if (/(===|==|~=)\s*\d/.test(spec)) return true;
  if ((tool === 'conda' || tool === 'mamba') && /[^=<>!~]=\s*\d/.test(spec)) return true;
  const name = /^[A-Za-z0-9][A-Za-z0-9._-]*/.exec(spec)?.[0]?.toLowerCase();
  return name !== undefined && TOOLING.has(name);
}

function message(install: PipInstallFact, unpinned: string[]): string {
  const shown = unpinned.slice(0, 5).map((p) => `"${p}"`);
  const more = unpinned.length > 5 ? ` and ${unpinned.length - 5} more` : '';
  const list = `${shown.join(', ')}${more}`;
  const pin = install.tool === 'conda' || install.tool === 'mamba' ? 'name=version' : 'name==version';
  return `${install.tool} install of ${list} without an exact version: each run may install different releases, so results and the serving environment cannot be reproduced. Pin them (${pin}, the versions from \`pip freeze\`) or install from a pinned requirements.txt.`;
}

/** Pins the unpinned packages whose installed version the cell's own pip output shows (pip and uv only). */
function pinFix(cell: Cell, install: PipInstallFact, unpinned: string[]): Fix | undefined {
  if (install.tool !== 'pip' && install.tool !== 'uv') return undefined;
  const versions = installedVersions(cell.outputs.text);
  if (versions.size === 0) return undefined;
  let line = textOf(cell.source, install.range);
  const pinned: string[] = [];
  for (const spec of unpinned) {
    const req = requirementName(spec);
    const version = req && versions.get(normalize(req.name));
    if (!req || version === undefined) continue;
    const pin = `${req.name}${req.extras}==${version}`;
    // The requirement as written, as a whole word of the command (optionally quoted).
    const escaped = spec.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const written = new RegExp(`(^|\\s)(["']?)${escaped}\\2(?=\\s|$)`);
    if (!written.test(line)) continue;
    line = line.replace(written, (_m, lead: string, quote: string) => `${lead}${quote}${pin}${quote}`);
    pinned.push(pin);
  }
  if (pinned.length === 0) return undefined;
  return {
    title: `Pin to the installed version${pinned.length > 1 ? 's' : ''}: ${pinned.join(', ')}`,
    edits: [{ cellIndex: cell.index, range: install.range, newText: line }],
  };
}
