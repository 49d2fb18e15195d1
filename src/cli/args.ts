/** Command-line parsing with node:util parseArgs (no dependencies); every mistake becomes a UsageError. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { Severity } from '../core/findings';
import { UsageError } from './exit-codes';

export type Format = 'text' | 'json' | 'sarif';
export type FailOn = Severity | 'none';

export interface CliArgs {
  command?: string;
  positionals: string[];
  format: Format;
  failOn: FailOn;
  /** Only set when given, so each command can reject options it does not take. */
  failOnGiven: boolean;
  noColor: boolean;
  /** Worker threads for `check`; undefined picks from the machine's cores. */
  jobs?: number;
  /** `check --min-score`: also fail when the project's readiness score is below this. */
  minScore?: number;
  help: boolean;
  version: boolean;
}

const FORMATS: readonly Format[] = ['text', 'json', 'sarif'];
const FAIL_ON: readonly FailOn[] = ['error', 'warning', 'info', 'hint', 'none'];

export function parseCliArgs(argv: readonly string[]): CliArgs {
  const { values, positionals } = parse(argv);
  const format = oneOf('--format', values.format ?? 'text', FORMATS);
  const failOn = oneOf('--fail-on', values['fail-on'] ?? 'error', FAIL_ON);
  const [command, ...rest] = positionals;
  if (format === 'sarif' && command !== 'check') throw new UsageError(`--format sarif is only for 'liftoff check'`);
  const args: CliArgs = {
    positionals: rest,
    format,
    failOn,
    failOnGiven: values['fail-on'] !== undefined,
    noColor: values['no-color'] === true,
    help: values.help === true,
    version: values.version === true,
  };
  if (command !== undefined) args.command = command;
  if (values.jobs !== undefined) args.jobs = positiveInt('--jobs', values.jobs);
  if (values['min-score'] !== undefined) args.minScore = minScoreOption(values['min-score']);
  return args;
}

function parse(argv: readonly string[]) {
  return parseCommandArgs(argv, {
    format: { type: 'string' },
    'fail-on': { type: 'string' },
    'no-color': { type: 'boolean' },
    jobs: { type: 'string', short: 'j' },
    'min-score': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
    version: { type: 'boolean', short: 'v' },
  });
}

type OptionsConfig = NonNullable<ParseArgsConfig['options']>;

/** node:util parseArgs as every command uses it: positionals allowed, any mistake a UsageError. */
export function parseCommandArgs<const O extends OptionsConfig>(argv: readonly string[], options: O) {
  try {
    return parseArgs({ args: [...argv], allowPositionals: true, strict: true, options });
  } catch (error) {
    throw new UsageError(describeParseError(error));
  }
}

function describeParseError(error: unknown): string {
  const code = (error as { code?: string }).code;
  const message = error instanceof Error ? error.message : String(error);
  const option = /'(-[^']*)'/.exec(message)?.[1];
  // Node's text goes on about positionals after '--'; the option name is what matters.
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option !== undefined) return `unknown option '${option}'`;
  return message.charAt(0).toLowerCase() + message.slice(1);
}

function positiveInt(option: string, value: string): number {
  const n = Number(value);
  if (Number.isInteger(n) && n >= 1) return n;
  throw new UsageError(`invalid value '${value}' for ${option} (expected a whole number of at least 1)`);
}

/** `--min-score` of check and readiness: a readiness score runs from 0 to 7 (the tests in a section). */
export function minScoreOption(value: string): number {
  const n = Number(value);
  if (value.trim() !== '' && Number.isFinite(n) && n >= 0 && n <= 7) return n;
  throw new UsageError(`invalid value '${value}' for --min-score (expected a number from 0 to 7)`);
}

export function oneOf<T extends string>(option: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`invalid value '${value}' for ${option} (expected ${allowed.join(', ')})`);
}
