#!/usr/bin/env bash
# Regenerate examples/churn: the bundled CSV and the executed train.ipynb.
#
# The notebook deliberately reads its data from a hard-coded absolute path
# (/home/alice/projects/churn/data/customers.csv) -- that is one of the
# production gaps it demonstrates. To execute it for real, this script points
# that path at examples/churn with a temporary symlink, runs the notebook
# top-to-bottom (execution counts 1..N), then removes the symlink and the
# model.pkl the notebook writes.
#
# Requires Debian's python with: python3-sklearn python3-pandas python3-numpy
#   python3-matplotlib jupyter-nbconvert python3-nbformat python3-ipykernel
# (/usr/bin/python3 is used explicitly so a pyenv python cannot shadow it).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
EXAMPLE="$ROOT/examples/churn"
NOTEBOOK="$EXAMPLE/train.ipynb"
PY=/usr/bin/python3
ALICE_HOME=/home/alice
LINK_PARENT="$ALICE_HOME/projects"
LINK="$LINK_PARENT/churn"

"$PY" -c 'import sklearn, pandas, numpy, matplotlib, nbformat, nbconvert, ipykernel' 2>/dev/null || {
  echo "error: $PY lacks sklearn/pandas/numpy/matplotlib/nbformat/nbconvert/ipykernel." >&2
  echo "  apt-get install -y python3-sklearn python3-pandas python3-numpy python3-matplotlib \\" >&2
  echo "    jupyter-nbconvert python3-nbformat python3-ipykernel" >&2
  exit 1
}

# 1. Data (deterministic).
"$PY" "$EXAMPLE/data/generate_data.py"

# 2. Temporary symlink so the notebook's absolute path resolves.
if [ -e "$LINK" ] && [ ! -L "$LINK" ]; then
  echo "error: $LINK exists and is not a symlink; refusing to touch it." >&2
  exit 1
fi
created_alice=0; created_parent=0
[ -d "$ALICE_HOME" ] || created_alice=1
[ -d "$LINK_PARENT" ] || created_parent=1
KERNEL_DIR="$(mktemp -d)"

cleanup() {
  [ -L "$LINK" ] && rm -f "$LINK"
  [ "$created_parent" = 1 ] && rmdir "$LINK_PARENT" 2>/dev/null || true
  [ "$created_alice" = 1 ] && rmdir "$ALICE_HOME" 2>/dev/null || true
  rm -rf "$KERNEL_DIR"
  rm -f "$EXAMPLE/model.pkl"
}
trap cleanup EXIT

mkdir -p "$LINK_PARENT"
ln -sfn "$EXAMPLE" "$LINK"

# 3. Pin the "python3" kernel to Debian's python (JUPYTER_PATH wins over user
#    and system kernelspecs).
mkdir -p "$KERNEL_DIR/kernels/python3"
cat > "$KERNEL_DIR/kernels/python3/kernel.json" <<JSON
{
 "argv": ["$PY", "-m", "ipykernel_launcher", "-f", "{connection_file}"],
 "display_name": "Python 3 (ipykernel)",
 "language": "python"
}
JSON

# 4. Execute top-to-bottom, in place.
cd "$EXAMPLE"
PATH="/usr/bin:$PATH" JUPYTER_PATH="$KERNEL_DIR" PYDEVD_DISABLE_FILE_VALIDATION=1 \
  "$PY" -m jupyter nbconvert --to notebook --execute --inplace \
  --ExecutePreprocessor.kernel_name=python3 \
  --ExecutePreprocessor.timeout=300 \
  --ExecutePreprocessor.record_timing=False \
  "$NOTEBOOK"

# 5. Normalise: nbformat 4.5 with cell ids, no timing/noise metadata, and
#    check the run was linear and error-free.
"$PY" - "$NOTEBOOK" <<'PYEOF'
import sys
import nbformat

path = sys.argv[1]
nb = nbformat.read(path, as_version=4)
nb.nbformat, nb.nbformat_minor = 4, 5
for cell in nb.cells:
    for key in ("execution", "collapsed", "scrolled", "ExecuteTime"):
        cell.metadata.pop(key, None)
nb.metadata.pop("widgets", None)
nb.metadata.kernelspec = {
    "display_name": "Python 3 (ipykernel)",
    "language": "python",
    "name": "python3",
}

code = [c for c in nb.cells if c.cell_type == "code"]
counts = [c.execution_count for c in code]
assert counts == list(range(1, len(code) + 1)), f"non-linear execution counts: {counts}"
errors = [o for c in code for o in c.outputs if o.output_type == "error"]
assert not errors, f"notebook raised: {errors[0].ename}: {errors[0].evalue}"

nbformat.validate(nb)
nbformat.write(nb, path)
print(f"executed {path}: {len(code)} code cells, counts {counts[0]}..{counts[-1]}")
PYEOF

if [ -f "$EXAMPLE/model.pkl" ]; then echo "model.pkl written by the notebook (removed on exit)"; fi
