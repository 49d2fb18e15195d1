/**
 * Regression fixtures for what the hand-labelled corpus run (npm run precision) showed Liftoff
 * missing or misreporting. Each fixture is realistic notebook code in the pattern that was found,
 * written here (not copied from the corpus).
 */
import { strict as assert } from 'node:assert';
import { accuracyOnly } from '../../../src/core/rules/accuracy-only';
import { multiTestLeakage } from '../../../src/core/rules/multi-test-leakage';
import { oversamplingBeforeSplit } from '../../../src/core/rules/oversampling-before-split';
import { preprocessingLeakage } from '../../../src/core/rules/preprocessing-leakage';
import { unseededRandomness } from '../../../src/core/rules/unseeded-randomness';
import { check, textAt } from '../helpers';
import { IMPORTS, LOAD } from './leakage-rules.fixtures';

const CHURN = 'df = pd.read_csv("data/telecom_churn.csv")\ndf2 = pd.get_dummies(df.drop(columns=["customerID"]))';

describe('regressions from the labelled corpus', () => {
  describe('LO202: pandas sample(replace=True) upsampling', () => {
    it('flags minority rows drawn again with .sample(n, replace=True) before the split', () => {
      const cells = [
        IMPORTS,
        CHURN,
        'count_class_0, count_class_1 = df2.Churn.value_counts()\ndf_class_0 = df2[df2["Churn"] == 0]\ndf_class_1 = df2[df2["Churn"] == 1]',
        'df_class_1_over = df_class_1.sample(count_class_0, replace=True)\ndf_over = pd.concat([df_class_0, df_class_1_over], axis=0)\nprint(df_over.Churn.value_counts())',
        'X = df_over.drop("Churn", axis="columns")\ny = df_over["Churn"]\nX_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=15, stratify=y)',
        'model = LogisticRegression().fit(X_train, y_train)\nprint(classification_report(y_test, model.predict(X_test)))',
      ];
      const [f, ...rest] = check(oversamplingBeforeSplit, cells);
      assert.equal(rest.length, 0);
      assert.equal(textAt(cells, f!), 'df_class_1.sample(count_class_0, replace=True)');
      assert.equal(f?.cellIndex, 3);
      assert.equal(f?.related?.[0]?.cellIndex, 4);
    });

    it('accepts undersampling (.sample without replacement) and upsampling the training part', () => {
      const cells = [
        IMPORTS,
        CHURN,
        'df_class_0 = df2[df2["Churn"] == 0]\ndf_class_1 = df2[df2["Churn"] == 1]\ndf_under = pd.concat([df_class_0.sample(len(df_class_1)), df_class_1])',
        'X_train, X_test, y_train, y_test = train_test_split(df_under.drop("Churn", axis=1), df_under.Churn, stratify=df_under.Churn)',
        'train = X_train.assign(Churn=y_train)\nminority = train[train.Churn == 1]\ntrain_up = pd.concat([train[train.Churn == 0], minority.sample(len(train) // 2, replace=True, random_state=0)])',
        'model = LogisticRegression().fit(train_up.drop("Churn", axis=1), train_up.Churn)\nprint(classification_report(y_test, model.predict(X_test)))',
      ];
      assert.deepEqual(check(oversamplingBeforeSplit, cells), []);
    });
  });

  describe('LO203: models compared on a test set the dataflow did not see', () => {
    it('flags models compared on complementary slices of a dataset bunch (mnist["data"][60000:])', () => {
      const cells = [
        IMPORTS + '\nfrom sklearn.datasets import fetch_openml\nfrom sklearn.decomposition import PCA',
        'mnist = fetch_openml("mnist_784", version=1, as_frame=False)',
        'X_train = mnist["data"][:60000]\ny_train = mnist["target"][:60000]\nX_test = mnist["data"][60000:]\ny_test = mnist["target"][60000:]',
        'rnd_clf = RandomForestClassifier(n_estimators=100, random_state=42)\nrnd_clf.fit(X_train, y_train)\naccuracy_score(y_test, rnd_clf.predict(X_test))',
        'pca = PCA(n_components=0.95)\nX_train_reduced = pca.fit_transform(X_train)\nrnd_clf2 = RandomForestClassifier(n_estimators=100, random_state=42)\nrnd_clf2.fit(X_train_reduced, y_train)',
        'X_test_reduced = pca.transform(X_test)\ny_pred = rnd_clf2.predict(X_test_reduced)\naccuracy_score(y_test, y_pred)',
      ];
      const [f, ...rest] = check(multiTestLeakage, cells);
      assert.equal(rest.length, 0);
      assert.equal(f?.cellIndex, 5);
      assert.equal(f?.related?.[0]?.cellIndex, 2);
    });

    it('flags the best estimators of several grid searches, kept in a dict, each scored on the test set', () => {
      const cells = [
        IMPORTS + '\nfrom sklearn.svm import SVC\nfrom sklearn.pipeline import make_pipeline, Pipeline',
        LOAD,
        'X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)\npipe = Pipeline([("scaler", StandardScaler()), ("svc", SVC(C=10))])\npipe.fit(X_train, y_train)\npipe.score(X_test, y_test)',
        'model_params = {"svm": {"model": SVC(), "params": {"svc__C": [1, 10]}}, "logistic_regression": {"model": LogisticRegression(), "params": {"logisticregression__C": [1, 5]}}}',
        'best_estimators = {}\nfor algo, mp in model_params.items():\n    clf = GridSearchCV(make_pipeline(StandardScaler(), mp["model"]), mp["params"], cv=5)\n    clf.fit(X_train, y_train)\n    best_estimators[algo] = clf.best_estimator_',
        'best_estimators["svm"].score(X_test, y_test)',
        'best_estimators["logistic_regression"].score(X_test, y_test)',
      ];
      const [f, ...rest] = check(multiTestLeakage, cells);
      assert.equal(rest.length, 0);
      assert.equal(textAt(cells, f!), 'best_estimators["svm"].score(X_test, y_test)');
    });

    it('keeps a table that only received cluster labels as data (km.labels_ is not a model)', () => {
      const cells = [
        IMPORTS + '\nfrom sklearn.cluster import KMeans',
        LOAD,
        'km = KMeans(n_clusters=4, random_state=0, n_init=10).fit(df[["tenure", "monthly_charges"]])\ndf["cluster"] = km.labels_',
        'num_cols = ["tenure", "monthly_charges"]\nscaler = StandardScaler()\ndf[num_cols] = scaler.fit_transform(df[num_cols])',
        'X = df.drop(columns=["churned"])\ny = df["churned"]\nX_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)',
        'model = LogisticRegression().fit(X_train, y_train)\nprint(classification_report(y_test, model.predict(X_test)))',
      ];
      const [f, ...rest] = check(preprocessingLeakage, cells);
      assert.equal(rest.length, 0);
      assert.equal(textAt(cells, f!), 'scaler.fit_transform(df[num_cols])');
    });

    it('flags models fitted in one loop and scored through a helper in a later loop over the same dict', () => {
      const cells = [
        IMPORTS + '\nfrom sklearn.metrics import roc_auc_score, f1_score',
        LOAD,
        'X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=42, stratify=y)',
        'pipelines = {"lr": LogisticRegression(max_iter=1000), "rf": RandomForestClassifier(random_state=42)}\nfor name, pipe in pipelines.items():\n    pipe.fit(X_train, y_train)',
        'def evaluate_model(pipeline, X_eval, y_eval):\n    y_pred = pipeline.predict(X_eval)\n    return {"f1": f1_score(y_eval, y_pred), "auc": roc_auc_score(y_eval, pipeline.predict_proba(X_eval)[:, 1])}',
        'results = {}\nfor name, pipe in pipelines.items():\n    results[name] = evaluate_model(pipe, X_test, y_test)\nbest = max(results, key=lambda n: results[n]["auc"])',
      ];
      const [f, ...rest] = check(multiTestLeakage, cells);
      assert.equal(rest.length, 0);
      assert.equal(f?.cellIndex, 5);
      assert.match(f?.message ?? '', /refitted in a loop/);
    });

    it('accepts one model trained over epochs in a loop and scored per group in another loop', () => {
      const cells = [
        IMPORTS + '\nfrom sklearn.linear_model import SGDClassifier',
        LOAD,
        'X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=0)\nregion_test = X_test["region"]',
        'sgd = SGDClassifier(warm_start=True, max_iter=1, tol=None, random_state=0)\nfor epoch in range(20):\n    sgd.fit(X_train, y_train)',
        'for region in ["north", "south"]:\n    mask = region_test == region\n    print(region, sgd.score(X_test[mask], y_test[mask]))',
      ];
      assert.deepEqual(check(multiTestLeakage, cells), []);
    });

    it('accepts a test set scored only after the models were compared on a validation split of the training part', () => {
      const cells = [
        IMPORTS + '\nfrom sklearn.ensemble import ExtraTreesClassifier, VotingClassifier',
        LOAD,
        'X_train_val, X_test, y_train_val, y_test = train_test_split(X, y, test_size=0.2, random_state=42)\nX_train, X_val, y_train, y_val = train_test_split(X_train_val, y_train_val, test_size=0.25, random_state=42)',
        'estimators = [RandomForestClassifier(random_state=42), ExtraTreesClassifier(random_state=42), LogisticRegression()]\nfor estimator in estimators:\n    estimator.fit(X_train, y_train)',
        '[estimator.score(X_val, y_val) for estimator in estimators]',
        'voting_clf = VotingClassifier([("rf", estimators[0]), ("et", estimators[1]), ("lr", estimators[2])])\nvoting_clf.fit(X_train, y_train)\nvoting_clf.score(X_val, y_val)',
        'voting_clf.score(X_test, y_test)',
        '[estimator.score(X_test, y_test) for estimator in voting_clf.estimators_]',
      ];
      assert.deepEqual(check(multiTestLeakage, cells), []);
    });

    it('still flags models compared on the test set when the validation split only monitored training', () => {
      const cells = [
        IMPORTS,
        LOAD,
        'X_train_full, X_test, y_train_full, y_test = train_test_split(X, y, random_state=42)\nX_train, X_valid, y_train, y_valid = train_test_split(X_train_full, y_train_full, random_state=42)',
        'lr = LogisticRegression().fit(X_train, y_train)\nprint(lr.score(X_test, y_test))',
        'rf = RandomForestClassifier().fit(X_train, y_train)\nprint(rf.score(X_test, y_test))',
      ];
      assert.equal(check(multiTestLeakage, cells).length, 1);
    });

    const PCA_CELLS = (seed2: number): string[] => [
      IMPORTS + '\nfrom sklearn.decomposition import PCA\nfrom sklearn.datasets import load_digits',
      'dataset = load_digits()\nX = pd.DataFrame(dataset.data, columns=dataset.feature_names)\ny = dataset.target',
      'scaler = StandardScaler()\nX_scaled = scaler.fit_transform(X)\nX_train, X_test, y_train, y_test = train_test_split(X_scaled, y, test_size=0.2, random_state=30)',
      'model = LogisticRegression()\nmodel.fit(X_train, y_train)\nmodel.score(X_test, y_test)',
      'pca = PCA(0.95)\nX_pca = pca.fit_transform(X)',
      `X_train_pca, X_test_pca, y_train, y_test = train_test_split(X_pca, y, test_size=0.2, random_state=${seed2})`,
      'model = LogisticRegression(max_iter=1000)\nmodel.fit(X_train_pca, y_train)\nmodel.score(X_test_pca, y_test)',
    ];

    it('flags feature sets compared on twin splits (same y, same random_state and size: the same test rows)', () => {
      const cells = PCA_CELLS(30);
      const [f, ...rest] = check(multiTestLeakage, cells);
      assert.equal(rest.length, 0);
      assert.equal(textAt(cells, f!), 'model.score(X_test_pca, y_test)');
      assert.equal(f?.related?.[1]?.cellIndex, 3);
    });

    it('does not pair splits drawn with different seeds', () => {
      assert.deepEqual(check(multiTestLeakage, PCA_CELLS(7)), []);
    });
  });

  describe('LO402: estimators seeded by their ensemble', () => {
    const BAGGING =
      IMPORTS + '\nfrom sklearn.ensemble import BaggingClassifier\nfrom sklearn.tree import DecisionTreeClassifier';

    it('accepts a base estimator inside a BaggingClassifier that has random_state', () => {
      const cells = [
        BAGGING,
        LOAD,
        'X_train, X_test, y_train, y_test = train_test_split(X, y, stratify=y, random_state=10)',
        'bag_model = BaggingClassifier(\n    base_estimator=DecisionTreeClassifier(),\n    n_estimators=100,\n    max_samples=0.8,\n    oob_score=True,\n    random_state=0\n)\nbag_model.fit(X_train, y_train)\nbag_model.score(X_test, y_test)',
      ];
      assert.deepEqual(check(unseededRandomness, cells), []);
    });

    it('still flags the base estimator when the ensemble itself is unseeded', () => {
      const cells = [
        BAGGING,
        LOAD,
        'X_train, X_test, y_train, y_test = train_test_split(X, y, stratify=y, random_state=10)',
        'bag_model = BaggingClassifier(base_estimator=DecisionTreeClassifier(), n_estimators=100)\nbag_model.fit(X_train, y_train)',
      ];
      const texts = check(unseededRandomness, cells).map((f) => textAt(cells, f));
      assert.deepEqual(texts, [
        'BaggingClassifier(base_estimator=DecisionTreeClassifier(), n_estimators=100)',
        'DecisionTreeClassifier()',
      ]);
    });
  });

  describe('LO301: a confusion matrix from TensorFlow counts as another metric', () => {
    const KERAS = 'import numpy as np\nimport tensorflow as tf\nfrom tensorflow import keras\nimport seaborn as sn';
    const MODEL =
      '(X_train, y_train), (X_test, y_test) = keras.datasets.mnist.load_data()\nX_train_flattened = X_train.reshape(len(X_train), 28 * 28) / 255\nX_test_flattened = X_test.reshape(len(X_test), 28 * 28) / 255\nmodel = keras.Sequential([keras.layers.Dense(10, input_shape=(784,), activation="sigmoid")])\nmodel.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])\nmodel.fit(X_train_flattened, y_train, epochs=5)';

    it('accepts accuracy when tf.math.confusion_matrix is also drawn', () => {
      const cells = [
        KERAS,
        MODEL,
        'y_predicted = model.predict(X_test_flattened)\ny_predicted_labels = [np.argmax(i) for i in y_predicted]\ncm = tf.math.confusion_matrix(labels=y_test, predictions=y_predicted_labels)\nsn.heatmap(cm, annot=True, fmt="d")',
      ];
      assert.deepEqual(check(accuracyOnly, cells), []);
    });

    it('still flags accuracy alone', () => {
      const cells = [KERAS, MODEL, 'model.evaluate(X_test_flattened, y_test)'];
      assert.equal(check(accuracyOnly, cells).length, 1);
    });
  });
});
