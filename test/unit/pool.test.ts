import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { analyzeNotebookText } from '../../src/core/analyze';
import { analyzeNotebookTexts, type NotebookText } from '../../src/core/parallel/pool';

const FIXTURES = join(__dirname, '..', 'fixtures', 'notebooks');
const EXAMPLE = join(__dirname, '..', '..', 'examples', 'churn', 'train.ipynb');

function inputs(): { path: string; text: string }[] {
  const files = readdirSync(FIXTURES, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ipynb'));
  const all = files.map((f) => ({ path: f, text: readFileSync(join(FIXTURES, f), 'utf8') }));
  return [...all, { path: 'examples/churn/train.ipynb', text: readFileSync(EXAMPLE, 'utf8') }];
}

describe('parallel analysis pool', function () {
  this.timeout(60_000);
  let dir: string;
  let workerScript: string;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'liftoff-pool-'));
    workerScript = join(dir, 'analysis-worker.js');
    buildSync({
      entryPoints: [join(__dirname, '..', '..', 'src', 'core', 'parallel', 'worker.ts')],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      outfile: workerScript,
      logLevel: 'error',
    });
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('gives worker threads the same findings, in input order, as analysing in-process', async () => {
    const files = inputs();
    const expected = files.map((f) => analyzeNotebookText(f.path, f.text));
    const results = await analyzeNotebookTexts(files, { workers: 2, workerScript, minParallelBytes: 0 });
    assert.deepEqual(
      results.map((r) => r.findings),
      expected,
    );
    assert.ok(
      expected.some((f) => f.length > 0),
      'the fixtures have findings to compare',
    );
    assert.ok(
      expected.some((f) => f.some((x) => x.ruleName === 'unreadable-notebook')),
      'unreadable files travel too',
    );
  });

  it('analyses in-process when the input is small, without starting a thread', async () => {
    const files = inputs();
    const results = await analyzeNotebookTexts(files, { workers: 2, workerScript: join(dir, 'missing.js') });
    assert.equal(results.length, files.length);
  });

  it("hands each notebook's own rule settings and project context to the worker threads", async () => {
    const text = readFileSync(EXAMPLE, 'utf8');
    const project = { dependencies: { distributions: { pandas: 'requirements.txt' }, files: ['requirements.txt'] } };
    const files: NotebookText[] = [
      { path: 'a/train.ipynb', text, severity: { LO301: 'error' }, project },
      { path: 'b/train.ipynb', text, severity: { 'accuracy-only': 'off' } },
    ];
    const [a, b] = await analyzeNotebookTexts(files, { workers: 2, workerScript, minParallelBytes: 0 });
    assert.equal(a?.findings.find((f) => f.ruleId === 'LO301')?.severity, 'error');
    assert.ok(
      a?.findings.some((f) => f.ruleId === 'LO406'),
      'LO406 sees the declared dependencies',
    );
    assert.ok(!b?.findings.some((f) => f.ruleId === 'LO301' || f.ruleId === 'LO406'));
  });

  it('fails loudly when a worker cannot start, instead of dropping findings', async () => {
    await assert.rejects(
      analyzeNotebookTexts(inputs(), { workers: 2, workerScript: join(dir, 'missing.js'), minParallelBytes: 0 }),
    );
  });
});
