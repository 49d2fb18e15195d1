import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { collectSnapshot, type ProjectPort } from '../../../src/core/readiness/collect';
import type { WorkspaceSnapshot } from '../../../src/core/readiness/types';

export const ROOT = path.resolve(__dirname, '../../..');
export const CHURN_NOTEBOOK = readFileSync(path.join(ROOT, 'examples/churn/train.ipynb'), 'utf8');

/** A project held in memory: relative path -> text. */
export function memoryProject(files: Record<string, string>): ProjectPort {
  return {
    listFiles: async () => Object.keys(files),
    readText: async (p) => {
      const text = files[p];
      if (text === undefined) throw new Error(`ENOENT ${p}`);
      return text;
    },
  };
}

export function snapshotOf(files: Record<string, string>): Promise<WorkspaceSnapshot> {
  return collectSnapshot(memoryProject(files));
}

/** A notebook with one code cell per source, each with optional printed output. */
export function notebookJson(cells: { source: string; output?: string }[]): string {
  return JSON.stringify({
    nbformat: 4,
    nbformat_minor: 5,
    metadata: { kernelspec: { language: 'python', name: 'python3' } },
    cells: cells.map((c, i) => ({
      cell_type: 'code',
      id: `c${i}`,
      execution_count: i + 1,
      metadata: {},
      source: c.source,
      outputs: c.output === undefined ? [] : [{ output_type: 'stream', name: 'stdout', text: c.output }],
    })),
  });
}

/** A clean, seeded notebook: held-out split, baseline, tuning, no findings expected. */
export const CLEAN_NOTEBOOK = notebookJson([
  {
    source: [
      'import pandas as pd',
      'from sklearn.model_selection import train_test_split, GridSearchCV, cross_val_score',
      'from sklearn.dummy import DummyClassifier',
      'from sklearn.pipeline import make_pipeline',
      'from sklearn.preprocessing import StandardScaler',
      'from sklearn.linear_model import LogisticRegression',
      'from sklearn.metrics import classification_report, confusion_matrix',
      'import skl2onnx',
    ].join('\n'),
  },
  { source: 'df = pd.read_csv("data/customers.csv")\nX = df[["a", "b"]]\ny = df["churned"]' },
  { source: 'X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=0, stratify=y)' },
  {
    source:
      'baseline = cross_val_score(DummyClassifier(strategy="most_frequent"), X_train, y_train)\nprint(baseline.mean())',
  },
  {
    source:
      'search = GridSearchCV(make_pipeline(StandardScaler(), LogisticRegression()), {"logisticregression__C": [0.1, 1]})\nsearch.fit(X_train, y_train)',
  },
  {
    source:
      'pred = search.predict(X_test)\nprint(classification_report(y_test, pred))\nprint(confusion_matrix(y_test, pred))',
    output:
      '              precision    recall  f1-score   support\n\n           0       0.90      0.95      0.92       120\n' +
      '           1       0.80      0.67      0.73        36\n\n    accuracy                           0.88       156\n' +
      '   macro avg       0.85      0.81      0.83       156\nweighted avg       0.88      0.88      0.88       156\n' +
      '[[114   6]\n [ 12  24]]\n',
  },
  {
    source:
      'onx = skl2onnx.to_onnx(search.best_estimator_, X_train[:1].to_numpy())\nwith open("model.onnx", "wb") as f:\n    f.write(onx.SerializeToString())',
  },
]);
