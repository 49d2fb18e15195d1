import { strict as assert } from 'node:assert';
import { formatProblem, mergeSeverity, ProjectContexts, type ProjectFolders } from '../../../src/core/project/context';

/** A project in memory: root-relative paths -> text; folders are implied by the paths. Counts reads. */
function memoryProject(files: Record<string, string>): ProjectFolders & { reads: string[] } {
  const reads: string[] = [];
  return {
    reads,
    list: async (folder) => {
      const prefix = folder === '' ? '' : `${folder}/`;
      const entries = new Map<string, 'file' | 'folder'>();
      for (const path of Object.keys(files)) {
        if (!path.startsWith(prefix)) continue;
        const [first, ...rest] = path.slice(prefix.length).split('/');
        if (first !== undefined) entries.set(first, rest.length > 0 ? 'folder' : 'file');
      }
      return folder !== '' && entries.size === 0 ? undefined : [...entries].map(([name, kind]) => ({ name, kind }));
    },
    read: async (file) => {
      reads.push(file);
      return files[file];
    },
  };
}

describe('project context of a notebook', () => {
  it('takes rule settings from the nearest liftoff.yaml, keyed by rule id', async () => {
    const project = memoryProject({
      'liftoff.yaml': 'rules:\n  hardcoded-path: off\n  LO301: error\n',
      'exp/liftoff.yaml': 'rules:\n  unseeded-randomness: info\n',
      'exp/a/train.ipynb': '{}',
      'other/train.ipynb': '{}',
    });
    const contexts = new ProjectContexts(project);
    const root = await contexts.resolve('other/train.ipynb');
    assert.deepEqual(root.severity, { LO101: 'off', LO301: 'error' });
    assert.equal(root.manifestFile, 'liftoff.yaml');
    const nested = await contexts.resolve('exp/a/train.ipynb');
    assert.deepEqual(nested.severity, { LO402: 'info' }, 'the nearest file wins; files are not merged');
    assert.equal(nested.manifestFile, 'exp/liftoff.yaml');
    assert.deepEqual(root.problems, []);
  });

  it('has no settings and no dependencies without any file', async () => {
    const context = await new ProjectContexts(memoryProject({ 'train.ipynb': '{}' })).resolve('train.ipynb');
    assert.deepEqual(context.severity, {});
    assert.equal(context.project.dependencies, undefined);
    assert.equal(context.manifestFile, undefined);
  });

  it('reports a bad value and an unknown rule with their lines, keeping the valid settings', async () => {
    const yaml = 'version: 1\nrules:\n  hardcoded-path: off\n  LO301: eror\n  hardcode-path: error\n';
    const context = await new ProjectContexts(memoryProject({ 'liftoff.yaml': yaml })).resolve('nb.ipynb');
    assert.deepEqual(context.severity, { LO101: 'off' }, 'the misspelt severity leaves LO301 at its default');
    const shown = context.problems.map(formatProblem);
    assert.ok(
      shown.some((p) => /^liftoff\.yaml:4:\d+ rules\.LO301 must be one of off, error/.test(p)),
      shown.join('\n'),
    );
    assert.ok(
      shown.includes(
        "liftoff.yaml:5:3 unknown rule 'hardcode-path' in rules (see `liftoff rules` for ids and names); it is ignored",
      ),
      shown.join('\n'),
    );
  });

  it('reports a YAML syntax error with its line and leaves every rule at its default', async () => {
    const context = await new ProjectContexts(memoryProject({ 'liftoff.yaml': 'rules:\n  LO301: [error\n' })).resolve(
      'nb.ipynb',
    );
    assert.deepEqual(context.severity, {});
    assert.equal(context.problems.length > 0, true);
    assert.equal(context.problems[0]?.file, 'liftoff.yaml');
    assert.ok((context.problems[0]?.line ?? 0) >= 2);
  });

  it('takes dependencies from the nearest folder that declares any, and local modules up to it', async () => {
    const project = memoryProject({
      'requirements.txt': 'pandas\n-r requirements/base.txt\n',
      'requirements/base.txt': 'scikit-learn\n',
      'pyproject.toml': '[tool.black]\nline-length = 100\n',
      'src/churn/__init__.py': '',
      'notebooks/helpers.py': '',
      'notebooks/features/__init__.py': '',
      'notebooks/train.ipynb': '{}',
    });
    const context = await new ProjectContexts(project).resolve('notebooks/train.ipynb');
    assert.deepEqual(context.project.dependencies, {
      distributions: { pandas: 'requirements.txt', 'scikit-learn': 'requirements/base.txt' },
      files: ['requirements.txt', 'requirements/base.txt'],
    });
    for (const m of ['helpers', 'features', 'churn', 'notebooks']) {
      assert.ok(context.project.localModules?.includes(m), m);
    }
  });

  it('stays silent (no dependencies) when a declaration file cannot be parsed, and reports it', async () => {
    const project = memoryProject({ 'requirements.txt': 'pandas\n', 'pyproject.toml': '[project\n', 'nb.ipynb': '{}' });
    const context = await new ProjectContexts(project).resolve('nb.ipynb');
    assert.equal(context.project.dependencies, undefined);
    assert.equal(context.problems[0]?.file, 'pyproject.toml');
  });

  it('reads each folder once until it is invalidated', async () => {
    const files: Record<string, string> = { 'liftoff.yaml': 'rules:\n  LO301: off\n', 'a.ipynb': '', 'b.ipynb': '' };
    const project = memoryProject(files);
    const contexts = new ProjectContexts(project);
    await contexts.resolve('a.ipynb');
    await contexts.resolve('b.ipynb');
    assert.equal(project.reads.filter((r) => r === 'liftoff.yaml').length, 1);
    files['liftoff.yaml'] = 'rules:\n  LO301: error\n';
    assert.deepEqual((await contexts.resolve('a.ipynb')).severity, { LO301: 'off' }, 'cached');
    assert.equal(contexts.invalidate('sub'), false, 'a folder never read');
    assert.equal(contexts.invalidate(''), true);
    assert.deepEqual((await contexts.resolve('a.ipynb')).severity, { LO301: 'error' });
  });

  it('merges settings over liftoff.yaml by rule id, names and ids alike', () => {
    assert.deepEqual(mergeSeverity({ LO301: 'error', LO101: 'off' }, { 'accuracy-only': 'hint', nonsense: 'off' }), {
      LO301: 'hint',
      LO101: 'off',
    });
  });
});
