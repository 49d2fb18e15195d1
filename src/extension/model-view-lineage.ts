/**
 * The "Lineage" part of the model report page: which notebook cell writes the file (a link that reveals
 * the cell, through a command URI the webview allows for `liftoff.finding.reveal` only) and whether the
 * file is older than that cell's last change. Pure, no vscode import.
 */
import type { ArtifactLineage, ArtifactWriter } from '../core/models/lineage/link';
import { CommandIds } from './command-ids';
import { html, table, type Html } from './model-view-markup';

/** The command the page's links run; the webview's `enableCommandUris` allows this one only. */
export const LINEAGE_LINK_COMMAND = CommandIds.revealFinding;

/** `command:` URI revealing the writing cell; `workspaceUri` is the folder's URI, without a trailing slash. */
export function revealCellHref(
  workspaceUri: string,
  w: Pick<ArtifactWriter, 'notebook' | 'cellIndex' | 'range'>,
): string {
  const notebookUri = `${workspaceUri.replace(/\/+$/, '')}/${w.notebook.split('/').map(encodeURIComponent).join('/')}`;
  const args = [{ uri: notebookUri, cellIndex: w.cellIndex, range: w.range }];
  return `command:${LINEAGE_LINK_COMMAND}?${encodeURIComponent(JSON.stringify(args))}`;
}

const FRESHNESS: Record<ArtifactWriter['freshness'], string> = {
  fresh: 'written after the cell last changed',
  stale: 'older than the cell’s last change',
  unknown: 'cannot tell',
};

const BASIS: Record<ArtifactWriter['change']['basis'], string> = {
  git: 'git history',
  uncommitted: 'uncommitted edit',
  'notebook-mtime': 'notebook saved time (no git history)',
};

export function lineageSection(lineage: ArtifactLineage | undefined, workspaceUri: string | undefined): Html {
  if (!lineage) return html``;
  const head = html`<h2>Lineage</h2>`;
  if (lineage.status === 'orphan') {
    return html`${head}
      <div class="box info">
        No notebook in the workspace writes this file: it cannot be rebuilt from a notebook here.
      </div>`;
  }
  const first = lineage.writers[0];
  const cellText = (w: ArtifactWriter): string => `${w.notebook}, cell ${w.cellIndex + 1}`;
  const link = (w: ArtifactWriter): Html | string =>
    workspaceUri === undefined
      ? cellText(w)
      : html`<a class="reveal-cell" href="${revealCellHref(workspaceUri, w)}" title="Show the cell">${cellText(w)}</a>`;
  const lead =
    lineage.status === 'stale'
      ? html`<div class="box warning">
          <strong>Stale:</strong> this file is older than the last change of the cell that writes it
          (${first ? BASIS[first.change.basis] : ''}). Run the notebook again to rebuild it.
        </div>`
      : html``;
  const rows = lineage.writers.map((w) => [
    link(w),
    w.line,
    html`<code>${w.callee}</code>`,
    html`<code>${w.writes}</code>`,
    FRESHNESS[w.freshness],
  ]);
  const verb = first?.exact === false ? 'May be written by' : 'Written by';
  return html`${head}${lead}
    <p>${verb} ${first ? link(first) : ''}.</p>
    ${table(['Cell', 'Line', 'Call', 'Path', 'Freshness'], rows, 'lineage')}
    ${lineage.status === 'unknown' ? html`<p class="muted">${lineage.summary}.</p>` : ''}`;
}
