/** Arguments of `liftoff scaffold [parts...]`, parsed on their own so `check`'s options stay separate. */
import { parseCommandArgs } from './args';
import { UsageError } from './exit-codes';

export interface ScaffoldArgs {
  parts: string[];
  /** Where to write (default: the project folder). */
  out?: string;
  /** The project to analyse (default: the current folder). */
  project?: string;
  /** A folder of template overrides, looked up file by file before the built-in templates. */
  templates?: string;
  dryRun: boolean;
  force: boolean;
  pythonVersion?: string;
  port?: number;
  model?: string;
  /** GPU image and Kubernetes GPU request; undefined: liftoff.yaml decides. */
  gpu?: boolean;
  help: boolean;
}

export function parseScaffoldArgs(argv: readonly string[]): ScaffoldArgs {
  const { values, positionals } = parse(argv);
  const args: ScaffoldArgs = {
    parts: positionals,
    dryRun: values['dry-run'] === true,
    force: values.force === true,
    help: values.help === true,
  };
  if (values.out !== undefined) args.out = nonEmpty('--out', values.out);
  if (values.project !== undefined) args.project = nonEmpty('--project', values.project);
  if (values.templates !== undefined) args.templates = nonEmpty('--templates', values.templates);
  if (values.model !== undefined) args.model = nonEmpty('--model', values.model);
  if (values.gpu === true) args.gpu = true;
  if (values.python !== undefined) {
    if (!/^3\.\d{1,2}$/.test(values.python))
      throw new UsageError(`invalid value '${values.python}' for --python (expected e.g. 3.11)`);
    args.pythonVersion = values.python;
  }
  if (values.port !== undefined) {
    const port = Number(values.port);
    if (!Number.isInteger(port) || port < 1 || port > 65535)
      throw new UsageError(`invalid value '${values.port}' for --port (expected 1-65535)`);
    args.port = port;
  }
  return args;
}

function parse(argv: readonly string[]) {
  return parseCommandArgs(argv, {
    out: { type: 'string', short: 'o' },
    project: { type: 'string' },
    templates: { type: 'string' },
    'dry-run': { type: 'boolean' },
    force: { type: 'boolean' },
    python: { type: 'string' },
    port: { type: 'string' },
    model: { type: 'string' },
    gpu: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
}

function nonEmpty(option: string, value: string): string {
  if (value.trim() === '') throw new UsageError(`${option} needs a value`);
  return value;
}
