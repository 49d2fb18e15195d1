/** Synthetic but realistic notebooks of any size, for the size-scaling benchmarks. */

const SNIPPETS: readonly ((i: number) => string)[] = [
  (i) => `import pandas as pd\nimport numpy as np\nfrom sklearn.model_selection import train_test_split as tts_${i}`,
  (i) => `df_${i} = pd.read_csv("data/part_${i}.csv")\ndf_${i} = df_${i}.dropna()\ndf_${i}.head()`,
  (i) =>
    `%matplotlib inline\nfeatures_${i} = [c for c in df_${i % 7}.columns if c != "target"]\nX_${i} = df_${i % 7}[features_${i}]`,
  (i) =>
    `X_train_${i}, X_test_${i}, y_train_${i}, y_test_${i} = tts_${i % 5}(\n    X_${i}, y, test_size=0.2, stratify=y\n)`,
  (i) =>
    `from sklearn.ensemble import RandomForestClassifier\nclf_${i} = RandomForestClassifier(n_estimators=${i % 300}, max_depth=8)\nclf_${i}.fit(X_train_${i}, y_train_${i})`,
  (i) =>
    `def evaluate_${i}(model, X, y):\n    preds = model.predict(X)\n    return {"acc": accuracy_score(y, preds), "f1": f1_score(y, preds)}\n\nscores_${i} = evaluate_${i}(clf_${i}, X_test_${i}, y_test_${i})\nprint(scores_${i})`,
  (i) =>
    `for k, (tr, te) in enumerate(kf.split(X_${i})):\n    m = clf_${i}.fit(X_${i}.iloc[tr], y.iloc[tr])\n    results.append((k, m.score(X_${i}.iloc[te], y.iloc[te])))`,
  (i) =>
    `!pip install -q xgboost==2.0.3\nimport xgboost as xgb\nbooster_${i} = xgb.XGBClassifier(n_estimators=200, random_state=${i})`,
  (i) =>
    `plt.figure(figsize=(10, 6))\nsns.histplot(df_${i % 9}["amount"], bins=50, kde=True)\nplt.title("Amount distribution ${i}")\nplt.show()`,
  (i) => `with open("models/model_${i}.pkl", "wb") as f:\n    pickle.dump(clf_${i}, f)`,
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
    const source = SNIPPETS[i % SNIPPETS.length](i);
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
