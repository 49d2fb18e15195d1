/** The generated files pass real validators: Python compiles, YAML lints, the Dockerfile lints. */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { validate } from 'dockerfile-utils';
import { planScaffold } from '../../../src/core/scaffold/plan';
import { toFeatures } from '../../../src/core/scaffold/context';
import { inferContext } from '../../../src/core/scaffold/infer';
import { parse } from 'yaml';
import { BUILTIN, CHURN_MANIFEST, churnContext, MemoryFolder } from './fixtures';

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
  'GPU image': churnContext({ gpu: true }),
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

describe('scaffold part docker: the user id and the GPU variant', () => {
  for (const gpu of [false, true]) {
    it(`the image's numeric user is the pods' runAsUser (${gpu ? 'GPU' : 'CPU'})`, async () => {
      const files = await render(churnContext({ gpu }));
      const dockerfile = files.get('Dockerfile') ?? '';
      const uid = Number(/useradd [^\n]*--uid (\d+)/.exec(dockerfile)?.[1]);
      assert.ok(uid >= 1000, dockerfile);
      assert.match(dockerfile, new RegExp(`groupadd [^\\n]*--gid ${uid} app`));
      assert.match(dockerfile, new RegExp(`^USER ${uid}:${uid}$`, 'm'), 'numeric USER, so runAsNonRoot can verify it');
      const deployment = parse(files.get('k8s/deployment.yaml') ?? '');
      const pod = deployment.spec.template.spec.securityContext;
      assert.deepEqual([pod.runAsUser, pod.runAsGroup, pod.fsGroup], [uid, uid, uid]);
      const isvc = parse(files.get('k8s/kserve-inferenceservice.yaml') ?? '');
      assert.deepEqual(
        [isvc.spec.predictor.securityContext.runAsUser, isvc.spec.predictor.securityContext.runAsGroup],
        [uid, uid],
      );
    });
  }

  it('GPU: a CUDA runtime base for both stages, a GPU per pod, the GPU build of onnxruntime', async () => {
    const files = await render(churnContext({ gpu: true }));
    const dockerfile = files.get('Dockerfile') ?? '';
    assert.match(dockerfile, /^ARG CUDA_IMAGE=nvidia\/cuda:[0-9.]+-cudnn-runtime-ubuntu[0-9.]+$/m);
    assert.deepEqual(
      [...dockerfile.matchAll(/^FROM (\S+) AS (build|runtime)$/gm)].map((m) => m[1]),
      ['${CUDA_IMAGE}', '${CUDA_IMAGE}'],
    );
    assert.doesNotMatch(dockerfile, /python:\$\{PYTHON_VERSION\}-slim/);
    const limits = parse(files.get('k8s/deployment.yaml') ?? '').spec.template.spec.containers[0].resources.limits;
    assert.equal(limits['nvidia.com/gpu'], 1);
    const cpu = await render(churnContext());
    assert.doesNotMatch(cpu.get('k8s/deployment.yaml') ?? '', /nvidia/);
    assert.match(cpu.get('Dockerfile') ?? '', /^FROM python:\$\{PYTHON_VERSION\}-slim AS runtime$/m);

    const project = { projectName: 'p', notebooks: [], modelFiles: ['m.onnx'], liftoffPackage: 'l@1' };
    const fromYaml = inferContext({ ...project, manifest: { ...CHURN_MANIFEST, serving: { gpu: true } } }).context;
    assert.equal(fromYaml.gpu, true);
    assert.ok(fromYaml.requirements.some((r) => r.name === 'onnxruntime-gpu'));
    assert.ok(!fromYaml.requirements.some((r) => r.name === 'onnxruntime'));
    const cpuContext = inferContext({ ...project, overrides: { gpu: false } }).context;
    assert.ok(cpuContext.requirements.some((r) => r.name === 'onnxruntime'));
  });
});
