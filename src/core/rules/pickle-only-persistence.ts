/**
 * LO602 pickle-only-persistence: models are saved only with pickle, joblib, dill or cloudpickle
 * (no ONNX, skops, framework-native or MLflow format anywhere in the notebook).
 *
 * Why it matters: a pickle only loads with the same library versions it was written with, and loading
 * one runs code (see LO501), so the serving side inherits a fragile and unsafe artifact.
 *
 * Bad:  joblib.dump(model, "model.joblib")
 * Good: skops.io.dump(model, "model.skops")   # or onnx via skl2onnx.to_onnx(model, X[:1])
 */
import { dataflowOf } from '../analysis/dataflow';
import { callSitesWhere, type CallSite } from './helpers';
import { dumpedObject, isModelExpression, isSave, persistenceOf } from './model-persistence';
import type { Rule } from './rule';

export const pickleOnlyPersistence: Rule = {
  id: 'LO602',
  name: 'pickle-only-persistence',
  category: 'deployment',
  severity: 'info',
  description:
    'Models are saved only as pickle/joblib files, which break across library versions and run code when loaded.',
  check(ctx) {
    // Label encoders and other "unknown" fitted objects are not models; named models still count below.
    const fitted = new Set(
      dataflowOf(ctx)
        .graph.fits.filter((f) => f.kind !== 'unknown')
        .map((f) => f.object),
    );
    const dumps: CallSite[] = [];
    for (const site of callSitesWhere(ctx, isSave)) {
      const how = persistenceOf(site);
      if (how === 'portable') return [];
      const object = how === 'pickle' ? dumpedObject(site) : undefined;
      if (object !== undefined && isModelExpression(object, fitted)) dumps.push(site);
    }
    const [first, ...others] = dumps;
    if (first === undefined) return [];
    const report = {
      cellIndex: first.cell.cell.index,
      range: first.call.range,
      message: `Fitted models are saved only with ${first.call.callee} (pickle): a pickle loads only with the same library versions and runs code when loaded. Also export a portable format for serving: ONNX (skl2onnx.to_onnx, torch.onnx.export) or skops.io.dump for scikit-learn.`,
    };
    if (others.length === 0) return [report];
    const related = others.map((s) => ({
      cellIndex: s.cell.cell.index,
      range: s.call.range,
      message: 'also saved as a pickle here',
    }));
    return [{ ...report, related }];
  },
};
