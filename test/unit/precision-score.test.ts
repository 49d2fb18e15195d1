import { strict as assert } from 'node:assert';
import {
  type NotebookLabels,
  type Observed,
  ratios,
  scoreNotebook,
  validateLabels,
} from '../../scripts/precision/score';

const SHA = 'a'.repeat(64);

function observed(rule: string, cell: number, line: number): Observed {
  return { rule, cell, line, message: `${rule} message`, text: 'code' };
}

function labels(partial: Partial<NotebookLabels>): NotebookLabels {
  return { sha256: SHA, reviewed: ['LO201', 'LO203'], findings: [], missed: [], ...partial };
}

describe('precision scoring against hand labels', () => {
  it('counts true and false positives by cell and line, and leaves new findings without a verdict', () => {
    const score = scoreNotebook(
      labels({
        findings: [
          { rule: 'LO203', cell: 7, line: 3, verdict: 'tp', reason: 'three models compared on X_test' },
          { rule: 'LO203', cell: 12, line: 1, verdict: 'fp', reason: 'chosen on X_val' },
        ],
      }),
      [observed('LO203', 7, 3), observed('LO203', 12, 1), observed('LO201', 4, 2)],
    );
    assert.deepEqual(score.counts.get('LO203'), { tp: 1, fp: 1, fn: 0 });
    assert.deepEqual(score.counts.get('LO201'), { tp: 0, fp: 0, fn: 0 });
    assert.deepEqual(
      score.unlabelled.map((o) => [o.rule, o.cell]),
      [['LO201', 4]],
    );
  });

  it('follows a finding whose anchor moved to another line of the same cell', () => {
    const score = scoreNotebook(
      labels({ findings: [{ rule: 'LO201', cell: 4, line: 2, verdict: 'tp', reason: 'scaler on all rows' }] }),
      [observed('LO201', 4, 5)],
    );
    assert.deepEqual(score.counts.get('LO201'), { tp: 1, fp: 0, fn: 0 });
    assert.equal(score.unlabelled.length, 0);
  });

  it('turns a missed instance into a true positive once the rule reports it within the labelled cells', () => {
    const missed = [{ rule: 'LO203', cell: 62, toCell: 64, reason: 'best estimators compared on X_test' }];
    const found = scoreNotebook(labels({ missed }), [observed('LO203', 63, 1)]);
    assert.deepEqual(found.counts.get('LO203'), { tp: 1, fp: 0, fn: 0 });
    const stillMissed = scoreNotebook(labels({ missed }), [observed('LO203', 70, 1)]);
    assert.deepEqual(stillMissed.counts.get('LO203'), { tp: 0, fp: 0, fn: 1 });
    assert.equal(stillMissed.falseNegatives[0]?.reason, 'best estimators compared on X_test');
    assert.equal(stillMissed.unlabelled.length, 1);
  });

  it('counts a labelled true positive that is no longer reported as a false negative, and a vanished false positive as nothing', () => {
    const score = scoreNotebook(
      labels({
        findings: [
          { rule: 'LO201', cell: 4, line: 2, verdict: 'tp', reason: 'scaler on all rows' },
          { rule: 'LO201', cell: 9, line: 1, verdict: 'fp', reason: 'fitted on the training part' },
        ],
      }),
      [],
    );
    assert.deepEqual(score.counts.get('LO201'), { tp: 0, fp: 0, fn: 1 });
    assert.match(score.falseNegatives[0]?.reason ?? '', /^no longer reported: scaler on all rows/);
  });

  it('sets aside findings of rules the notebook was not reviewed for', () => {
    const score = scoreNotebook(labels({}), [observed('LO402', 3, 1)]);
    assert.equal(score.notReviewed.length, 1);
    assert.equal(score.unlabelled.length, 0);
    assert.equal(score.counts.has('LO402'), false);
  });

  it('computes precision and recall, and nothing when there is nothing to divide', () => {
    assert.deepEqual(ratios({ tp: 9, fp: 1, fn: 3 }), { precision: 0.9, recall: 0.75 });
    assert.deepEqual(ratios({ tp: 0, fp: 0, fn: 0 }), { precision: undefined, recall: undefined });
  });

  it('explains what is wrong with a malformed label file instead of throwing', () => {
    assert.deepEqual(validateLabels(null), ['the label file is not a JSON object']);
    const errors = validateLabels({
      version: 1,
      notebooks: {
        'a/b.ipynb': {
          sha256: 'xyz',
          reviewed: ['LO201'],
          findings: [{ rule: 'LO201', cell: 1, line: 1, verdict: 'maybe', reason: '' }],
          missed: [{ rule: 'LO201', cell: 5, toCell: 2, reason: 'r' }],
        },
      },
    });
    assert.deepEqual(errors, [
      'notebooks["a/b.ipynb"].sha256 is not a sha256',
      'notebooks["a/b.ipynb"].findings[0].verdict must be "tp" or "fp"',
      'notebooks["a/b.ipynb"].findings[0] needs a reason',
      'notebooks["a/b.ipynb"].missed[0].toCell must be a cell number not before cell',
    ]);
  });
});
