import { strict as assert } from 'node:assert';
import { analyzeNotebook } from '../../../src/core/analyze';
import { installedVersions } from '../../../src/core/rules/pip-versions';
import { isPinned, unpinnedPipInstall } from '../../../src/core/rules/unpinned-pip-install';
import { applyEdits, check, notebookFrom, textAt } from '../helpers';

/** One install cell with pip's saved output, as a notebook that was run. */
function installed(source: string, output: string) {
  const notebook = notebookFrom([
    { source, executionCount: 1 },
    { source: 'import shap', executionCount: 2 },
  ]);
  notebook.cells[0]!.outputs = { count: 1, types: ['stream'], text: output };
  return analyzeNotebook(notebook, { rules: [unpinnedPipInstall] });
}

const PIP_OUTPUT = [
  'Collecting shap',
  '  Downloading shap-0.44.1-cp310-cp310-manylinux_2_17_x86_64.whl (535 kB)',
  'Requirement already satisfied: scikit-learn>=1.3 in /opt/conda/lib/python3.10/site-packages (from shap) (1.4.2)',
  'Requirement already satisfied: numpy in /opt/conda/lib/python3.10/site-packages (from shap) (1.26.4)',
  'Installing collected packages: slicer, shap',
  'Successfully installed shap-0.44.1 slicer-0.0.7',
].join('\n');

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

  it("pins to the versions the cell's own pip output reports, keeping quotes, extras and flags", () => {
    const source = '%pip install -q xgboost==2.0.3 shap "scikit-learn>=1.3" transformers[torch]';
    const [finding] = installed(source, PIP_OUTPUT + '\nSuccessfully installed transformers-4.41.2');
    assert.ok(finding?.fix, 'a fix is offered');
    assert.equal(
      finding.fix.title,
      'Pin to the installed versions: shap==0.44.1, scikit-learn==1.4.2, transformers[torch]==4.41.2',
    );
    assert.equal(
      applyEdits(source, finding.fix.edits),
      '%pip install -q xgboost==2.0.3 shap==0.44.1 "scikit-learn==1.4.2" transformers[torch]==4.41.2',
    );
  });

  it('pins only what the output names, and offers nothing without pip output or for conda', () => {
    const [partial] = installed('!pip install shap lightgbm', PIP_OUTPUT);
    assert.equal(partial?.fix?.title, 'Pin to the installed version: shap==0.44.1');
    assert.equal(
      applyEdits('!pip install shap lightgbm', partial?.fix?.edits ?? []),
      '!pip install shap==0.44.1 lightgbm',
    );
    assert.equal(installed('!pip install lightgbm', PIP_OUTPUT)[0]?.fix, undefined);
    assert.equal(installed('%conda install shap', PIP_OUTPUT)[0]?.fix, undefined);
  });

  it("reads pip's versions by normalised name", () => {
    const versions = installedVersions(PIP_OUTPUT);
    assert.equal(versions.get('scikit-learn'), '1.4.2');
    assert.equal(versions.get('shap'), '0.44.1');
    assert.equal(versions.get('slicer'), '0.0.7');
    assert.equal(
      installedVersions('Successfully installed Typing_Extensions-4.12.2').get('typing-extensions'),
      '4.12.2',
    );
  });

  it('is silenced by a suppression comment', () => {
    assert.deepEqual(check(unpinnedPipInstall, ['%pip install shap  # liftoff: ignore[unpinned-pip-install]']), []);
  });
});
