// Runs inside a real VS Code extension host (scripts/run-vscode-tests.mjs loads it as the "tests"):
// times Liftoff's activation, module load included, in a workspace with nothing that activates it first.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- plain CommonJS, loaded by the VS Code test host
const vscode = require('vscode');

exports.run = async function run() {
  const ext = vscode.extensions.getExtension('liftoff.liftoff');
  if (!ext) throw new Error('liftoff.liftoff is not installed in this host');
  if (ext.isActive) throw new Error('Liftoff was already active: the activation time cannot be measured');
  const t0 = performance.now();
  await ext.activate();
  const ms = performance.now() - t0;
  console.log(`LIFTOFF_ACTIVATION_MS=${ms.toFixed(2)}`);
};
