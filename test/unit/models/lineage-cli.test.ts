import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { runCli } from '../cli-helper';
import { fixture } from './helpers';
import { at, notebookJson, TempWorkspace } from './lineage-helpers';

describe('liftoff inspect: lineage', function () {
  this.timeout(60_000);
  let ws: TempWorkspace;
  beforeEach(() => {
    ws = new TempWorkspace();
    ws.write(
      'notebooks/train.ipynb',
      notebookJson([
        'import joblib\nfrom pathlib import Path\nMODELS = Path("../models")',
        'model = fit()',
        'joblib.dump(model, MODELS / "churn.joblib")',
      ]),
      at('2026-02-01T00:00:00Z'),
    );
    ws.write('.gitignore', 'models/\n');
    ws.write('models/churn.joblib', readFileSync(fixture('logreg.joblib')));
  });
  afterEach(() => ws.dispose());

  it('names the cell that writes the file, in text and JSON, even when .gitignore hides the file', async () => {
    ws.touch('models/churn.joblib', at('2026-02-02T00:00:00Z'));
    const text = await runCli(['inspect', 'models/churn.joblib'], { cwd: ws.root });
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, /written by notebooks\/train\.ipynb, cell 3 \(line 1: joblib\.dump\)/);
    const json = await runCli(['inspect', 'models/churn.joblib', '--format', 'json'], { cwd: ws.root });
    const report = (JSON.parse(json.stdout) as { reports: Array<{ lineage: Record<string, unknown> }> }).reports[0]!;
    assert.equal(report.lineage.status, 'fresh');
    assert.equal(report.lineage.path, 'models/churn.joblib');
  });

  it('says when no notebook writes the file, and stays quiet with --no-lineage', async () => {
    ws.write('other.onnx', readFileSync(fixture('matmul-add.onnx')));
    const r = await runCli(['inspect', 'other.onnx'], { cwd: ws.root });
    assert.match(r.stdout, /warning no notebook in the workspace writes this file/);
    const quiet = await runCli(['inspect', 'other.onnx', '--no-lineage'], { cwd: ws.root });
    assert.doesNotMatch(quiet.stdout, /notebook/);
  });

  it('rejects a --root that is not a folder', async () => {
    const r = await runCli(['inspect', 'models/churn.joblib', '--root', 'nope'], { cwd: ws.root });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--root: '.*nope' is not a folder/);
  });
});
