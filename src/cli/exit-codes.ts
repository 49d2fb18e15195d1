/** Every exit code of the CLI, in one place (documented in `liftoff --help`). */
export const ExitCode = {
  /** No finding at or above the --fail-on level. */
  Ok: 0,
  /** At least one finding at or above the --fail-on level. */
  Findings: 1,
  /** Bad usage (unknown command or option, bad value), an input path that cannot be read, or an internal error. */
  Usage: 2,
} as const;

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** An error the user can fix; printed as `liftoff: <message>` and mapped to exit code 2. */
export class UsageError extends Error {
  constructor(
    message: string,
    /** Whether to point at `liftoff --help` (not useful for a missing file). */
    readonly showHelpHint = true,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}
