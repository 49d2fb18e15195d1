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
import { addKeywordArgEdit, callSites, type CallSite } from './helpers';
import {
  GLOBAL_GENERATOR,
  globalDraw,
  LIBRARY_LABEL,
  seededLibraries,
  unseededEstimator,
  type RngLibrary,
  type SeedableCall,
} from './random-sources';
import type { Rule, RuleContext, RuleReport } from './rule';

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
    for (const site of callSites(ctx)) {
      seededLibraries(site.qualified, site.call).forEach((lib) => seeded.add(lib));
      if (site.call.method === 'compile' && site.call.receiverName !== undefined) compiled.add(site.call.receiverName);
      const estimator = site.qualified === undefined ? undefined : unseededEstimator(site.qualified, site.call);
      // scikit-learn falls back to NumPy's global generator, so np.random.seed() earlier pins it down.
      if (estimator !== undefined && !seeded.has('numpy') && !seededByEnsemble(ctx, site)) {
        reports.push(estimatorReport(site, estimator));
      }
      const lib = globalUse(ctx, site, compiled);
      if (lib !== undefined && !seeded.has(lib) && !reported.has(lib)) {
        reported.add(lib);
        reports.push(globalReport(site, lib));
      }
    }
    return reports;
  },
};

/** Ensembles that seed the estimators they are built on from their own random_state. */
const SEEDING_ENSEMBLE = /^(sklearn\.ensemble\.(Bagging|AdaBoost)\w*|imblearn\.ensemble\.\w+)$/;

/** `BaggingClassifier(DecisionTreeClassifier(), random_state=0)`: the inner tree is seeded by the bagging. */
function seededByEnsemble(ctx: RuleContext, { cell, call }: CallSite): boolean {
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

/** A global-generator draw, or training (Keras `fit` after `compile`, a torch optimizer) that needs a framework seed. */
function globalUse(ctx: RuleContext, site: CallSite, compiled: Set<string>): RngLibrary | undefined {
  const { call, qualified } = site;
  if (qualified !== undefined) {
    const draw = globalDraw(qualified, call);
    if (draw !== undefined) return draw;
    if (/^torch\.optim\.[A-Z]/.test(qualified)) return 'torch';
  }
  const isKerasFit =
    call.method === 'fit' &&
    call.receiverName !== undefined &&
    compiled.has(call.receiverName) &&
    importsKeras(ctx, site);
  return isKerasFit ? 'tensorflow' : undefined;
}

function importsKeras(ctx: RuleContext, site: CallSite): boolean {
  return ctx.codeCells.some(
    ({ cell, facts }) =>
      cell.index <= site.cell.cell.index &&
      facts.imports.some((i) => /^(keras|tensorflow|tf_keras)(\.|$)/.test(i.qualified)),
  );
}

function estimatorReport({ cell, call }: CallSite, estimator: SeedableCall): RuleReport {
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
