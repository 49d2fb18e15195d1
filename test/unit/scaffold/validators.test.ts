/** The generated files pass real validators: Python compiles, YAML lints, the Dockerfile lints. */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { validate } from 'dockerfile-utils';
import { planScaffold } from '../../../src/core/scaffold/plan';
import { toFeatures } from '../../../src/core/scaffold/context';
import { BUILTIN, churnContext, MemoryFolder } from './fixtures';

const PYTHON = '/usr/bin/python3';

async function render(context = churnContext()): Promise<Map<string, string>> {
  const plan = await planScaffold([], context, new MemoryFolder(), [BUILTIN]);
  return new Map(plan.entries.map((e) => [e.path, e.content]));
}

function writeAll(files: Map<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'liftoff-validate-'));
  for (const [rel, content] of files) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), content);
  }
  return dir;
}

const VARIANTS = {
  'known features': churnContext(),
  'no feature names known': churnContext({ features: [] }),
  'feature names that are not identifiers': churnContext({
    features: toFeatures(['monthly charges', 'class', '2x', 'json', 'a b', 'a_b']),
    modelPath: 'models/my model [v1].pkl',
  }),
};

describe('scaffold: generated files pass real validators', function () {
  for (const [name, context] of Object.entries(VARIANTS)) {
    it(`the serving app compiles with Python (${name})`, async function () {
      if (!existsSync(PYTHON)) this.skip();
      const dir = writeAll(await render(context));
      try {
        const r = spawnSync(
          PYTHON,
          ['-m', 'py_compile', path.join(dir, 'app', 'main.py'), path.join(dir, 'app', '__init__.py')],
          { encoding: 'utf8' },
        );
        assert.equal(r.status, 0, r.stderr);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it(`the Dockerfile has no lint problems (${name})`, async () => {
      const dockerfile = (await render(context)).get('Dockerfile') ?? '';
      const problems = validate(dockerfile).map((d) => `${d.range.start.line + 1}: ${d.message}`);
      assert.deepEqual(problems, []);
    });
  }

  it('the workflow passes yamllint --strict', async function () {
    const probe = spawnSync('yamllint', ['--version'], { encoding: 'utf8' });
    if (probe.error !== undefined) this.skip();
    const dir = writeAll(await render());
    try {
      const r = spawnSync(
        'yamllint',
        ['--strict', '-f', 'parsable', path.join(dir, '.github', 'workflows', 'liftoff.yml')],
        { encoding: 'utf8' },
      );
      assert.equal(r.status, 0, r.stdout + r.stderr);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
