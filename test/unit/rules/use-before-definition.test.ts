import { strict as assert } from 'node:assert';
import { useBeforeDefinition } from '../../../src/core/rules/use-before-definition';
import { check, textAt } from '../helpers';

describe('rule use-before-definition (LO405)', () => {
  it('flags a name read in a cell and defined only in a later one', () => {
    const cells = [
      '%matplotlib inline\nimport pandas as pd\nfrom sklearn.ensemble import RandomForestClassifier',
      'df = pd.read_csv("data/train.csv")\nX, y = df.drop(columns="label"), df["label"]',
      'model.fit(X, y)  # model comes from below',
      'model = RandomForestClassifier(random_state=0)',
    ];
    const [f, ...rest] = check(useBeforeDefinition, cells);
    assert.equal(rest.length, 0);
    assert.equal(f?.cellIndex, 2);
    assert.equal(textAt(cells, f!), 'model');
    assert.match(f?.message ?? '', /cell 4/);
    assert.equal(f?.related?.[0]?.cellIndex, 3);
    assert.equal(f?.related?.[0]?.message, '`model` is defined here');
  });

  it('flags imports and functions defined later', () => {
    const cells = [
      'df = pd.read_csv("a.csv")',
      'clean(df)',
      'import pandas as pd',
      'def clean(d):\n    return d.dropna()',
    ];
    const found = check(useBeforeDefinition, cells).map((f) => [f.cellIndex, textAt(cells, f)]);
    assert.deepEqual(found, [
      [0, 'pd'],
      [1, 'clean'],
    ]);
  });

  it('tells names defined above from later ones in the cells after the first late name', () => {
    // Cell 0 reads a name defined only in cell 4; below it, names bound in cells 0 to 2 are read before
    // being bound again further down, and only `late` (first bound in cell 4) and `later` are reported.
    const cells = [
      'print(late)\nearly = 1',
      'middle = early + 1',
      'print(early, middle)\nmiddle2 = middle',
      'print(middle2, later)\nearly = middle = 0',
      'late = 2\nlater = 3',
    ];
    const found = check(useBeforeDefinition, cells).map((f) => [
      f.cellIndex,
      textAt(cells, f),
      f.related?.[0]?.cellIndex,
    ]);
    assert.deepEqual(found, [
      [0, 'late', 4],
      [3, 'later', 4],
    ]);
  });

  it('ignores names defined above, in the same cell, builtins and IPython names', () => {
    const cells = [
      'import numpy as np\nfor i in range(3):\n    print(i)\nwith open("a.txt") as fh:\n    text = fh.read()',
      'squares = [k * k for k in range(5)]\ndisplay(squares)\nprint(In[1], Out, _)\n!echo $HOME\n%time total = sum(squares)',
      'try:\n    pass\nexcept ValueError as err:\n    print(err)\nlen(text), np.pi, __name__',
      'i = 0\nk = 1\nerr = None\ntext = ""\nsquares = []',
    ];
    assert.deepEqual(check(useBeforeDefinition, cells), []);
  });

  it('ignores reads inside function bodies and lambdas, which run only when called', () => {
    const cells = [
      'def evaluate():\n    return model.score(X_test, y_test)\n\nscore = lambda: model.score(X_test, y_test)',
      'class Report:\n    def show(self):\n        print(model)',
      'model = fit_model()\nX_test, y_test = load_test()',
    ];
    assert.deepEqual(check(useBeforeDefinition, cells), []);
  });

  it('ignores names in strings, comments, keyword arguments and attributes', () => {
    const cells = [
      'print("model is ready")  # model\nf(model=1)\nobj.model.fit()\nq = f"{3}"',
      'model = 1\nobj = None\ndef f(**kw):\n    pass\nf = f',
    ];
    assert.deepEqual(
      check(useBeforeDefinition, cells).map((f) => textAt(cells, f)),
      ['f', 'obj'],
    );
  });

  it('gives up on names after a star import, %run or exec', () => {
    for (const opener of ['from helpers import *', '%run setup.py', 'exec(open("setup.py").read())']) {
      const cells = [opener, 'model.fit(X, y)', 'model = make()\nX = y = None'];
      assert.deepEqual(check(useBeforeDefinition, cells), [], opener);
    }
  });

  it('skips non-Python cell magics', () => {
    const cells = ['%%bash\necho $model', 'model = 1'];
    assert.deepEqual(check(useBeforeDefinition, cells), []);
  });
});
