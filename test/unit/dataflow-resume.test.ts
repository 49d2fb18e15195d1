/**
 * Property test of the resumable dataflow fold (src/core/analysis/dataflow-resume.ts): over generated
 * notebooks (bench/generate.ts) and hundreds of random edits (a line appended, a cell replaced, inserted,
 * deleted or moved, splits whose later half marks an earlier cell's data), an incremental analysis must
 * give exactly the graph and the findings of a cold analysis of the same notebook.
 */
import * as assert from 'node:assert/strict';
import { FactsCache } from '../../src/core/analysis/cache';
import { buildDataflow, dataflowOf, DataflowQueries } from '../../src/core/analysis/dataflow';
import { attachFoldState, foldStateFor } from '../../src/core/analysis/dataflow-resume';
import { analyzeNotebook, buildContext } from '../../src/core/analyze';
import type { Cell } from '../../src/core/notebook/model';
import { codeCell, generatedNotebook, randomEdit, reindex, rng } from './random-edits';

/** Cells that make a later cell change an earlier one's data (complementary selections, held-out files). */
const EXTRA = [
  'train_df = df_1[:800]',
  'test_df = df_1[800:]',
  'mask = df_2["year"] < 2020\nold = df_2[mask]',
  'recent = df_2[~mask]',
  'sample_df = df_3.sample(frac=0.8, random_state=1)\nrest = df_3.drop(sample_df.index)',
  'test = pd.read_csv("test.csv")\nscaler = StandardScaler()\nscaler.fit(test)',
  'from sklearn.preprocessing import StandardScaler\nsc = StandardScaler().fit(X_train_3)\nXt = sc.transform(X_test_3)',
  'clf_4.fit(X_test_3, y_test_3)\nprint(accuracy_score(y_test_3, clf_4.predict(X_test_3)))',
  'def helper(a, b):\n    return a.fit(b)\nfitted = helper(clf_4, X_train_3)',
  'df_1.dropna(inplace=True)\nframes.append(df_1)',
];

const ODDS = { append: 0.35, replace: 0.5, insert: 0.6, remove: 0.7, move: 0.8, copy: 0.9 };
const load = generatedNotebook;

describe('dataflow fold resumed from checkpoints', function () {
  this.timeout(60_000);
  it('builds the same graph as a cold fold after every one of many random edits', () => {
    for (const [cells, seed] of [
      [40, 1],
      [120, 2],
      [300, 3],
    ] as const) {
      const nb = load(cells);
      const cache = new FactsCache();
      // Facts are a pure function of the text; what must be cold is the fold.
      const coldCache = new FactsCache();
      const random = rng(seed);
      for (let i = 0; i < 40; i++) {
        randomEdit(nb, random, i, EXTRA, ODDS);
        const warm = buildContext(nb, cache, {});
        attachFoldState(warm, foldStateFor(cache, nb.path));
        const resumed = buildDataflow(warm);
        const cold = buildDataflow(buildContext(nb, coldCache, {}));
        assert.deepEqual(resumed, cold, `graph after edit ${i} of the ${cells}-cell notebook (seed ${seed})`);
      }
    }
  });

  it('undoes what a later cell did to an earlier cell when that later cell changes', () => {
    const nb = load(200);
    const cache = new FactsCache();
    nb.cells.splice(5, 0, codeCell('train_df = df_1[:800]'));
    nb.cells.splice(180, 0, codeCell('test_df = df_1[800:]'));
    reindex(nb);
    const graph = (): ReturnType<typeof buildDataflow> => {
      const ctx = buildContext(nb, cache, {});
      attachFoldState(ctx, foldStateFor(cache, nb.path));
      return buildDataflow(ctx);
    };
    const split = graph().nodes.find((n) => n.name === 'train_df');
    assert.equal(split?.role, 'train', 'the later selection made train_df the train part');
    (nb.cells[180] as Cell).source = 'test_df = 1';
    const resumed = graph();
    assert.equal(resumed.nodes.find((n) => n.name === 'train_df')?.role, undefined);
    assert.deepEqual(resumed, buildDataflow(buildContext(nb, new FactsCache(), {})));
  });

  it('leaves a graph handed out earlier as it was when a later fold marks its nodes', () => {
    const nb = load(200);
    const cache = new FactsCache();
    nb.cells.splice(5, 0, codeCell('train_df = df_1[:800]'));
    reindex(nb);
    const graph = (): ReturnType<typeof buildDataflow> => {
      const ctx = buildContext(nb, cache, {});
      attachFoldState(ctx, foldStateFor(cache, nb.path));
      return buildDataflow(ctx);
    };
    const first = graph();
    const before = JSON.stringify(first);
    nb.cells.splice(180, 0, codeCell('test_df = df_1[800:]'));
    reindex(nb);
    const second = graph();
    const id = second.nodes.findIndex((n) => n.name === 'train_df');
    assert.equal(second.nodes[id]?.role, 'train', 'the later selection made train_df the train part');
    assert.equal(first.nodes[id]?.role, undefined);
    assert.equal(JSON.stringify(first), before, 'the first graph did not change');
  });

  it('keeps the ancestor sets of the nodes a resumed fold took over', () => {
    const nb = load(300);
    const cache = new FactsCache();
    const queries = (): DataflowQueries => {
      const ctx = buildContext(nb, cache, {});
      attachFoldState(ctx, foldStateFor(cache, nb.path));
      return dataflowOf(ctx);
    };
    const first = queries();
    const early = first.graph.nodes.filter((n) => n.deps.length > 0 && n.cellIndex < 100).map((n) => n.id);
    const late = first.graph.nodes.filter((n) => n.deps.length > 0 && n.cellIndex >= 295).map((n) => n.id);
    const sets = [...early, ...late].map((id) => first.ancestors(id));
    (nb.cells[295] as Cell).source += '\nz = 1';
    const second = queries();
    const cold = new DataflowQueries(buildDataflow(buildContext(nb, new FactsCache(), {})));
    early.forEach((id, i) => {
      assert.equal(second.ancestors(id), sets[i], `node ${id} keeps its set`);
      assert.deepEqual(second.ancestors(id), cold.ancestors(id));
    });
    // Nodes folded again are asked afresh (their sets would be equal here, but not the same objects).
    late.forEach((id, i) => {
      assert.notEqual(second.ancestors(id), sets[early.length + i], `node ${id} was folded again`);
      assert.deepEqual(second.ancestors(id), cold.ancestors(id));
    });
  });

  it('gives the same findings as a cold analysis after random edits', () => {
    const nb = load(150);
    const cache = new FactsCache();
    const coldCache = new FactsCache();
    const random = rng(11);
    for (let i = 0; i < 60; i++) {
      randomEdit(nb, random, i, EXTRA, ODDS);
      const incremental = analyzeNotebook(nb, { cache, incremental: true });
      const cold = analyzeNotebook(nb, { cache: coldCache });
      assert.deepEqual(incremental, cold, `findings after edit ${i}`);
    }
  });

  it('resumes after the unchanged cells instead of folding them again', () => {
    const nb = load(400);
    const cache = new FactsCache();
    const state = foldStateFor(cache, nb.path);
    const first = buildContext(nb, cache, {});
    attachFoldState(first, state);
    const before = buildDataflow(first);
    assert.ok(state.checkpointCount >= 8, `${state.checkpointCount} checkpoints`);
    const last = nb.cells.at(-1) as Cell;
    last.source += '\nz = 1';
    const second = buildContext(nb, cache, {});
    attachFoldState(second, state);
    const after = buildDataflow(second);
    // Nodes of the cells before the last checkpoint are reused as they are, not built again.
    const reused = after.nodes.filter((n, i) => n === before.nodes[i]).length;
    assert.ok(reused > before.nodes.length * 0.8, `${reused} of ${before.nodes.length} nodes reused`);
  });
});
