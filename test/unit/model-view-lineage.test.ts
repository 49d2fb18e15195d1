import { strict as assert } from 'node:assert';
import type { ArtifactLineage, ArtifactWriter } from '../../src/core/models/lineage/link';
import { projectCores } from '../../src/core/models/capacity';
import type { ProbeReport } from '../../src/core/models/onnx/probe-types';
import { inspectArtifact } from '../../src/core/models/inspect';
import { bufferSource } from '../../src/core/models/source';
import { renderModelView } from '../../src/extension/model-view-html';
import { lineageSection, revealCellHref } from '../../src/extension/model-view-lineage';
import { fixture, fixtureBytes } from './models/helpers';

const writer = (extra: Partial<ArtifactWriter> = {}): ArtifactWriter => ({
  notebook: 'notebooks/<train> 1.ipynb',
  cellIndex: 6,
  line: 3,
  range: { start: { line: 2, character: 0 }, end: { line: 2, character: 40 } },
  callee: 'onnx.save',
  expression: '"m.onnx"',
  writes: 'notebooks/m.onnx',
  exact: true,
  change: { afterMs: 1, beforeMs: 2, basis: 'git' },
  freshness: 'stale',
  ...extra,
});

const lineage = (status: ArtifactLineage['status'], writers: ArtifactWriter[]): ArtifactLineage => ({
  path: 'notebooks/m.onnx',
  mtimeMs: 0,
  status,
  writers,
  summary: 'summary text',
});

describe('model view: lineage', () => {
  it('links the writing cell through a command URI that reveals it', () => {
    const href = revealCellHref('file:///work/ws', writer());
    const [command, query] = href.split('?');
    assert.equal(command, 'command:liftoff.finding.reveal');
    assert.deepEqual(JSON.parse(decodeURIComponent(query!)), [
      {
        uri: 'file:///work/ws/notebooks/%3Ctrain%3E%201.ipynb',
        cellIndex: 6,
        range: { start: { line: 2, character: 0 }, end: { line: 2, character: 40 } },
      },
    ]);
  });

  it('shows "written by <notebook>, cell N", warns when stale, escapes notebook names', () => {
    const out = lineageSection(lineage('stale', [writer()]), 'file:///ws').value;
    assert.match(
      out,
      /Written by <a class="reveal-cell" href="command:liftoff\.finding\.reveal\?[^"]+"[^>]*>notebooks\/&#60;train&#62; 1\.ipynb, cell 7<\/a>/,
    );
    assert.match(out, /<strong>Stale:<\/strong> this file is older than the last change of the cell/);
    assert.doesNotMatch(out, /<train>/);
  });

  it('says when no notebook writes the file, and renders nothing without lineage', () => {
    assert.match(
      lineageSection(lineage('orphan', []), 'file:///ws').value,
      /No notebook in the workspace writes this file/,
    );
    assert.equal(lineageSection(undefined, 'file:///ws').value, '');
    const page = renderModelView(
      { title: 'm.onnx', phase: 'ready', canBenchmark: false, workspaceUri: 'file:///ws' },
      { nonce: 'n', cspSource: 'x' },
    );
    assert.doesNotMatch(page, /Lineage/);
  });

  it('without a workspace URI the cell is named but not linked; patterns say "may be written by"', () => {
    const out = lineageSection(lineage('unknown', [writer({ exact: false, freshness: 'unknown' })]), undefined).value;
    assert.match(out, /May be written by notebooks\/&#60;train&#62; 1\.ipynb, cell 7\./);
    assert.doesNotMatch(out, /href=/);
    assert.match(out, /summary text/);
  });
});

describe('model view: cores needed', () => {
  const probe: ProbeReport = {
    status: 'ok',
    runtimeLog: [],
    elapsedMs: 1,
    benchmark: {
      warmup: 10,
      intraOpThreads: 1,
      runs: [{ batch: 1, iterations: 100, meanMs: 1, p50Ms: 1, p95Ms: 2, p99Ms: 3, throughput: 1000 }],
    },
  };
  const render = async (capacity: ReturnType<typeof projectCores>): Promise<string> => {
    const header = await inspectArtifact(
      fixture('matmul-add.onnx'),
      bufferSource(fixtureBytes('matmul-add.onnx')),
      false,
    );
    const report = { ...header, probe, capacity };
    return renderModelView(
      { title: 'm.onnx', phase: 'ready', canBenchmark: true, report },
      { nonce: 'n', cspSource: 'x' },
    );
  };

  it('shows the projection under the benchmark, and a warning when no batch fits the budget', async () => {
    const ok = projectCores({ predictionsPerDay: 86_400_000, latencyBudgetMs: 50 }, probe.benchmark);
    assert.ok(ok.ok);
    assert.equal(ok.cores, 5); // 1000/s x 3 (peak) = 3000/s over 1000 rows/s x 0.7
    assert.match(await render(ok), /<strong>Cores needed:<\/strong> 5 cores for 86,400,000 predictions\/day/);
    assert.match(await render(ok), /One intra-op thread: rows\/s are per core/);
    const over = projectCores({ predictionsPerDay: 1000, latencyBudgetMs: 1 }, probe.benchmark);
    assert.ok(!over.ok && over.overBudget);
    assert.match(
      await render(over),
      /class="box warning capacity">p95 at batch 1 is 2\.00 ms, over the 1 ms latency budget/,
    );
  });
});
