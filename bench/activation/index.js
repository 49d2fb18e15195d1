// Runs inside a real VS Code extension host (scripts/run-vscode-tests.mjs loads it as the "tests"):
// times Liftoff's activation in a workspace with nothing that activates it first, in parts:
// - load: requiring dist/extension.js (done here first; Node's module cache then hands the host the same
//   module, whose exports are wrapped so that Liftoff's own activate() can be timed);
// - activate: Liftoff's activate() function alone;
// - total: from the require to `ext.activate()` resolving (VS Code's bookkeeping, e.g. the extension's
//   storage, included).
// It also reports whether the core (dist/engine.js) was loaded by then (activation must not need it), and
// then times loading it, as the first analysis after activation does.
/* eslint-disable @typescript-eslint/no-require-imports -- plain CommonJS, loaded by the VS Code test host */
const vscode = require('vscode');
const fs = require('node:fs');
const path = require('node:path');

exports.run = async function run() {
  const ext = vscode.extensions.getExtension('liftoff.liftoff');
  if (!ext) throw new Error('liftoff.liftoff is not installed in this host');
  if (ext.isActive) throw new Error('Liftoff was already active: the activation time cannot be measured');
  const main = require.resolve(path.join(ext.extensionPath, ext.packageJSON.main));
  if (require.cache[main]) throw new Error(`${main} was already loaded: its load time cannot be measured`);
  const engine = path.join(path.dirname(main), 'engine.js');
  // Who loads the engine during activation, if anything does: the first stack that requires it.
  const Module = require('node:module');
  const load = Module._load;
  let loadedBy;
  Module._load = function (request, parent, ...rest) {
    if (loadedBy === undefined && /engine\.js$/.test(request) && parent?.filename === main) {
      loadedBy = new Error('engine.js required').stack.split('\n').slice(2, 12).join(' | ');
    }
    return load.call(this, request, parent, ...rest);
  };
  const t0 = performance.now();
  const mod = require(main);
  const t1 = performance.now();
  let activateMs = NaN;
  require.cache[main].exports = {
    ...mod,
    activate(context) {
      const s = performance.now();
      const api = mod.activate(context);
      activateMs = performance.now() - s;
      return api;
    },
    deactivate: mod.deactivate,
  };
  await ext.activate();
  const t2 = performance.now();
  console.log(`LIFTOFF_LOAD_MS=${(t1 - t0).toFixed(2)}`);
  console.log(`LIFTOFF_ACTIVATE_MS=${activateMs.toFixed(2)}`);
  console.log(`LIFTOFF_ACTIVATION_MS=${(t2 - t0).toFixed(2)}`);
  Module._load = load;
  const engineLoaded = require.cache[engine] !== undefined;
  console.log(`LIFTOFF_ENGINE_LOADED=${engineLoaded ? 1 : 0}`);
  if (loadedBy !== undefined) console.log(`LIFTOFF_ENGINE_LOADED_BY=${loadedBy}`);
  // What the first analysis (or readiness collection) pays once after activation: loading the core.
  if (!engineLoaded && fs.existsSync(engine)) {
    const t3 = performance.now();
    require(engine);
    console.log(`LIFTOFF_ENGINE_LOAD_MS=${(performance.now() - t3).toFixed(2)}`);
  }
};
