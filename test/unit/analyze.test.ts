import { strict as assert } from 'node:assert';
import { FactsCache } from '../../src/core/analysis/cache';
import { analyzeNotebook, analyzeNotebookText } from '../../src/core/analyze';
import type { Rule, RuleContext } from '../../src/core/rules/rule';
import { notebookFrom } from './helpers';

/** A rule that reports every call whose callee qualifies to `target`. */
function callRule(id: string, name: string, target: string): Rule {
  return {
    id,
    name,
    category: 'reproducibility',
    severity: 'warning',
    description: 'test rule',
    check: (ctx: RuleContext) =>
      ctx.codeCells.flatMap(({ cell, facts }) =>
        facts.calls
          .filter((c) => ctx.qualify(cell.index, c.callee) === target)
          .map((c) => ({ cellIndex: cell.index, range: c.range, message: `call to ${target}` })),
      ),
  };
}

const SEED = callRule('LO991', 'seed-call', 'numpy.random.seed');

describe('analyzeNotebook', () => {
  it('fills finding fields and sorts by cell, then position', () => {
    const nb = notebookFrom([
      { source: 'import numpy as np', id: 'imports' },
      { source: '# notes', kind: 'markdown' },
      { source: 'x = 1; np.random.seed(1)\nnp.random.seed(2)', id: 'seeds' },
    ]);
    const findings = analyzeNotebook(nb, { rules: [SEED] });
    assert.equal(findings.length, 2);
    assert.deepEqual(
      findings.map((f) => [
        f.file,
        f.cellIndex,
        f.cellId,
        f.range?.start.line,
        f.ruleId,
        f.ruleName,
        f.category,
        f.severity,
      ]),
      [
        ['test.ipynb', 2, 'seeds', 0, 'LO991', 'seed-call', 'reproducibility', 'warning'],
        ['test.ipynb', 2, 'seeds', 1, 'LO991', 'seed-call', 'reproducibility', 'warning'],
      ],
    );
  });

  it('qualifies names with the imports of the cells above, later imports winning', () => {
    const nb = notebookFrom([
      'np.random.seed(0)',
      'import numpy as np',
      'np.random.seed(1)',
      'import fake_numpy as np',
      'np.random.seed(2)',
    ]);
    assert.deepEqual(
      analyzeNotebook(nb, { rules: [SEED] }).map((f) => f.cellIndex),
      [2],
    );
  });

  it('applies severity overrides by id or name, and turns rules off', () => {
    const nb = notebookFrom([
      'import numpy as np\nnp.random.seed(0)\nimport pandas as pd\ndf = pd.read_csv("/home/a/data/x.csv")',
    ]);
    const byName = analyzeNotebook(nb, { severity: { 'unseeded-randomness': 'off', 'hardcoded-path': 'info' } });
    assert.deepEqual(
      byName.map((f) => [f.ruleName, f.severity]),
      [['hardcoded-path', 'info']],
    );
    const byId = analyzeNotebook(nb, { severity: { LO101: 'off' } });
    assert.deepEqual(byId, []);
  });

  it('reports a throwing rule through onRuleError and keeps running the others', () => {
    const broken: Rule = {
      ...SEED,
      id: 'LO990',
      name: 'broken',
      check: () => {
        throw new Error('boom');
      },
    };
    const errors: string[] = [];
    const nb = notebookFrom(['import numpy as np\nnp.random.seed(3)']);
    const findings = analyzeNotebook(nb, {
      rules: [broken, SEED],
      onRuleError: (rule, error) => errors.push(`${rule.name}: ${(error as Error).message}`),
    });
    assert.deepEqual(errors, ['broken: boom']);
    assert.equal(findings.length, 1);
  });

  describe('suppression comments', () => {
    const run = (source: string) => analyzeNotebook(notebookFrom(['import numpy as np', source]), { rules: [SEED] });

    it('silences a finding by name, id or a bare ignore on its line', () => {
      assert.deepEqual(run('np.random.seed(1)  # liftoff: ignore[seed-call]'), []);
      assert.deepEqual(run('np.random.seed(1)  # liftoff: ignore[lo991]'), []);
      assert.deepEqual(run('np.random.seed(1)  # liftoff: ignore[other, seed-call]'), []);
      assert.deepEqual(run('np.random.seed(1)  # liftoff: ignore'), []);
      assert.deepEqual(run('np.random.seed(\n    1,\n)  # liftoff: ignore'), []);
      // The directive's word in any case (a cell without it is not split into lines at all).
      assert.deepEqual(run('np.random.seed(1)  # LiftOff: IGNORE[Seed-Call]'), []);
    });

    it('keeps findings of other rules and on other lines', () => {
      assert.equal(run('np.random.seed(1)  # liftoff: ignore[hardcoded-path]').length, 1);
      assert.equal(run('# liftoff: ignore[seed-call]\n\nx = 1\n# liftoff: ignore\nnp.random.seed(1)').length, 0);
      assert.equal(run('x = 1  # liftoff: ignore\nnp.random.seed(1)').length, 1);
    });

    it('silences a whole cell from its opening comment lines', () => {
      assert.deepEqual(run('# liftoff: ignore[seed-call]\nnp.random.seed(1)\nnp.random.seed(2)'), []);
      assert.deepEqual(run('# Seeding\n# liftoff: ignore\nnp.random.seed(1)'), []);
      // Only the comment lines that open the cell act for the whole cell.
      assert.equal(run('np.random.seed(1)\n# liftoff: ignore\nnp.random.seed(2)').length, 2);
    });
  });

  it('runs no Python rules on notebooks in another language', () => {
    const nb = { ...notebookFrom(['df <- read.csv("/home/alice/data/x.csv")']), language: 'r' };
    assert.deepEqual(analyzeNotebook(nb), []);
  });

  it('shares a facts cache across notebooks', () => {
    const cache = new FactsCache();
    const nb = notebookFrom(['import numpy as np\nnp.random.seed(1)']);
    const first = analyzeNotebook(nb, { rules: [SEED], cache });
    assert.deepEqual(analyzeNotebook(nb, { rules: [SEED], cache }), first);
  });
});

describe('analyzeNotebookText', () => {
  it('turns an unreadable file into one unreadable-notebook finding on the file', () => {
    const findings = analyzeNotebookText('broken.ipynb', '{ "cells": [ ');
    assert.equal(findings.length, 1);
    const [f] = findings;
    assert.equal(f?.ruleId, 'LO901');
    assert.equal(f?.ruleName, 'unreadable-notebook');
    assert.equal(f?.category, 'notebook');
    assert.equal(f?.severity, 'error');
    assert.equal(f?.cellIndex, undefined);
    assert.equal(f?.file, 'broken.ipynb');
    assert.match(f?.message ?? '', /JSON/);
  });

  it('respects unreadable-notebook being turned off', () => {
    assert.deepEqual(analyzeNotebookText('x.ipynb', 'nope', { severity: { 'unreadable-notebook': 'off' } }), []);
  });

  it('analyses a readable notebook', () => {
    const text = JSON.stringify({
      nbformat: 4,
      nbformat_minor: 5,
      metadata: {},
      cells: [
        {
          cell_type: 'code',
          id: 'a',
          source: ['import pandas as pd\n', 'df = pd.read_csv("/home/bob/data/x.csv")'],
          metadata: {},
          outputs: [],
          execution_count: 1,
        },
      ],
    });
    const findings = analyzeNotebookText('nb.ipynb', text);
    assert.deepEqual(
      findings.map((f) => [f.ruleName, f.cellIndex, f.cellId]),
      [['hardcoded-path', 0, 'a']],
    );
  });
});
