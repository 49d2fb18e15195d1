/** The text of `liftoff --help`. */
export const HELP = `Usage: liftoff <command> [options]

Find the production gaps in machine-learning notebooks.

Commands:
  check [paths...]        Check the notebooks in the given files and folders (default: .).
                          Folders are searched recursively for *.ipynb, skipping hidden folders,
                          node_modules, dist, venv and site-packages.
  rules                   List the rules.
  scaffold [parts...]     Write a Dockerfile, requirements.txt, serving app and CI workflow for the
                          project (see 'liftoff scaffold --help').
  readiness [path]        Score the project against Google's ML Test Score (28 tests, final score =
                          lowest section) and its MLOps maturity level (see 'liftoff readiness --help').
                          Options: --format text|json|markdown, --min-score <n> (exit 1 below it).
  inspect <files...>      Report on model files: ONNX header, a smoke run in onnxruntime (in a child
                          process) and, with --bench, latency p50/p95/p99 at batch 1, 8 and 64;
                          for .pkl/.joblib/.pt, the imports the pickle names (never loaded); the
                          notebook cell under --root (default .) that writes the file, and whether
                          the file is older than that cell's last change.
                          Options: --bench, --timeout <seconds>, --format text|json, --root <dir>,
                          --no-lineage.
                          Exit 1 when a model fails to load or a pickle names dangerous imports.

Options:
  --format <text|json|sarif>
                          Output format (default: text). sarif (SARIF 2.1.0, for code
                          scanning) is for 'check' only.
  --fail-on <level>       Exit with 1 when a finding is at or above this severity:
                          error, warning, info, hint or none (default: error).
  -j, --jobs <n>          'check': worker threads for many notebooks (default: one fewer than the cores, up to 4).
  --min-score <n>         'check': also exit with 1 when the readiness score of the project (the first
                          folder given, else the current one) is below n.
  --no-color              Never colour the output (also: NO_COLOR=1).
  -h, --help              Show this help.
  -v, --version           Show the version.

Exit codes:
  0  no finding at or above --fail-on
  1  at least one finding at or above --fail-on
  2  usage error, unreadable input path, or internal error

Suppress a finding with "# liftoff: ignore[rule-name]" on its line, or on the first line of a cell.
Rule severities come from the nearest liftoff.yaml ("rules: { hardcoded-path: off, LO301: error }"),
looked up from each notebook's folder up to the current directory.
Rule documentation: docs/rules/README.md
`;
