/**
 * Model lineage as evidence for Infra 1 ("training is reproducible"), through `liftoff readiness --format
 * json` on temporary projects: a real joblib file written by a notebook cell, with set file times and, for
 * the stale case, real git commits with set dates (see test/unit/models/lineage-helpers.ts).
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { collectSnapshot, type ProjectPort } from '../../../src/core/readiness/collect';
import { CachedHistory } from '../../../src/core/readiness/evidence-lineage';
import { runCli } from '../cli-helper';
import { at, notebookJson, TempWorkspace } from '../models/lineage-helpers';
import { ROOT } from './helpers';

interface ItemJson {
  id: string;
  status: string;
  why: string;
  files?: string[];
  cells?: { file: string; cellIndex: number; range?: { start: { line: number } } }[];
  next?: { kind: string; text: string; notebook?: string; cellIndex?: number };
}

const SAVE = 'joblib.dump(model, "models/churn.joblib")';

/** A seeded training notebook (no reproducibility findings) whose fourth cell writes models/churn.joblib. */
function trainNotebook(save = SAVE): string {
  return notebookJson([
    'import joblib\nimport pandas as pd\nfrom sklearn.linear_model import LogisticRegression\n' +
      'from sklearn.model_selection import train_test_split',
    'df = pd.read_csv("data/customers.csv")\nX_train, X_test, y_train, y_test = train_test_split(\n' +
      '    df[["tenure", "charges"]], df["churned"], test_size=0.2, random_state=0, stratify=df["churned"])',
    'model = LogisticRegression(max_iter=200, random_state=0).fit(X_train, y_train)\nprint(model.score(X_test, y_test))',
    save,
  ]);
}

const JOBLIB = readFileSync(path.join(ROOT, 'test/fixtures/models/logreg.joblib'));
const PINNED = 'pandas==2.2.2\nscikit-learn==1.5.0\njoblib==1.4.2\n';

async function infra1(ws: TempWorkspace): Promise<ItemJson> {
  const { code, stdout, stderr } = await runCli(['readiness', ws.root, '--format', 'json']);
  assert.equal(code, 0, stderr);
  return (JSON.parse(stdout) as { items: ItemJson[] }).items.find((i) => i.id === 'infra-1')!;
}

describe('readiness: model lineage as evidence for Infra 1', function () {
  this.timeout(60_000);
  let ws: TempWorkspace;
  beforeEach(() => {
    ws = new TempWorkspace();
    ws.write('requirements.txt', PINNED);
  });
  afterEach(() => ws.dispose());

  it('passes with the cell that writes the model named in why, and that cell as the reveal target', async () => {
    ws.write('train.ipynb', trainNotebook(), at('2026-03-01T10:00:00Z'));
    ws.write('models/churn.joblib', JOBLIB, at('2026-03-01T10:05:00Z'));
    const item = await infra1(ws);
    assert.equal(item.status, 'pass');
    assert.match(
      item.why,
      /every dependency is pinned \(requirements\.txt\); models\/churn\.joblib is written by train\.ipynb, cell 4 \(joblib\.dump\), after the cell's last change$/,
    );
    assert.equal(item.cells?.length, 1);
    assert.equal(item.cells?.[0]?.file, 'train.ipynb');
    assert.equal(item.cells?.[0]?.cellIndex, 3);
    assert.equal(item.cells?.[0]?.range?.start.line, 0);
    assert.deepEqual(item.files, ['models/churn.joblib', 'requirements.txt']);
  });

  it('does not call a file older than its notebook stale without history, only written by the cell', async () => {
    ws.write('models/churn.joblib', JOBLIB, at('2026-03-01T09:00:00Z'));
    ws.write('train.ipynb', trainNotebook(), at('2026-03-01T10:00:00Z'));
    const item = await infra1(ws);
    assert.equal(item.status, 'pass');
    assert.match(item.why, /models\/churn\.joblib is written by train\.ipynb, cell 4 \(joblib\.dump\)$/);
  });

  it('caps the item at partial when no notebook writes a model file, and reveals that file', async () => {
    ws.write('train.ipynb', trainNotebook(), at('2026-03-01T10:00:00Z'));
    ws.write('models/churn.joblib', JOBLIB, at('2026-03-01T10:05:00Z'));
    ws.write('models/legacy.pkl', JOBLIB, at('2026-03-01T10:05:00Z'));
    const item = await infra1(ws);
    assert.equal(item.status, 'partial');
    assert.match(
      item.why,
      /pinned \(requirements\.txt\), but no notebook writes models\/legacy\.pkl, so it cannot be made again from the notebooks$/,
    );
    assert.equal(item.files?.[0], 'models/legacy.pkl');
    assert.equal(item.cells, undefined);
    assert.equal(item.next?.kind, 'attest');
  });

  it('fails on a model file older than the last change of its cell, proven by git history', async () => {
    // The model was written, then the saving cell committed in its old form, then changed and committed.
    ws.write('models/churn.joblib', JOBLIB, at('2026-03-01T09:00:00Z'));
    ws.write('.gitignore', 'models/\n');
    ws.write('train.ipynb', trainNotebook());
    ws.git(['init', '-q']);
    ws.commit('first training notebook', at('2026-03-01T10:00:00Z'));
    ws.write('train.ipynb', trainNotebook('joblib.dump(model, "models/churn.joblib", compress=3)'));
    ws.commit('compress the model', at('2026-03-02T10:00:00Z'));
    ws.touch('train.ipynb', at('2026-03-02T10:00:00Z'));
    const item = await infra1(ws);
    assert.equal(item.status, 'fail');
    assert.match(
      item.why,
      /^models\/churn\.joblib is older than the last change of train\.ipynb, cell 4, which writes it \(from git history\)/,
    );
    assert.equal(item.cells?.[0]?.file, 'train.ipynb');
    assert.equal(item.cells?.[0]?.cellIndex, 3);
    assert.equal(item.files?.[0], 'models/churn.joblib');
    assert.deepEqual(
      { kind: item.next?.kind, notebook: item.next?.notebook, cellIndex: item.next?.cellIndex },
      { kind: 'rerun', notebook: 'train.ipynb', cellIndex: 3 },
    );
  });

  it('names a stale model next to the reproducibility findings that fail the item', async () => {
    ws.write('models/churn.joblib', JOBLIB, at('2026-03-01T09:00:00Z'));
    const unseeded = (save: string) =>
      notebookJson([
        'import joblib\nfrom sklearn.ensemble import RandomForestClassifier',
        'model = RandomForestClassifier().fit(X, y)',
        save,
      ]);
    ws.write('train.ipynb', unseeded(SAVE));
    ws.git(['init', '-q']);
    ws.commit('first', at('2026-03-01T10:00:00Z'));
    ws.write('train.ipynb', unseeded('joblib.dump(model, "models/churn.joblib", compress=3)'));
    ws.commit('compress', at('2026-03-02T10:00:00Z'));
    const item = await infra1(ws);
    assert.equal(item.status, 'fail');
    assert.match(item.why, /unseeded-randomness\); also models\/churn\.joblib is older than the last change/);
  });
});

describe('readiness: the cost of lineage', () => {
  it('asks for file times and git history only when the project has a model file', async () => {
    const asked: string[] = [];
    const files: Record<string, string> = { 'train.ipynb': trainNotebook(), 'requirements.txt': PINNED };
    const port: ProjectPort = {
      listFiles: async () => Object.keys(files),
      readText: async (p) => files[p] ?? '',
      mtimeMs: async (p) => (asked.push(p), 0),
      history: async () => (asked.push('history'), undefined),
    };
    const without = await collectSnapshot(port);
    assert.equal(without.lineage, undefined);
    assert.deepEqual(asked, []);
    files['models/churn.joblib'] = '';
    const withModel = await collectSnapshot(port);
    assert.deepEqual(asked.sort(), ['history', 'models/churn.joblib', 'train.ipynb']);
    assert.equal(withModel.lineage?.[0]?.writers[0]?.cellIndex, 3);
  });

  it('has no lineage evidence from a face that gives no file times', async () => {
    const port: ProjectPort = {
      listFiles: async () => ['train.ipynb', 'models/churn.joblib'],
      readText: async () => trainNotebook(),
    };
    assert.equal((await collectSnapshot(port)).lineage, undefined);
  });

  it("keeps each notebook's history until told the notebook changed, opening git once", async () => {
    let opened = 0;
    const asked: string[] = [];
    const history = new CachedHistory(async () => {
      opened++;
      return {
        revisions: async (p) => (
          asked.push(p),
          { revisions: [{ timeMs: asked.length, text: '{}' }], truncated: false }
        ),
      };
    });
    assert.equal((await history.revisions('a.ipynb'))?.revisions[0]?.timeMs, 1);
    assert.equal((await history.revisions('a.ipynb'))?.revisions[0]?.timeMs, 1);
    await history.revisions('b.ipynb');
    history.forget('a.ipynb');
    assert.equal((await history.revisions('a.ipynb'))?.revisions[0]?.timeMs, 3);
    assert.deepEqual([opened, asked], [1, ['a.ipynb', 'b.ipynb', 'a.ipynb']]);
  });
});
