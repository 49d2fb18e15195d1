/** The text of `liftoff scaffold --help`, with the parts listed from the catalogue. */
import { CATALOG } from '../core/scaffold/catalog';

const parts = CATALOG.map((p) => `  ${p.id.padEnd(14)}${p.description}`).join('\n');

export const SCAFFOLD_HELP = `Usage: liftoff scaffold [parts...] [options]

Write production files for the project, pre-filled from its notebooks and model file.
Prints the plan first: each file is new, identical (skipped) or DIFFERENT from what exists.
A different file is never overwritten without --force; then nothing at all is written.

Parts (default: all):
${parts}

Options:
  -o, --out <dir>         Where to write (default: the project folder).
  --project <dir>         The project to analyse (default: .).
  --templates <dir>       Template overrides, looked up file by file before the built-in ones
                          (same layout as the built-in templates/ folder).
  --model <path>          The model file, relative to the project (default: inferred).
  --python <version>      Python version of the image and CI (default: 3.11).
  --port <n>              Port the service listens on (default: 8080).
  --gpu                   GPU image (CUDA runtime base) and a GPU per pod in Kubernetes
                          (default: serving.gpu in liftoff.yaml, else CPU).
  --dry-run               Print the plan, write nothing.
  --force                 Overwrite files whose content differs.
  -h, --help              Show this help.

Exit codes:
  0  written (or dry run)
  1  existing files differ and --force was not given: nothing written
  2  usage error, unreadable project, template error, or internal error
`;
