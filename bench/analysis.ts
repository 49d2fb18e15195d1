/**
 * Notebook analysis speed, measured side by side in one run (only ratios travel between machines):
 * JSON.parse alone, lezer parsing alone (the floor), Liftoff's full analysis, and ruff-wasm linting
 * the same cells; then one-cell re-analysis latency in a 500-cell notebook.
 */
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parser } from '@lezer/python';
import { Workspace, PositionEncoding } from '@astral-sh/ruff-wasm-nodejs';
import { FactsCache } from '../src/core/analysis/cache';
import { analyzeNotebook } from '../src/core/analyze';
import type { Notebook } from '../src/core/notebook/model';
import { readNotebook } from '../src/core/notebook/read';
import { analyzeNotebookTexts } from '../src/core/parallel/pool';
import { maskIPython } from '../src/core/notebook/mask';
import { parsePython } from '../src/core/notebook/parse';
import { generateNotebook } from './generate';
import { benchStages, type StageResult } from './stages';
import { percentile, median, timeIt, peakRss } from './stats';

export interface Corpus {
  name: string;
  files: { path: string; text: string }[];
}

export function loadCorpus(dir: string): Corpus | undefined {
  if (!existsSync(dir)) return undefined;
  const files: { path: string; text: string }[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.ipynb')) files.push({ path: p, text: readFileSync(p, 'utf8') });
    }
  };
  walk(dir);
  return { name: `corpus (${files.length} notebooks)`, files };
}

export function generatedCorpus(cells: number): Corpus {
  return {
    name: `generated ${cells} cells`,
    files: [{ path: `generated-${cells}.ipynb`, text: generateNotebook(cells) }],
  };
}

function notebooksOf(corpus: Corpus): Notebook[] {
  return corpus.files.flatMap((f) => {
    const r = readNotebook(f.path, f.text);
    return r.ok ? [r.notebook] : [];
  });
}

export interface AnalysisResult {
  corpus: string;
  notebooks: number;
  codeCells: number;
  bytes: number;
  ms: {
    jsonParse: number;
    parseOnly: number;
    /** Parsing the code Liftoff parses: IPython syntax masked, so magics cost lezer no error recovery. */
    parseMasked: number;
    analysis: number;
    analysisFromText: number;
    parallelFromText: number;
    ruff: number;
  };
  perNotebookMs: { p50: number; p95: number };
  /**
   * Medians of the ratios taken within each round: both sides of a ratio run seconds apart, so a change of
   * the machine's load between rounds cancels out (a ratio of the medians above mixes rounds).
   */
  ratios: {
    analysisToParse: number;
    analysisToMaskedParse: number;
    analysisToRuff: number;
    analysisToJsonParse: number;
    parallelToRuff: number;
  };
  /** The lowest and highest per-round analysis ÷ parse: how much the rounds disagree. */
  analysisToParseRange: [number, number];
  /** CPU time of the analysis's stages, relative to the parse: where the ratio above comes from. */
  stages: StageResult;
  peakRssMB: number;
}

export async function benchAnalysis(
  corpus: Corpus,
  rounds: number,
  ruff: Workspace,
  workers: number,
): Promise<AnalysisResult> {
  const notebooks = notebooksOf(corpus);
  const sources = notebooks.flatMap((nb) => nb.cells.filter((c) => c.kind === 'code').map((c) => c.source));
  const masked = sources.map((s) => maskIPython(s).code);
  const samples = {
    jsonParse: [] as number[],
    parseOnly: [] as number[],
    parseMasked: [] as number[],
    analysis: [] as number[],
    analysisFromText: [] as number[],
    parallelFromText: [] as number[],
    ruff: [] as number[],
  };
  const perNotebook: number[] = [];
  for (let round = 0; round < rounds; round++) {
    // Interleaved, so machine noise hits every contender alike.
    samples.jsonParse.push(timeIt(() => corpus.files.forEach((f) => JSON.parse(f.text))));
    samples.parseOnly.push(timeIt(() => sources.forEach((s) => parser.parse(s))));
    samples.parseMasked.push(timeIt(() => masked.forEach((s) => parsePython(s))));
    samples.analysis.push(
      timeIt(() => {
        const cache = new FactsCache();
        for (const nb of notebooks) {
          const t0 = performance.now();
          analyzeNotebook(nb, { cache });
          if (round === rounds - 1) perNotebook.push(performance.now() - t0);
        }
      }),
    );
    samples.analysisFromText.push(
      timeIt(() => {
        const cache = new FactsCache();
        for (const f of corpus.files) {
          const r = readNotebook(f.path, f.text);
          if (r.ok) analyzeNotebook(r.notebook, { cache });
        }
      }),
    );
    // The CLI's path: threads started, notebooks read and analysed on them, threads stopped.
    const t0 = performance.now();
    await analyzeNotebookTexts(corpus.files, { workers, workerScript: WORKER_SCRIPT, minParallelBytes: 0 });
    samples.parallelFromText.push(performance.now() - t0);
    samples.ruff.push(timeIt(() => sources.forEach((s) => ruff.check(s))));
  }
  const ms = {
    jsonParse: median(samples.jsonParse),
    parseOnly: median(samples.parseOnly),
    parseMasked: median(samples.parseMasked),
    analysis: median(samples.analysis),
    analysisFromText: median(samples.analysisFromText),
    parallelFromText: median(samples.parallelFromText),
    ruff: median(samples.ruff),
  };
  const toParse = samples.analysis.map((a, i) => a / (samples.parseOnly[i] as number));
  const stages = await benchStages(notebooks, rounds);
  return {
    corpus: corpus.name,
    notebooks: notebooks.length,
    codeCells: sources.length,
    bytes: corpus.files.reduce((n, f) => n + f.text.length, 0),
    ms,
    perNotebookMs: { p50: percentile(perNotebook, 50), p95: percentile(perNotebook, 95) },
    ratios: {
      analysisToParse: median(toParse),
      analysisToMaskedParse: pairedRatio(samples.analysis, samples.parseMasked),
      analysisToRuff: pairedRatio(samples.analysis, samples.ruff),
      analysisToJsonParse: pairedRatio(samples.analysis, samples.jsonParse),
      parallelToRuff: pairedRatio(samples.parallelFromText, samples.ruff),
    },
    analysisToParseRange: [Math.min(...toParse), Math.max(...toParse)],
    stages,
    peakRssMB: peakRss(),
  };
}

/** The median of a[i] / b[i] over the rounds. */
function pairedRatio(a: readonly number[], b: readonly number[]): number {
  return median(a.map((x, i) => x / (b[i] as number)));
}

export interface IncrementalResult {
  cells: number;
  edits: number;
  /** Edits made first and left out of `ms` and `fullFoldMs`, while V8 compiles the resumed path. */
  warmup: number;
  /** The editor's path: the cross-cell dataflow resumes from checkpoints at the edited cell. */
  ms: { p50: number; p95: number; max: number };
  /** The editor's path over the warm-up edits alone (the first edits after a notebook is opened). */
  warmupMs: { p50: number; p95: number; max: number };
  /** The same edits with the dataflow folded over every cell (before checkpoints), interleaved with the above. */
  fullFoldMs: { p50: number; p95: number; max: number };
  fullColdMs: number;
}

/**
 * Edit one random code cell of a warm notebook, re-analyse, repeat: the editor's hot path. Each edit is
 * made to two copies of the notebook, one analysed as the editor does (resuming the dataflow) and one
 * folding the dataflow over every cell, alternately first, so both see the same machine. The first
 * `warmup` edits run while V8 compiles the resumed path (the first of them take 3-6 times as long as the
 * rest): they are reported apart, and the p50/p95 are those of the `edits` after them.
 */
export function benchIncremental(cellCount: number, edits: number, warmup = 30): IncrementalResult {
  const copies = [0, 1].map(() => {
    const r = readNotebook('incremental.ipynb', generateNotebook(cellCount));
    if (!r.ok) throw new Error(r.reason);
    return { nb: r.notebook, cache: new FactsCache(), times: [] as number[] };
  });
  const [resumed, full] = copies as [(typeof copies)[0], (typeof copies)[0]];
  const fullColdMs = timeIt(() => analyzeNotebook(resumed.nb, { cache: resumed.cache, incremental: true }));
  analyzeNotebook(full.nb, { cache: full.cache });
  let seed = 7;
  for (let i = 0; i < warmup + edits; i++) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    for (const { nb } of copies) {
      const code = nb.cells.filter((c) => c.kind === 'code');
      const cell = code[seed % code.length] as (typeof code)[0];
      cell.source = `${cell.source}\nz_${i} = ${i}`;
    }
    const runs = [
      () => resumed.times.push(timeIt(() => analyzeNotebook(resumed.nb, { cache: resumed.cache, incremental: true }))),
      () => full.times.push(timeIt(() => analyzeNotebook(full.nb, { cache: full.cache }))),
    ];
    if (i % 2 === 1) runs.reverse();
    for (const run of runs) run();
  }
  const summary = (t: number[]): IncrementalResult['ms'] => ({
    p50: percentile(t, 50),
    p95: percentile(t, 95),
    max: Math.max(...t),
  });
  return {
    cells: cellCount,
    edits,
    warmup,
    ms: summary(resumed.times.slice(warmup)),
    warmupMs: summary(resumed.times.slice(0, warmup)),
    fullFoldMs: summary(full.times.slice(warmup)),
    fullColdMs,
  };
}

const WORKER_SCRIPT = join(__dirname, 'analysis-worker.js');

export function newRuff(): Workspace {
  return new Workspace({ 'line-length': 120, lint: { select: ['E', 'F', 'W'] } }, PositionEncoding.Utf16);
}

/** The shared corpus beside the checkout, when present (the benchmark never needs it to run). */
export const DEFAULT_CORPUS =
  process.env.LIFTOFF_CORPUS ?? resolve(process.cwd(), '..', 'shared', 'corpus', 'notebooks');
