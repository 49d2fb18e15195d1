import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { openNotebook, waitFor, workspaceUri } from './helpers';
import { activateScoreApi, itemNode, labelOf, type ScoreApi, type ScoreNode } from './readiness-api';

const SECTIONS = ['Data', 'Infrastructure', 'Evaluation', 'Monitoring & retraining', 'Business value'];

describe('the Readiness view', () => {
  let api: ScoreApi;

  before(async () => {
    api = await activateScoreApi();
    await openNotebook('train.ipynb');
    // The checklist is rebuilt (debounced) after the editor's analysis of train.ipynb lands.
    await waitFor('infra-1 to list the findings of train.ipynb', () => {
      const findings = itemNode(api, 'infra-1')?.item?.findings ?? [];
      return findings.some((f) => f.file === 'train.ipynb');
    });
  });

  const findingsUnder = (id: string): ScoreNode[] =>
    api.readiness.getChildren(itemNode(api, id)).filter((n) => n.kind === 'finding');

  it('shows the five sections in reading order, each with its counts and score', () => {
    const roots = api.readiness.getChildren();
    assert.deepEqual(
      roots.map((n) => labelOf(api, n)),
      SECTIONS,
    );
    assert.ok(roots.every((n) => n.kind === 'section'));
    const infrastructure = api.readiness.getTreeItem(roots[1]);
    assert.match(String(infrastructure.description), /^0\/\d+ · 0 pass, 0 partial, \d+ fail$/);
    assert.equal(infrastructure.collapsibleState, vscode.TreeItemCollapsibleState.Expanded);
  });

  it('scores the example project 0 at MLOps level 0', () => {
    const report = api.readiness.report!;
    assert.equal(report.finalScore, 0);
    assert.equal(report.maturity.level, 0);
    assert.equal(itemNode(api, 'business-1')?.item?.status, 'fail');
    assert.equal(itemNode(api, 'model-1')?.item?.status, 'fail');
  });

  it('fails Infra 1 because of the unseeded randomness, and says so', () => {
    const node = itemNode(api, 'infra-1')!;
    assert.equal(node.item?.status, 'fail');
    const item = api.readiness.getTreeItem(node);
    assert.equal(labelOf(api, node), 'Training is reproducible');
    assert.match(String(item.description), /^0 · training cannot be re-run/);
    assert.equal((item.iconPath as vscode.ThemeIcon).id, 'error');
    const tooltip = (item.tooltip as vscode.MarkdownString).value;
    assert.match(tooltip, /ML Test Score: Infra 1/);
    assert.match(tooltip, /\*\*Why:\*\*/);
    assert.match(node.item!.why, /2 findings \(unseeded-randomness\)/);
    assert.match(tooltip, /\*\*Next:\*\*/);
  });

  it('lists the findings behind an item under it, each exactly once', () => {
    const rules = findingsUnder('infra-1').map((n) => n.located?.finding.ruleId);
    assert.deepEqual(rules, ['LO402', 'LO402']);
    assert.equal(
      api.readiness.getTreeItem(itemNode(api, 'infra-1')!).collapsibleState,
      vscode.TreeItemCollapsibleState.Collapsed,
    );
    const stored = itemNode(api, 'infra-1')!.item!.findings!.length;
    assert.equal(findingsUnder('infra-1').length, stored);
  });

  it('offers each item the actions that fit it', () => {
    const context = (id: string) => String(api.readiness.getTreeItem(itemNode(api, id)!).contextValue);
    assert.match(context('infra-1'), /\breveal\b.*\bfix\b/);
    assert.doesNotMatch(context('infra-1'), /\battest\b/, 'findings cannot be attested away');
    assert.match(context('infra-5'), /\bscaffold\b/);
    assert.match(context('data-2'), /\battest\b/);
  });

  it('reveals a finding in its cell when its row is clicked', async () => {
    const [finding] = findingsUnder('infra-1');
    const command = api.readiness.getTreeItem(finding).command;
    assert.ok(command, 'finding rows have a command');
    await vscode.commands.executeCommand(command.command, ...(command.arguments ?? []));
    const editor = await waitFor('a notebook editor', () => vscode.window.activeNotebookEditor);
    assert.equal(editor.notebook.uri.toString(), workspaceUri('train.ipynb').toString());
    await waitFor(
      'the finding cell to be selected',
      () => editor.selection.start === finding.located?.finding.cellIndex,
    );
  });

  it('reveals an item through its Show Evidence action', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('liftoff.readiness.reveal', itemNode(api, 'model-5'));
    await waitFor('train.ipynb to be shown', () =>
      vscode.window.activeNotebookEditor?.notebook.uri.path.endsWith('train.ipynb'),
    );
  });
});
