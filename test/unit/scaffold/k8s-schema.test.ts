/**
 * The Kubernetes manifests against the Kubernetes API's own schemas, offline: kubernetes-models (npm)
 * ships validators generated from the OpenAPI spec of each resource (types, required fields, enums,
 * formats such as int-or-string). Its validators accept unknown fields, which kubeconform -strict would
 * reject (neither kubeconform nor kubeval is packaged on npm or in Debian), so the manifests are also
 * type-checked by the TypeScript compiler against the interfaces kubernetes-models generates from the
 * same spec: an unknown field (a typo) is an excess property there. KServe's InferenceService has no
 * model: its predictor's containers and security context are checked as the core types they are.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as ts from 'typescript';
import { parseAllDocuments } from 'yaml';
import type { ScaffoldContext } from '../../../src/core/scaffold/context';
import { manifestFields } from '../../../src/core/scaffold/manifest-context';
import { planScaffold } from '../../../src/core/scaffold/plan';
import { BUILTIN, churnContext, MemoryFolder } from './fixtures';

type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
interface Validatable {
  validate(): void;
}
type ModelClass = new (data: Doc) => Validatable;

/** kubernetes-models is ESM only: loaded once, by dynamic import. */
async function models(): Promise<Record<string, ModelClass>> {
  const [apps, core, autoscaling] = await Promise.all([
    import('kubernetes-models/apps/v1/Deployment'),
    import('kubernetes-models/v1'),
    import('kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler'),
  ]);
  return {
    'apps/v1 Deployment': apps.Deployment as unknown as ModelClass,
    'v1 Service': core.Service as unknown as ModelClass,
    'autoscaling/v2 HorizontalPodAutoscaler': autoscaling.HorizontalPodAutoscaler as unknown as ModelClass,
    Container: core.Container as unknown as ModelClass,
    PodSecurityContext: core.PodSecurityContext as unknown as ModelClass,
  };
}

async function manifests(context: ScaffoldContext): Promise<Doc[]> {
  const plan = await planScaffold(['k8s'], context, new MemoryFolder(), [BUILTIN]);
  return plan.entries.flatMap((e) => parseAllDocuments(e.content).map((d) => d.toJS() as Doc));
}

/** Every error of a document, as "kind: message"; [] when it is valid. */
function problems(doc: Doc, classes: Record<string, ModelClass>): string[] {
  const check = (what: string, cls: ModelClass | undefined, data: Doc): string[] => {
    if (cls === undefined) return [`${what}: no schema`];
    try {
      new cls(data).validate();
      return [];
    } catch (error) {
      return [`${what}: ${error instanceof Error ? error.message : String(error)}`];
    }
  };
  if (doc.kind === 'InferenceService') {
    const predictor = doc.spec.predictor as Doc;
    const out = (predictor.containers as Doc[]).flatMap((c) =>
      check('InferenceService container', classes.Container, c),
    );
    out.push(...check('InferenceService securityContext', classes.PodSecurityContext, predictor.securityContext));
    for (const key of ['minReplicas', 'maxReplicas'])
      if (!Number.isInteger(predictor[key])) out.push(`InferenceService ${key} is not an integer`);
    return out;
  }
  return check(`${doc.apiVersion} ${doc.kind}`, classes[`${doc.apiVersion} ${doc.kind}`], doc);
}

/** The TypeScript interface (and its module) each checked object must satisfy. */
const TYPES: Record<string, [string, string]> = {
  Deployment: ['IDeployment', 'kubernetes-models/apps/v1/Deployment'],
  Service: ['IService', 'kubernetes-models/v1/Service'],
  HorizontalPodAutoscaler: ['IHorizontalPodAutoscaler', 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler'],
  Container: ['IContainer', 'kubernetes-models/v1/Container'],
  PodSecurityContext: ['IPodSecurityContext', 'kubernetes-models/v1/PodSecurityContext'],
};

/** Unknown fields, as the compiler's excess-property errors, from one in-memory program for all docs. */
function unknownFields(docs: readonly Doc[]): string[] {
  const checked: Array<[string, unknown]> = docs.flatMap((doc): Array<[string, unknown]> =>
    doc.kind === 'InferenceService'
      ? [
          ...(doc.spec.predictor.containers as Doc[]).map((c): [string, unknown] => ['Container', c]),
          ['PodSecurityContext', doc.spec.predictor.securityContext],
        ]
      : [[doc.kind as string, doc]],
  );
  const imports = Object.values(TYPES).map(([name, module]) => `import type { ${name} } from '${module}';`);
  const lines = checked.map(([kind, value], i) => `export const v${i}: ${TYPES[kind][0]} = ${JSON.stringify(value)};`);
  const file = path.join(__dirname, '__k8s-manifests.ts'); // never written: resolution starts here
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: [],
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
  };
  const host = ts.createCompilerHost(options);
  const read = host.getSourceFile.bind(host);
  const text = [...imports, ...lines].join('\n');
  host.getSourceFile = (name, language, ...rest) =>
    name === file ? ts.createSourceFile(name, text, language) : read(name, language, ...rest);
  const exists = host.fileExists.bind(host);
  host.fileExists = (name) => name === file || exists(name);
  const program = ts.createProgram([file], options, host);
  return ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.file?.fileName === file)
    .map((d) => ts.flattenDiagnosticMessageText(d.messageText, ' '));
}

const VARIANTS: Record<string, ScaffoldContext> = {
  'with liftoff.yaml': churnContext(),
  'without liftoff.yaml': churnContext({ ...manifestFields(undefined, []) }),
  'GPU, port 9090': churnContext({ gpu: true, port: 9090 }),
};

describe('scaffold part k8s: manifests against the Kubernetes schemas (kubernetes-models)', () => {
  for (const [name, context] of Object.entries(VARIANTS)) {
    it(`every manifest is valid (${name})`, async () => {
      const classes = await models();
      const docs = await manifests(context);
      assert.deepEqual(docs.map((d) => d.kind).sort(), [
        'Deployment',
        'HorizontalPodAutoscaler',
        'InferenceService',
        'Service',
      ]);
      assert.deepEqual(
        docs.flatMap((d) => problems(d, classes)),
        [],
      );
    });
  }

  it('has no unknown fields (the compiler checks them against the generated Kubernetes types)', async function () {
    this.timeout(60_000);
    const docs = (await Promise.all(Object.values(VARIANTS).map(manifests))).flat();
    assert.deepEqual(unknownFields(docs), []);
    const deployment = docs.find((d) => d.kind === 'Deployment')!;
    deployment.spec.template.spec.containers[0].imagePulPolicy = 'Always';
    const isvc = docs.find((d) => d.kind === 'InferenceService')!;
    isvc.spec.predictor.containers[0].readinesProbe = {};
    const found = unknownFields(docs).join('\n');
    assert.match(found, /'"imagePulPolicy"' does not exist in type 'IContainer'/);
    assert.match(found, /'"readinesProbe"' does not exist in type 'IContainer'/);
  });

  it('the check fails on what the API server would refuse (the validator is real)', async () => {
    const classes = await models();
    const docs = await manifests(churnContext());
    const deployment = docs.find((d) => d.kind === 'Deployment')!;
    deployment.spec.replicas = '3';
    deployment.spec.template.spec.containers[0].ports[0].containerPort = 'http';
    delete deployment.spec.selector;
    const found = problems(deployment, classes).join('\n');
    assert.match(found, /replicas must be integer/);
    assert.match(found, /containerPort must be integer/);
    assert.match(found, /spec must have required property selector/);
    const isvc = docs.find((d) => d.kind === 'InferenceService')!;
    isvc.spec.predictor.containers[0].livenessProbe.httpGet.port = { number: 1 };
    assert.notDeepEqual(problems(isvc, classes), []);
  });
});
