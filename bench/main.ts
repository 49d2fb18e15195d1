/**
 * `npm run bench`: runs every benchmark, prints a table and writes bench/results/<date>.json
 * (and bench/results/latest.json). Targets are checked here, never in timed tests.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { benchActivation, bundleSizes } from './activation';
import { benchOnnx } from './onnx';
import {
  benchAnalysis,
  benchIncremental,
  DEFAULT_CORPUS,
  generatedCorpus,
  loadCorpus,
  newRuff,
  type AnalysisResult,
} from './analysis';

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
  const onnx = await benchOnnx(rounds * 3);
  const activation = process.env.BENCH_SKIP_ACTIVATION ? undefined : benchActivation(3);
  const bundles = bundleSizes();

  console.log(`\nNotebook analysis, median of ${rounds} rounds (ms); ratios: medians of the per-round ratios`);
  console.table(
    analysis.map((a) => ({
      corpus: a.corpus,
      cells: a.codeCells,
      'JSON.parse': f1(a.ms.jsonParse),
      'parse only': f1(a.ms.parseOnly),
      'parse masked': f1(a.ms.parseMasked),
      analysis: f1(a.ms.analysis),
      'analysis+read': f1(a.ms.analysisFromText),
      [`read+analysis x${workers}`]: f1(a.ms.parallelFromText),
      ruff: f1(a.ms.ruff),
      'x parse': f2(a.ratios.analysisToParse),
      'x parse, rounds': a.analysisToParseRange.map(f2).join('-'),
      'x masked': f2(a.ratios.analysisToMaskedParse),
      'x ruff': f2(a.ratios.analysisToRuff),
      [`x${workers} / ruff`]: f2(a.ratios.parallelToRuff),
      'nb p50': f2(a.perNotebookMs.p50),
      'nb p95': f2(a.perNotebookMs.p95),
    })),
  );
  console.log('Where the analysis goes: CPU time of each stage / CPU time of parsing the raw cells (median of rounds)');
  console.table(
    analysis.map((a) => ({
      corpus: a.corpus,
      'parse CPU ms': f1(a.stages.cpuMs.parse),
      facts: f2(a.stages.perParse.facts),
      dataflow: f2(a.stages.perParse.dataflow),
      rules: f2(a.stages.perParse.rules),
      total: f2(a.stages.perParse.total),
      'GC ms parse/facts/dataflow/rules': [
        a.stages.gcMs.parse,
        a.stages.gcMs.facts,
        a.stages.gcMs.dataflow,
        a.stages.gcMs.rules,
      ]
        .map(f1)
        .join(' / '),
      'costliest rules (CPU ms)': a.stages.topRules.map((r) => `${r.rule} ${f1(r.cpuMs)}`).join(', '),
    })),
  );
  console.log(
    `One-cell re-analysis, 500 cells, ${incremental.edits} edits after ${incremental.warmup} warm-up edits: p50 ${f2(incremental.ms.p50)} ms, p95 ${f2(incremental.ms.p95)} ms (the warm-up edits: p50 ${f2(incremental.warmupMs.p50)} ms, max ${f1(incremental.warmupMs.max)} ms; cold full analysis ${f1(incremental.fullColdMs)} ms); folding the dataflow over every cell instead: p50 ${f2(incremental.fullFoldMs.p50)} ms, p95 ${f2(incremental.fullFoldMs.p95)} ms`,
  );

  if (onnx === undefined) console.log('\nONNX: skipped (no /usr/bin/python3 with onnx to generate the models)');
  else {
    console.log('\nONNX header inspection (median ms) vs reading the whole file');
    console.table(
      onnx.header.map((h) => ({
        model: h.model,
        MB: f1(h.bytes / 2 ** 20),
        header: f2(h.headerMs),
        'read whole file': f2(h.readWholeFileMs),
      })),
    );
    console.log('Benchmark harness (child process) vs a plain onnxruntime-node loop, p50 ms');
    console.table(
      onnx.harness.map((h) => ({
        batch: h.batch,
        harness: f2(h.harnessP50Ms),
        plain: f2(h.plainP50Ms),
        ratio: f2(h.ratio),
      })),
    );
  }
  if (activation === undefined)
    console.log(
      process.env.BENCH_SKIP_ACTIVATION
        ? '\nActivation: skipped (BENCH_SKIP_ACTIVATION is set)'
        : '\nActivation: skipped (no VS Code host: run `bash scripts/setup-vscode-host.sh`)',
    );
  else {
    const m = activation.medians;
    console.log(
      `\nActivation, real VS Code host, ${activation.samplesMs.length} starts (medians): loading dist/extension.js ${f1(m.loadMs)} ms [${activation.loadMs.map(f1).join(', ')}], activate() ${f1(m.activateMs)} ms [${activation.activateMs.map(f1).join(', ')}]; until ext.activate() resolved, VS Code's bookkeeping included, ${f1(activation.medianMs)} ms [${activation.samplesMs.map(f1).join(', ')}]`,
    );
    console.log(
      `The core (dist/engine.js) was loaded by activation in ${activation.engineLoadedAtActivation} of ${activation.samplesMs.length} starts; loading it afterwards (the first analysis pays it once): ${f1(m.engineLoadMs)} ms [${activation.engineLoadMs.map(f1).join(', ')}]`,
    );
  }
  console.log(
    `Bundles: ${Object.entries(bundles)
      .map(([f, b]) => `${f} ${f1(b / 1024)} KB`)
      .join(', ')}`,
  );

  const targets = [
    ...analysis.map((a) => ({
      target: `${a.corpus}: analysis <= 2x parse`,
      value: f2(a.ratios.analysisToParse),
      met: a.ratios.analysisToParse <= 2,
    })),
    ...analysis.map((a) => ({
      target: `${a.corpus}: analysis faster than ruff`,
      value: f2(a.ratios.analysisToRuff),
      met: a.ratios.analysisToRuff < 1,
    })),
    ...analysis.map((a) => ({
      target: `${a.corpus}: read + analysis on ${workers} threads faster than ruff`,
      value: f2(a.ratios.parallelToRuff),
      met: a.ratios.parallelToRuff < 1,
    })),
    {
      target: 'one-cell re-analysis p95 <= 16 ms at 500 cells',
      value: f2(incremental.ms.p95),
      met: incremental.ms.p95 <= 16,
    },
    ...(activation
      ? [
          {
            target: 'activation (load + activate()) <= 50 ms',
            value: f1(activation.medians.loadMs + activation.medians.activateMs),
            met: activation.medians.loadMs + activation.medians.activateMs <= 50,
          },
        ]
      : []),
    ...(onnx?.header
      .filter((h) => h.bytes > 50 * 2 ** 20)
      .map((h) => ({
        target: 'header inspection <= 100 ms at 100 MB',
        value: f2(h.headerMs),
        met: h.headerMs <= 100,
      })) ?? []),
    ...(onnx?.harness.map((h) => ({
      // The target is the harness's overhead: a ratio under 1 (the harness no slower) is no overhead.
      target: `harness overhead <= 10% of a plain loop, batch ${h.batch}`,
      value: f2(h.ratio),
      met: h.ratio <= 1.1,
    })) ?? []),
  ];
  console.log('\nTargets');
  console.table(targets);

  const result = {
    date: new Date().toISOString(),
    machine: {
      cpus: cpus().length,
      cpu: cpus()[0]?.model,
      memGB: Math.round(totalmem() / 2 ** 30),
      node: process.version,
    },
    rounds,
    workers,
    analysis,
    incremental,
    onnx,
    activation,
    bundles,
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
