/**
 * Cell plans (src/core/analysis/dataflow-cell.ts): the evaluation order of a cell's calls and bindings, and
 * which analyses keep plans for the next one.
 */
import { strict as assert } from 'node:assert';
import { FactsCache } from '../../src/core/analysis/cache';
import { CellPlan, planOf, type Item } from '../../src/core/analysis/dataflow-cell';
import { leadingNameEnd } from '../../src/core/analysis/dataflow-text';
import type { Range } from '../../src/core/notebook/model';
import type { AnalyzedCell } from '../../src/core/rules/rule';
import { generatedNotebook } from './random-edits';

/** The order plans give, written as a comparison: by end, the wider of two ranges ending alike last, then calls before bindings (a `for` binds first), then fact order. */
function referenceOrder(items: readonly Item[]): Item[] {
  const rangeOf = (i: Item): Range => (i.call !== undefined ? i.call.range : i.assignment.range);
  const rank = (i: Item): number => (i.call !== undefined || i.assignment.via === 'for' ? 0 : 1);
  return [...items].sort((x, y) => {
    const a = rangeOf(x);
    const b = rangeOf(y);
    return (
      a.end.line - b.end.line || a.end.character - b.end.character || b.start.line - a.start.line || rank(x) - rank(y)
    );
  });
}

/** The cell's top-level items in fact order: calls, then bindings (what plans sort). */
function factOrder(plan: CellPlan): Item[] {
  const inDef = (line: number): boolean => plan.defs.some((d) => line >= d.headerLine && line <= d.lastLine);
  return [
    ...plan.facts.calls
      .filter((call) => call.inFunction === undefined && !inDef(call.range.start.line))
      .map((call) => ({ call })),
    ...plan.facts.assignments.filter((a) => !inDef(a.range.start.line)).map((assignment) => ({ assignment })),
  ];
}

const sameItems = (a: readonly Item[], b: readonly Item[]): boolean =>
  a.length === b.length && a.every((x, i) => x.call === b[i]?.call && x.assignment === b[i]?.assignment);

const cellOf = (source: string, cache: FactsCache, index = 0): AnalyzedCell => ({
  cell: { index, kind: 'code', source } as AnalyzedCell['cell'],
  facts: cache.get(source),
});

describe('cell plans', () => {
  it('orders calls when they end and bindings after their value, as the comparison does', () => {
    const cache = new FactsCache();
    const plan = new CellPlan(
      'x = f(g(a), h(b))\nfor i in range(3):\n    y = k(i)',
      cache.get('x = f(g(a), h(b))\nfor i in range(3):\n    y = k(i)'),
    );
    const order = plan
      .items()
      .map((i) => (i.call !== undefined ? i.call.callee : `=${i.assignment.targets.join(',')}`));
    assert.deepEqual(order, ['g', 'h', 'f', '=x', 'range', '=i', 'k', '=y']);
    // Ending alike, the range that starts later (the call on the continued line) comes first.
    const continued = 'z = \\\n    f(a)';
    const both = new CellPlan(continued, cache.get(continued)).items();
    assert.deepEqual(
      both.map((i) => i.call?.range.start.line ?? `=${i.assignment?.range.start.line}`),
      [1, '=0'],
    );
    let cells = 0;
    for (const cell of generatedNotebook(400).cells) {
      if (cell.kind !== 'code') continue;
      const p = new CellPlan(cell.source, cache.get(cell.source));
      cells++;
      assert.ok(sameItems(p.items(), referenceOrder(factOrder(p))), cell.source);
      for (const block of p.defs) {
        const body = p.bodyItems(block);
        assert.ok(sameItems(body, referenceOrder(body)), cell.source);
      }
    }
    assert.ok(cells > 300);
  });

  it('orders cells past 8191 characters or lines the same way (they are sorted by comparison)', () => {
    const cache = new FactsCache();
    const long = `a = "${'x'.repeat(9000)}"\nb = f(g(a), h(a))\nc = f(a)`;
    const tall = `${'\n'.repeat(8200)}b = f(g(a), h(a))\nfor i in range(3):\n    c = k(i)`;
    for (const source of [long, tall]) {
      const plan = new CellPlan(source, cache.get(source));
      assert.ok(plan.items().length >= 6);
      assert.ok(sameItems(plan.items(), referenceOrder(factOrder(plan))));
    }
  });

  it("keeps plans for the next analysis only when asked (the editor's folds), and within one analysis always", () => {
    const cache = new FactsCache();
    const source = 'df = pd.read_csv("a.csv")\nX = df.drop(columns=["y"])';
    const first = cellOf(source, cache);
    const plan = planOf(first);
    assert.equal(planOf(first), plan, 'one plan per cell of an analysis');
    // A cold analysis's plan is not found by the next analysis of the same text (same facts object).
    const second = cellOf(source, cache);
    assert.equal(second.facts, first.facts);
    const fresh = planOf(second);
    assert.notEqual(fresh, plan);
    // A fold that resumes keeps its plans: the next analysis gets the same plan.
    const kept = planOf(cellOf(source, cache), true);
    assert.equal(planOf(cellOf(source, cache)), kept);
    // ...but not for another text behind the same facts object (the shared facts of unparsable cells).
    const other = { cell: { ...first.cell, source: `${source}\n` }, facts: first.facts };
    assert.notEqual(planOf(other), kept);
    assert.equal(planOf(other).source, `${source}\n`);
  });
});

describe('leadingNameEnd', () => {
  it('measures the name a text starts with, as /^[A-Za-z_]\\w*/ matches it', () => {
    for (const text of [
      'model',
      'models[name]',
      'grid.best_estimator_',
      '_x1.fit',
      '1abc',
      '',
      ' df',
      '(a)',
      'é',
      'a_b9(',
    ]) {
      assert.equal(leadingNameEnd(text), /^[A-Za-z_]\w*/.exec(text)?.[0].length ?? 0, text);
    }
  });
});
