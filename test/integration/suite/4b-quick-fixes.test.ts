/**
 * Every quick fix Liftoff offers, applied through VS Code's code-action provider command in the real host,
 * checked on the resulting cell text: the evaluation cell, stratify= and the project-relative path (on the
 * example notebook), the seeding cell, weights_only=True and yaml.safe_load (on a small notebook). Each test
 * works on its own copy, written into the workspace and deleted afterwards.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  EXTENSION_ID,
  activateLiftoff,
  cellWith,
  liftoffDiagnostics,
  openNotebook,
  ruleId,
  waitFor,
  workspaceUri,
} from './helpers';
import { applyFix, notebookBytes } from './fixes';

let written = 0;

/** Writes a notebook into the workspace under a new name and opens it: every test edits its own copy. */
async function freshNotebook(bytes: Uint8Array): Promise<vscode.NotebookDocument> {
  const uri = workspaceUri(`liftoff-it-fix-${++written}.ipynb`);
  await vscode.workspace.fs.writeFile(uri, bytes);
  return openNotebook(uri.path.slice(uri.path.lastIndexOf('/') + 1));
}

/** Saves (a dirty notebook would ask on close), closes and deletes the copy. */
async function discard(notebook: vscode.NotebookDocument | undefined): Promise<void> {
  if (!notebook) return;
  await notebook.save();
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  await vscode.workspace.fs.delete(notebook.uri);
}

describe('quick fixes on the example notebook', () => {
  let notebook: vscode.NotebookDocument | undefined;
  let example: Uint8Array;

  before(async () => {
    await activateLiftoff();
    // The repository's copy, as shipped: the workspace's train.ipynb is edited by other tests.
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension);
    example = await vscode.workspace.fs.readFile(
      vscode.Uri.joinPath(extension.extensionUri, 'examples', 'churn', 'train.ipynb'),
    );
  });

  afterEach(async () => {
    await discard(notebook);
    notebook = undefined;
  });

  it('inserts a classification report and confusion matrix cell right after the evaluation (LO301)', async () => {
    notebook = await freshNotebook(example);
    const before = notebook.cellCount;
    const cell = await applyFix(
      notebook,
      'accuracy_score(y_test',
      'LO301',
      'Insert a cell with a classification report and confusion matrix',
    );
    assert.equal(notebook.cellCount, before + 1);
    const inserted = notebook.cellAt(cell.index + 1);
    assert.equal(inserted.kind, vscode.NotebookCellKind.Code);
    assert.equal(inserted.document.languageId, 'python');
    assert.equal(
      inserted.document.getText(),
      [
        'from sklearn.metrics import classification_report, confusion_matrix',
        '',
        'print(classification_report(y_test, model.predict(X_test)))',
        'print(confusion_matrix(y_test, model.predict(X_test)))',
      ].join('\n'),
    );
    await waitFor('LO301 to go once more metrics are reported', () =>
      liftoffDiagnostics(cell.document.uri).every((d) => ruleId(d) !== 'LO301'),
    );
  });

  it('adds stratify=y to the split that feeds a classifier (LO304)', async () => {
    notebook = await freshNotebook(example);
    const cell = await applyFix(notebook, 'train_test_split(X', 'LO304', 'Add stratify=y');
    assert.equal(
      cell.document.getText(),
      'X_train, X_test, y_train, y_test = train_test_split(X_scaled, y, test_size=0.2, stratify=y)',
    );
    await waitFor('LO304 to go', () => liftoffDiagnostics(cell.document.uri).every((d) => ruleId(d) !== 'LO304'));
  });

  it('replaces the absolute path with one relative to the notebook (LO101)', async () => {
    notebook = await freshNotebook(example);
    const cell = await applyFix(
      notebook,
      '/home/alice/',
      'LO101',
      'Use a path relative to the notebook: "data/customers.csv"',
    );
    assert.match(cell.document.getText(), /^df = pd\.read_csv\("data\/customers\.csv"\)$/m);
    // The example ships data/customers.csv: the relative path really resolves from the notebook's folder.
    await vscode.workspace.fs.stat(workspaceUri('data', 'customers.csv'));
    await waitFor('LO101 to go', () => liftoffDiagnostics(cell.document.uri).every((d) => ruleId(d) !== 'LO101'));
  });
});

describe('quick fixes on a notebook that loads checkpoints and configs', () => {
  const cells = [
    'import numpy as np\nimport torch\nimport yaml',
    'noise = np.random.rand(100)',
    'state = torch.load("model.pt")',
    'with open("config.yaml") as f:\n    config = yaml.load(f)',
  ];
  const bytes = notebookBytes(cells, 'fix');
  let notebook: vscode.NotebookDocument | undefined;

  before(() => activateLiftoff());

  afterEach(async () => {
    await discard(notebook);
    notebook = undefined;
  });

  it('inserts a seeding cell before the first unseeded draw (LO402)', async () => {
    notebook = await freshNotebook(bytes);
    const before = notebook.cellCount;
    const index = cellWith(notebook, 'np.random.rand(').index;
    await applyFix(notebook, 'np.random.rand(', 'LO402', 'Insert a cell that seeds NumPy (np.random.seed(42))');
    assert.equal(notebook.cellCount, before + 1);
    assert.equal(notebook.cellAt(index).document.getText(), 'import numpy as np\n\nnp.random.seed(42)');
    assert.equal(notebook.cellAt(index + 1).document.getText(), 'noise = np.random.rand(100)');
    const moved = notebook.cellAt(index + 1).document.uri;
    await waitFor('LO402 to go', () => liftoffDiagnostics(moved).every((d) => ruleId(d) !== 'LO402'));
  });

  it('adds weights_only=True to torch.load (LO501)', async () => {
    notebook = await freshNotebook(bytes);
    const cell = await applyFix(notebook, 'torch.load(', 'LO501', 'Add weights_only=True');
    assert.equal(cell.document.getText(), 'state = torch.load("model.pt", weights_only=True)');
    await waitFor('LO501 to go', () => liftoffDiagnostics(cell.document.uri).every((d) => ruleId(d) !== 'LO501'));
  });

  it('turns yaml.load into yaml.safe_load (LO501)', async () => {
    notebook = await freshNotebook(bytes);
    const cell = await applyFix(notebook, 'yaml.load(', 'LO501', 'Use yaml.safe_load');
    assert.equal(cell.document.getText(), 'with open("config.yaml") as f:\n    config = yaml.safe_load(f)');
    await waitFor('LO501 to go', () => liftoffDiagnostics(cell.document.uri).every((d) => ruleId(d) !== 'LO501'));
  });
});

describe('the pin quick fix on an install cell that was run', () => {
  const bytes = notebookBytes(
    [
      {
        source: '%pip install shap "scikit-learn>=1.3"',
        output:
          'Requirement already satisfied: scikit-learn>=1.3 in /opt/conda/lib/python3.10/site-packages (1.4.2)\nSuccessfully installed shap-0.44.1 slicer-0.0.7\n',
      },
      'import shap',
    ],
    'pin',
  );
  let notebook: vscode.NotebookDocument | undefined;

  before(() => activateLiftoff());

  afterEach(async () => {
    await discard(notebook);
    notebook = undefined;
  });

  it('pins the packages to the versions pip reported (LO403)', async () => {
    notebook = await freshNotebook(bytes);
    const cell = await applyFix(
      notebook,
      '%pip install',
      'LO403',
      'Pin to the installed versions: shap==0.44.1, scikit-learn==1.4.2',
    );
    assert.equal(cell.document.getText(), '%pip install shap==0.44.1 "scikit-learn==1.4.2"');
    await waitFor('LO403 to go', () => liftoffDiagnostics(cell.document.uri).every((d) => ruleId(d) !== 'LO403'));
  });
});
