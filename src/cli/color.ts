/** Colour only when stdout is a terminal, and never with --no-color or a non-empty NO_COLOR (no-color.org). */
import type { CliIO } from './io';

export function useColor(args: { noColor: boolean }, io: CliIO): boolean {
  const noColorEnv = io.env?.NO_COLOR;
  return io.stdout.isTTY === true && !args.noColor && (noColorEnv === undefined || noColorEnv === '');
}
