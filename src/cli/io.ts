/** What the CLI needs from its process, so tests can run it in-process with fake streams. */
export interface CliIO {
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown };
  /** Paths are resolved against it and printed relative to it. */
  cwd: string;
  env?: Readonly<Record<string, string | undefined>>;
}
