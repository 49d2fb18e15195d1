import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { analyzeNotebook, analyzeNotebookText } from '../../../src/core/analyze';
import type { Finding } from '../../../src/core/findings';
import { inconsistentLabels } from '../../../src/core/rules/inconsistent-labels';
import { check, notebookFrom, textAt } from '../helpers';

// Notebooks executed for real by scripts/make-label-fixtures.py (pandas value_counts/unique outputs).
const FIXTURES = path.resolve(__dirname, '../../fixtures/labels');

function fixture(name: string): { findings: Finding[]; sources: string[] } {
  const text = readFileSync(path.join(FIXTURES, name), 'utf8');
  const cells = (JSON.parse(text) as { cells: Array<{ source: string | string[] }> }).cells;
  const sources = cells.map((c) => (Array.isArray(c.source) ? c.source.join('') : c.source));
  return { findings: analyzeNotebookText(name, text, { rules: [inconsistentLabels] }), sources };
}

/** Cells with a saved output text, as the reader summarises it. */
function withOutputs(cells: Array<string | { source: string; output: string }>): Finding[] {
  const notebook = notebookFrom(cells.map((c) => (typeof c === 'string' ? c : c.source)));
  cells.forEach((c, i) => {
    const cell = notebook.cells[i];
    if (typeof c !== 'string' && cell !== undefined) {
      cell.outputs = { count: 1, types: ['execute_result'], text: c.output };
    }
  });
  return analyzeNotebook(notebook, { rules: [inconsistentLabels] });
}

const IMPORTS = 'import pandas as pd\nfrom sklearn.ensemble import RandomForestClassifier';
const LOAD = 'df = pd.read_csv("data/survey.csv")';
const TRAIN =
  'X, y = pd.get_dummies(df.drop(columns=["smoker"])), df["smoker"]\nclf = RandomForestClassifier(random_state=0).fit(X, y)';

describe('rule inconsistent-labels (LO105)', () => {
  it('reads value_counts tables, unique arrays and tables printed in a loop from real outputs', () => {
    const { findings, sources } = fixture('inconsistent.ipynb');
    assert.deepEqual(
      findings.map((f) => [f.cellIndex, textAt(sources, f)]),
      [
        [2, 'df["churn"].value_counts()'],
        [3, 'df.gender.unique()'],
        [4, 'df[col].value_counts()'],
      ],
    );
    const [churn, gender, plan] = findings;
    assert.equal(churn?.severity, 'warning');
    assert.match(churn?.message ?? '', /`churn`.*'Yes' \/ 'yes' \/ 'Y'/);
    assert.match(gender?.message ?? '', /`gender`.*'male' \/ 'Male'; 'Female' \/ 'F'/);
    assert.match(plan?.message ?? '', /`plan`.*'Basic' \/ 'basic'/);
    assert.equal(churn?.related?.[0]?.cellIndex, 5);
  });

  it('is quiet once the columns are normalised, and on two-column (MultiIndex) tables', () => {
    assert.deepEqual(fixture('normalised.ipynb').findings, []);
    assert.deepEqual(fixture('multiindex.ipynb').findings, []);
  });

  it('reads the pandas 2 layout (column name above the table, Name: count) and repeated labels', () => {
    const output = 'smoker\nno      310\nyes     120\nyes      15\nName: count, dtype: int64\n';
    const findings = withOutputs([IMPORTS, LOAD, { source: 'df.smoker.value_counts()', output }, TRAIN]);
    assert.equal(findings.length, 1);
    assert.match(findings[0]?.message ?? '', /`smoker`.*'yes' twice/);
  });

  it('reads a printed numpy array of strings', () => {
    const output = "['Male' 'Female' 'male' 'FEMALE']\n";
    const findings = withOutputs([IMPORTS, LOAD, { source: 'print(df["sex"].unique())', output }, TRAIN]);
    assert.equal(findings.length, 1);
    assert.match(findings[0]?.message ?? '', /'Male' \/ 'male'; 'Female' \/ 'FEMALE'/);
  });

  it('names the column a loop prints before each array', () => {
    const source = 'for col in ["region", "smoker"]:\n    print(col, df[col].unique())';
    const output = "region ['north' 'south']\nsmoker ['no' 'yes' 'Yes ']\n";
    const findings = withOutputs([IMPORTS, LOAD, { source, output }, TRAIN]);
    assert.equal(findings.length, 1);
    assert.match(findings[0]?.message ?? '', /The values of `smoker` .*'yes' \/ 'Yes '/);
  });

  it('ignores consistent values, numbers, column names and notebooks that train nothing', () => {
    const clean = "array(['yes', 'no'], dtype=object)\n";
    const numbers = '1     40\n1.0    2\n0     30\nName: smoker, dtype: int64\n';
    const columns = "Index(['Age', 'age'], dtype='object')\n";
    const cases = [
      [{ source: 'df.smoker.unique()', output: clean }],
      [{ source: 'df.smoker.value_counts()', output: numbers }],
      [{ source: 'df.columns.unique()', output: columns }],
    ];
    for (const extra of cases) assert.deepEqual(withOutputs([IMPORTS, LOAD, ...extra, TRAIN]), [], extra[0]?.source);
    const dirty = { source: 'df.smoker.unique()', output: "array(['yes', 'Yes'], dtype=object)\n" };
    assert.deepEqual(withOutputs([IMPORTS, LOAD, dirty]), []);
  });

  it('counts any rewrite of the column as normalising it', () => {
    const dirty = { source: 'df["smoker"].unique()', output: "array(['yes', 'Yes', 'no'], dtype=object)\n" };
    const rewrites = [
      'df["smoker"] = df["smoker"].str.lower()',
      'df.smoker = df.smoker.str.strip().str.lower()',
      'df["smoker"].replace({"Yes": "yes"}, inplace=True)',
      'df.loc[df.smoker == "Yes", "smoker"] = "yes"',
      'for c in ["smoker", "region"]:\n    df[c] = df[c].str.strip().str.lower()',
      'df = df.replace({"Yes": "yes"})',
    ];
    for (const rewrite of rewrites) {
      assert.deepEqual(withOutputs([IMPORTS, LOAD, dirty, rewrite, TRAIN]), [], rewrite);
    }
    assert.equal(withOutputs([IMPORTS, LOAD, dirty, 'df["region"] = df["region"].str.lower()', TRAIN]).length, 1);
  });

  it('finds a column compared with differently spelled literals', () => {
    const cells = [
      IMPORTS,
      LOAD,
      'smokers = df[df.smoker == "yes"]\nprint(len(smokers))',
      'heavy = df.loc[(df["smoker"] == "Yes") & (df.cigs > 20)]',
      TRAIN,
    ];
    const findings = check(inconsistentLabels, cells);
    assert.equal(findings.length, 1);
    assert.equal(textAt(cells, findings[0]!), '"Yes"');
    assert.equal(findings[0]?.related?.[0]?.cellIndex, 2);
    assert.deepEqual(
      check(inconsistentLabels, [...cells.slice(0, 2), 'df["smoker"] = df["smoker"].str.lower()', ...cells.slice(2)]),
      [],
    );
    assert.deepEqual(
      check(inconsistentLabels, [IMPORTS, LOAD, 'df[df.smoker == "yes"]', 'df[df.region == "Yes"]', TRAIN]),
      [],
    );
  });

  it('honours suppression comments', () => {
    const dirty = {
      source: 'df.smoker.unique()  # liftoff: ignore[inconsistent-labels]',
      output: "array(['yes', 'Yes'], dtype=object)\n",
    };
    assert.deepEqual(withOutputs([IMPORTS, LOAD, dirty, TRAIN]), []);
  });
});
