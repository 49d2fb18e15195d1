/**
 * Where a cold analysis spends its time, stage by stage, relative to parsing the same cells: the causes
 * behind the analysis ÷ parse ratio. CPU time (`process.cpuUsage`: less sensitive than wall time to other
 * processes on a shared machine, but it counts V8's parallel GC threads too), medians of the rounds, each
 * round from a new cache so nothing is reused. The stages are the engine's own steps, run in its order:
 * facts for every code cell (masking, parsing, the tree walk; `buildContext`), the cross-cell dataflow
 * (`dataflowOf`), then every rule (its dataflow queries and column flows included).
 */
import { parser } from '@lezer/python';
import { dataflowOf } from '../src/core/analysis/dataflow';
import { FactsCache } from '../src/core/analysis/cache';
import { buildContext } from '../src/core/analyze';
import type { Notebook } from '../src/core/notebook/model';
import { RULES } from '../src/core/rules/registry';
import type { RuleContext } from '../src/core/rules/rule';
import { median } from './stats';

export interface StageResult {
  /** Median CPU ms of each stage, and of parsing the raw cells alone (the reference). */
  cpuMs: { parse: number; facts: number; dataflow: number; rules: number };
  /** The same, divided by the parse. */
  perParse: { facts: number; dataflow: number; rules: number; total: number };
  /** The five rules costing the most, median CPU ms. */
  topRules: { rule: string; cpuMs: number }[];
}

function cpuMs(fn: () => void): number {
  const start = process.cpuUsage();
  fn();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

export function benchStages(notebooks: readonly Notebook[], rounds: number): StageResult {
  const sources = notebooks.flatMap((nb) => nb.cells.filter((c) => c.kind === 'code').map((c) => c.source));
  const samples = { parse: [] as number[], facts: [] as number[], dataflow: [] as number[], rules: [] as number[] };
  const byRule = new Map<string, number[]>();
  for (let round = 0; round < rounds; round++) {
    samples.parse.push(cpuMs(() => sources.forEach((s) => parser.parse(s))));
    const cache = new FactsCache();
    let contexts: RuleContext[] = [];
    samples.facts.push(cpuMs(() => (contexts = notebooks.map((nb) => buildContext(nb, cache)))));
    samples.dataflow.push(cpuMs(() => contexts.forEach((ctx) => dataflowOf(ctx).graph)));
    let rules = 0;
    for (const rule of RULES) {
      const ms = cpuMs(() => contexts.forEach((ctx) => rule.check(ctx)));
      rules += ms;
      const list = byRule.get(rule.id) ?? [];
      list.push(ms);
      byRule.set(rule.id, list);
    }
    samples.rules.push(rules);
  }
  const cpu = {
    parse: median(samples.parse),
    facts: median(samples.facts),
    dataflow: median(samples.dataflow),
    rules: median(samples.rules),
  };
  const per = (x: number): number => x / cpu.parse;
  return {
    cpuMs: cpu,
    perParse: {
      facts: per(cpu.facts),
      dataflow: per(cpu.dataflow),
      rules: per(cpu.rules),
      total: per(cpu.facts + cpu.dataflow + cpu.rules),
    },
    topRules: [...byRule]
      .map(([rule, ms]) => ({ rule, cpuMs: median(ms) }))
      .sort((a, b) => b.cpuMs - a.cpuMs)
      .slice(0, 5),
  };
}
