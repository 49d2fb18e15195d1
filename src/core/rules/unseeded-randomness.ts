/**
 * LO402 unseeded-randomness: randomness nobody pinned down. (a) scikit-learn / imbalanced-learn splits,
 * estimators and generators that are random by default, called without random_state; (b) draws from
 * NumPy's, Python's, PyTorch's or TensorFlow's global generator with no seed set earlier in the notebook;
 * (c) Keras or PyTorch training with no framework seed.
 *
 * Why it matters: every run gives a different split, model and score, so a result cannot be reproduced,
 * a regression cannot be told from noise, and the model in production is not the one that was evaluated.
 *
 * Bad:  X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2)
 * Good: X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, random_state=42)
 */
import type { Fix } from '../findings';
import type { Range } from '../notebook/model';
import type { CallFact } from '../analysis/facts';
import { cellPartAt, cellParts, NO_RESULTS, type CellPart } from '../analysis/cell-memo';
import { addKeywordArgEdit, resolvedCalls, type CallSite, type ResolvedCall } from './helpers';
import {
  GLOBAL_GENERATOR,
  globalDraw as globalGeneratorDraw,
  LIBRARY_LABEL,
  seededLibraries,
  unseededEstimator,
  type RngLibrary,
  type SeedableCall,
} from './random-sources';
import type { AnalyzedCell, Rule, RuleContext, RuleReport } from './rule';

export const unseededRandomness: Rule = {
  id: 'LO402',
  name: 'unseeded-randomness',
  category: 'reproducibility',
  severity: 'warning',
  description: 'Random splits, models or draws without random_state or a seed, so results change on every run.',
  check(ctx) {
    const seeded = new Set<RngLibrary>();
    const reported = new Set<RngLibrary>();
    const compiled = new Set<string>();
    const reports: RuleReport[] = [];
    // Whether a cell up to the current one imports Keras: asked only for the fit of a compiled model, so
    // cells' imports are read up to that cell only, and in most notebooks not at all.
    let kerasImported = false;
    let kerasRead = 0;
    const kerasUpTo = (at: number): boolean => {
      while (!kerasImported && kerasRead <= at) kerasImported = cellPartAt(ctx, kerasRead++, importsKeras);
      return kerasImported;
    };
    cellParts(ctx, randomnessEvents).forEach((events, i) => {
      for (const event of events) {
        event.seeds.forEach((lib) => seeded.add(lib));
        if (event.compiles !== undefined) compiled.add(event.compiles);
        // scikit-learn falls back to NumPy's global generator, so np.random.seed() earlier pins it down.
        if (event.estimator !== undefined && !seeded.has('numpy')) reports.push(event.estimator);
        const lib =
          event.draw ??
          (event.fits !== undefined && compiled.has(event.fits) && kerasUpTo(i) ? 'tensorflow' : undefined);
        if (lib !== undefined && !seeded.has(lib) && !reported.has(lib)) {
          reported.add(lib);
          const cell = ctx.codeCells[i] as AnalyzedCell;
          reports.push(globalReport({ cell, call: event.call, qualified: event.qualified }, lib));
        }
      }
    });
    return reports;
  },
};

/**
 * What one call does to the notebook's randomness, in source order; calls that do nothing are left out.
 * Every event has all its fields, in one order (one object shape for the check's reads).
 */
interface RandomnessEvent extends ResolvedCall {
  seeds: readonly RngLibrary[];
  /** `model.compile(...)`: the receiver may then train with Keras. */
  compiles: string | undefined;
  /** An unseeded estimator's report, made when NumPy is not seeded before it. */
  estimator: RuleReport | undefined;
  /** A draw from a global generator, or torch training. */
  draw: RngLibrary | undefined;
  /** `model.fit(...)`: Keras training when the receiver was compiled and Keras imported before. */
  fits: string | undefined;
}

/** A cell's events; most calls (and cells) have none, so an event or list is made only for those that do. */
const randomnessEvents: CellPart<readonly RandomnessEvent[]> = (ctx, cell, at) => {
  let events: RandomnessEvent[] | undefined;
  const calls = cellPartAt(ctx, at, resolvedCalls);
  for (let i = 0; i < calls.length; i++) {
    const { call, qualified } = calls[i] as ResolvedCall;
    const seeds = seededLibraries(qualified, call);
    const compiles = call.method === 'compile' ? call.receiverName : undefined;
    const unseeded = qualified === undefined ? undefined : unseededEstimator(qualified, call);
    const estimator =
      unseeded === undefined || seededByEnsemble(ctx, cell, call) ? undefined : estimatorReport(cell, call, unseeded);
    const draw = globalDraw(qualified, call);
    const fits = draw === undefined && call.method === 'fit' ? call.receiverName : undefined;
    if (
      seeds.length === 0 &&
      compiles === undefined &&
      estimator === undefined &&
      draw === undefined &&
      fits === undefined
    )
      continue;
    (events ??= []).push({ call, qualified, seeds, compiles, estimator, draw, fits });
  }
  return events ?? NO_RESULTS;
};

/** Ensembles that seed the estimators they are built on from their own random_state. */
const SEEDING_ENSEMBLE = /^(sklearn\.ensemble\.(Bagging|AdaBoost)\w*|imblearn\.ensemble\.\w+)$/;

/** `BaggingClassifier(DecisionTreeClassifier(), random_state=0)`: the inner tree is seeded by the bagging. */
function seededByEnsemble(ctx: RuleContext, cell: AnalyzedCell, call: CallFact): boolean {
  return cell.facts.calls.some(
    (outer) =>
      outer !== call &&
      contains(outer.range, call.range) &&
      outer.args.some((a) => a.keyword === 'random_state' && a.value.text !== 'None') &&
      SEEDING_ENSEMBLE.test(ctx.qualify(cell.cell.index, outer.callee) ?? outer.qualified ?? ''),
  );
}

function contains(outer: Range, inner: Range): boolean {
  const before = (a: Range['start'], b: Range['start']): boolean =>
    a.line < b.line || (a.line === b.line && a.character <= b.character);
  return before(outer.start, inner.start) && before(inner.end, outer.end);
}

const TORCH_OPTIM = 'torch.optim.';

/** A global-generator draw, or torch training (an optimizer), which needs a framework seed. */
function globalDraw(qualified: string | undefined, call: CallFact): RngLibrary | undefined {
  if (qualified === undefined) return undefined;
  const draw = globalGeneratorDraw(qualified, call);
  if (draw !== undefined) return draw;
  // `torch.optim.[A-Z]...`: an optimizer class.
  const next = qualified.charCodeAt(TORCH_OPTIM.length);
  return next >= 65 && next <= 90 && qualified.startsWith(TORCH_OPTIM) ? 'torch' : undefined;
}

const KERAS_MODULE = /^(keras|tensorflow|tf_keras)(\.|$)/;

const importsKeras: CellPart<boolean> = (_ctx, { facts }) => facts.imports.some((i) => KERAS_MODULE.test(i.qualified));

function estimatorReport(cell: AnalyzedCell, call: CallFact, estimator: SeedableCall): RuleReport {
  const effect =
    estimator.kind === 'split'
      ? 'every run draws different rows, so scores change between runs and cannot be reproduced'
      : 'every run gives a different model and different scores, so results cannot be reproduced or compared';
  const fix: Fix = {
    title: 'Add random_state=42',
    edits: [addKeywordArgEdit(cell.cell.index, call, 'random_state=42')],
  };
  return {
    cellIndex: cell.cell.index,
    range: call.range,
    message: `${estimator.name}(...) is called without random_state: ${effect}.`,
    fix,
  };
}

const SEED_SNIPPETS: Record<RngLibrary, string> = {
  numpy: 'import numpy as np\n\nnp.random.seed(42)',
  random: 'import random\n\nrandom.seed(42)',
  torch: 'import torch\n\ntorch.manual_seed(42)',
  tensorflow: 'import tensorflow as tf\n\ntf.keras.utils.set_random_seed(42)  # seeds Python, NumPy and TensorFlow',
};

function globalMessage(site: CallSite, lib: RngLibrary): string {
  const { call } = site;
  if (lib === 'tensorflow' && call.method === 'fit') {
    return `Keras training (${call.callee}) runs with no TensorFlow/Keras seed set before it: weight initialisation, dropout and shuffling change on every run. Seed once at the top of the notebook.`;
  }
  if (lib === 'torch' && site.qualified?.startsWith('torch.optim.') === true) {
    return `PyTorch training (${call.callee}) runs with no torch.manual_seed before it: weight initialisation, dropout and shuffling change on every run. Seed once at the top of the notebook.`;
  }
  return `${call.callee}(...) draws from ${GLOBAL_GENERATOR[lib]} with no seed set before it: results change on every run. Seed once at the top of the notebook.`;
}

function globalReport(site: CallSite, lib: RngLibrary): RuleReport {
  const { cell, call } = site;
  const seedCall = (SEED_SNIPPETS[lib].split('\n').pop() ?? '').replace(/\s+#.*$/, '');
  return {
    cellIndex: cell.cell.index,
    range: call.range,
    message: globalMessage(site, lib),
    fix: {
      title: `Insert a cell that seeds ${LIBRARY_LABEL[lib]} (${seedCall})`,
      edits: [],
      inserts: [{ index: cell.cell.index, kind: 'code', source: SEED_SNIPPETS[lib] }],
    },
  };
}
