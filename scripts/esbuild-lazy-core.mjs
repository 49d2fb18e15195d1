// Keeps the core out of dist/extension.js so that activating the extension stays cheap: V8 compiles a
// bundle in proportion to its size (about 30 ms for the 0.7 MB the extension used to be, before any of it
// ran), and evaluating it built lezer's parse tables, protobufjs and the rule registry at load.
//
// In the extension build, every import of a `src/core` module from `src/extension` resolves to a small
// stub whose exports are getters: the first access to any of them requires `dist/engine.js` (the core
// modules the extension uses, bundled on their own) and hands out its exports. esbuild turns
// `import { f } from '../core/x'` into `(0, import_x.f)(…)` at the call site, so nothing is loaded until
// the extension first calls into the core. Type-only imports disappear as usual. Core modules that
// import only types and hold no state (command ids, tables of constants) are bundled into the extension
// as usual. Code that touches another core export while the module loads (a top-level constant,
// `class extends`) would load the engine at activation: test/unit/lazy-engine.test.ts checks it does not.
import * as esbuild from 'esbuild';
import { readFileSync } from 'node:fs';
import path from 'node:path';

export const ENGINE_FILE = 'engine.js';
const NAMESPACE = 'liftoff-lazy-core';

/**
 * The plugin for the extension build, and the options of the engine build that goes with it (call
 * `engineBuild()` after the extension build: its entry lists the core modules the extension imported).
 */
export function lazyCore({ root, extensionDir = 'src/extension', coreDir = 'src/core' }) {
  const ext = path.join(root, extensionDir) + path.sep;
  const core = path.join(root, coreDir) + path.sep;
  /** Core modules reached from the extension, by path relative to the root (the engine's keys). */
  const modules = new Set();

  const plugin = {
    name: 'liftoff-lazy-core',
    setup(build) {
      build.onResolve({ filter: /^\./ }, async (args) => {
        if (args.namespace !== 'file' || !args.importer.startsWith(ext) || args.pluginData === NAMESPACE) return;
        const r = await build.resolve(args.path, {
          resolveDir: args.resolveDir,
          kind: args.kind,
          importer: args.importer,
          pluginData: NAMESPACE,
        });
        if (r.errors.length > 0 || !r.path.startsWith(core)) return;
        // Constants and small pure helpers (read at module level, e.g. a command id in a table) stay
        // in the extension: a copy of a module without state or imports costs nothing to share.
        if (isLeaf(r.path)) return r;
        return { path: r.path, namespace: NAMESPACE };
      });
      build.onLoad({ filter: /.*/, namespace: NAMESPACE }, async (args) => {
        const key = path.relative(root, args.path).split(path.sep).join('/');
        modules.add(key);
        const names = await exportNames(args.path);
        return { contents: stub(key, names), loader: 'js', resolveDir: root };
      });
      build.onResolve({ filter: /^\.\/engine\.js$/, namespace: NAMESPACE }, () => ({
        path: `./${ENGINE_FILE}`,
        external: true,
      }));
    },
  };

  /** The engine: every core module the extension imported, keyed by its path. */
  function engineBuild(common, outdir) {
    const keys = [...modules].sort();
    const contents = [
      ...keys.map((k, i) => `import * as m${i} from ${JSON.stringify(`./${k}`)};`),
      `export const modules = { ${keys.map((k, i) => `${JSON.stringify(k)}: m${i}`).join(', ')} };`,
    ].join('\n');
    return {
      ...common,
      stdin: { contents, resolveDir: root, sourcefile: 'engine-entry.js', loader: 'js' },
      outfile: path.join(outdir, ENGINE_FILE),
    };
  }

  return { plugin, engineBuild, modules };
}

const leaves = new Map();

/**
 * A core module that imports (and requires) nothing but types and declares no class and no module-level
 * `let` (nothing to keep in step, nothing for `instanceof` to tell apart between two copies). Misreading
 * a comment or a string as an import only keeps a module in the engine.
 */
function isLeaf(file) {
  let leaf = leaves.get(file);
  if (leaf === undefined) {
    const source = readFileSync(file, 'utf8');
    const valueImport = /^\s*(import\s+(?!type\b)[\w*{]|import\s*['"]|export\s*(\*|\{[^}]*\})\s*from\s*['"])/m;
    leaf =
      !valueImport.test(source) &&
      !/\brequire\s*\(/.test(source) &&
      !/\bclass\s+\w/.test(source) &&
      !/^(export\s+)?let\s/m.test(source);
    leaves.set(file, leaf);
  }
  return leaf;
}

/** The names a module exports (esbuild's metafile lists them for an entry point, re-exports included). */
async function exportNames(file) {
  const r = await esbuild.build({
    entryPoints: [file],
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    write: false,
    metafile: true,
    outdir: 'lazy-core-exports',
    logLevel: 'silent',
  });
  return Object.values(r.metafile.outputs).find((o) => o.entryPoint !== undefined)?.exports ?? [];
}

function stub(key, names) {
  const getters = names.map(
    (n) => `  ${JSON.stringify(n)}: { enumerable: true, get: () => load()[${JSON.stringify(n)}] },`,
  );
  return [
    `// Lazy view of ${key}: dist/engine.js is required on the first access to an export.`,
    `let m;`,
    `const load = () => (m ??= require('./engine.js').modules[${JSON.stringify(key)}]);`,
    `Object.defineProperties(exports, {`,
    `  __esModule: { value: true },`,
    ...getters,
    `});`,
  ].join('\n');
}

/**
 * `import * as vscode from 'vscode'` in each of some forty extension modules makes esbuild copy every
 * property of the API object into a namespace per module, at load (`__toESM`): routing them through one
 * ES module that re-exports `vscode` makes that copy once.
 */
export const vscodeOnce = {
  name: 'liftoff-vscode-once',
  setup(build) {
    build.onResolve({ filter: /^vscode$/ }, (args) =>
      args.namespace === 'liftoff-vscode'
        ? { path: 'vscode', external: true }
        : { path: 'vscode', namespace: 'liftoff-vscode' },
    );
    build.onLoad({ filter: /.*/, namespace: 'liftoff-vscode' }, () => ({
      contents: "export * from 'vscode';",
      loader: 'js',
    }));
  },
};
