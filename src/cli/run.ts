/** The whole CLI as a function of its arguments and streams, so tests run it in-process. */
import { version } from '../../package.json';
import { parseCliArgs, type CliArgs } from './args';
import { runCheck } from './check';
import { ExitCode, UsageError } from './exit-codes';
import { HELP } from './help';
import { runInspect } from './inspect';
import type { CliIO } from './io';
import { runReadiness } from './readiness';
import { runRules } from './rules-command';
import { runScaffold } from './scaffold';

export type { CliIO } from './io';

export async function run(argv: readonly string[], io: CliIO): Promise<ExitCode> {
  try {
    // scaffold has options of its own (--out, --force...), so it parses its own arguments.
    if (argv[0] === 'scaffold') return await runScaffold(argv.slice(1), io);
    // inspect too (--bench, --timeout).
    if (argv[0] === 'inspect' && !argv.includes('--help') && !argv.includes('-h')) {
      return await runInspect(argv.slice(1), io, version);
    }
    // readiness too (--format markdown, --min-score).
    if (argv[0] === 'readiness') return await runReadiness(argv.slice(1), io, version);
    return await dispatch(parseCliArgs(argv), io);
  } catch (error) {
    if (error instanceof UsageError) {
      const hint = error.showHelpHint ? "\nRun 'liftoff --help' for usage." : '';
      io.stderr.write(`liftoff: ${error.message}${hint}\n`);
      return ExitCode.Usage;
    }
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    io.stderr.write(`liftoff: internal error: ${detail}\n`);
    return ExitCode.Usage;
  }
}

async function dispatch(args: CliArgs, io: CliIO): Promise<ExitCode> {
  if (args.help) {
    io.stdout.write(HELP);
    return ExitCode.Ok;
  }
  if (args.version) {
    io.stdout.write(`${version}\n`);
    return ExitCode.Ok;
  }
  switch (args.command) {
    case 'check':
      return runCheck(args, io, version);
    case 'rules':
      if (args.positionals.length > 0) throw new UsageError(`'liftoff rules' takes no arguments`);
      if (args.failOnGiven) throw new UsageError(`'liftoff rules' has no --fail-on option`);
      return runRules(args, io);
    case undefined:
      throw new UsageError('missing command (check, rules or scaffold)');
    default:
      throw new UsageError(`unknown command '${args.command}'`);
  }
}
