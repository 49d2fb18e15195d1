import { strict as assert } from 'node:assert';
import { businessNumbers } from '../../../src/core/readiness/business';
import { checkRequirements, ciSignals } from '../../../src/core/readiness/files';
import { reportedEvaluation } from '../../../src/core/readiness/metrics';
import type { Notebook } from '../../../src/core/notebook/model';

function notebookWithOutput(text: string): Notebook {
  const outputs = { count: 1, types: ['stream'], text };
  return {
    path: 'nb.ipynb',
    nbformat: 4,
    nbformatMinor: 5,
    language: 'python',
    cells: [{ index: 0, kind: 'code', source: 'print(...)', executionCount: 1, outputs }],
  };
}

describe('reported metrics and business numbers', () => {
  it('reads metric lines in their common spellings', () => {
    const nb = notebookWithOutput('Accuracy: 0.8012\nROC AUC = 0.91\nf1_score: 0.55\nMAE: 3.2\n');
    const names = reportedEvaluation([nb]).metrics.map((m) => `${m.name}=${m.value}`);
    assert.deepEqual(names, ['accuracy=0.8012', 'roc_auc=0.91', 'f1=0.55', 'mae=3.2']);
  });

  it('rebuilds the confusion counts from a binary classification_report', () => {
    const report =
      '              precision    recall  f1-score   support\n\n           0       0.90      0.95      0.92       120\n' +
      '           1       0.80      0.50      0.62        40\n\n    accuracy                           0.84       160\n';
    const { confusion, metrics } = reportedEvaluation([notebookWithOutput(report)]);
    assert.deepEqual(
      { ...confusion, file: undefined, cellIndex: undefined },
      { tp: 20, fn: 20, fp: 5, tn: 115, file: undefined, cellIndex: undefined },
    );
    assert.deepEqual(
      metrics.map((m) => m.name),
      ['accuracy'],
    );
  });

  it('gives a cost range when only accuracy is known', () => {
    const money = businessNumbers([notebookWithOutput('Accuracy: 0.8\n')], {
      costFalsePositive: 5,
      costFalseNegative: 120,
      predictionsPerDay: 2000,
    });
    assert.ok(money.costPer1000);
    assert.ok(Math.abs(money.costPer1000.low - 1000) < 1e-6 && Math.abs(money.costPer1000.high - 24000) < 1e-6);
    assert.ok(money.costPerDay && Math.abs(money.costPerDay.high - 48000) < 1e-6);
    assert.match(money.why, /split between FP and FN unknown/);
  });

  it('prices regression error with the unit error cost', () => {
    const money = businessNumbers([notebookWithOutput('MAE: 2.5\n')], { unitErrorCost: 0.4 });
    assert.equal(money.costPer1000?.low, 1000);
    assert.match(money.why, /predictionsPerDay/);
  });

  it('says what is missing when there are no costs', () => {
    const money = businessNumbers([notebookWithOutput('Accuracy: 0.8\n')], {});
    assert.equal(money.costPer1000, undefined);
    assert.match(money.why, /costFalsePositive/);
  });

  it('tells pinned requirements from unpinned ones', () => {
    assert.deepEqual(checkRequirements('# deps\npandas==2.2.3\n-r base.txt\nnumpy>=1.26\nrequests\n').unpinned, [
      'numpy',
      'requests',
    ]);
    assert.equal(checkRequirements('torch @ https://x/torch.whl\nscikit-learn==1.6.1  # pinned\n').pinned, true);
  });

  it('reads what CI workflows run', () => {
    const files = ['.github/workflows/ci.yml', '.github/workflows/other.yaml'];
    const ci = ciSignals(
      { [files[0] as string]: 'steps:\n  - run: liftoff check .\n  - run: python -m pytest\n' },
      files,
    );
    assert.deepEqual(ci.workflows, files);
    assert.deepEqual(ci.runsLiftoffCheck, [files[0]]);
    assert.deepEqual(ci.runsPytest, [files[0]]);
    assert.deepEqual(ci.scheduled, []);
  });
});
