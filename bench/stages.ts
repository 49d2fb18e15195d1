/**
 * Where a cold analysis spends its time, stage by stage, relative to parsing the same cells: the causes
 * behind the analysis ÷ parse ratio. CPU time (`process.cpuUsage`: less sensitive than wall time to other
 * processes on a shared machine, but it counts V8's parallel GC threads too), medians of the rounds, each
 * round from a new cache so nothing is reused. The stages are the engine's own steps, run in its order:
 * facts for every code cell (masking, parsing, the tree walk; `buildContext`), the cross-cell dataflow
 * (`dataflowOf`), then every rule (its dataflow queries and column flows included). Alongside, the garbage
 * collection pauses that fell within each stage (`PerformanceObserver` 'gc' entries, by start time): a stage
 * pays for the objects it keeps alive while others allocate, which its CPU time alone does not show.
 */
import { PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks';
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
  /** Median ms of garbage collection pauses that started within each stage (the parse's is the reference). */
  gcMs: { parse: number; facts: number; dataflow: number; rules: number };
  /** The five rules costing the most, median CPU ms. */
  topRules: { rule: string; cpuMs: number }[];
}

function cpuMs(fn: () => void): number {
  const start = process.cpuUsage();
  fn();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

type Stage = 'parse' | 'facts' | 'dataflow' | 'rules';

export async function benchStages(notebooks: readonly Notebook[], rounds: number): Promise<StageResult> {
  const sources = notebooks.flatMap((nb) => nb.cells.filter((c) => c.kind === 'code').map((c) => c.source));
  const samples = { parse: [] as number[], facts: [] as number[], dataflow: [] as number[], rules: [] as number[] };
  const byRule = new Map<string, number[]>();
  const windows: { round: number; stage: Stage; start: number; end: number }[] = [];
  const timed = (round: number, stage: Stage, fn: () => void): number => {
    const start = performance.now();
    const ms = cpuMs(fn);
    windows.push({ round, stage, start, end: performance.now() });
    return ms;
  };
  const pauses: PerformanceEntry[] = [];
  const observer = new PerformanceObserver((list) => pauses.push(...list.getEntries()));
  observer.observe({ entryTypes: ['gc'] });
  for (let round = 0; round < rounds; round++) {
    samples.parse.push(timed(round, 'parse', () => sources.forEach((s) => parser.parse(s))));
    const cache = new FactsCache();
    let contexts: RuleContext[] = [];
    samples.facts.push(timed(round, 'facts', () => (contexts = notebooks.map((nb) => buildContext(nb, cache)))));
    samples.dataflow.push(timed(round, 'dataflow', () => contexts.forEach((ctx) => dataflowOf(ctx).graph)));
    let rules = 0;
    for (const rule of RULES) {
      const ms = timed(round, 'rules', () => contexts.forEach((ctx) => rule.check(ctx)));
      rules += ms;
      const list = byRule.get(rule.id) ?? [];
      list.push(ms);
      byRule.set(rule.id, list);
    }
    samples.rules.push(rules);
  }
  // The observer is told of pauses from a later turn of the event loop.
  await new Promise((resolve) => setTimeout(resolve, 50));
  observer.disconnect();
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
    gcMs: gcByStage(windows, pauses, rounds),
    topRules: [...byRule]
      .map(([rule, ms]) => ({ rule, cpuMs: median(ms) }))
      .sort((a, b) => b.cpuMs - a.cpuMs)
      .slice(0, 5),
  };
}

/** Per stage, the median over rounds of the pauses that started inside one of its windows. */
function gcByStage(
  windows: readonly { round: number; stage: Stage; start: number; end: number }[],
  pauses: readonly PerformanceEntry[],
  rounds: number,
): Record<Stage, number> {
  const perRound = { parse: [], facts: [], dataflow: [], rules: [] } as Record<Stage, number[]>;
  for (const stage of Object.keys(perRound) as Stage[]) perRound[stage] = new Array<number>(rounds).fill(0);
  for (const pause of pauses) {
    const w = windows.find((x) => pause.startTime >= x.start && pause.startTime < x.end);
    if (w !== undefined) perRound[w.stage][w.round] = (perRound[w.stage][w.round] ?? 0) + pause.duration;
  }
  return {
    parse: median(perRound.parse),
    facts: median(perRound.facts),
    dataflow: median(perRound.dataflow),
    rules: median(perRound.rules),
  };
}
