/** Synthetic but realistic notebooks of any size, for the size-scaling benchmarks. */

/**
 * One block of ten cells, `i` the cell's index: every name a cell reads is defined by a cell above it in the
 * block (the import alias, the table, its features, the split, the model), so the dataflow sees the splits,
 * fits and evaluations a real training notebook has and the rules that follow them have their work. Slots 4
 * and 9 are markdown; slot 8 takes turns between an install, a plot and a saved model.
 */
const SLOTS: readonly ((i: number) => string)[] = [
  (i) => `import pandas as pd\nimport numpy as np\nfrom sklearn.model_selection import train_test_split as tts_${i}`,
  (i) => `df_${i} = pd.read_csv("data/part_${i}.csv")\ndf_${i} = df_${i}.dropna()\ndf_${i}.head()`,
  (i) =>
    `%matplotlib inline\nfeatures_${i} = [c for c in df_${i - 1}.columns if c != "target"]\nX_${i} = df_${i - 1}[features_${i}]\ny_${i} = df_${i - 1}["target"]`,
  (i) =>
    `X_train_${i}, X_test_${i}, y_train_${i}, y_test_${i} = tts_${i - 3}(\n    X_${i - 1}, y_${i - 1}, test_size=0.2, stratify=y_${i - 1}\n)`,
  () => '',
  (i) =>
    `from sklearn.ensemble import RandomForestClassifier\nclf_${i} = RandomForestClassifier(n_estimators=${i % 300}, max_depth=8)\nclf_${i}.fit(X_train_${i - 2}, y_train_${i - 2})`,
  (i) =>
    `def evaluate_${i}(model, X, y):\n    preds = model.predict(X)\n    return {"acc": accuracy_score(y, preds), "f1": f1_score(y, preds)}\n\nscores_${i} = evaluate_${i}(clf_${i - 1}, X_test_${i - 3}, y_test_${i - 3})\nprint(scores_${i})`,
  (i) =>
    `for k, (tr, te) in enumerate(kf.split(X_${i - 5})):\n    m = clf_${i - 2}.fit(X_${i - 5}.iloc[tr], y_${i - 5}.iloc[tr])\n    results.append((k, m.score(X_${i - 5}.iloc[te], y_${i - 5}.iloc[te])))`,
  (i) =>
    [
      `!pip install -q xgboost==2.0.3\nimport xgboost as xgb\nbooster_${i} = xgb.XGBClassifier(n_estimators=200, random_state=${i})`,
      `plt.figure(figsize=(10, 6))\nsns.histplot(df_${i - 7}["amount"], bins=50, kde=True)\nplt.title("Amount distribution ${i}")\nplt.show()`,
      `with open("models/model_${i}.pkl", "wb") as f:\n    pickle.dump(clf_${i - 3}, f)`,
    ][Math.floor(i / 10) % 3] as string,
  () => '',
];

export interface GeneratedCell {
  cell_type: 'code' | 'markdown';
  id: string;
  metadata: Record<string, never>;
  source: string[];
  execution_count?: number | null;
  outputs?: unknown[];
}

/** An nbformat 4.5 notebook with `cellCount` cells, one in five markdown, as JSON text. */
export function generateNotebook(cellCount: number): string {
  const cells: GeneratedCell[] = [];
  for (let i = 0; i < cellCount; i++) {
    const id = `cell-${i}`;
    if (i % 5 === 4) {
      cells.push({ cell_type: 'markdown', id, metadata: {}, source: [`## Step ${i}\n`, 'Some notes about the data.'] });
      continue;
    }
    const source = (SLOTS[i % SLOTS.length] as (i: number) => string)(i);
    cells.push({
      cell_type: 'code',
      id,
      metadata: {},
      source: source.split(/(?<=\n)/),
      execution_count: i + 1,
      outputs: [],
    });
  }
  return JSON.stringify({
    nbformat: 4,
    nbformat_minor: 5,
    metadata: { kernelspec: { name: 'python3', display_name: 'Python 3', language: 'python' } },
    cells,
  });
}
