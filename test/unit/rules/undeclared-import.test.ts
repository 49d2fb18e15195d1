import { strict as assert } from 'node:assert';
import { analyzeNotebook } from '../../../src/core/analyze';
import type { ProjectInfo } from '../../../src/core/project/project-info';
import { undeclaredImport } from '../../../src/core/rules/undeclared-import';
import { notebookFrom, textAt } from '../helpers';

const REQUIREMENTS: ProjectInfo = {
  dependencies: {
    distributions: { pandas: 'requirements.txt', 'scikit-learn': 'requirements.txt', pytorch: 'environment.yml' },
    files: ['requirements.txt', 'environment.yml'],
  },
  localModules: ['helpers', 'features'],
};

function run(cells: string[], project: ProjectInfo | 'none' = REQUIREMENTS) {
  const opts = project === 'none' ? {} : { project };
  return analyzeNotebook(notebookFrom(cells), { rules: [undeclaredImport], ...opts });
}

describe('rule undeclared-import (LO406)', () => {
  it('flags a third-party import whose package is not declared, once, naming the files', () => {
    const cells = ['import pandas as pd\nimport xgboost as xgb', 'from xgboost import XGBClassifier\nimport lightgbm'];
    const findings = run(cells);
    assert.deepEqual(
      findings.map((f) => textAt(cells, f)),
      ['xgboost as xgb', 'lightgbm'],
    );
    assert.equal(findings[0]?.ruleId, 'LO406');
    assert.equal(findings[0]?.severity, 'warning');
    assert.match(
      findings[0]?.message ?? '',
      /^`xgboost` is imported but not declared in requirements\.txt, environment\.yml/,
    );
    assert.match(findings[0]?.message ?? '', /Add xgboost to requirements\.txt/);
  });

  it('names the package when it differs from the import name', () => {
    const cells = ['from skimage import io'];
    assert.match(run(cells)[0]?.message ?? '', /`skimage` \(package scikit-image\)/);
  });

  it('maps import names to packages, across pip and conda names (sklearn, torch from pytorch)', () => {
    assert.deepEqual(run(['from sklearn.ensemble import RandomForestClassifier\nimport torch.nn as nn']), []);
  });

  it('never flags the standard library, relative imports, local or generated modules, or the notebook front end', () => {
    const cells = [
      'import os, json\nfrom pathlib import Path\nfrom __future__ import annotations',
      'from .utils import load\nimport helpers\nfrom features.build import make_features',
      'from IPython.display import display\nfrom google.colab import drive\nimport person_pb2',
    ];
    assert.deepEqual(run(cells), []);
  });

  it('accepts namespace packages when a package of that namespace is declared', () => {
    const project: ProjectInfo = {
      dependencies: { distributions: { 'google-cloud-storage': 'requirements.txt' }, files: ['requirements.txt'] },
    };
    assert.deepEqual(run(['from google.cloud import storage'], project), []);
    assert.equal(run(['from azure.storage.blob import BlobClient'], project).length, 1);
  });

  it('is silent when the project declares no dependencies at all', () => {
    assert.deepEqual(run(['import xgboost'], 'none'), []);
    assert.deepEqual(run(['import xgboost'], { localModules: [] }), []);
  });

  it('can be suppressed on the line', () => {
    assert.deepEqual(run(['import xgboost  # liftoff: ignore[undeclared-import]']), []);
  });
});
