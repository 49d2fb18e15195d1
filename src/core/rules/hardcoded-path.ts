/**
 * LO101 hardcoded-path: string literals holding absolute, machine- or user-specific paths
 * (/home/<user>, /Users/<user>, C:\..., ~/..., /mnt, /media, /root, Colab's /content/drive, /kaggle).
 *
 * Why it matters: the path exists on one laptop or one hosted notebook service only; the training
 * job, the CI runner and the serving container fail with FileNotFoundError. When the literal is read
 * as input (read_csv, open, load...) the failure is certain, so that case is an error.
 *
 * Bad:  df = pd.read_csv("/home/alice/projects/churn/data/customers.csv")
 * Good: df = pd.read_csv(DATA_DIR / "customers.csv")   # DATA_DIR from config or relative to the repo
 */
import type { CallFact, CellFacts, StringFact } from '../analysis/facts';
import type { Fix } from '../findings';
import type { Range } from '../notebook/model';
import { rangeContains } from '../notebook/positions';
import { keywordArg, lastSegment, positionalArg, sourceLines, textOf } from './helpers';
import { cellParts, NO_RESULTS, type CellPart } from '../analysis/cell-memo';
import type { AnalyzedCell, Rule, RuleReport } from './rule';
import { classifyPath, relativeSuggestion } from './path-patterns';

export const hardcodedPath: Rule = {
  id: 'LO101',
  name: 'hardcoded-path',
  category: 'data',
  severity: 'warning',
  description:
    'Absolute or user-specific file paths (home folders, drive letters, Colab/Kaggle mounts) break outside this machine.',
  check(ctx) {
    const reports: RuleReport[] = [];
    let inputVariables: Set<string> | undefined;
    cellParts(ctx, pathLiterals).forEach((literals, i) => {
      const cell = ctx.codeCells[i] as AnalyzedCell;
      for (const { str, kind, passedToReader } of literals) {
        inputVariables ??= new Set(cellParts(ctx, readerArgumentNames).flatMap((names) => [...names]));
        const asInput = passedToReader || isAssignedToInput(cell.facts, str, inputVariables);
        reports.push(report(cell, str, kind, asInput));
      }
    });
    return reports;
  },
};

interface PathLiteral {
  str: StringFact;
  kind: string;
  passedToReader: boolean;
}

/** A cell's machine-specific path literals (kept per cell: most cells have none). */
const pathLiterals: CellPart<readonly PathLiteral[]> = (_ctx, { facts }) => {
  let literals: PathLiteral[] | undefined;
  // Indexed: `for...of` over the facts' shared empty list (frozen) leaves V8's fast path and allocates.
  for (let i = 0; i < facts.strings.length; i++) {
    const str = facts.strings[i] as StringFact;
    const kind = classifyPath(str.value);
    if (kind !== undefined) (literals ??= []).push({ str, kind, passedToReader: isPassedToReader(facts, str) });
  }
  return literals ?? NO_RESULTS;
};

function report(cell: AnalyzedCell, str: StringFact, kind: string, asInput: boolean): RuleReport {
  const consequence = asInput
    ? 'it is read as input, so the notebook fails on any other machine, in CI and in production'
    : 'it only exists on this machine';
  const r: RuleReport = {
    cellIndex: cell.cell.index,
    range: str.range,
    severity: asInput ? 'error' : 'warning',
    message: `Hard-coded ${kind} path "${str.value}": ${consequence}. Use a path relative to the project or read it from configuration (e.g. an environment variable).`,
  };
  const fix = relativeFix(cell, str);
  if (fix !== undefined) r.fix = fix;
  return r;
}

// prettier-ignore
const INPUT_FUNCTIONS = new Set([
  'open', 'load', 'loadtxt', 'genfromtxt', 'fromfile', 'load_model', 'load_workbook', 'load_img', 'imread',
  'listdir', 'scandir', 'walk', 'glob', 'iglob', 'chdir', 'connect', 'File', 'ExcelFile', 'ImageFolder',
  'DatasetFolder', 'image_dataset_from_directory', 'text_dataset_from_directory', 'flow_from_directory',
  'load_dataset', 'load_from_disk', 'from_pretrained', 'scan_csv', 'scan_parquet', 'read_file', 'GFile',
]);
const SPARK_READERS = new Set(['csv', 'parquet', 'json', 'text', 'orc', 'load', 'table']);

/** Calls that read files or directories: pandas/polars `read_*`, `open`, `np.load`, `spark.read.csv`... */
function isReaderCall(call: CallFact): boolean {
  const name = call.method ?? lastSegment(call.callee);
  if (name === 'open') return !opensForWriting(call);
  if (name.startsWith('read_') || INPUT_FUNCTIONS.has(name)) return true;
  return call.receiver !== undefined && /(^|\.)read$/.test(call.receiver) && SPARK_READERS.has(name);
}

function opensForWriting(call: CallFact): boolean {
  const mode = keywordArg(call, 'mode') ?? positionalArg(call, 1);
  return /[wax]/.test(mode?.value.stringValue ?? '');
}

/** The literal sits inside the arguments of a reader: `pd.read_csv("/home/a/x.csv")`, `open(os.path.join("/mnt/d", f))`. */
function isPassedToReader(facts: CellFacts, str: StringFact): boolean {
  return facts.calls.some((call) => isReaderCall(call) && rangeContains(call.argsRange, str.range));
}

/** Variable names mentioned in the arguments of the cell's reader calls. */
const readerArgumentNames: CellPart<Set<string>> = (_ctx, { cell, facts }) => {
  const names = new Set<string>();
  for (const call of facts.calls.filter(isReaderCall)) {
    const args = textOf(cell.source, call.argsRange);
    // Plain string contents are not names; f-strings keep theirs (`f"{DATA_DIR}/x.csv"`).
    const code = args.replace(/(?<![A-Za-z])(["'])(?:\\.|(?!\1).)*\1/g, '""');
    for (const m of code.matchAll(/[A-Za-z_]\w*/g)) names.add(m[0]);
  }
  return names;
};

/** `DATA = "/home/a/x.csv"` (or `base = Path("/home/a")`) where DATA/base is later passed to a reader. */
function isAssignedToInput(facts: CellFacts, str: StringFact, inputVariables: Set<string>): boolean {
  return facts.assignments.some(
    (a) => rangeContains(a.range, str.range) && a.targets.some((t) => inputVariables.has(t)),
  );
}

function relativeFix(cell: AnalyzedCell, str: StringFact): Fix | undefined {
  const suggestion = relativeSuggestion(str.value);
  if (suggestion === undefined) return undefined;
  const range = valueRangeInLiteral(cell.cell.source, str);
  if (range === undefined) return undefined;
  return {
    title: `Use a path relative to the notebook: "${suggestion}"`,
    edits: [{ cellIndex: cell.cell.index, range, newText: suggestion }],
  };
}

/** The range of the path text inside its quotes, when the literal is written verbatim on one line. */
function valueRangeInLiteral(source: string, str: StringFact): Range | undefined {
  if (str.range.start.line !== str.range.end.line) return undefined;
  const line = sourceLines(source)[str.range.start.line] ?? '';
  const raw = line.slice(str.range.start.character, str.range.end.character);
  const at = raw.indexOf(str.value);
  if (at < 0) return undefined;
  const character = str.range.start.character + at;
  return {
    start: { line: str.range.start.line, character },
    end: { line: str.range.start.line, character: character + str.value.length },
  };
}
