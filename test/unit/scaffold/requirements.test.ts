import * as assert from 'node:assert/strict';
import { distributionOf, inferRequirements, parseSpecifier } from '../../../src/core/scaffold/requirements';

describe('scaffold: requirements inference', () => {
  it('maps import names to distribution names and ignores the standard library', () => {
    assert.equal(distributionOf('sklearn.ensemble'), 'scikit-learn');
    assert.equal(distributionOf('cv2'), 'opencv-python-headless');
    assert.equal(distributionOf('PIL.Image'), 'pillow');
    assert.equal(distributionOf('yaml'), 'pyyaml');
    assert.equal(distributionOf('skimage'), 'scikit-image');
    assert.equal(distributionOf('xgboost'), 'xgboost');
    assert.equal(distributionOf('os.path'), undefined);
    assert.equal(distributionOf('pickle'), undefined);
    assert.equal(distributionOf('__future__'), undefined);
    assert.equal(distributionOf('.local'), undefined);
    assert.equal(distributionOf('constructor'), 'constructor');
  });

  it('pins from %pip install lines and keeps the user requirements.txt pins over them', () => {
    const { requirements } = inferRequirements({
      imports: ['pandas', 'sklearn.svm', 'numpy', 'json'],
      pipInstalls: ['pandas==2.2.2', 'scikit_learn>=1.4', 'openpyxl'],
      existingRequirements: '# pins\nscikit-learn==1.5.2  # trained with\n-r other.txt\n',
      modelFormat: 'joblib',
    });
    const lines = requirements.map((r) => r.line);
    assert.ok(lines.includes('pandas==2.2.2'));
    assert.ok(lines.includes('scikit-learn==1.5.2'));
    assert.ok(lines.includes('openpyxl'), 'installed but not imported is still needed');
    assert.ok(lines.includes('joblib'), 'joblib models need joblib');
    assert.ok(lines.includes('fastapi==0.163.2'));
    assert.ok(!lines.some((l) => l.startsWith('json')));
    assert.deepEqual(lines, [...lines].sort());
  });

  it('keeps plotting libraries out of the image, listed apart', () => {
    const { requirements, notebookOnly } = inferRequirements({
      imports: ['matplotlib.pyplot', 'seaborn', 'sklearn'],
      pipInstalls: [],
      modelFormat: 'pickle',
    });
    assert.deepEqual(
      notebookOnly.map((r) => r.name),
      ['matplotlib', 'seaborn'],
    );
    assert.ok(!requirements.some((r) => r.name === 'matplotlib'));
  });

  it('parses requirement specifiers and refuses URLs and paths', () => {
    assert.deepEqual(parseSpecifier('Pandas[excel] == 2.2.2'), { key: 'pandas', specifier: '==2.2.2' });
    assert.deepEqual(parseSpecifier('numpy>=1.26,<2'), { key: 'numpy', specifier: '>=1.26,<2' });
    assert.equal(parseSpecifier('git+https://example.invalid/x.git'), undefined);
    assert.equal(parseSpecifier('./wheels/x.whl'), undefined);
  });
});
