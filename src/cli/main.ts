/** Entry point of dist/cli.js (the shebang comes from esbuild's banner): a thin shell around run(). */
import { run } from './run';

run(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
  env: process.env,
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`liftoff: internal error: ${String(error)}\n`);
    process.exitCode = 2;
  },
);
