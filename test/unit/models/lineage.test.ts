import { strict as assert } from 'node:assert';
import { buildContext } from '../../../src/core/analyze';
import { FactsCache } from '../../../src/core/analysis/cache';
import { readNotebook } from '../../../src/core/notebook/read';
import { evaluatePath, pathText, type PathValue } from '../../../src/core/models/lineage/path-expr';
import { notebookWrites } from '../../../src/core/models/lineage/writes';
import { linkArtifacts } from '../../../src/core/models/lineage/link';
import { workspaceLineage } from '../../../src/core/models/lineage/workspace';
import { at, notebookJson, TempWorkspace } from './lineage-helpers';

const QUALIFY: Record<string, string> = {
  'os.path.join': 'os.path.join',
  Path: 'pathlib.Path',
  'pathlib.Path': 'pathlib.Path',
};

function evaluate(text: string, env: Record<string, PathValue> = {}): string | undefined {
  const value = evaluatePath(text, { lookup: (n) => env[n], qualify: (d) => QUALIFY[d] });
  return value && pathText(value);
}

function writesOf(cells: string[], path = 'notebooks/train.ipynb'): string[] {
  const read = readNotebook(path, notebookJson(cells));
  assert.ok(read.ok);
  return notebookWrites(buildContext(read.notebook, new FactsCache(), {})).map(
    (s) => `${s.cellIndex}:${s.callee}:${pathText(s.target)}`,
  );
}

describe('lineage: path expressions', () => {
  it('evaluates literals, f-strings, joins, Path and the / operator', () => {
    assert.equal(evaluate('"models/m.pkl"'), 'models/m.pkl');
    assert.equal(evaluate('os.path.join("a", "b", "m.onnx")'), 'a/b/m.onnx');
    assert.equal(evaluate('Path("out") / "m.onnx"'), 'out/m.onnx');
    assert.equal(evaluate('f"{D}/model_{v}.pt"', { D: { parts: ['ckpt'] } }), 'ckpt/model_*.pt');
    assert.equal(evaluate('f"m_{x:03d}.pkl"', { x: { parts: ['1'] } }), 'm_*.pkl');
    assert.equal(evaluate('BASE + "/m.joblib"', { BASE: { parts: ['art'] } }), 'art/m.joblib');
    assert.equal(evaluate('"{}/v{}.pkl".format(D, 3)', { D: { parts: ['out'] } }), 'out/v3.pkl');
    assert.equal(evaluate('str(Path("a").parent / "b.onnx")'), './b.onnx');
    assert.equal(evaluate('Path("x/m.pkl").with_suffix(".onnx")'), 'x/m.onnx');
    assert.equal(evaluate('os.path.join("/tmp", "m.pkl")'), '/tmp/m.pkl');
    assert.equal(evaluate('os.path.join("a", "/abs/m.pkl")'), '/abs/m.pkl');
    assert.equal(evaluate(String.raw`"models\\m.pkl"`), 'models/m.pkl');
  });

  it('knows nothing about values it cannot see', () => {
    assert.equal(evaluate('get_path()'), undefined);
    assert.equal(evaluate('unknown_name'), undefined);
    assert.equal(evaluate('"%s.pkl" % name'), undefined);
  });
});

describe('lineage: where a notebook writes models', () => {
  it('finds the savers of joblib, pickle, torch, onnx, keras, xgboost and file writes', () => {
    const writes = writesOf([
      'import os, joblib, pickle, torch, onnx\nfrom pathlib import Path\nfrom skl2onnx import to_onnx\nOUT = Path("models")\nNAME = "churn"',
      'joblib.dump(model, os.path.join("artifacts", f"{NAME}.joblib"))\nonx = to_onnx(model, X[:1])\nwith open(OUT / "churn.onnx", "wb") as fh:\n    fh.write(onx.SerializeToString())',
      'with open("rf.pkl", "wb") as f:\n    pickle.dump(rf, f)\ntorch.save(net.state_dict(), OUT / f"net_{epoch}.pt")\nonnx.save(onx, "graph.onnx")',
      'model.save("keras_model.keras")\nbooster.save_model(fname="xgb_model.json")\ndf.to_csv("preds.csv")\nmodel.save("saved_model_dir")',
    ]);
    assert.deepEqual(writes, [
      '1:joblib.dump:artifacts/churn.joblib',
      '1:open:models/churn.onnx',
      '2:open:rf.pkl',
      '2:torch.save:models/net_*.pt',
      '2:onnx.save:graph.onnx',
      '3:model.save:keras_model.keras',
      '3:booster.save_model:xgb_model.json',
    ]);
  });

  it('follows a file handle opened in an earlier cell and names rebound later', () => {
    const writes = writesOf([
      'import pickle\npath = "v1.pkl"\nf = open(path, "wb")',
      'path = "v2.pkl"\npickle.dump(model, f)\npickle.dump(model, open(path, mode="wb"))',
      'path = compute()\npickle.dump(model, open(path, "wb"))',
    ]);
    assert.deepEqual(writes, ['0:open:v1.pkl', '1:pickle.dump:v1.pkl', '1:pickle.dump:v2.pkl']);
  });

  it('ignores files opened for reading and loads', () => {
    assert.deepEqual(
      writesOf([
        'import joblib, pickle\nm = joblib.load("m.joblib")\nwith open("m.pkl", "rb") as f:\n    m2 = pickle.load(f)',
      ]),
      [],
    );
  });
});

describe('lineage: linking artifacts to cells', () => {
  const TRAIN = notebookJson([
    'import joblib\nfrom pathlib import Path\nOUT = Path("../models")',
    'model = train()',
    { id: 'save-cell', source: 'joblib.dump(model, OUT / "churn.joblib")' },
  ]);

  it('links a file to the cell that writes it, relative to the notebook, and flags orphans', async () => {
    const report = await linkArtifacts({
      notebooks: [{ path: 'notebooks/train.ipynb', text: TRAIN, mtimeMs: at('2026-01-01T10:00:00Z').getTime() }],
      artifacts: [
        { path: 'models/churn.joblib', mtimeMs: at('2026-01-01T11:00:00Z').getTime() },
        { path: 'models/old.onnx', mtimeMs: 0 },
      ],
    });
    const [churn, old] = report.artifacts;
    assert.equal(churn!.status, 'fresh');
    assert.equal(churn!.writers[0]!.cellIndex, 2);
    assert.equal(churn!.writers[0]!.cellId, 'save-cell');
    assert.equal(churn!.summary, 'written by notebooks/train.ipynb, cell 3 (line 1: joblib.dump)');
    assert.equal(old!.status, 'orphan');
    assert.equal(old!.summary, 'no notebook in the workspace writes this file');
  });

  it('without git, a file older than the notebook is of unknown freshness, never called stale', async () => {
    const report = await linkArtifacts({
      notebooks: [{ path: 'notebooks/train.ipynb', text: TRAIN, mtimeMs: at('2026-01-02T00:00:00Z').getTime() }],
      artifacts: [{ path: 'models/churn.joblib', mtimeMs: at('2026-01-01T00:00:00Z').getTime() }],
    });
    assert.equal(report.artifacts[0]!.status, 'unknown');
    assert.match(report.artifacts[0]!.summary, /cannot tell whether the cell changed since \(no git history/);
  });

  it('matches paths known only in part, and absolute paths inside the workspace', async () => {
    const nb = notebookJson([
      'import torch, joblib',
      'for epoch in range(3):\n    torch.save(net.state_dict(), f"ckpt/net_{epoch}.pt")',
      'joblib.dump(model, "/srv/ws/models/abs.joblib")\njoblib.dump(model, "/elsewhere/x.joblib")',
    ]);
    const report = await linkArtifacts({
      notebooks: [{ path: 'train.ipynb', text: nb, mtimeMs: 0 }],
      artifacts: [
        { path: 'ckpt/net_2.pt', mtimeMs: 1 },
        { path: 'ckpt/sub/net_2.pt', mtimeMs: 1 },
        { path: 'models/abs.joblib', mtimeMs: 1 },
      ],
      root: '/srv/ws',
    });
    const [net, nested, abs] = report.artifacts;
    assert.equal(net!.writers[0]!.writes, 'ckpt/net_*.pt');
    assert.equal(net!.writers[0]!.exact, false);
    assert.match(net!.summary, /^may be written by \(path ckpt\/net_\*\.pt\) train\.ipynb, cell 2/);
    assert.equal(nested!.status, 'orphan');
    assert.equal(abs!.writers[0]!.cellIndex, 2);
    assert.deepEqual(
      report.notWritten.map((w) => w.writes),
      [],
    );
  });

  it('lists files a notebook writes that are not there', async () => {
    const report = await linkArtifacts({
      notebooks: [{ path: 'notebooks/train.ipynb', text: TRAIN, mtimeMs: 0 }],
      artifacts: [],
    });
    assert.deepEqual(
      report.notWritten.map((w) => w.writes),
      ['models/churn.joblib'],
    );
  });
});

describe('lineage: stale models from git history', function () {
  this.timeout(30_000);
  let ws: TempWorkspace;
  beforeEach(() => {
    ws = new TempWorkspace();
    ws.git(['init', '-q']);
  });
  afterEach(() => ws.dispose());

  const v1 = ['import joblib', { id: 'fit', source: 'model = fit(C=1.0)\njoblib.dump(model, "model.joblib")' }];
  const v2 = ['import joblib', { id: 'fit', source: 'model = fit(C=0.1)\njoblib.dump(model, "model.joblib")' }];

  it('a model written before a commit that still had the old cell is stale', async () => {
    ws.write('train.ipynb', notebookJson(v1), at('2026-03-01T09:00:00Z'));
    ws.commit('first', at('2026-03-01T09:00:00Z'));
    ws.write('model.joblib', 'x', at('2026-03-02T09:00:00Z'));
    ws.write('train.ipynb', notebookJson([...v1, 'print("report")']), at('2026-03-03T09:00:00Z'));
    ws.commit('report cell', at('2026-03-03T09:00:00Z'));
    ws.write('train.ipynb', notebookJson([...v2, 'print("report")']), at('2026-03-05T09:00:00Z'));
    ws.commit('C=0.1', at('2026-03-05T09:00:00Z'));
    const report = await workspaceLineage(ws.root);
    const model = report.artifacts.find((a) => a.path === 'model.joblib');
    assert.equal(model?.status, 'stale');
    assert.equal(model?.writers[0]?.change.basis, 'git');
    assert.equal(model?.writers[0]?.change.afterMs, at('2026-03-03T09:00:00Z').getTime());
    assert.match(model!.summary, /^stale: written by train\.ipynb, cell 2 .* changed after this file was written/);
  });

  it('a model written between the last commit with the old cell and the one with the new is of unknown freshness', async () => {
    ws.write('train.ipynb', notebookJson(v1), at('2026-03-01T09:00:00Z'));
    ws.commit('first', at('2026-03-01T09:00:00Z'));
    ws.write('model.joblib', 'x', at('2026-03-02T09:00:00Z'));
    ws.write('train.ipynb', notebookJson(v2), at('2026-03-05T09:00:00Z'));
    ws.commit('C=0.1', at('2026-03-05T09:00:00Z'));
    const model = (await workspaceLineage(ws.root)).artifacts.find((a) => a.path === 'model.joblib');
    assert.equal(model?.status, 'unknown');
  });

  it('a model written after the last change of its cell is fresh, though other cells changed later', async () => {
    ws.write('train.ipynb', notebookJson(v2), at('2026-03-01T09:00:00Z'));
    ws.commit('first', at('2026-03-01T09:00:00Z'));
    ws.write('model.joblib', 'x', at('2026-03-02T09:00:00Z'));
    ws.write('train.ipynb', notebookJson([...v2, 'print("report")']), at('2026-03-05T09:00:00Z'));
    ws.commit('more', at('2026-03-05T09:00:00Z'));
    const model = (await workspaceLineage(ws.root)).artifacts.find((a) => a.path === 'model.joblib');
    assert.equal(model?.status, 'fresh');
  });

  it('an uncommitted edit of the cell after the model was written makes it stale', async () => {
    ws.write('train.ipynb', notebookJson(v1), at('2026-03-01T09:00:00Z'));
    ws.commit('first', at('2026-03-01T09:00:00Z'));
    ws.write('model.joblib', 'x', at('2026-02-27T09:00:00Z'));
    ws.write('train.ipynb', notebookJson(v2), at('2026-03-05T09:00:00Z'));
    const model = (await workspaceLineage(ws.root)).artifacts.find((a) => a.path === 'model.joblib');
    assert.equal(model?.status, 'stale');
    assert.equal(model?.writers[0]?.change.basis, 'uncommitted');
    // Written between the commit and the edit: the edit may have come before or after it.
    ws.touch('model.joblib', at('2026-03-03T09:00:00Z'));
    const later = (await workspaceLineage(ws.root)).artifacts.find((a) => a.path === 'model.joblib');
    assert.equal(later?.status, 'unknown');
  });
});
