import { CATALOG } from '../../../src/core/scaffold/catalog';
import * as assert from 'node:assert/strict';
import {
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
  existsSync,
  mkdirSync,
  cpSync,
  readdirSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { runCli } from '../cli-helper';

const EXAMPLE = path.join(__dirname, '..', '..', '..', 'examples', 'churn');

const cli = (args: string[], cwd: string) => runCli(args, { cwd });

describe('liftoff scaffold (CLI)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'liftoff-scaffold-'));
    mkdirSync(path.join(dir, 'churn'));
    cpSync(path.join(EXAMPLE, 'train.ipynb'), path.join(dir, 'churn', 'train.ipynb'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('takes the latency budget and port from liftoff.yaml and warns about its errors', async () => {
    writeFileSync(
      path.join(dir, 'churn', 'liftoff.yaml'),
      'business:\n  latencyBudgetMs: 75\n  predictionsPerDay: lots\nserving:\n  port: 9123\n',
    );
    const r = await cli(['scaffold', 'monitoring', 'docker', '--project', 'churn', '--out', 'out'], dir);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /liftoff\.yaml:3:\d+ .*predictionsPerDay/);
    assert.match(readFileSync(path.join(dir, 'out', 'monitoring', 'alerts.yml'), 'utf8'), /0\.075/);
    assert.match(readFileSync(path.join(dir, 'out', 'Dockerfile'), 'utf8'), /9123/);
  });

  it('prints the plan and writes nothing with --dry-run', async () => {
    const r = await cli(['scaffold', '--project', 'churn', '--dry-run'], dir);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /new {8}Dockerfile/);
    assert.match(r.stdout, /features from the notebook: tenure_months, monthly_charges/);
    assert.match(r.stdout, /model file: model\.pkl \(saved by train\.ipynb/);
    assert.deepEqual(readdirSync(path.join(dir, 'churn')), ['train.ipynb']);
  });

  it('writes every part, then finds them identical on a second run', async () => {
    assert.equal((await cli(['scaffold', '--project', 'churn'], dir)).code, 0);
    for (const f of [
      'Dockerfile',
      '.dockerignore',
      'requirements.txt',
      'app/main.py',
      '.github/workflows/liftoff.yml',
    ]) {
      assert.ok(existsSync(path.join(dir, 'churn', f)), f);
    }
    const again = await cli(['scaffold', '--project', 'churn'], dir);
    assert.equal(again.code, 0);
    const files = CATALOG.flatMap((part) => part.files.filter((f) => !f.formats || f.formats.includes('pickle')));
    const outputs = new Set(files.map((f) => f.output)); // a file shared by two parts is written once
    assert.match(again.stdout, new RegExp(`Wrote 0 file\\(s\\); ${outputs.size} already up to date`));
  });

  it('refuses to overwrite a different file without --force, writing nothing at all', async () => {
    const mine = 'pandas==2.2.2\nscikit-learn==1.5.2\n';
    writeFileSync(path.join(dir, 'churn', 'requirements.txt'), mine);
    const r = await cli(['scaffold', 'requirements', 'docker', '--project', 'churn'], dir);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /DIFFERENT {2}requirements\.txt/);
    assert.match(r.stderr, /requirements\.txt already exists with different content[\s\S]*--force/);
    assert.equal(readFileSync(path.join(dir, 'churn', 'requirements.txt'), 'utf8'), mine);
    assert.ok(!existsSync(path.join(dir, 'churn', 'Dockerfile')));
    const forced = await cli(['scaffold', 'requirements', '--project', 'churn', '--force'], dir);
    assert.equal(forced.code, 0);
    const written = readFileSync(path.join(dir, 'churn', 'requirements.txt'), 'utf8');
    assert.match(written, /^scikit-learn==1\.5\.2$/m, "the user's pins are kept");
    assert.match(written, /^pandas==2\.2\.2$/m);
  });

  it('writes into --out and uses template overrides from --templates', async () => {
    mkdirSync(path.join(dir, 'tpl', 'docker'), { recursive: true });
    writeFileSync(path.join(dir, 'tpl', 'docker', 'dockerignore.hbs'), '# ours\n*\n!{{modelPath}}\n');
    const r = await cli(
      ['scaffold', 'docker', '--project', 'churn', '--out', 'out', '--templates', 'tpl', '--port', '9000'],
      dir,
    );
    assert.equal(r.code, 0, r.stderr);
    assert.equal(readFileSync(path.join(dir, 'out', '.dockerignore'), 'utf8'), '# ours\n*\n!model.pkl\n');
    assert.match(readFileSync(path.join(dir, 'out', 'Dockerfile'), 'utf8'), /EXPOSE 9000/);
  });

  it('uses the override folder liftoff.yaml names in scaffold.templates, and --gpu', async () => {
    mkdirSync(path.join(dir, 'churn', 'ops', 'templates', 'docker'), { recursive: true });
    writeFileSync(path.join(dir, 'churn', 'ops', 'templates', 'docker', 'dockerignore.hbs'), '# team\n*\n');
    writeFileSync(path.join(dir, 'churn', 'liftoff.yaml'), 'scaffold:\n  templates: ops/templates\n');
    const r = await cli(['scaffold', 'docker', '--project', 'churn', '--gpu'], dir);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /\.dockerignore {2}\[overrides in churn\/ops\/templates\]/);
    assert.equal(readFileSync(path.join(dir, 'churn', '.dockerignore'), 'utf8'), '# team\n*\n');
    assert.match(readFileSync(path.join(dir, 'churn', 'Dockerfile'), 'utf8'), /^ARG CUDA_IMAGE=nvidia\/cuda:/m);
    writeFileSync(path.join(dir, 'churn', 'liftoff.yaml'), 'scaffold:\n  templates: missing\n');
    const bad = await cli(['scaffold', 'docker', '--project', 'churn', '--dry-run'], dir);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /cannot read 'missing \(scaffold\.templates in liftoff\.yaml\)'/);
  });

  it('refuses to write through a symlinked folder that leads outside the target', async () => {
    mkdirSync(path.join(dir, 'elsewhere'));
    symlinkSync(path.join(dir, 'elsewhere'), path.join(dir, 'churn', 'app'));
    const r = await cli(['scaffold', 'serving', '--project', 'churn'], dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /unsafe path "app\/__init__\.py": a symbolic link leads outside the target folder/);
    assert.deepEqual(readdirSync(path.join(dir, 'elsewhere')), []);
  });

  it('exits 2 on usage errors', async () => {
    for (const args of [
      ['scaffold', 'dockr'],
      ['scaffold', '--port', 'x'],
      ['scaffold', '--bogus'],
      ['scaffold', '--project', 'nope'],
    ]) {
      const r = await cli(args, dir);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.stderr, /^liftoff: /);
    }
  });
});
