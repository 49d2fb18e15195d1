/** `liftoff rules [--format json]`: the registry, as a table or as JSON. */
import { RULES } from '../core/rules/registry';
import { ruleDocsPath } from '../core/rules/rule';
import type { CliArgs } from './args';
import { useColor } from './color';
import { ExitCode } from './exit-codes';
import type { CliIO } from './io';
import { makeStyle } from './report-text';

export function runRules(args: CliArgs, io: CliIO): ExitCode {
  if (args.format === 'json') {
    const rules = RULES.map((r) => ({
      id: r.id,
      name: r.name,
      category: r.category,
      severity: r.severity,
      description: r.description,
      docs: ruleDocsPath(r),
    }));
    io.stdout.write(JSON.stringify({ rules }, null, 2) + '\n');
    return ExitCode.Ok;
  }
  const style = makeStyle(useColor(args, io));
  const width = (pick: (r: (typeof RULES)[number]) => string): number => Math.max(...RULES.map((r) => pick(r).length));
  const [nameW, catW, sevW] = [width((r) => r.name), width((r) => r.category), width((r) => r.severity)];
  const lines = RULES.map(
    (r) =>
      `${style.bold(r.id)}  ${r.name.padEnd(nameW)}  ${r.category.padEnd(catW)}  ${style.severity(r.severity, r.severity.padEnd(sevW))}  ${r.description}`,
  );
  io.stdout.write(lines.join('\n') + '\n');
  return ExitCode.Ok;
}
