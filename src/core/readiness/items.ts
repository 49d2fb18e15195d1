/**
 * The checklist: the 28 tests of Breck et al., "The ML Test Score: A Rubric for ML Production Readiness
 * and Technical Debt Reduction" (IEEE Big Data 2017), Tables I-IV, with their short titles, plus Liftoff's
 * business items (shown, never counted in the score). `section` is only where the view shows an item.
 */
import type { DisplaySection, ItemDef, MlTestSection } from './types';

function tests(mlSection: MlTestSection, label: string, rows: [string, DisplaySection][]): ItemDef[] {
  return rows.map(([title, section], i) => ({
    id: `${mlSection}-${i + 1}`,
    title,
    mlTestScore: `${label} ${i + 1}`,
    mlSection,
    section,
  }));
}

export const ITEMS: readonly ItemDef[] = Object.freeze([
  ...tests('data', 'Data', [
    ['Feature expectations are captured in a schema', 'data'],
    ['All features are beneficial', 'data'],
    ["No feature's cost is too much", 'data'],
    ['Features adhere to meta-level requirements', 'data'],
    ['The data pipeline has appropriate privacy controls', 'data'],
    ['New features can be added quickly', 'data'],
    ['All input feature code is tested', 'data'],
  ]),
  ...tests('model', 'Model', [
    ['Model specs are reviewed and submitted', 'evaluation'],
    ['Offline and online metrics correlate', 'business'],
    ['All hyperparameters have been tuned', 'evaluation'],
    ['The impact of model staleness is known', 'monitoring'],
    ['A simpler model is not better', 'evaluation'],
    ['Model quality is sufficient on important data slices', 'evaluation'],
    ['The model is tested for considerations of inclusion', 'evaluation'],
  ]),
  ...tests('infra', 'Infra', [
    ['Training is reproducible', 'infrastructure'],
    ['Model specs are unit tested', 'infrastructure'],
    ['The ML pipeline is integration tested', 'infrastructure'],
    ['Model quality is validated before serving', 'evaluation'],
    ['The model is debuggable', 'infrastructure'],
    ['Models are canaried before serving', 'infrastructure'],
    ['Serving models can be rolled back', 'infrastructure'],
  ]),
  ...tests('monitor', 'Monitor', [
    ['Dependency changes result in notification', 'monitoring'],
    ['Data invariants hold for inputs', 'monitoring'],
    ['Training and serving are not skewed', 'monitoring'],
    ['Models are not too stale', 'monitoring'],
    ['Models are numerically stable', 'monitoring'],
    ['Computing performance has not regressed', 'monitoring'],
    ['Prediction quality has not regressed', 'monitoring'],
  ]),
  { id: 'business-1', title: 'The business goal has a KPI and an owner', section: 'business' },
  { id: 'business-2', title: 'The cost of errors and the volume are known', section: 'business' },
  { id: 'business-3', title: "The model's measured quality is priced", section: 'business' },
]);

export const DISPLAY_SECTIONS: readonly { id: DisplaySection; label: string }[] = [
  { id: 'data', label: 'Data' },
  { id: 'infrastructure', label: 'Infrastructure' },
  { id: 'evaluation', label: 'Evaluation' },
  { id: 'monitoring', label: 'Monitoring & retraining' },
  { id: 'business', label: 'Business value' },
];

export const ML_SECTIONS: readonly { id: MlTestSection; label: string }[] = [
  { id: 'data', label: 'Data' },
  { id: 'model', label: 'Model' },
  { id: 'infra', label: 'Infrastructure' },
  { id: 'monitor', label: 'Monitoring' },
];

export function findItem(id: string): ItemDef | undefined {
  return ITEMS.find((item) => item.id === id);
}
