/**
 * LO102 missing-values-unhandled: a table read from a file trains a model, and nothing in the notebook
 * checks it for missing values or handles them (no isna/isnull, info(), dropna, fillna, imputer...).
 *
 * Why it matters: production data has gaps even when the training file had none. A pipeline that never
 * decided what to do with them fails on the first NaN, or silently predicts from garbage.
 *
 * Bad:  df = pd.read_csv("loans.csv"); model.fit(df[features], df["default"])
 * Good: df = pd.read_csv("loans.csv"); df.isna().sum(); ... SimpleImputer(strategy="median") in the Pipeline
 */
import type { Rule } from './rule';
import { unhandledTrainingTable } from './training-data';

/**
 * Inspection counts: someone who looked at `isna().sum()`, `info()` or `describe()` (its count row) has
 * seen whether values are missing and may rightly have decided nothing needed doing.
 */
const HANDLED =
  /\b(dropna|fillna|isna|isnull|notna|notnull|interpolate|ffill|bfill|SimpleImputer|KNNImputer|IterativeImputer|MissingIndicator|missingno|msno|na_values|keep_default_na|na_filter|hasnans|null_count|fill_null|drop_nulls|is_null)\b|\.(info|describe)\(/;

export const missingValuesUnhandled: Rule = {
  id: 'LO102',
  name: 'missing-values-unhandled',
  category: 'data',
  severity: 'info',
  description:
    'Training data read from a file is never checked for missing values or handled (isna, info, dropna, fillna, an imputer).',
  check(ctx) {
    return unhandledTrainingTable(
      ctx,
      HANDLED,
      'This data trains a model, but the notebook never checks it for missing values or handles them: production ' +
        'data will have gaps even if this file has none. Look at `df.isna().sum()`, then decide: an imputer ' +
        '(SimpleImputer) inside the model Pipeline, so serving fills gaps the same way, or an explicit rejection.',
    );
  },
};
