import { strict as assert } from 'node:assert';
import { FactsCache } from '../../src/core/analysis/cache';
import {
  dataflowOf,
  DataflowQueries,
  type Dataflow,
  type EvalEvent,
  type SplitEvent,
} from '../../src/core/analysis/dataflow';
import { evaluatedSplits } from '../../src/core/analysis/dataflow-evals';
import { attachFoldState, foldStateFor } from '../../src/core/analysis/dataflow-resume';
import { CellSiteIndex, nodeSites } from '../../src/core/analysis/dataflow-sites';
import { buildContext } from '../../src/core/analyze';
import { readNotebook } from '../../src/core/notebook/read';
import { generateNotebook } from '../../bench/generate';
import type { RuleContext } from '../../src/core/rules/rule';
import type { Cell } from '../../src/core/notebook/model';
import { notebookFrom } from './helpers';
import { IMPORTS, LOAD } from './rules/leakage-rules.fixtures';

function contextOf(cells: string[]): RuleContext {
  return buildContext(notebookFrom(cells), new FactsCache());
}

/** The question as asked before the one-pass marking: an ancestor set per prediction. */
function evaluatedBySets(q: DataflowQueries): number[] {
  return q.graph.splits
    .filter((s) => {
      if (s.test.length === 0) return false;
      if (evalsOnTestBySets(q, s).length > 0) return true;
      if (s.kind === 'files') return false;
      return q.graph.nodes.some(
        (n) => n.predictedData !== undefined && s.test.some((t) => q.derivesFrom(n.predictedData as number, t)),
      );
    })
    .map((s) => s.id);
}

const ids = (splits: readonly SplitEvent[]): number[] => splits.map((s) => s.id);

function evalsOnTestBySets(q: DataflowQueries, split: SplitEvent): EvalEvent[] {
  return q.graph.evals.filter((e) => split.test.some((t) => q.derivesFrom(e.data, t)));
}

/** Per node, the splits whose `part` it derives from, asked pair by pair of the ancestor sets. */
function reachBySets(q: DataflowQueries, part: 'test' | 'train'): number[][] {
  return q.graph.nodes.map((n) =>
    q.graph.splits.flatMap((s, k) => (s[part].some((t) => q.derivesFrom(n.id, t)) ? [k] : [])),
  );
}

const NOTEBOOKS: Record<string, string[]> = {
  'predicted on the test part, never scored': [
    IMPORTS,
    LOAD,
    'X_tr, X_te, y_tr, y_te = train_test_split(X, y)',
    'model = LogisticRegression().fit(X_tr, y_tr)\npreds = model.predict(X_te)',
  ],
  'predicted on the scaled test part': [
    IMPORTS,
    LOAD,
    'X_tr, X_te, y_tr, y_te = train_test_split(X, y)\nscaler = StandardScaler().fit(X_tr)',
    'model = LogisticRegression().fit(scaler.transform(X_tr), y_tr)\nX_te2 = scaler.transform(X_te)\np = model.predict(X_te2)',
  ],
  'only the training part predicted': [
    IMPORTS,
    LOAD,
    'X_tr, X_te, y_tr, y_te = train_test_split(X, y)',
    'model = LogisticRegression().fit(X_tr, y_tr)\np = model.predict(X_tr)',
  ],
  'two splits, the second predicted through a slice': [
    IMPORTS,
    LOAD,
    'a_tr, a_te, b_tr, b_te = train_test_split(X, y)\nX_tr, X_te, y_tr, y_te = train_test_split(a_tr, b_tr)',
    'model = KNeighborsClassifier().fit(X_tr, y_tr)\np = model.predict(X_te[:100])\nprint(accuracy_score(b_te, model.predict(a_te)))',
  ],
  'a test file predicted, and a scored split': [
    IMPORTS,
    LOAD,
    'test = pd.read_csv("data/test.csv")',
    'X_tr, X_te, y_tr, y_te = train_test_split(X, y)\nmodel = RandomForestClassifier().fit(X_tr, y_tr)',
    'model.score(X_te, y_te)\nsubmission = model.predict(test)',
  ],
};

describe('evaluated splits', () => {
  for (const [name, cells] of Object.entries(NOTEBOOKS)) {
    it(`finds what an ancestor set per prediction finds: ${name}`, () => {
      const q = dataflowOf(contextOf(cells));
      assert.ok(q.graph.splits.length > 0);
      assert.deepEqual(ids(evaluatedSplits(q)), evaluatedBySets(q));
    });
  }

  it('answers for every split and node in one pass what the ancestor sets answer pair by pair', () => {
    const generated = readNotebook('generated.ipynb', generateNotebook(120));
    assert.ok(generated.ok);
    const contexts = [...Object.values(NOTEBOOKS).map(contextOf), buildContext(generated.notebook, new FactsCache())];
    for (const ctx of contexts) {
      const q = dataflowOf(ctx);
      for (const part of ['test', 'train'] as const) {
        const reach = q.splitReach(part);
        assert.ok(reach);
        assert.deepEqual(
          reach.map((r) => [...r].sort((a, b) => a - b)),
          reachBySets(q, part),
        );
      }
      for (const split of q.graph.splits) {
        assert.equal(q.splitIndex(split), q.graph.splits.indexOf(split));
        assert.deepEqual(q.evalsOnTestOf(split), evalsOnTestBySets(q, split));
      }
    }
    const q = dataflowOf(contexts[contexts.length - 1] as RuleContext);
    // The generated notebook: twelve splits, each predicted on by a helper's replay, and twelve scores.
    assert.equal(q.graph.splits.length, 12);
    assert.equal(q.graph.evals.length, 12);
    assert.deepEqual(ids(evaluatedSplits(q)), evaluatedBySets(q));
    assert.equal(evaluatedSplits(q).length, 12);
  });

  it('walks the ancestors of many nodes once, marking what their ancestor sets hold', () => {
    const generated = readNotebook('generated.ipynb', generateNotebook(120));
    assert.ok(generated.ok);
    const q = dataflowOf(buildContext(generated.notebook, new FactsCache()));
    const starts = q.graph.splits.flatMap((s) => s.test);
    assert.ok(starts.length > 10);
    const seen = new Uint8Array(q.graph.nodes.length);
    const visited: number[] = [];
    for (const id of starts)
      assert.equal(
        q.visitAncestors(id, seen, (node) => void visited.push(node.id)),
        true,
      );
    const union = new Set(starts.flatMap((id) => [...q.ancestors(id)]));
    assert.deepEqual(
      [...visited].sort((a, b) => a - b),
      [...union].sort((a, b) => a - b),
    );
    assert.deepEqual(
      [...seen.keys()].filter((id) => seen[id] === 1),
      [...union].sort((a, b) => a - b),
    );
    // A visitor that answers false stops the walk where it is.
    let calls = 0;
    assert.equal(
      q.visitAncestors(starts[0] as number, new Uint8Array(seen.length), () => ++calls < 2),
      false,
    );
    assert.equal(calls, 2);
  });

  it('counts a prediction on the test part and not one on the training part', () => {
    const predicted = dataflowOf(contextOf(NOTEBOOKS['predicted on the scaled test part'] ?? []));
    assert.equal(evaluatedSplits(predicted).length, 1);
    const training = dataflowOf(contextOf(NOTEBOOKS['only the training part predicted'] ?? []));
    assert.equal(evaluatedSplits(training).length, 0);
  });

  it('answers by ancestor sets when a dependency points to a later node', () => {
    const q = dataflowOf(contextOf(NOTEBOOKS['predicted on the test part, never scored'] ?? []));
    const prediction = q.graph.nodes.find((n) => n.predictedData !== undefined);
    assert.ok(prediction);
    // A graph whose first node depends on the prediction: only the sets can read it.
    const nodes = q.graph.nodes.map((n) => ({ ...n, deps: [...n.deps] }));
    nodes[0]?.deps.push(prediction.id);
    const graph: Dataflow = { ...q.graph, nodes };
    const forward = new DataflowQueries(graph);
    assert.deepEqual(ids(evaluatedSplits(forward)), evaluatedBySets(forward));
    assert.equal(evaluatedSplits(forward).length, 1);
  });
});

describe('cell site index', () => {
  it('matches each cell as the whole-notebook index does when the nodes are not in cell order', () => {
    const ctx = contextOf([
      IMPORTS,
      LOAD,
      'X_tr, X_te, y_tr, y_te = train_test_split(X, y)\nscaler = StandardScaler().fit(X_tr)',
      'model = LogisticRegression().fit(scaler.transform(X_tr), y_tr)\np = model.predict(scaler.transform(X_te))',
    ]);
    const q = dataflowOf(ctx);
    // A copy of a node of the last cell put first: the ids no longer follow the cells.
    const last = q.graph.nodes[q.graph.nodes.length - 1];
    assert.ok(last);
    const nodes = [
      { ...last, id: 0 },
      ...q.graph.nodes.map((n) => ({ ...n, id: n.id + 1, deps: n.deps.map((d) => d + 1) })),
    ];
    const shuffled = new DataflowQueries({ ...q.graph, nodes });
    const all = nodeSites(ctx, shuffled);
    const index = new CellSiteIndex(ctx, shuffled);
    for (const { cell } of ctx.codeCells) {
      const expected = [...all].filter(([, site]) => site.cell.cell.index === cell.index);
      assert.deepEqual([...index.ofCell(cell.index)], expected, `cell ${cell.index}`);
    }
    assert.ok(all.size > 5);
    // And in cell order, by binary search, the same sites as the whole-notebook index.
    const ordered = new CellSiteIndex(ctx, q);
    const full = nodeSites(ctx, q);
    for (const { cell } of ctx.codeCells) {
      assert.deepEqual(
        [...ordered.ofCell(cell.index)],
        [...full].filter(([, site]) => site.cell.cell.index === cell.index),
      );
    }
  });

  it('matches as the whole-notebook index does after edits renumber the nodes of unchanged cells', () => {
    const r = readNotebook('sites.ipynb', generateNotebook(120));
    assert.ok(r.ok);
    const nb = r.notebook;
    const cache = new FactsCache();
    const code = nb.cells.filter((c) => c.kind === 'code');
    // Edits near the top add and remove nodes: every later cell is refolded into nodes numbered anew,
    // and its sites come from the claims kept for its text, which must still point at the right nodes.
    const edits = ['z = df_0.copy()', 'w = 1', ''];
    for (let round = 0; round <= edits.length; round++) {
      if (round > 0) (code[1] as Cell).source = `${(code[1] as Cell).source}\n${edits[round - 1]}`;
      const ctx = buildContext(nb, cache, {});
      attachFoldState(ctx, foldStateFor(cache, nb.path));
      const q = dataflowOf(ctx);
      const index = new CellSiteIndex(ctx, q);
      const full = nodeSites(ctx, q);
      let sites = 0;
      for (const { cell } of ctx.codeCells) {
        const expected = [...full].filter(([, site]) => site.cell.cell.index === cell.index);
        const got = index.ofCell(cell.index);
        assert.deepEqual([...got], expected, `cell ${cell.index}, round ${round}`);
        for (const [id, site] of got)
          assert.equal(
            site.cell,
            ctx.codeCells.find((c) => c.cell === cell),
            `${id}`,
          );
        sites += got.length;
      }
      assert.ok(sites > 200, `${sites} sites`);
    }
  });
});
