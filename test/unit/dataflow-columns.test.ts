import { strict as assert } from 'node:assert';
import { FactsCache } from '../../src/core/analysis/cache';
import { dataflowOf } from '../../src/core/analysis/dataflow';
import { aggregateTransforms } from '../../src/core/analysis/dataflow-aggregates';
import { columnFlowOf } from '../../src/core/analysis/dataflow-columns';
import { anyCellMentions, nodeSites } from '../../src/core/analysis/dataflow-sites';
import { targetColumnOf } from '../../src/core/analysis/dataflow-target';
import { timeCues } from '../../src/core/analysis/dataflow-time';
import { buildContext } from '../../src/core/analyze';
import type { RuleContext } from '../../src/core/rules/rule';
import { notebookFrom } from './helpers';

function contextOf(cells: string[]): RuleContext {
  return buildContext(notebookFrom(cells), new FactsCache());
}

const LOAD = 'import pandas as pd\ndf = pd.read_csv("data/sales.csv")';

describe('column-flow index and its preconditions', () => {
  it('answers whether any cell mentions a pattern, again when a cell text changes under the same facts', () => {
    const sorts = /sort_values/;
    const ctx = contextOf([LOAD, 'df = df.sort_values("date")']);
    assert.equal(anyCellMentions(ctx, sorts), true);
    assert.equal(anyCellMentions(ctx, /rolling/), false);
    // The engine gives cells it cannot analyse one shared empty facts object: the answer follows the text.
    const [first, second] = ctx.codeCells;
    const shared = { ...ctx, codeCells: [{ cell: second!.cell, facts: first!.facts }] };
    assert.equal(anyCellMentions(shared, sorts), true);
    assert.equal(anyCellMentions({ ...ctx, codeCells: [first!] }, sorts), false);
  });

  it('finds time cues written anywhere in the notebook and none without a date word', () => {
    const cues = (cells: string[]): string[] => {
      const ctx = contextOf(cells);
      return timeCues(ctx, dataflowOf(ctx)).map((c) => `${c.strength}: ${c.what}`);
    };
    assert.deepEqual(cues([LOAD, 'df["lag1"] = df["sales"].shift(1)']), [
      'series: gets features from earlier rows (`df["sales"].shift(1)`)',
    ]);
    assert.deepEqual(cues([LOAD, 'df.index = pd.to_datetime(df["ts"])']), ['series: gets a time index']);
    assert.deepEqual(cues([LOAD, 'df["when"] = pd.to_datetime(df["when"])']), [
      'timestamp: has `when` parsed as dates',
    ]);
    assert.deepEqual(cues([LOAD, 'df = df.dropna()\ndf["ratio"] = df["a"] / df["b"]']), []);
  });

  it('finds statistics used to fill or scale, in place or bound to a name first', () => {
    const uses = (cells: string[]): string[] => {
      const ctx = contextOf(cells);
      return aggregateTransforms(ctx, dataflowOf(ctx)).map((t) => `${t.use} ${t.statistic} cell ${t.at.cellIndex}`);
    };
    assert.deepEqual(uses([LOAD, 'm = df["x"].mean()\ndf["x"] = (df["x"] - m) / 2']), ['scale mean cell 1']);
    assert.deepEqual(uses([LOAD, 'lo = df["x"].quantile(0.01)', 'df["x"] = df["x"].clip(lo, 5)']), [
      'clip quantile cell 1',
    ]);
    assert.deepEqual(uses([LOAD, 'df.fillna(df.median(), inplace=True)']), ['fill median cell 1']);
    assert.deepEqual(uses([LOAD, 'df["z"] = df.groupby("g")["x"].transform("mean")']), ['group mean cell 1']);
    // A statistic that is only printed, or a subtraction of something else, changes nothing.
    assert.deepEqual(uses([LOAD, 'print(df["x"].mean())\ndf["d"] = df["x"] - df["y"]']), []);
  });

  it('links nodes to the facts that made them, and reads a target column through a bound name', () => {
    const ctx = contextOf([
      LOAD,
      'from sklearn.linear_model import LinearRegression\ntarget = "price"\ny = df[target]\nX = df.drop(columns=[target])',
      'model = LinearRegression().fit(X, y)',
    ]);
    const q = dataflowOf(ctx);
    const sites = nodeSites(ctx, q);
    const named = (name: string): number => q.graph.nodes.find((n) => n.name === name)?.id ?? -1;
    assert.equal(sites.get(named('y'))?.assignment?.targets[sites.get(named('y'))?.target ?? -1], 'y');
    assert.equal(sites.get(named('y'))?.cell.cell.index, 1);
    const fit = q.graph.fits.find((f) => f.kind === 'model');
    assert.ok(fit);
    const target = targetColumnOf(q, fit);
    assert.equal(target?.column, 'price');
    assert.equal(target?.frameName, 'df');
  });

  it('matches the nodes of one cell to facts as the whole-notebook index does, helper replays and chains included', () => {
    const ctx = contextOf([
      LOAD,
      'def clean(d):\n    d["x"] = d["x"].fillna(d["x"].mean())\n    return d',
      'df = clean(df)\ndf = df.sort_values("date").reset_index(drop=True)\ndf["r"] = df["a"] / df["b"]',
      'X, y = df.drop(columns=["y"]), df["y"]\nX = X.fillna(0)',
    ]);
    const q = dataflowOf(ctx);
    const all = nodeSites(ctx, q);
    const flow = columnFlowOf(ctx, q);
    for (const { cell } of ctx.codeCells) {
      const expected = [...all].filter(([, site]) => site.cell.cell.index === cell.index);
      assert.deepEqual([...flow.sitesOfCell(cell.index)], expected, `cell ${cell.index}`);
    }
    assert.deepEqual(
      flow.sitesWhere(() => true),
      [...all],
    );
    assert.ok(all.size > 5);
    for (const [id, site] of all) assert.deepEqual(flow.site(id), site);
  });

  it('reads only the cells near the relevant nodes and finds what reading every cell finds there', () => {
    const ctx = contextOf([
      LOAD,
      'm = df["x"].mean()\ndf["x"] = (df["x"] - m) / 2',
      'other = df.copy()\nother["y"] = other["y"].fillna(other["y"].median())',
      'def clean(d):\n    d["z"] = d["z"].fillna(d["z"].mean())\n    return d',
      'df = clean(df)',
    ]);
    const q = dataflowOf(ctx);
    const everything = aggregateTransforms(ctx, q);
    assert.equal(everything.length, 3);
    const key = (t: { node: number; use: string; statistic: string }): string => `${t.node} ${t.use} ${t.statistic}`;
    // Every node relevant: the same transforms as without a filter, in the same order.
    assert.deepEqual(aggregateTransforms(ctx, q, () => true).map(key), everything.map(key));
    // Only `other` and what it derives from: the statement on `other` alone.
    const others = new Set(q.graph.nodes.filter((n) => n.name === 'other').map((n) => n.id));
    assert.deepEqual(
      aggregateTransforms(ctx, q, (n) => others.has(n)).map((t) => `${t.use} ${t.statistic} cell ${t.cellIndex}`),
      ['fill median cell 2'],
    );
  });

  it('skips only cells that hold no statistic use: each kind of use, in cells read and cells skipped', () => {
    const ctx = contextOf([
      LOAD,
      'path = "data/out/" + "x.csv"\nratio = df["a"] / 2',
      'm = df["x"].mean()',
      'df["x"] = (df["x"] - m) / 2',
      'df.where(df["y"] - df["y"].mean() > 0, inplace=True)',
      'df["g"] = df.groupby("k")["y"].transform("median")\ndf["w"] = df["w"].clip(df["w"].quantile(0.1), None)',
      'def norm(d):\n    d["z"] = (d["z"] - d["z"].min()) / d["z"].max()\n    return d',
      'df = norm(df)\ndf["v"] = (df["v"] - df["v"].mean()) / df["v"].std()',
    ]);
    const q = dataflowOf(ctx);
    const key = (t: { node: number; use: string; statistic: string; cellIndex: number }): string =>
      `${t.node} ${t.use} ${t.statistic} cell ${t.cellIndex}`;
    const everything = aggregateTransforms(ctx, q).map(key);
    assert.deepEqual(
      everything.map((k) => k.replace(/^\d+ /, '')),
      [
        'scale mean cell 3',
        'scale mean cell 4',
        'group median cell 5',
        'clip quantile cell 5',
        'scale mean cell 7',
        'scale min cell 6',
      ],
    );
    // Every node relevant: the cells read are narrowed by what they hold, and find the same transforms.
    assert.deepEqual(aggregateTransforms(ctx, q, () => true).map(key), everything);
  });
});
