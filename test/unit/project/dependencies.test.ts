import { strict as assert } from 'node:assert';
import { isDeclarationFile, parseDeclaration, type ParsedDeclaration } from '../../../src/core/project/dependencies';

function parsed(file: string, text: string): ParsedDeclaration {
  const result = parseDeclaration(file, text);
  assert.ok(result.ok, result.ok ? '' : result.problem.message);
  return result.value;
}

describe('dependency declarations', () => {
  it('recognises the declaration files by name', () => {
    for (const name of ['requirements.txt', 'requirements-dev.txt', 'requirements.in', 'pyproject.toml', 'Pipfile']) {
      assert.ok(isDeclarationFile(name), name);
    }
    assert.ok(isDeclarationFile('environment.yml') && isDeclarationFile('setup.cfg'));
    assert.ok(!isDeclarationFile('setup.py') && !isDeclarationFile('liftoff.yaml') && !isDeclarationFile('tox.ini'));
  });

  it('reads requirements.txt: specifiers, extras, markers, direct references, eggs, includes', () => {
    const text = [
      '# training',
      'pandas==2.2.2',
      'Scikit_Learn>=1.4  # comment',
      'xgboost[scikit-learn]~=2.0; python_version >= "3.9"',
      'torch @ https://download.pytorch.org/whl/cpu/torch-2.3.0.whl',
      '-e git+https://github.com/org/tool.git#egg=internal_tool',
      '-r base.txt',
      '--index-url https://example.org/simple',
      'https://example.org/pkg.tar.gz',
    ].join('\n');
    const value = parsed('requirements.txt', text);
    assert.deepEqual(value.names.sort(), ['internal-tool', 'pandas', 'scikit-learn', 'torch', 'xgboost']);
    assert.deepEqual(value.includes, ['base.txt']);
    assert.equal(value.declares, true);
  });

  it('reads pyproject.toml: PEP 621 with optional dependencies, dependency groups and the project name', () => {
    const text = `
[project]
name = "churn_model"
dependencies = ["pandas>=2", "scikit-learn==1.5.2"]
[project.optional-dependencies]
gpu = ["torch"]
[dependency-groups]
dev = ["pytest", { include-group = "lint" }]
lint = ["ruff"]
[tool.black]
line-length = 100
`;
    const value = parsed('pyproject.toml', text);
    assert.deepEqual(value.names.sort(), ['churn-model', 'pandas', 'pytest', 'ruff', 'scikit-learn', 'torch']);
    assert.equal(value.declares, true);
  });

  it('reads Poetry tables and skips python itself', () => {
    const text = `
[tool.poetry]
name = "churn"
[tool.poetry.dependencies]
python = "^3.11"
lightgbm = "^4.3"
[tool.poetry.group.dev.dependencies]
jupyter = "*"
`;
    assert.deepEqual(parsed('pyproject.toml', text).names.sort(), ['churn', 'jupyter', 'lightgbm']);
  });

  it('does not count a pyproject.toml or setup.cfg holding only tool settings as a declaration', () => {
    assert.equal(parsed('pyproject.toml', '[tool.ruff]\nline-length = 100\n').declares, false);
    assert.equal(parsed('setup.cfg', '[flake8]\nmax-line-length = 100\n').declares, false);
  });

  it('reads environment.yml: conda specs with channels and versions, and the pip list', () => {
    const text = `name: churn
channels: [conda-forge]
dependencies:
  - python=3.11
  - conda-forge::numpy=1.26
  - pytorch>=2.2
  - pip
  - pip:
      - shap==0.44.1
      - -r requirements-extra.txt
`;
    const value = parsed('environment.yml', text);
    assert.deepEqual(value.names.sort(), ['numpy', 'pip', 'pytorch', 'shap']);
    assert.deepEqual(value.includes, ['requirements-extra.txt']);
  });

  it('reads setup.cfg install_requires, inline or indented, and extras', () => {
    const text = `[metadata]
name = churn
[options]
install_requires =
    pandas>=2
    requests
[options.extras_require]
plots = matplotlib; seaborn
`;
    assert.deepEqual(parsed('setup.cfg', text).names.sort(), ['matplotlib', 'pandas', 'requests', 'seaborn']);
  });

  it('reads Pipfile packages and dev-packages', () => {
    const text = '[packages]\nflask = "*"\n[dev-packages]\nblack = "*"\n';
    assert.deepEqual(parsed('Pipfile', text).names.sort(), ['black', 'flask']);
  });

  it('reports a file that cannot be parsed with its line instead of throwing', () => {
    const toml = parseDeclaration('sub/pyproject.toml', '[project]\nname = "x"\ndependencies = ["a",\n');
    assert.equal(toml.ok, false);
    if (!toml.ok) {
      assert.equal(toml.problem.file, 'sub/pyproject.toml');
      assert.ok(toml.problem.line >= 3, `line ${toml.problem.line}`);
      assert.match(toml.problem.message, /TOML/);
    }
    const yml = parseDeclaration('environment.yml', 'dependencies:\n  - numpy\n - bad: [\n');
    assert.equal(yml.ok, false);
    if (!yml.ok) assert.ok(yml.problem.line >= 2);
  });
});
