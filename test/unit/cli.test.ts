import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { runCli as cli } from './cli-helper';
import { RULES } from '../../src/core/rules/registry';
import { defaultJobs } from '../../src/cli/check';

const ROOT = path.resolve(__dirname, '../..');
const FIXTURES = 'test/fixtures/notebooks';

describe('liftoff CLI', () => {
  describe('check: worker threads without --jobs', () => {
    it('leaves one core to the reading thread and V8, analysing in-process on one or two cores', () => {
      assert.deepEqual(
        [1, 2, 3, 4, 8, 64].map((cores) => defaultJobs(cores)),
        [1, 1, 2, 3, 4, 4],
      );
    });
  });

  describe('check --min-score', () => {
    it('fails the gate when the readiness score of the project is below the minimum, and says so on stderr', async () => {
      const { code, stderr } = await cli(['check', 'examples/churn', '--fail-on', 'none', '--min-score', '0.5']);
      assert.equal(code, 1);
      assert.match(stderr, /readiness score 0 of examples\/churn is below --min-score 0\.5/);
    });

    it('passes the gate when the score reaches the minimum', async () => {
      const { code, stderr } = await cli(['check', 'examples/churn', '--fail-on', 'none', '--min-score', '0']);
      assert.equal(code, 0, stderr);
      assert.match(stderr, /is at or above --min-score 0/);
    });

    it('rejects a minimum that is not a number', async () => {
      const { code, stderr } = await cli(['check', 'examples/churn', '--min-score', 'high']);
      assert.equal(code, 2);
      assert.match(stderr, /invalid value 'high' for --min-score/);
    });
  });

  describe('check', () => {
    it('reports findings as path:cell N:line:col, keeps going past unreadable notebooks, exits 1 on errors', async () => {
      const { code, stdout, stderr } = await cli(['check', FIXTURES]);
      assert.equal(stderr, '');
      assert.equal(code, 1);
      const lines = stdout.split('\n');
      const gaps = `${FIXTURES}/gaps.ipynb`;
      assert.ok(
        lines.some((l) => l.startsWith(`${gaps}:cell 2:1:18 error hardcoded-path Hard-coded user home directory path`)),
        stdout,
      );
      assert.ok(
        lines.some((l) => l.startsWith(`${gaps}:cell 3:1:9 warning unseeded-randomness RandomForestClassifier(...)`)),
        stdout,
      );
      assert.ok(
        lines.some((l) => l.startsWith(`${gaps}:cell 4:1:1 warning non-linear-execution Cell 4 ran before cell 3`)),
        stdout,
      );
      assert.ok(
        lines.some((l) => l.startsWith('    related: cell 3:1:1 Cell 3 sits above but ran later')),
        stdout,
      );
      assert.ok(
        lines.some((l) => l.startsWith(`${gaps}:cell 4:1:7 warning accuracy-only`)),
        stdout,
      );
      assert.ok(
        lines.some((l) =>
          l.startsWith(`${FIXTURES}/unreadable/invalid-json.ipynb: error unreadable-notebook not valid JSON`),
        ),
        stdout,
      );
      assert.ok(
        lines.some((l) => l.startsWith(`${FIXTURES}/unreadable/nbformat3.ipynb: error unreadable-notebook nbformat 3`)),
        stdout,
      );
      assert.ok(
        lines.some((l) => l.startsWith(`${FIXTURES}/warnings-only.ipynb:cell 2:`)),
        'notebooks after a bad one are still checked',
      );
      assert.equal(lines.filter((l) => l.includes('clean.ipynb')).length, 0);
      assert.match(stdout, /\n\d+ findings \(4 errors, \d+ warnings(, \d+ infos?)?\) in 5 notebooks\n$/);
    });

    it('exits 0 with a summary on a clean notebook', async () => {
      const { code, stdout } = await cli(['check', `${FIXTURES}/clean.ipynb`]);
      assert.equal(code, 0);
      assert.equal(stdout, '0 findings (0 errors, 0 warnings) in 1 notebook\n');
    });

    it('applies --fail-on', async () => {
      const file = `${FIXTURES}/warnings-only.ipynb`;
      assert.equal((await cli(['check', file])).code, 0);
      assert.equal((await cli(['check', file, '--fail-on', 'warning'])).code, 1);
      assert.equal((await cli(['check', '--fail-on=info', file])).code, 1);
      assert.equal((await cli(['check', `${FIXTURES}/gaps.ipynb`, '--fail-on', 'none'])).code, 0);
    });

    it('prints JSON with version, findings and summary', async () => {
      const { code, stdout } = await cli(['check', FIXTURES, '--format', 'json', '--fail-on', 'none']);
      assert.equal(code, 0);
      const report = JSON.parse(stdout) as {
        version: string;
        findings: Array<{ file: string; ruleName: string; cellIndex?: number; cellId?: string; fix?: unknown }>;
        summary: { notebooks: number; findings: number; errors: number };
      };
      const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
      assert.equal(report.version, pkg.version);
      assert.equal(report.summary.notebooks, 5);
      assert.equal(report.summary.findings, report.findings.length);
      assert.equal(report.summary.errors, 4); // gaps.ipynb also fits and scores on all its data (no-holdout)
      const forest = report.findings.find((f) => f.ruleName === 'unseeded-randomness' && f.file.endsWith('gaps.ipynb'));
      assert.deepEqual([forest?.cellIndex, forest?.cellId], [2, 'c2']);
      assert.ok(forest?.fix !== undefined);
      const unreadable = report.findings.filter((f) => f.ruleName === 'unreadable-notebook');
      assert.deepEqual(
        unreadable.map((f) => [f.file, f.cellIndex]),
        [
          [`${FIXTURES}/unreadable/invalid-json.ipynb`, undefined],
          [`${FIXTURES}/unreadable/nbformat3.ipynb`, undefined],
        ],
      );
    });

    it('prints paths relative to the working directory and checks . by default', async () => {
      const { stdout } = await cli(['check'], { cwd: path.join(ROOT, FIXTURES) });
      assert.match(stdout, /^gaps\.ipynb:cell 2:1:18 error hardcoded-path/m);
      assert.match(stdout, /in 5 notebooks\n$/);
    });

    it('exits 2 with a clear message when a path does not exist', async () => {
      const { code, stdout, stderr } = await cli(['check', FIXTURES, 'nope/missing.ipynb']);
      assert.equal(code, 2);
      assert.equal(stdout, '');
      assert.equal(stderr, "liftoff: cannot read 'nope/missing.ipynb': no such file or directory\n");
    });

    it('colours only on a terminal, and never with --no-color or NO_COLOR', async () => {
      const file = `${FIXTURES}/gaps.ipynb`;
      assert.match((await cli(['check', file], { isTTY: true })).stdout, /\u001b\[31merror/);
      assert.doesNotMatch((await cli(['check', file])).stdout, /\u001b\[/);
      assert.doesNotMatch((await cli(['check', file, '--no-color'], { isTTY: true })).stdout, /\u001b\[/);
      assert.doesNotMatch((await cli(['check', file], { isTTY: true, env: { NO_COLOR: '1' } })).stdout, /\u001b\[/);
    });
  });

  describe('discovery', () => {
    let dir: string;
    const notebook = JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [] });
    const put = (rel: string): void => {
      mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      writeFileSync(path.join(dir, rel), notebook);
    };

    before(() => {
      dir = mkdtempSync(path.join(tmpdir(), 'liftoff-cli-'));
      for (const rel of [
        'a.ipynb',
        'sub/b.ipynb',
        'sub/notes.txt',
        '.ipynb_checkpoints/a-checkpoint.ipynb',
        'node_modules/pkg/c.ipynb',
        '.git/d.ipynb',
        '.venv/lib/e.ipynb',
        'venv/lib/site-packages/f.ipynb',
        'lib/site-packages/g.ipynb',
        'dist/h.ipynb',
      ]) {
        put(rel);
      }
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    it('walks folders for *.ipynb, skipping environments, checkpoints and build output', async () => {
      const { stdout } = await cli(['check', '.', '--format', 'json'], { cwd: dir });
      assert.equal((JSON.parse(stdout) as { summary: { notebooks: number } }).summary.notebooks, 2);
    });

    it('uses a file named directly even inside a skipped folder, once', async () => {
      const file = '.ipynb_checkpoints/a-checkpoint.ipynb';
      const { stdout } = await cli(['check', file, file, '--format', 'json'], { cwd: dir });
      assert.equal((JSON.parse(stdout) as { summary: { notebooks: number } }).summary.notebooks, 1);
    });
  });

  describe('usage', () => {
    const usageError = async (argv: string[], message: RegExp): Promise<void> => {
      const { code, stdout, stderr } = await cli(argv);
      assert.equal(code, 2, argv.join(' '));
      assert.equal(stdout, '');
      assert.match(stderr, message);
    };

    it('exits 2 on unknown options, commands and bad values', async () => {
      await usageError(
        ['check', '--frmat', 'json'],
        /^liftoff: unknown option '--frmat'\nRun 'liftoff --help' for usage\.\n$/,
      );
      await usageError(['lint'], /unknown command 'lint'/);
      await usageError(['check', '--format', 'xml'], /invalid value 'xml' for --format \(expected text, json, sarif\)/);
      await usageError(['check', '--fail-on', 'warnings'], /invalid value 'warnings' for --fail-on/);
      await usageError(['check', '--format'], /--format/);
      await usageError([], /missing command/);
      await usageError(['rules', 'extra'], /takes no arguments/);
    });

    it('prints help and the version', async () => {
      const help = await cli(['--help']);
      assert.equal(help.code, 0);
      assert.match(help.stdout, /^Usage: liftoff <command> \[options\]/);
      assert.match(help.stdout, /--fail-on/);
      const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
      assert.deepEqual(await cli(['--version']), { code: 0, stdout: `${pkg.version}\n`, stderr: '' });
    });
  });

  describe('rules', () => {
    it('lists every rule as text', async () => {
      const { code, stdout } = await cli(['rules']);
      assert.equal(code, 0);
      for (const name of [
        'hardcoded-path',
        'accuracy-only',
        'non-linear-execution',
        'unseeded-randomness',
        'unreadable-notebook',
      ]) {
        assert.match(stdout, new RegExp(`^LO\\d{3}  ${name}\\b`, 'm'));
      }
    });

    it('lists every rule as JSON with its docs page', async () => {
      const { stdout } = await cli(['rules', '--format', 'json']);
      const { rules } = JSON.parse(stdout) as { rules: Array<Record<string, string>> };
      assert.equal(rules.length, RULES.length);
      assert.deepEqual(Object.keys(rules[0] ?? {}), ['id', 'name', 'category', 'severity', 'description', 'docs']);
      assert.equal(rules[0]?.docs, 'docs/rules/LO101-hardcoded-path.md');
      assert.ok(rules.some((r) => r.name === 'unseeded-randomness'));
    });
  });
});
