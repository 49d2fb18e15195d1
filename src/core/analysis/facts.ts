/**
 * Per-cell facts: what one code cell imports, calls, assigns, reads and writes.
 * Extracted once per distinct cell text (see cache.ts) from the lezer Python tree.
 * All ranges are relative to the ORIGINAL cell source (masking IPython syntax keeps positions).
 */
import type { Range } from '../notebook/model';

/**
 * The one empty list of kept facts (no imports, no arguments...): facts are never mutated, and this
 * array is frozen, so a mistake that tried would throw instead of changing every cell's facts.
 */
export const NO_ITEMS: readonly never[] = Object.freeze([]);

/**
 * `xs.slice(from, to)` for a list kept in facts; the shared empty array when empty. Short lists (most of
 * them: one to three arguments, targets, calls) are made by array literals: V8 follows where a literal's
 * arrays go and, seeing that nearly all of them outlive their first garbage collections, allocates them in
 * the old generation from then on (allocation-site pretenuring), so no scavenge copies them. Arrays made
 * by `slice` have no such site: every kept one was copied on its way to the old generation. Bytes promoted
 * per cold corpus extraction: 6.8 -> 5.6 MB. (Longer lists made by `new Array(n)`, which has a site too,
 * promoted barely less and cost more instructions.)
 */
export function keptSlice<T>(xs: readonly T[], from: number, to: number): T[] {
  switch (to - from) {
    case 0:
      return NO_ITEMS as never[];
    case 1:
      return [xs[from]];
    case 2:
      return [xs[from], xs[from + 1]];
    case 3:
      return [xs[from], xs[from + 1], xs[from + 2]];
    case 4:
      return [xs[from], xs[from + 1], xs[from + 2], xs[from + 3]];
    default:
      return xs.slice(from, to);
  }
}

/** A compact description of an expression, enough for rules to reason without the tree. */
export interface ValueSummary {
  kind: 'name' | 'attribute' | 'call' | 'string' | 'number' | 'boolean' | 'none' | 'subscript' | 'collection' | 'other';
  /** Source text of the expression (capped at a few hundred characters). */
  text: string;
  /**
   * For names, attributes and calls: the dotted name with import aliases resolved,
   * e.g. `np.random.rand` -> `numpy.random.rand`, `tts` -> `sklearn.model_selection.train_test_split`.
   * For a call this is the callee's qualified name.
   */
  qualified?: string;
  /** For string literals: the literal's value (unescaped as far as practical). */
  stringValue?: string;
  /** For numbers: the numeric value. */
  numberValue?: number;
}

export interface ImportFact {
  /** `import numpy as np` -> module "numpy"; `from sklearn.svm import SVC` -> module "sklearn.svm". */
  module: string;
  /** Imported member for `from` imports ("SVC"); undefined for plain imports; "*" for star imports. */
  name?: string;
  /** Local name bound in the notebook ("np", "SVC", "tts"). For `import a.b` the bound name is "a". */
  alias: string;
  /** What the local name stands for: "numpy", "sklearn.svm.SVC", "sklearn.model_selection.train_test_split". */
  qualified: string;
  range: Range;
}

export interface ArgFact {
  /** Keyword name for `key=value` arguments; undefined for positional ones. */
  keyword?: string;
  /** `*args` / `**kwargs` spread. */
  spread?: '*' | '**';
  value: ValueSummary;
  range: Range;
}

export interface CallFact {
  /** Callee as written: "np.random.seed", "model.fit", "train_test_split", "pd.read_csv(p).dropna". */
  callee: string;
  /** Callee with import aliases resolved, when it starts with an imported or well-known name. */
  qualified?: string;
  /** For method calls `obj.m(...)`: the receiver's text ("model", "df['x']") and the method name ("fit"). */
  receiver?: string;
  /** The receiver as a plain variable name when it is one ("model"), for dataflow. */
  receiverName?: string;
  method?: string;
  args: ArgFact[];
  /** Range of the whole call expression. */
  range: Range;
  /** Range of the argument list, parentheses included. */
  argsRange: Range;
  /** Names this call's result is assigned to, when the call is the whole right-hand side of an assignment. */
  assignedTo?: string[];
  /**
   * Dotted path of the enclosing function definitions when the call is inside one ("train",
   * "Model.fit", "train.<lambda>"); undefined when the call runs as the cell runs (top level, class body).
   */
  inFunction?: string;
}

export interface AssignmentFact {
  /** Flattened target names, tuple unpacking included: `a, (b, c) = ...` -> ["a", "b", "c"]. */
  targets: string[];
  /** Targets as written, including subscripts/attributes: ["df['x']"]. */
  targetTexts: string[];
  value: ValueSummary;
  /** Index into CellFacts.calls of the right-hand side when it is a call. */
  callIndex?: number;
  augmented: boolean;
  /**
   * How the names are bound when it is not an assignment statement: a `for` loop's targets (value is
   * the iterable), `with ... as` (value is the context expression), or a walrus `:=`.
   */
  via?: 'for' | 'with' | 'walrus';
  range: Range;
}

export interface StringFact {
  value: string;
  range: Range;
}

/** A `%pip install` / `!pip install` / `%conda install` line. */
export interface PipInstallFact {
  tool: 'pip' | 'conda' | 'mamba' | 'uv';
  /** Requirement specifiers as written, flags removed: ["pandas==2.1", "scikit-learn"]. */
  packages: string[];
  range: Range;
}

/** IPython-only syntax that was masked before parsing. */
export interface MagicFact {
  kind: 'line-magic' | 'cell-magic' | 'shell' | 'help';
  /** The magic's name without its prefix: "matplotlib", "pip", "timeit"; the command for shell lines. */
  name: string;
  text: string;
  range: Range;
}

export interface CellFacts {
  imports: ImportFact[];
  calls: CallFact[];
  assignments: AssignmentFact[];
  strings: StringFact[];
  /** Names read (loaded) at the top level or in nested code, in first-occurrence order. */
  reads: string[];
  /** Names bound (assigned, imported, defined as functions/classes, loop targets). */
  writes: string[];
  /** Functions defined in the cell, by name. */
  functions: string[];
  pipInstalls: PipInstallFact[];
  magics: MagicFact[];
  /** Ranges the parser could not make sense of (error nodes); the rest of the cell is still analysed. */
  syntaxErrors: Range[];
  /** The whole cell is a `%%` cell magic other than Python (e.g. %%bash, %%sql): not parsed as Python. */
  notPython?: string;
}
