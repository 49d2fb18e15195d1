/**
 * Per-cell results of rules kept across analyses (src/core/analysis/cell-memo.ts): an edit recomputes the
 * edited cell's parts only, its findings follow the edit, and after many random edits (texts, imports
 * that change how later cells' calls resolve, cells inserted, deleted and moved) the findings are exactly
 * those of a cold analysis, whose fresh facts cache shares nothing with the memo.
 */
import * as assert from 'node:assert/strict';
import { FactsCache } from '../../src/core/analysis/cache';
import { analyzeNotebook, buildContext } from '../../src/core/analyze';
import type { Cell, Notebook } from '../../src/core/notebook/model';
import { cellPartStats } from '../../src/core/analysis/cell-memo';
import { notebookFrom } from './helpers';
import { codeCell, generatedNotebook, randomEdit, reindex, rng } from './random-edits';

/** Cells that make per-cell rules fire, and imports that change what later cells' calls resolve to. */
const EXTRA = [
  'import joblib\nmodel_a = joblib.load("/home/alice/models/model.joblib")',
  'import pickle as pk\nwith open("/content/drive/MyDrive/data/x.pkl", "rb") as f:\n    obj = pk.load(f)',
  'import numpy as np\nnoise = np.random.rand(10)',
  'np.random.seed(0)',
  'from sklearn.metrics import accuracy_score\nprint(accuracy_score(y_test_3, clf_3.predict(X_test_3)))',
  'from sklearn.metrics import f1_score',
  'import numpy as pd',
  'import pandas as np',
  'import joblib',
  'import json as joblib',
  'm_c = joblib.load("m.joblib")',
  'draws = np.random.randn(3)',
  'print(accuracy_score(y_test_1, clf_1.predict(X_test_1)))',
  'openai_api_key = "sk-proj-Ab3dE5gH7jK9mN1pQ3rS5tU7vW9xY1zA"',
  'print(undefined_later)',
  'undefined_later = 3',
  'import torch\nstate = torch.load("weights.pt")',
  'import yaml\ncfg = yaml.load(open("c.yaml"))',
  'DATA = "/mnt/data/train.csv"\ndf_x = pd.read_csv(DATA)',
  'from transformers import AutoModel\nm = AutoModel.from_pretrained("x", trust_remote_code=True)',
  '!pip install scikit-learn',
  '# liftoff: ignore\nimport pickle\nmodel_b = pickle.load(open("/home/bob/m.pkl", "rb"))',
];

const ODDS = { append: 0.3, replace: 0.55, insert: 0.65, remove: 0.72, move: 0.8, copy: 0.9 };

/** The editor gives fresh cell objects each time: so does this copy. */
function copyOf(nb: Notebook): Notebook {
  return { ...nb, cells: nb.cells.map((c) => ({ ...c })) };
}

describe('per-cell rule results kept across analyses', function () {
  this.timeout(60_000);

  it('recomputes only the edited cell, and its findings follow the edit', () => {
    const cells = Array.from({ length: 60 }, (_, i) => `df_${i} = pd.read_csv("data/${i}.csv")`);
    cells[0] = 'import json, joblib, pickle\nimport pandas as pd';
    cells[20] = 'model = joblib.load("model.joblib")';
    const nb = notebookFrom(cells);
    const cache = new FactsCache();
    const first = analyzeNotebook(copyOf(nb), { cache, incremental: true });
    assert.deepEqual(
      first.map((f) => `${f.ruleId}@${f.cellIndex}`),
      ['LO501@20'],
    );
    const coldParts = cellPartStats.computed;

    (nb.cells[20] as Cell).source = 'model = json.load(open("model.json"))';
    (nb.cells[40] as Cell).source = 'obj = pickle.load(open("/home/alice/x.pkl", "rb"))';
    const second = analyzeNotebook(copyOf(nb), { cache, incremental: true });
    assert.deepEqual(
      second.map((f) => `${f.ruleId}@${f.cellIndex}`),
      ['LO501@40', 'LO101@40'],
    );
    // The same two cells edited again: their parts are computed again, no other cell's.
    (nb.cells[20] as Cell).source = 'model = json.load(open("other.json"))';
    (nb.cells[40] as Cell).source = 'obj = pickle.load(open("/home/bob/x.pkl", "rb"))';
    const before = cellPartStats.computed;
    const third = analyzeNotebook(copyOf(nb), { cache, incremental: true });
    const recomputed = cellPartStats.computed - before;
    assert.deepEqual(
      third.map((f) => [f.ruleId, f.cellIndex, f.message.includes('/home/bob/x.pkl') || f.ruleId === 'LO501']),
      [
        ['LO501', 40, true],
        ['LO101', 40, true],
      ],
    );
    // About ten parts per cell (60 cells: 600 when cold); the second analysis may have asked for one more.
    const partsPerCell = coldParts / 60;
    assert.ok(recomputed >= 2 && recomputed <= 3 * partsPerCell, `${recomputed} parts recomputed (${coldParts} cold)`);
  });

  it('keeps one record per position of a text that stands at several positions', () => {
    // Identical cells share their facts: each position has its own parts, kept across analyses.
    const secret = 'token = "hf_Ab3dE5gH7jK9mN1pQ3rS5tU7vW9xY1zAbc"';
    const nb = notebookFrom([secret, 'x = 1', secret]);
    const cache = new FactsCache();
    const ids = (): string[] =>
      analyzeNotebook(copyOf(nb), { cache, incremental: true }).map((f) => `${f.ruleId}@${f.cellIndex}`);
    assert.deepEqual(ids(), ['LO502@0', 'LO502@2']);
    const before = cellPartStats.computed;
    assert.deepEqual(ids(), ['LO502@0', 'LO502@2']);
    assert.equal(cellPartStats.computed, before, 'nothing recomputed when nothing changed');
    // The text at a third position gets its own parts; the first two are still kept.
    (nb.cells[1] as Cell).source = secret;
    assert.deepEqual(ids(), ['LO502@0', 'LO502@1', 'LO502@2']);
    const third = cellPartStats.computed;
    assert.ok(third > before, 'the new position computed its parts');
    assert.deepEqual(ids(), ['LO502@0', 'LO502@1', 'LO502@2']);
    assert.equal(cellPartStats.computed, third);
  });

  it('resolves names again in cells whose imports above changed, and only then', () => {
    const nb = notebookFrom(['import joblib', 'x = 1', 'm = joblib.load("m.joblib")']);
    const cache = new FactsCache();
    const ids = (): string[] =>
      analyzeNotebook(copyOf(nb), { cache, incremental: true }).map((f) => `${f.ruleId}@${f.cellIndex}`);
    assert.deepEqual(ids(), ['LO501@2']);
    (nb.cells[0] as Cell).source = 'import json as joblib';
    assert.deepEqual(ids(), []);
    // An edit that keeps every import keeps the scopes, so the last cell's parts are reused.
    (nb.cells[0] as Cell).source = 'import joblib\n# loads models';
    assert.deepEqual(ids(), ['LO501@2']);
    const scope = (): object | undefined => buildContext(copyOf(nb), cache).importScope?.(2);
    const kept = scope();
    (nb.cells[0] as Cell).source = 'import joblib\n# loads models, again';
    assert.equal(scope(), kept);
  });

  it('keeps nothing from an analysis that is not incremental (a cold one uses each part once)', () => {
    const nb = notebookFrom([
      'import joblib',
      'm = joblib.load("m.joblib")',
      'token = "hf_Ab3dE5gH7jK9mN1pQ3rS5tU7vW9xY1zAbc"',
    ]);
    const cache = new FactsCache();
    const partsOf = (incremental: boolean): number => {
      const before = cellPartStats.computed;
      const ids = analyzeNotebook(copyOf(nb), { cache, incremental }).map((f) => `${f.ruleId}@${f.cellIndex}`);
      assert.deepEqual(ids, ['LO501@1', 'LO502@2']);
      return cellPartStats.computed - before;
    };
    const cold = partsOf(false);
    assert.ok(cold > 3, `${cold} parts computed`);
    // Same cache, same texts: a second cold analysis computes every part again, and so does the first
    // incremental one; only the analysis after that reads them back.
    assert.equal(partsOf(false), cold);
    assert.equal(partsOf(true), cold);
    assert.equal(partsOf(true), 0);
    assert.equal(partsOf(false), cold);
  });

  it('keeps what a code cell says of baselines and deleted columns, and reads prose on every analysis', () => {
    const nb = notebookFrom([
      'import pandas as pd\nfrom sklearn.model_selection import train_test_split\nfrom sklearn.ensemble import RandomForestRegressor',
      'df = pd.read_csv("data/houses.csv")\ny = df["price"]\nX = df.drop(columns=["id"])',
      'X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)',
      { source: 'Random forest on every column.', kind: 'markdown' },
      'rf = RandomForestRegressor(random_state=0).fit(X_train, y_train)\nprint(rf.score(X_test, y_test))',
    ]);
    const cache = new FactsCache();
    const ids = (): string[] =>
      analyzeNotebook(copyOf(nb), { cache, incremental: true })
        .filter((f) => f.ruleId === 'LO305' || f.ruleId === 'LO205')
        .map((f) => `${f.ruleId}@${f.cellIndex}`);
    assert.deepEqual(ids(), ['LO205@1', 'LO305@4']);
    // Prose that names a baseline silences LO305; taken back, the finding returns.
    (nb.cells[3] as Cell).source = 'Compared with a majority class baseline below.';
    assert.deepEqual(ids(), ['LO205@1']);
    (nb.cells[3] as Cell).source = 'Random forest on every column.';
    assert.deepEqual(ids(), ['LO205@1', 'LO305@4']);
    // A code cell's comment does too, and a `del` of the target column makes LO205 unsure (it stays quiet).
    (nb.cells[4] as Cell).source += '  # the mean baseline scores 0.0';
    (nb.cells[2] as Cell).source = `del df["price"]\n${(nb.cells[2] as Cell).source}`;
    assert.deepEqual(ids(), []);
    (nb.cells[2] as Cell).source = (nb.cells[2] as Cell).source.replace('del df["price"]\n', '');
    assert.deepEqual(ids(), ['LO205@1']);
  });

  it('gives exactly the findings of a cold analysis after many random edits', () => {
    const nb = generatedNotebook(150);
    EXTRA.forEach((source, i) => nb.cells.splice(10 + i * 7, 0, codeCell(source)));
    reindex(nb);
    const cache = new FactsCache();
    const random = rng(5);
    let fired = 0;
    for (let i = 0; i < 80; i++) {
      randomEdit(nb, random, i, EXTRA, ODDS);
      const warm = analyzeNotebook(copyOf(nb), { cache, incremental: i % 2 === 0 });
      const cold = analyzeNotebook(copyOf(nb), { cache: new FactsCache() });
      assert.deepEqual(warm, cold, `findings after edit ${i}`);
      fired += cold.length;
    }
    assert.ok(fired > 80 * 5, `${fired} findings over the edits`);
  });
});
