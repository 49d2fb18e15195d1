#!/usr/bin/python3
"""Writes and executes the notebooks in test/fixtures/labels/ for the LO105 inconsistent-labels tests.

Their outputs (pandas value_counts() tables and unique() arrays) are real: each notebook is run
top to bottom in a kernel of this Python, on a small CSV this script writes. Run with Debian's Python:
    apt-get install -y python3-pandas python3-sklearn jupyter-nbconvert python3-nbformat python3-ipykernel
    /usr/bin/python3 scripts/make-label-fixtures.py
"""
import json
import os
import random
import sys
import tempfile

import nbformat
from nbconvert.preprocessors import ExecutePreprocessor

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "test", "fixtures", "labels")

IMPORTS = """%precision 3
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split"""

LOAD = 'df = pd.read_csv("data/churn.csv")\ndf.head()'

TRAIN = """X = pd.get_dummies(df[["tenure", "gender", "plan"]])
y = df["churn"]
X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0, stratify=y)
model = LogisticRegression(max_iter=1000).fit(X_train, y_train)
model.score(X_test, y_test)"""

NOTEBOOKS = {
    # Raw spellings shown by value_counts() (the trailing space does not show), unique() and a loop.
    "inconsistent.ipynb": [
        IMPORTS,
        LOAD,
        'df["churn"].value_counts()',
        "df.gender.unique()",
        'for col in ["plan"]:\n    print(df[col].value_counts())',
        TRAIN,
    ],
    # The same raw outputs, then every column is normalised before training.
    "normalised.ipynb": [
        IMPORTS,
        LOAD,
        'df["churn"].value_counts()',
        "df.gender.unique()",
        'for col in ["plan"]:\n    print(df[col].value_counts())',
        """df["churn"] = df["churn"].str.strip().str.lower().replace({"y": "yes"})
df["gender"] = df["gender"].str.lower().map({"male": "male", "female": "female", "f": "female"})
df["plan"] = df["plan"].str.strip().str.title()
df["churn"].value_counts()""",
        TRAIN,
    ],
    # A two-column value_counts() prints a MultiIndex: its rows are pairs, not one column's values.
    "multiindex.ipynb": [
        IMPORTS,
        LOAD,
        'df[["gender", "churn"]].value_counts().sort_index()',
        TRAIN,
    ],
}


def write_data(folder):
    rng = random.Random(7)
    os.makedirs(os.path.join(folder, "data"))
    churn = ["Yes"] * 14 + ["No"] * 20 + ["yes"] * 3 + ["Y "] * 3
    gender = ["Male", "male", "Female", "F"]
    plan = ["Basic", "basic ", "Premium"]
    with open(os.path.join(folder, "data", "churn.csv"), "w") as f:
        f.write("tenure,gender,plan,churn\n")
        for label in churn:
            f.write(f"{rng.randint(1, 72)},{rng.choice(gender)},{rng.choice(plan)},{label}\n")


def kernel_dir(folder):
    spec = os.path.join(folder, "kernels", "python3")
    os.makedirs(spec)
    with open(os.path.join(spec, "kernel.json"), "w") as f:
        json.dump({"argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
                   "display_name": "Python 3", "language": "python"}, f)


def main():
    os.makedirs(OUT, exist_ok=True)
    with tempfile.TemporaryDirectory() as work:
        write_data(work)
        kernel_dir(work)
        os.environ["JUPYTER_PATH"] = work
        os.environ["PYDEVD_DISABLE_FILE_VALIDATION"] = "1"
        for name, sources in NOTEBOOKS.items():
            nb = nbformat.v4.new_notebook()
            nb.cells = [nbformat.v4.new_code_cell(s) for s in sources]
            for i, cell in enumerate(nb.cells):
                cell.id = f"cell-{i + 1}"
            nb.metadata = {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
                           "language_info": {"name": "python"}}
            ExecutePreprocessor(timeout=120, kernel_name="python3", record_timing=False).preprocess(
                nb, {"metadata": {"path": work}})
            for cell in nb.cells:
                cell.metadata = {}
                assert not any(o.get("output_type") == "error" for o in cell.outputs), cell.source
            nbformat.write(nb, os.path.join(OUT, name))
            print("wrote", os.path.join(OUT, name))


if __name__ == "__main__":
    main()
