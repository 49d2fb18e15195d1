import * as assert from 'node:assert/strict';
import { applyWrites, decideWrites } from '../../../src/core/scaffold/apply';
import { planScaffold, type TemplateSource } from '../../../src/core/scaffold/plan';
import { BUILTIN, churnContext, MemoryFolder } from './fixtures';

function overrides(files: Record<string, string>): TemplateSource {
  return { label: 'overrides', read: async (p) => files[p] };
}

describe('scaffold: planning and applying', () => {
  it('plans new, identical and different files without writing anything', async () => {
    const first = await planScaffold(['docker'], churnContext(), new MemoryFolder(), [BUILTIN]);
    const dockerfile = first.entries.find((e) => e.path === 'Dockerfile');
    assert.ok(dockerfile);
    const folder = new MemoryFolder({ Dockerfile: dockerfile.content, '.dockerignore': 'mine\n' });
    const plan = await planScaffold(['docker'], churnContext(), folder, [BUILTIN]);
    assert.deepEqual(
      plan.entries.map((e) => [e.path, e.status]),
      [
        ['Dockerfile', 'identical'],
        ['.dockerignore', 'different'],
      ],
    );
    assert.equal(plan.entries[1].existing, 'mine\n');
    assert.deepEqual(folder.snapshot(), { '.dockerignore': 'mine\n', Dockerfile: dockerfile.content });
  });

  it('resolves user template overrides file by file', async () => {
    const plan = await planScaffold(['docker'], churnContext(), new MemoryFolder(), [
      overrides({ 'docker/dockerignore.hbs': 'custom {{modelPath}}\n' }),
      BUILTIN,
    ]);
    const [dockerfile, ignore] = plan.entries;
    assert.equal(ignore.content, 'custom model.pkl\n');
    assert.equal(ignore.templateFrom, 'overrides');
    assert.equal(dockerfile.templateFrom, 'built-in');
    assert.match(dockerfile.content, /^FROM python:\$\{PYTHON_VERSION\}-slim AS runtime$/m);
  });

  it('names the override and the field when an override uses a field that does not exist', async () => {
    const plan = planScaffold(['docker'], churnContext(), new MemoryFolder(), [
      overrides({ 'docker/Dockerfile.hbs': 'FROM {{baseImage}}' }),
      BUILTIN,
    ]);
    await assert.rejects(plan, /template docker\/Dockerfile\.hbs \(overrides\): uses "baseImage"/);
  });

  it('picks the serving app by model format: onnxruntime for ONNX, the pickle loader otherwise', async () => {
    const onnx = await planScaffold(['serving'], churnContext({ modelFormat: 'onnx' }), new MemoryFolder(), [BUILTIN]);
    assert.deepEqual(onnx.skipped, []);
    const app = onnx.entries.find((e) => e.path === 'app/main.py');
    assert.equal(app?.template, 'serving/onnx/main.py.hbs');
    assert.match(app?.content ?? '', /import onnxruntime as ort/);
    const pickle = await planScaffold(['serving'], churnContext(), new MemoryFolder(), [BUILTIN]);
    assert.equal(pickle.entries.find((e) => e.path === 'app/main.py')?.template, 'serving/sklearn/main.py.hbs');
  });

  it('says why a file is skipped when no template fits the model format', async () => {
    const plan = await planScaffold(
      ['serving'],
      churnContext({ modelFormat: 'safetensors' as 'onnx' }),
      new MemoryFolder(),
      [BUILTIN],
    );
    assert.deepEqual(
      plan.skipped.map((s) => s.path),
      ['app/main.py'],
    );
  });

  it('rejects unknown parts, listing the known ones', async () => {
    await assert.rejects(
      planScaffold(['dockr'], churnContext(), new MemoryFolder(), [BUILTIN]),
      /unknown part 'dockr' \(known: docker, requirements, serving, ci, gitlab, monitoring, retraining, k8s, modelcard, loadtest\)/,
    );
  });

  it('never overwrites a different file without consent, and asks per file', async () => {
    const folder = new MemoryFolder({ 'requirements.txt': 'pandas==2.2.2\n' });
    const plan = await planScaffold(['requirements', 'docker'], churnContext(), folder, [BUILTIN]);
    const never = await decideWrites(plan, 'never');
    assert.deepEqual(
      never.refused.map((e) => e.path),
      ['requirements.txt'],
    );
    assert.ok(!never.write.some((e) => e.path === 'requirements.txt'));
    const asked: string[] = [];
    const perFile = await decideWrites(plan, (entry) => (asked.push(entry.path), false));
    assert.deepEqual(asked, ['requirements.txt']);
    assert.equal(perFile.refused.length, 1);
    assert.ok((await decideWrites(plan, 'all')).write.some((e) => e.path === 'requirements.txt'));
  });

  it('writes the plan as one unit: a failure half way leaves every file as it was', async () => {
    const folder = new MemoryFolder({ 'requirements.txt': 'pandas==2.2.2\n' });
    const plan = await planScaffold(['requirements', 'docker', 'serving'], churnContext(), folder, [BUILTIN]);
    const { write } = await decideWrites(plan, 'all');
    const before = folder.snapshot();
    folder.failRenameAt = 3;
    await assert.rejects(applyWrites(write, folder), /nothing was written: disk full/);
    assert.deepEqual(folder.snapshot(), before);
    folder.failRenameAt = -1;
    await applyWrites(write, folder);
    assert.deepEqual(Object.keys(folder.snapshot()).sort(), write.map((e) => e.path).sort());
    assert.equal(folder.files.get('Dockerfile'), write.find((e) => e.path === 'Dockerfile')?.content);
  });

  it('refuses to apply a plan when a file changed after planning', async () => {
    const folder = new MemoryFolder();
    const plan = await planScaffold(['docker'], churnContext(), folder, [BUILTIN]);
    folder.files.set('Dockerfile', 'written meanwhile');
    await assert.rejects(
      applyWrites((await decideWrites(plan, 'all')).write, folder),
      /Dockerfile changed since the plan/,
    );
    assert.equal(folder.files.get('Dockerfile'), 'written meanwhile');
    assert.equal(folder.files.size, 1);
  });
});
