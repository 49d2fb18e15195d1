/**
 * `npm run bench`: runs every benchmark, prints a table and writes bench/results/<date>.json
 * (and bench/results/latest.json). Targets are checked here, never in timed tests.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { benchAnalysis, benchIncremental, DEFAULT_CORPUS, generatedCorpus, loadCorpus, newRuff, type AnalysisResult } from './analysis';

const rounds = Number(process.env.BENCH_ROUNDS ?? 7);
const f1 = (x: number): string => x.toFixed(1);
const f2 = (x: number): string => x.toFixed(2);

async function main(): Promise<void> {
  const workers = Number(process.env.BENCH_WORKERS ?? Math.min(availableParallelism(), 4));
  const ruff = newRuff();
  const corpora = [loadCorpus(DEFAULT_CORPUS), generatedCorpus(50), generatedCorpus(500), generatedCorpus(2000)].filter(
    (c) => c !== undefined,
  );
  if (corpora.length === 3) console.log(`(no corpus at ${DEFAULT_CORPUS}: generated notebooks only)`);
  // Warm-up: JIT and lazy init for every contender, not measured.
  await benchAnalysis(generatedCorpus(200), 2, ruff, workers);

  const analysis: AnalysisResult[] = [];
  for (const c of corpora) analysis.push(await benchAnalysis(c, rounds, ruff, workers));
  const incremental = benchIncremental(500, 200);

  console.log(`\nNotebook analysis, median of ${rounds} rounds (ms)`);
  console.table(
    analysis.map((a) => ({
      corpus: a.corpus,
      cells: a.codeCells,
      'JSON.parse': f1(a.ms.jsonParse),
      'parse only': f1(a.ms.parseOnly),
      analysis: f1(a.ms.analysis),
      'analysis+read': f1(a.ms.analysisFromText),
      [`read+analysis x${workers}`]: f1(a.ms.parallelFromText),
      ruff: f1(a.ms.ruff),
      'x parse': f2(a.ratios.analysisToParse),
      'x ruff': f2(a.ratios.analysisToRuff),
      [`x${workers} / ruff`]: f2(a.ratios.parallelToRuff),
      'nb p50': f2(a.perNotebookMs.p50),
      'nb p95': f2(a.perNotebookMs.p95),
    })),
  );
  console.log(`One-cell re-analysis, 500 cells, ${incremental.edits} edits: p50 ${f2(incremental.ms.p50)} ms, p95 ${f2(incremental.ms.p95)} ms (cold full analysis ${f1(incremental.fullColdMs)} ms)`);

  const targets = [
    ...analysis.map((a) => ({ target: `${a.corpus}: analysis <= 2x parse`, value: f2(a.ratios.analysisToParse), met: a.ratios.analysisToParse <= 2 })),
    ...analysis.map((a) => ({ target: `${a.corpus}: analysis faster than ruff`, value: f2(a.ratios.analysisToRuff), met: a.ratios.analysisToRuff < 1 })),
    ...analysis.map((a) => ({ target: `${a.corpus}: read + analysis on ${workers} threads faster than ruff`, value: f2(a.ratios.parallelToRuff), met: a.ratios.parallelToRuff < 1 })),
    { target: 'one-cell re-analysis p95 <= 16 ms at 500 cells', value: f2(incremental.ms.p95), met: incremental.ms.p95 <= 16 },
  ];
  console.log('\nTargets');
  console.table(targets);

  const result = {
    date: new Date().toISOString(),
    machine: { cpus: cpus().length, cpu: cpus()[0]?.model, memGB: Math.round(totalmem() / 2 ** 30), node: process.version },
    rounds,
    workers,
    analysis,
    incremental,
    targets,
  };
  mkdirSync('bench/results', { recursive: true });
  const json = JSON.stringify(result, null, 2);
  writeFileSync(join('bench/results', `${result.date.slice(0, 10)}.json`), json);
  writeFileSync(join('bench/results', 'latest.json'), json);
  console.log('\nwrote bench/results/latest.json');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
