/**
 * What the notebooks' code shows, read from cell sources with patterns (comment lines skipped). Coarse on
 * purpose: these only raise an item to "partial" (done by hand in a notebook); rules carry the precise checks.
 */
import type { Notebook } from '../notebook/model';

export interface NotebookSignals {
  split: string[];
  tuning: string[];
  baseline: string[];
  slices: string[];
  schemaLibrary: string[];
  savesModel: string[];
  tracking: string[];
}

const PATTERNS: Record<keyof NotebookSignals, RegExp> = {
  split:
    /\b(train_test_split|(Stratified|Group|Repeated)*KFold|TimeSeriesSplit|ShuffleSplit|cross_val_(score|predict|validate)|validation_split)\b/,
  tuning:
    /\b(GridSearchCV|RandomizedSearchCV|Halving\w*SearchCV|BayesSearchCV|optuna|hyperopt|keras_tuner|ray\.tune)\b/,
  baseline: /\b(DummyClassifier|DummyRegressor)\b|\bbaseline\w*\s*=/i,
  slices:
    /\.groupby\([^)]*\)[^\n]*\b(score|accuracy|recall|precision|f1|auc|mean_(absolute|squared)_error)\b|\bslice\w*\s*=|\bfairlearn\b|\bMetricFrame\b/,
  schemaLibrary: /\b(import|from)\s+(pandera|great_expectations|tensorflow_data_validation|pydantic)\b/,
  savesModel:
    /\b(joblib\.dump|pickle\.dump|torch\.save|\.save_model|skl2onnx|convert_sklearn|mlflow\.\w+\.log_model|\.save\()/,
  tracking: /\b(import|from)\s+(mlflow|wandb|neptune|comet_ml|clearml)\b/,
};

export function notebookSignals(notebooks: readonly Notebook[]): NotebookSignals {
  const signals: NotebookSignals = {
    split: [],
    tuning: [],
    baseline: [],
    slices: [],
    schemaLibrary: [],
    savesModel: [],
    tracking: [],
  };
  for (const notebook of notebooks) {
    const code = notebook.cells
      .filter((c) => c.kind === 'code')
      .map((c) =>
        c.source
          .split('\n')
          .filter((l) => !l.trimStart().startsWith('#'))
          .join('\n'),
      )
      .join('\n');
    for (const [key, re] of Object.entries(PATTERNS)) {
      if (re.test(code)) signals[key as keyof NotebookSignals].push(notebook.path);
    }
  }
  return signals;
}
