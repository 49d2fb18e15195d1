/**
 * LO601 model-not-persisted: a model is trained (a scikit-learn, XGBoost, LightGBM, CatBoost, Keras
 * or statsmodels model, or a search, is fitted) but nothing in the notebook saves a model.
 *
 * Why it matters: the trained model lives only in the kernel's memory. Serving it means re-running
 * the notebook, which (unseeded, unpinned) may give another model than the one that was evaluated.
 *
 * Bad:  model.fit(X_train, y_train); print(model.score(X_test, y_test))
 * Good: ...; skops.io.dump(model, "models/model.skops")  # or ONNX via skl2onnx, model.save("model.keras")
 */
import { dataflowOf } from '../analysis/dataflow';
import { hasCallWhere, lastSegment } from './helpers';
import { isSave } from './model-persistence';
import type { Rule } from './rule';

export const modelNotPersisted: Rule = {
  id: 'LO601',
  name: 'model-not-persisted',
  category: 'deployment',
  severity: 'info',
  description:
    'A model is trained but never saved, so what was evaluated cannot be served without re-running the notebook.',
  check(ctx) {
    const fits = dataflowOf(ctx).graph.fits.filter((f) => f.kind === 'model' || f.kind === 'search');
    const last = fits.reduce<(typeof fits)[number] | undefined>(
      (a, f) => (a === undefined || f.order > a.order ? f : a),
      undefined,
    );
    if (last === undefined) return [];
    if (hasCallWhere(ctx, isSave)) return [];
    const cls = last.className === undefined ? undefined : lastSegment(last.className);
    const what = cls === undefined ? last.object : /^\w+$/.test(last.object) ? `${last.object} (${cls})` : `A ${cls}`;
    return [
      {
        cellIndex: last.cellIndex,
        range: last.range,
        message: `${what} is trained here, but no model is saved anywhere in the notebook: serving it would mean re-running training and hoping for the same model. Save the final model, preferably in a portable format (ONNX via skl2onnx, skops.io.dump, model.save("model.keras"), booster.save_model), with its version.`,
      },
    ];
  },
};
