/** `liftoff check` reads liftoff.yaml's rule settings and the declared dependencies of each notebook's project. */
import { strict as assert } from 'node:assert';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { REPO_ROOT, runCli } from './cli-helper';

const NOTEBOOK = path.join(REPO_ROOT, 'examples', 'churn', 'train.ipynb');

interface JsonFinding {
  ruleId: string;
  severity: string;
  file: string;
}

describe('liftoff check: project configuration', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'liftoff-cfg-'));
    cpSync(NOTEBOOK, path.join(dir, 'train.ipynb'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function json(...args: string[]): Promise<{ findings: JsonFinding[]; stderr: string; code: number }> {
    const { stdout, stderr, code } = await runCli(['check', ...args, '--format', 'json', '--fail-on', 'none'], {
      cwd: dir,
    });
    return { findings: (JSON.parse(stdout) as { findings: JsonFinding[] }).findings, stderr, code };
  }

  it('honours rules: {hardcoded-path: off, LO301: error} in text, JSON and SARIF, and the exit code follows', async () => {
    const before = await json();
    assert.ok(
      before.findings.some((f) => f.ruleId === 'LO101'),
      'the example reads an absolute path',
    );
    assert.equal(before.findings.find((f) => f.ruleId === 'LO301')?.severity, 'warning');

    writeFileSync(path.join(dir, 'liftoff.yaml'), 'rules:\n  hardcoded-path: off\n  LO301: error\n');
    const after = await json();
    assert.equal(after.stderr, '');
    assert.ok(!after.findings.some((f) => f.ruleId === 'LO101'));
    assert.equal(after.findings.find((f) => f.ruleId === 'LO301')?.severity, 'error');

    const sarif = await runCli(['check', '--format', 'sarif', '--fail-on', 'none'], { cwd: dir });
    const results = (JSON.parse(sarif.stdout) as { runs: { results: { ruleId: string; level: string }[] }[] }).runs[0]
      ?.results;
    assert.ok(results !== undefined);
    assert.equal(results.find((r) => r.ruleId === 'LO301')?.level, 'error');
    assert.ok(!results.some((r) => r.ruleId === 'LO101'));

    const text = await runCli(['check'], { cwd: dir });
    assert.equal(text.code, 1, 'LO301 is now an error, so the default --fail-on error gate fails');
    assert.match(text.stdout, /train\.ipynb:cell 12:\d+:\d+ error accuracy-only/);
    writeFileSync(path.join(dir, 'liftoff.yaml'), 'rules:\n  hardcoded-path: off\n  LO301: info\n');
    assert.equal((await runCli(['check'], { cwd: dir })).code, 0, 'no error left');
  });

  it('uses the nearest liftoff.yaml, from the notebook folder up to the working directory', async () => {
    mkdirSync(path.join(dir, 'exp'));
    cpSync(NOTEBOOK, path.join(dir, 'exp', 'train.ipynb'));
    writeFileSync(path.join(dir, 'liftoff.yaml'), 'rules:\n  accuracy-only: off\n');
    writeFileSync(path.join(dir, 'exp', 'liftoff.yaml'), 'rules:\n  accuracy-only: hint\n');
    const { findings } = await json();
    const lo301 = findings.filter((f) => f.ruleId === 'LO301').map((f) => `${f.file} ${f.severity}`);
    assert.deepEqual(lo301, ['exp/train.ipynb hint']);
  });

  it('reports an invalid liftoff.yaml with its line on stderr and keeps every rule running', async () => {
    writeFileSync(path.join(dir, 'liftoff.yaml'), 'rules:\n  LO301: eror\n  hardcode-path: off\n');
    const { findings, stderr, code } = await json();
    assert.equal(code, 0);
    assert.match(
      stderr,
      /^liftoff: warning: liftoff\.yaml:2:\d+ rules\.LO301 must be one of off, error, warning, info, hint$/m,
    );
    assert.match(stderr, /^liftoff: warning: liftoff\.yaml:3:3 unknown rule 'hardcode-path'/m);
    assert.equal(findings.find((f) => f.ruleId === 'LO301')?.severity, 'warning', 'default severity, not disabled');
    assert.ok(findings.some((f) => f.ruleId === 'LO101'));

    writeFileSync(path.join(dir, 'liftoff.yaml'), 'rules: [\n');
    const broken = await json();
    assert.match(broken.stderr, /^liftoff: warning: liftoff\.yaml:\d+:\d+ /m);
    assert.ok(broken.findings.some((f) => f.ruleId === 'LO101'));
  });

  it('flags undeclared imports only when the project declares dependencies (LO406)', async () => {
    assert.ok(!(await json()).findings.some((f) => f.ruleId === 'LO406'), 'no declaration file: silent');
    writeFileSync(path.join(dir, 'requirements.txt'), 'pandas==2.2.2\nscikit-learn==1.5.2\n');
    const { findings, stderr } = await json();
    assert.equal(stderr, '');
    const lo406 = findings.filter((f) => f.ruleId === 'LO406');
    assert.equal(lo406.length, 1, 'numpy is imported but only pandas and scikit-learn are declared');
    writeFileSync(path.join(dir, 'pyproject.toml'), '[project]\nname = "churn"\ndependencies = ["numpy"]\n');
    assert.ok(!(await json()).findings.some((f) => f.ruleId === 'LO406'));
  });
});
