/**
 * The extension bundle keeps the core in dist/engine.js, required on first use (scripts/esbuild-lazy-core.mjs).
 * Builds both bundles the way esbuild.mjs does, into a temporary folder, loads the extension with an
 * inert `vscode` (every API call returns another inert object) and checks that neither loading it nor
 * activate() requires the engine, and that the engine serves the real core.
 */
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import Module from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';

const ROOT = resolve(__dirname, '..', '..');

/** Stands for any VS Code API object: callable, constructible, every property another inert object. */
function inert(): unknown {
  const handler: ProxyHandler<object> = {
    get: (_t, key) => {
      if (key === 'then') return undefined;
      if (key === Symbol.toPrimitive) return () => '';
      if (key === Symbol.iterator) return function* () {};
      return inert();
    },
    apply: () => inert(),
    construct: () => inert() as object,
    set: () => true,
  };
  return new Proxy(function () {}, handler);
}

/** Every namespace, class and enum the `vscode` API declares (from @types/vscode). */
function vscodeNames(): string[] {
  const dts = readFileSync(require.resolve('@types/vscode/index.d.ts'), 'utf8');
  return [...new Set([...dts.matchAll(/^\s*export (?:namespace|class|enum) (\w+)/gm)].map((m) => m[1] as string))];
}

describe('lazy engine: activation does not load the core', function () {
  this.timeout(60_000);
  let dir: string;
  const resolveFilename = (Module as unknown as { _resolveFilename: (...a: unknown[]) => string })._resolveFilename;
  const stubPath = join(__dirname, 'inert-vscode-stub');

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'liftoff-lazy-'));
    const { lazyCore, vscodeOnce } = (await import(
      pathToFileURL(join(ROOT, 'scripts', 'esbuild-lazy-core.mjs')).href
    )) as {
      lazyCore: (o: { root: string }) => {
        plugin: esbuild.Plugin;
        engineBuild: (common: esbuild.BuildOptions, outdir: string) => esbuild.BuildOptions;
      };
      vscodeOnce: esbuild.Plugin;
    };
    const common: esbuild.BuildOptions = {
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      logLevel: 'error',
      external: ['onnxruntime-node', 'vscode'],
    };
    const lazy = lazyCore({ root: ROOT });
    await esbuild.build({
      ...common,
      entryPoints: [join(ROOT, 'src/extension/extension.ts')],
      outfile: join(dir, 'extension.js'),
      plugins: [lazy.plugin, vscodeOnce],
    });
    await esbuild.build(lazy.engineBuild(common, dir));
    const vscode: Record<string, unknown> = {};
    for (const n of vscodeNames()) vscode[n] = inert();
    require.cache[stubPath] = { id: stubPath, filename: stubPath, loaded: true, exports: vscode } as NodeJS.Module;
    (Module as unknown as { _resolveFilename: (...a: unknown[]) => string })._resolveFilename = function (
      this: unknown,
      request: unknown,
      ...rest: unknown[]
    ) {
      return request === 'vscode' ? stubPath : resolveFilename.call(this, request, ...rest);
    };
  });

  after(() => {
    (Module as unknown as { _resolveFilename: unknown })._resolveFilename = resolveFilename;
    delete require.cache[stubPath];
    for (const f of ['extension.js', 'engine.js']) delete require.cache[join(dir, f)];
    rmSync(dir, { recursive: true, force: true });
  });

  const engineLoaded = (): boolean => require.cache[join(dir, 'engine.js')] !== undefined;

  it('keeps the core out of the extension bundle', () => {
    const extension = statSync(join(dir, 'extension.js')).size;
    const engine = statSync(join(dir, 'engine.js')).size;
    assert.ok(extension * 5 < engine, `extension.js ${extension} bytes against engine.js ${engine} bytes`);
  });

  it('loads and activates without the engine', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the bundle under test, built above
    const ext = require(join(dir, 'extension.js')) as { activate(context: unknown): { findings: unknown } };
    assert.equal(engineLoaded(), false, 'loading extension.js required engine.js');
    const context = {
      subscriptions: [] as { dispose(): void }[],
      extension: { packageJSON: { name: 'liftoff', version: '0.0.0' } },
      extensionUri: inert(),
      extensionPath: ROOT,
      globalState: inert(),
      workspaceState: inert(),
      logUri: inert(),
      globalStorageUri: inert(),
    };
    const api = ext.activate(context);
    assert.ok(api.findings, 'activate() returned the API');
    assert.equal(engineLoaded(), false, 'activate() required engine.js');
    for (const d of context.subscriptions) d.dispose();
  });

  it('serves the real core from the engine', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the engine bundle built above
    const engine = require(join(dir, 'engine.js')) as { modules: Record<string, Record<string, unknown>> };
    const analyze = engine.modules['src/core/analyze.ts'];
    assert.equal(typeof analyze?.analyzeNotebook, 'function');
  });
});
