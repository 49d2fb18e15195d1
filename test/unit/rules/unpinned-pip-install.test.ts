import { strict as assert } from 'node:assert';
import { isPinned, unpinnedPipInstall } from '../../../src/core/rules/unpinned-pip-install';
import { check, textAt } from '../helpers';

describe('rule unpinned-pip-install (LO403)', () => {
  it('flags %pip and !pip installs without versions, naming only the unpinned packages', () => {
    const cells = [
      '%pip install -q xgboost==2.0.3 shap "scikit-learn>=1.3"\nimport xgboost',
      '!pip install --upgrade lightgbm',
    ];
    const findings = check(unpinnedPipInstall, cells);
    assert.equal(findings.length, 2);
    assert.equal(findings[0]?.severity, 'warning');
    assert.match(findings[0]?.message ?? '', /"shap", "scikit-learn>=1\.3" without an exact version/);
    assert.ok(!(findings[0]?.message ?? '').includes('xgboost'));
    assert.match(textAt(cells, findings[0]!), /^%pip install/);
    assert.match(findings[1]?.message ?? '', /"lightgbm"/);
    assert.equal(findings[0]?.fix, undefined);
  });

  it('flags conda installs without =version', () => {
    const findings = check(unpinnedPipInstall, ['%conda install -c conda-forge prophet']);
    assert.equal(findings.length, 1);
    assert.match(findings[0]?.message ?? '', /conda install of "prophet".*name=version/);
  });

  it('accepts pins, URLs, paths, requirement files, editable installs and installer tooling', () => {
    const cells = [
      [
        '%pip install pandas==2.2.2 "torch~=2.3.0" numpy===1.26.4',
        '!pip install -r requirements.txt',
        '!pip install -e .',
        '!pip install git+https://github.com/org/repo.git@v1.2.0',
        '!pip install ./dist/mylib-0.1-py3-none-any.whl',
        '!pip install -U pip setuptools wheel',
        '%conda install -c conda-forge xgboost=2.0.3',
        '!{sys.executable} -m pip install {package}',
      ].join('\n'),
    ];
    assert.deepEqual(
      check(unpinnedPipInstall, cells).map((f) => f.message),
      [],
    );
  });

  it('decides pins per requirement', () => {
    assert.ok(isPinned('pandas==2.2.2', 'pip'));
    assert.ok(isPinned('https://example.com/pkg.tar.gz', 'pip'));
    assert.ok(!isPinned('pandas', 'pip'));
    assert.ok(!isPinned('pandas>=2', 'pip'));
    assert.ok(!isPinned('transformers[torch]', 'pip'));
    assert.ok(isPinned('transformers[torch]==4.41.2', 'pip'));
  });

  it('is silenced by a suppression comment', () => {
    assert.deepEqual(check(unpinnedPipInstall, ['%pip install shap  # liftoff: ignore[unpinned-pip-install]']), []);
  });
});
