/**
 * LO103 duplicates-unhandled: a table read from a file trains a model, and the notebook never looks
 * for duplicate rows (no duplicated(), drop_duplicates(), np.unique(..., axis=0)).
 *
 * Why it matters: duplicated rows weigh some examples twice and, after a random split, land on both
 * sides, so the test score measures memory rather than generalisation, and production disappoints.
 *
 * Bad:  df = pd.read_csv("reviews.csv"); X_train, X_test, ... = train_test_split(df.text, df.label)
 * Good: df = pd.read_csv("reviews.csv"); print(df.duplicated().sum()); df = df.drop_duplicates()
 */
import type { Rule } from './rule';
import { unhandledTrainingTable } from './training-data';

const HANDLED = /\b(drop_duplicates|duplicated|is_duplicated|unique\([^)]*axis\s*=\s*0)/;

export const duplicatesUnhandled: Rule = {
  id: 'LO103',
  name: 'duplicates-unhandled',
  category: 'data',
  severity: 'info',
  description: 'Training data read from a file is never checked for duplicate rows (duplicated, drop_duplicates).',
  check(ctx) {
    return unhandledTrainingTable(
      ctx,
      HANDLED,
      'This data trains a model, but the notebook never checks it for duplicate rows: duplicates count twice in ' +
        'training and, after a random split, sit on both sides, inflating the test score. Check ' +
        '`df.duplicated().sum()` and drop them (`df.drop_duplicates()`) before splitting, or note why they are real.',
    );
  },
};
