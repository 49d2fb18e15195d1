import { strict as assert } from 'node:assert';
import { maskIPython } from '../../src/core/notebook/mask';
import { parsePython } from '../../src/core/notebook/parse';

/** The masked code must keep every offset, and so every line and column, of the source. */
function mask(source: string): ReturnType<typeof maskIPython> {
  const result = maskIPython(source);
  assert.equal(result.code.length, source.length, 'masking changed the length');
  assert.deepEqual(
    result.code.split('\n').map((l) => l.length),
    source.split('\n').map((l) => l.length),
  );
  return result;
}

function hasSyntaxError(code: string): boolean {
  let found = false;
  parsePython(code).iterate({
    enter: (node) => {
      if (node.type.isError) found = true;
    },
  });
  return found;
}

describe('maskIPython', () => {
  it('returns plain Python untouched', () => {
    const source = 'import numpy as np\nx = np.arange(10) % 3\n';
    const result = mask(source);
    assert.equal(result.code, source);
    assert.deepEqual(result.magics, []);
  });

  it('replaces a line magic with pass and records it', () => {
    const result = mask('%matplotlib inline\nimport matplotlib.pyplot as plt');
    assert.equal(result.code, 'pass              \nimport matplotlib.pyplot as plt');
    assert.deepEqual(result.magics, [
      {
        kind: 'line-magic',
        name: 'matplotlib',
        text: '%matplotlib inline',
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 18 } },
      },
    ]);
  });

  it('keeps an indented block valid when a shell escape was its only statement', () => {
    const source = 'if IN_COLAB:\n    !ls\nfor f in files:\n    !wget -q {f}\nprint("done")';
    const result = mask(source);
    assert.equal(hasSyntaxError(result.code), false, result.code);
    assert.deepEqual(
      result.magics.map((m) => [m.kind, m.name]),
      [
        ['shell', 'ls'],
        ['shell', 'wget'],
      ],
    );
  });

  it('does not mistake the modulo operator continued on a new line for a magic', () => {
    const source = 'print("RMSE: %.2f"\n      % math.sqrt(mean_squared_error(y_test, y_pred)))';
    const result = mask(source);
    assert.equal(result.code, source);
    assert.deepEqual(result.magics, []);
  });

  it('leaves % and ! inside strings and triple-quoted strings alone', () => {
    const source = 'sql = """\n%not a magic\n!nor this\n"""\nmsg = "%d rows" % len(df)\nhelp_text = "what?"';
    const result = mask(source);
    assert.equal(result.code, source);
    assert.deepEqual(result.magics, []);
  });

  it('masks only the right-hand side of an assignment from a shell escape or %sx', () => {
    const result = mask('files = !ls data/*.csv\nlines = %sx wc -l train.csv');
    assert.equal(result.code, 'files = ...           \nlines = ...                ');
    assert.equal(hasSyntaxError(result.code), false);
    assert.deepEqual(
      result.magics.map((m) => [m.kind, m.name, m.text]),
      [
        ['shell', 'ls', '!ls data/*.csv'],
        ['line-magic', 'sx', '%sx wc -l train.csv'],
      ],
    );
  });

  it('masks help requests: ?obj, ??obj, obj? and obj??', () => {
    const result = mask('?np.mean\n??pd.DataFrame\nmodel.fit?\nRandomForestClassifier??');
    assert.equal(hasSyntaxError(result.code), false, result.code);
    assert.deepEqual(
      result.magics.map((m) => [m.kind, m.name]),
      [
        ['help', 'np.mean'],
        ['help', 'pd.DataFrame'],
        ['help', 'model.fit'],
        ['help', 'RandomForestClassifier'],
      ],
    );
  });

  it('ignores a question mark in a trailing comment', () => {
    const source = 'y = a % b  # really?';
    assert.equal(mask(source).code, source);
  });

  it('masks the continuation lines of a magic ending in a backslash', () => {
    const source = '!saved_model_cli show --dir {model_path} \\\n    --tag_set serve\nprint(1)';
    const result = mask(source);
    assert.equal(result.code.split('\n')[1].trim(), '');
    assert.equal(result.code.split('\n')[2], 'print(1)');
    assert.deepEqual(result.magics[0].range, { start: { line: 0, character: 0 }, end: { line: 1, character: 19 } });
  });

  it('treats a non-Python cell magic as a whole cell that is not Python', () => {
    const source = '%%bash\npip freeze > requirements.txt\necho "%done"';
    const result = mask(source);
    assert.equal(result.notPython, 'bash');
    assert.equal(result.code.trim(), '');
    assert.equal(result.magics[0].kind, 'cell-magic');
    for (const magic of ['sql', 'html', 'writefile', 'javascript', 'latex']) {
      assert.equal(mask(`%%${magic} x\nbody`).notPython, magic);
    }
  });

  it('keeps the Python body of %%time, %%timeit and %%capture cells', () => {
    const result = mask('\n%%timeit -n1 -r1\nmodel = RandomForestClassifier(n_estimators=100)\nmodel.fit(X, y)');
    assert.equal(result.notPython, undefined);
    assert.equal(result.code, '\npass            \nmodel = RandomForestClassifier(n_estimators=100)\nmodel.fit(X, y)');
    assert.equal(mask('%%capture\n!pip install shap').notPython, undefined);
  });

  it('keeps the statement timed by %time and %timeit in place', () => {
    const result = mask(
      '%time history = model.fit(X_train,\n                         y_train)\n%timeit -n 50 km.fit(X)',
    );
    assert.equal(
      result.code,
      'pass; history = model.fit(X_train,\n                         y_train)\npass;         km.fit(X)',
    );
    assert.equal(hasSyntaxError(result.code), false);
  });

  it('masks a timed compound statement whole, since `pass; for ...` would not be Python', () => {
    const result = mask('%timeit -r1 for X, y in dataset.repeat(10): pass');
    assert.equal(result.code.trimEnd(), 'pass');
  });

  it('records pip, conda and uv installs with flags and requirement files removed', () => {
    const source = [
      '%pip install -q -U tensorflow-addons "pandas>=2.0" -r requirements.txt',
      '!pip install xgboost==2.0.3 shap > /dev/null',
      '!python -m pip install --upgrade scikit-learn',
      '%conda install -c conda-forge -y lightgbm',
      '%uv pip install polars',
      '!pip3 install --index-url https://download.pytorch.org/whl/cpu torch torchvision && echo ok',
      '!pip list',
    ].join('\n');
    const result = mask(source);
    assert.deepEqual(
      result.pipInstalls.map((p) => [p.tool, p.packages, p.range.start.line]),
      [
        ['pip', ['tensorflow-addons', 'pandas>=2.0'], 0],
        ['pip', ['xgboost==2.0.3', 'shap'], 1],
        ['pip', ['scikit-learn'], 2],
        ['conda', ['lightgbm'], 3],
        ['uv', ['polars'], 4],
        ['pip', ['torch', 'torchvision'], 5],
      ],
    );
  });

  it('keeps positions stable on Windows line endings', () => {
    const source = '%matplotlib inline\r\nimport seaborn as sns\r\n!ls\r\n';
    const result = mask(source);
    assert.equal(result.code, 'pass              \r\nimport seaborn as sns\r\n...\r\n');
    assert.deepEqual(result.magics[1].range.start, { line: 2, character: 0 });
  });
});
