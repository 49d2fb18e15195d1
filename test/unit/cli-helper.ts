/** Runs the CLI in-process with captured output, as every CLI test does. */
import * as path from 'node:path';
import { run } from '../../src/cli/run';

/** The repository root: the default working directory of a CLI run in tests. */
export const REPO_ROOT = path.resolve(__dirname, '../..');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCli(
  argv: string[],
  opts: { cwd?: string; isTTY?: boolean; env?: Record<string, string> } = {},
): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await run(argv, {
    stdout: { write: (s: string) => (stdout += s), isTTY: opts.isTTY ?? false },
    stderr: { write: (s: string) => (stderr += s) },
    cwd: opts.cwd ?? REPO_ROOT,
    env: opts.env ?? {},
  });
  return { code, stdout, stderr };
}
