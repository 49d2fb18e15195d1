import { strict as assert } from 'node:assert';
import { unseededRandomness } from '../../../src/core/rules/unseeded-randomness';
import { applyEdits, check, textAt } from '../helpers';

const SKLEARN_IMPORTS = [
  '%matplotlib inline',
  'import numpy as np',
  'from sklearn.model_selection import train_test_split, KFold',
  'from sklearn.ensemble import RandomForestClassifier',
].join('\n');

describe('rule unseeded-randomness (LO402)', () => {
  describe('random_state', () => {
    it('flags train_test_split and RandomForestClassifier without random_state, with a fix', () => {
      const cells = [
        SKLEARN_IMPORTS,
        'X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2)',
        'model = RandomForestClassifier(n_estimators=100)\nmodel.fit(X_train, y_train)',
      ];
      const findings = check(unseededRandomness, cells);
      assert.equal(findings.length, 2);
      const [split, forest] = findings;
      assert.match(split?.message ?? '', /^train_test_split\(\.\.\.\) is called without random_state/);
      assert.equal(textAt(cells, split!), 'train_test_split(X, y, test_size=0.2)');
      assert.equal(split?.fix?.title, 'Add random_state=42');
      assert.equal(
        applyEdits(cells[1]!, split!.fix!.edits),
        'X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=42)',
      );
      assert.equal(forest?.cellIndex, 2);
      assert.match(forest?.message ?? '', /RandomForestClassifier/);
    });

    it('adds random_state inside empty parentheses and keeps trailing commas valid', () => {
      const cells = [
        'from sklearn.cluster import KMeans\nkm = KMeans()',
        'from sklearn.neural_network import MLPClassifier\nclf = MLPClassifier(\n    hidden_layer_sizes=(64,),\n    max_iter=200,\n)',
      ];
      const [km, mlp] = check(unseededRandomness, cells);
      assert.equal(
        applyEdits(cells[0]!, km!.fix!.edits),
        'from sklearn.cluster import KMeans\nkm = KMeans(random_state=42)',
      );
      assert.equal(
        applyEdits(cells[1]!, mlp!.fix!.edits),
        'from sklearn.neural_network import MLPClassifier\nclf = MLPClassifier(\n    hidden_layer_sizes=(64,),\n    max_iter=200, random_state=42,\n)',
      );
    });

    it('resolves module aliases across cells', () => {
      const cells = [
        'from sklearn import ensemble, model_selection as ms',
        'clf = ensemble.ExtraTreesClassifier()\nsplits = ms.ShuffleSplit(n_splits=5)',
      ];
      assert.equal(check(unseededRandomness, cells).length, 2);
    });

    it('accepts random_state (even None), **kwargs, deterministic options and non-random estimators', () => {
      const cells = [
        SKLEARN_IMPORTS + '\nfrom sklearn.svm import SVC\nfrom sklearn.linear_model import LogisticRegression',
        [
          'X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=0)',
          'a = RandomForestClassifier(random_state=None)',
          'b = RandomForestClassifier(**params)',
          'kf = KFold(n_splits=5)',
          'svc = SVC(kernel="rbf")',
          'lr = LogisticRegression(max_iter=1000)',
          'head, tail = train_test_split(df, shuffle=False)',
        ].join('\n'),
      ];
      assert.deepEqual(check(unseededRandomness, cells), []);
    });

    it('flags KFold only with shuffle=True and SVC only with probability=True', () => {
      const cells = [
        SKLEARN_IMPORTS + '\nfrom sklearn.svm import SVC',
        'kf = KFold(n_splits=5, shuffle=True)\nsvc = SVC(probability=True)',
      ];
      assert.equal(check(unseededRandomness, cells).length, 2);
    });

    it('does not flag XGBoost, LightGBM or CatBoost, whose default seeds are fixed', () => {
      const cells = [
        'import xgboost as xgb\nfrom lightgbm import LGBMClassifier\nm1 = xgb.XGBClassifier()\nm2 = LGBMClassifier()',
      ];
      assert.deepEqual(check(unseededRandomness, cells), []);
    });

    it('trusts np.random.seed set earlier (scikit-learn then uses the seeded global generator)', () => {
      const cells = [SKLEARN_IMPORTS + '\nnp.random.seed(42)', 'X_tr, X_te = train_test_split(X)'];
      assert.deepEqual(check(unseededRandomness, cells), []);
    });

    it('does not confuse a local function named like a sklearn one', () => {
      const cells = ['def train_test_split(df):\n    return df[:100], df[100:]\n\ntrain, test = train_test_split(df)'];
      assert.deepEqual(check(unseededRandomness, cells), []);
    });
  });

  describe('global generators', () => {
    it('flags the first NumPy draw when nothing seeds NumPy before it, with an insert-cell fix', () => {
      const cells = [
        'import numpy as np',
        'noise = np.random.normal(0, 1, size=100)\nidx = np.random.permutation(100)',
        'np.random.seed(0)',
      ];
      const findings = check(unseededRandomness, cells);
      assert.equal(findings.length, 1);
      assert.equal(textAt(cells, findings[0]!), 'np.random.normal(0, 1, size=100)');
      assert.deepEqual(findings[0]?.fix?.inserts, [
        { index: 1, kind: 'code', source: 'import numpy as np\n\nnp.random.seed(42)' },
      ]);
    });

    it('reports once per library', () => {
      const cells = [
        'import random\nimport torch\nrandom.shuffle(rows)\nx = torch.randn(3, 4)\ny = torch.rand(2)\nrandom.choice(rows)',
      ];
      const findings = check(unseededRandomness, cells);
      assert.deepEqual(
        findings.map((f) => textAt(cells, f)),
        ['random.shuffle(rows)', 'torch.randn(3, 4)'],
      );
    });

    it('accepts seeds set before the draws, including seed helpers', () => {
      const seeded = [
        ['import numpy as np\nnp.random.seed(42)', 'x = np.random.rand(10)'],
        ['import random\nrandom.seed(1)', 'random.shuffle(rows)'],
        ['import torch\ntorch.manual_seed(0)', 'w = torch.randn(3)'],
        ['import tensorflow as tf\ntf.random.set_seed(7)', 'z = tf.random.normal([2, 2])'],
        ['import numpy as np\nrng = np.random.default_rng(42)', 'x = np.random.rand(10)'],
        ['import lightning as L\nL.seed_everything(42)', 'import numpy as np\nx = np.random.rand(3)'],
        [
          'import random, numpy as np, torch\ndef set_seed(seed):\n    random.seed(seed)\n    np.random.seed(seed)\n    torch.manual_seed(seed)',
          'set_seed(42)\nx = torch.rand(3)',
        ],
      ];
      for (const cells of seeded) assert.deepEqual(check(unseededRandomness, cells), [], cells.join(' | '));
    });

    it('knows seeds by resolved name when the cell never spells "seed", and seed helpers in any case', () => {
      const seeded = [
        ['from numpy.random import seed as fix_rng', 'fix_rng(0)', 'import numpy as np\nx = np.random.rand(3)'],
        ['import numpy as np\nnp.random.SetSEED(1)', 'x = np.random.rand(3)'],
      ];
      for (const cells of seeded) assert.deepEqual(check(unseededRandomness, cells), [], cells.join(' | '));
      const unseeded = ['import numpy as np\nfix_rng(0)', 'x = np.random.rand(3)'];
      assert.equal(check(unseededRandomness, unseeded).length, 1);
    });

    it('flags np.random.default_rng() without a seed', () => {
      const cells = ['import numpy as np\nrng = np.random.default_rng()\nx = rng.normal(size=3)'];
      assert.equal(check(unseededRandomness, cells).length, 1);
    });

    it('ignores methods of seeded generators and names that only look random', () => {
      const cells = [
        'import numpy as np\nrng = np.random.default_rng(0)\nx = rng.normal(size=3)\ndf.sample(frac=0.1, random_state=1)',
      ];
      assert.deepEqual(check(unseededRandomness, cells), []);
    });
  });

  describe('framework training', () => {
    it('flags Keras fit after compile without a TensorFlow seed', () => {
      const cells = [
        'import tensorflow as tf\nfrom tensorflow import keras',
        'model = keras.Sequential([keras.layers.Dense(1, activation="sigmoid")])\nmodel.compile(optimizer="adam", loss="binary_crossentropy")',
        'history = model.fit(X_train, y_train, epochs=5)',
      ];
      const findings = check(unseededRandomness, cells);
      assert.equal(findings.length, 1);
      assert.equal(findings[0]?.cellIndex, 2);
      assert.match(findings[0]?.message ?? '', /Keras training/);
    });

    it('does not flag a scikit-learn fit in a notebook that imports Keras', () => {
      const cells = [
        'import keras\nfrom sklearn.linear_model import LinearRegression',
        'lr = LinearRegression()\nlr.fit(X, y)',
      ];
      assert.deepEqual(check(unseededRandomness, cells), []);
    });

    it('flags a torch optimizer without torch.manual_seed, and not with it', () => {
      const train = 'model = Net()\nopt = torch.optim.Adam(model.parameters(), lr=1e-3)';
      assert.equal(check(unseededRandomness, ['import torch', train]).length, 1);
      assert.deepEqual(check(unseededRandomness, ['import torch\ntorch.manual_seed(0)', train]), []);
    });
  });

  it('can be silenced on a line', () => {
    const cells = [SKLEARN_IMPORTS, 'model = RandomForestClassifier()  # liftoff: ignore[LO402]'];
    assert.deepEqual(check(unseededRandomness, cells), []);
  });
});
