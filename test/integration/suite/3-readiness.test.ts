import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  activateLiftoff,
  type LiftoffApiLike,
  openNotebook,
  type ReadinessNodeLike,
  waitFor,
  workspaceUri,
} from './helpers';

const SECTIONS = ['Data', 'Infrastructure', 'Evaluation', 'Monitoring & retraining', 'Business value'];

interface FindingNodeLike extends ReadinessNodeLike {
  located: { entry: { path: string }; finding: { ruleId: string; cellIndex?: number } };
}

describe('the Readiness view', () => {
  let api: LiftoffApiLike;

  before(async () => {
    api = await activateLiftoff();
    await openNotebook('train.ipynb');
    await waitFor('findings of train.ipynb in the store', () => api.findings.get(workspaceUri('train.ipynb')));
  });

  const label = (node: ReadinessNodeLike): string => {
    const l = api.readiness.getTreeItem(node).label;
    return typeof l === 'string' ? l : (l?.label ?? '');
  };
  /** Rule ids of train.ipynb's findings listed under the section with this label. */
  const rulesUnder = (section: string): string[] => {
    const node = api.readiness.getChildren().find((n) => label(n) === section);
    assert.ok(node, `section ${section}`);
    return (api.readiness.getChildren(node) as FindingNodeLike[])
      .filter((f) => f.kind === 'finding' && f.located.entry.path === 'train.ipynb')
      .map((f) => f.located.finding.ruleId)
      .sort();
  };

  it('shows the five sections in reading order', () => {
    const roots = api.readiness.getChildren();
    assert.deepEqual(roots.map(label), SECTIONS);
    assert.ok(roots.every((n) => n.kind === 'section'));
  });

  it('lists each finding under its section', () => {
    const data = rulesUnder('Data');
    const infrastructure = rulesUnder('Infrastructure');
    assert.ok(data.includes('LO101'), `Data: ${data.join(', ')}`);
    assert.deepEqual(
      infrastructure.filter((id) => id === 'LO402'),
      ['LO402', 'LO402'],
    );
    assert.ok(rulesUnder('Evaluation').includes('LO301'));
  });

  it('lists every finding of the notebook exactly once', () => {
    const listed = SECTIONS.flatMap(rulesUnder).sort();
    const stored = api.findings
      .get(workspaceUri('train.ipynb'))!
      .findings.map((f) => f.ruleId)
      .sort();
    assert.deepEqual(listed, stored);
  });

  it('says how many findings a section has, and expands it', () => {
    const evaluation = api.readiness.getChildren().find((n) => label(n) === 'Evaluation')!;
    const item = api.readiness.getTreeItem(evaluation);
    assert.equal(item.collapsibleState, vscode.TreeItemCollapsibleState.Expanded);
    assert.match(String(item.description), /^1 finding$/);
  });

  it('reveals a finding in its cell when its row is clicked', async () => {
    const data = api.readiness.getChildren().find((n) => label(n) === 'Data')!;
    const [finding] = api.readiness.getChildren(data) as FindingNodeLike[];
    const command = api.readiness.getTreeItem(finding).command;
    assert.ok(command, 'finding rows have a command');
    await vscode.commands.executeCommand(command.command, ...(command.arguments ?? []));
    const editor = await waitFor('a notebook editor', () => vscode.window.activeNotebookEditor);
    await waitFor(
      'the finding cell to be selected',
      () => editor.selection.start === finding.located.finding.cellIndex,
    );
  });
});
