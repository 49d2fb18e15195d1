/**
 * `check --min-score` analyses the notebooks for its findings and again for the readiness score: both share
 * one facts cache, so the second pass parses no cell again, and the score is the one a fresh cache gives.
 */
import { strict as assert } from 'node:assert';
import { FactsCache } from '../../../src/core/analysis/cache';
import { analyzeNotebookTexts } from '../../../src/core/parallel/pool';
import { buildReadiness } from '../../../src/core/readiness/build';
import { collectSnapshot } from '../../../src/core/readiness/collect';
import { CHURN_NOTEBOOK, memoryProject, notebookJson } from './helpers';

describe('readiness snapshot with a facts cache shared with the check', () => {
  const second = notebookJson([
    { source: 'import pandas as pd\ndf = pd.read_csv("data.csv")' },
    { source: 'df.head()' },
  ]);
  const files = { 'train.ipynb': CHURN_NOTEBOOK, 'explore.ipynb': second, 'requirements.txt': 'pandas==2.2.0\n' };

  it('parses no cell twice and scores as with a fresh cache', async () => {
    const cache = new FactsCache();
    const texts = Object.entries(files)
      .filter(([p]) => p.endsWith('.ipynb'))
      .map(([path, text]) => ({ path, text }));
    await analyzeNotebookTexts(texts, { workers: 1, workerScript: 'unused.js', cache });
    const parsed = cache.size;
    assert.ok(parsed > 10, `the check's pass filled the cache (${parsed} cells)`);
    const hitsBefore = cache.hits;

    const shared = buildReadiness(await collectSnapshot(memoryProject(files), cache));
    assert.equal(cache.size, parsed, 'the readiness pass added no cell to the cache');
    assert.ok(cache.hits - hitsBefore >= parsed, 'every cell came from the cache');

    const fresh = buildReadiness(await collectSnapshot(memoryProject(files)));
    assert.deepEqual(shared, fresh);
  });
});
