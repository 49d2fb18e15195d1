#!/usr/bin/python3
"""Writes the model fixtures in test/fixtures/models/ (all small, all made here, none downloaded).

Run with Debian's Python, which has python3-onnx and python3-sklearn (a pyenv python may shadow it):
    apt-get install -y python3-onnx python3-sklearn
    /usr/bin/python3 scripts/make-model-fixtures.py
    /usr/bin/python3 scripts/make-model-fixtures.py --big /tmp/big.onnx [N]  # N x N MatMul (default 5000: ~100 MB), not committed

The malicious pickles are written as raw opcode bytes and are NEVER loaded, here or anywhere.
"""
import io
import os
import pickle
import random
import sys
import zipfile

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "test", "fixtures", "models")
ML = "ai.onnx.ml"


def save(model, name):
    onnx.checker.check_model(model)
    path = os.path.join(OUT, name)
    onnx.save(model, path)
    return path


def model(graph, opsets, producer="liftoff-fixtures", **kw):
    m = helper.make_model(graph, opset_imports=[helper.make_opsetid(d, v) for d, v in opsets],
                          producer_name=producer, producer_version="1.0", **kw)
    m.ir_version = 8  # onnxruntime-node 1.x loads IR <= 10; 8 is what onnx 1.12 writes
    return m


def linear_classifier():
    """What skl2onnx writes for a LogisticRegression: LinearClassifier + Normalizer + ZipMap."""
    x = helper.make_tensor_value_info("float_input", TensorProto.FLOAT, ["N", 4])
    label = helper.make_tensor_value_info("output_label", TensorProto.INT64, ["N"])
    probs = onnx.ValueInfoProto(name="output_probability")  # seq(map(int64, float)), built by hand for onnx 1.12
    zipmap = probs.type.sequence_type.elem_type.map_type
    zipmap.key_type = TensorProto.INT64
    zipmap.value_type.tensor_type.elem_type = TensorProto.FLOAT
    coef = [0.5, -0.25, 1.0, 0.1, -0.5, 0.25, -1.0, -0.1]
    nodes = [
        helper.make_node("LinearClassifier", ["float_input"], ["label", "scores"], domain=ML,
                         classlabels_ints=[0, 1], coefficients=coef, intercepts=[0.1, -0.1], post_transform="LOGISTIC"),
        helper.make_node("Normalizer", ["scores"], ["probabilities"], domain=ML, norm="L1"),
        helper.make_node("Cast", ["label"], ["output_label"], to=TensorProto.INT64),
        helper.make_node("ZipMap", ["probabilities"], ["output_probability"], domain=ML, classlabels_int64s=[0, 1]),
    ]
    g = helper.make_graph(nodes, "LogisticRegression", [x], [label, probs])
    m = model(g, [("", 13), (ML, 1)], producer="skl2onnx-shaped")
    helper.set_model_props(m, {"trained_on": "iris-like synthetic", "author": "liftoff fixtures"})
    save(m, "linear-classifier-zipmap.onnx")


def tree_classifier():
    """A one-split TreeEnsembleClassifier, as exported for a depth-1 decision tree."""
    x = helper.make_tensor_value_info("input", TensorProto.FLOAT, ["N", 2])
    label = helper.make_tensor_value_info("label", TensorProto.INT64, ["N"])
    probs = helper.make_tensor_value_info("probabilities", TensorProto.FLOAT, ["N", 2])
    node = helper.make_node(
        "TreeEnsembleClassifier", ["input"], ["label", "probabilities"], domain=ML,
        classlabels_int64s=[0, 1], nodes_treeids=[0, 0, 0], nodes_nodeids=[0, 1, 2], nodes_featureids=[0, 0, 0],
        nodes_values=[0.5, 0.0, 0.0], nodes_modes=["BRANCH_LEQ", "LEAF", "LEAF"], nodes_truenodeids=[1, 0, 0],
        nodes_falsenodeids=[2, 0, 0], nodes_hitrates=[1.0, 1.0, 1.0], nodes_missing_value_tracks_true=[0, 0, 0],
        class_treeids=[0, 0], class_nodeids=[1, 2], class_ids=[0, 1], class_weights=[1.0, 1.0],
        post_transform="NONE")
    save(model(helper.make_graph([node], "DecisionTree", [x], [label, probs]), [("", 13), (ML, 1)]),
         "tree-classifier.onnx")


def matmul_add():
    """Y = X @ W + B with a dynamic batch dim 'N'."""
    rng = np.random.default_rng(0)
    w = numpy_helper.from_array(rng.standard_normal((4, 3)).astype(np.float32), "W")
    b = numpy_helper.from_array(rng.standard_normal((3,)).astype(np.float32), "B")
    x = helper.make_tensor_value_info("X", TensorProto.FLOAT, ["N", 4])
    y = helper.make_tensor_value_info("Y", TensorProto.FLOAT, ["N", 3])
    nodes = [helper.make_node("MatMul", ["X", "W"], ["XW"]), helper.make_node("Add", ["XW", "B"], ["Y"])]
    save(model(helper.make_graph(nodes, "linear", [x], [y], initializer=[w, b]), [("", 17)]), "matmul-add.onnx")


def two_inputs():
    a = helper.make_tensor_value_info("a", TensorProto.FLOAT, ["batch", 3])
    b = helper.make_tensor_value_info("b", TensorProto.FLOAT, ["batch", 3])
    k = helper.make_tensor_value_info("k", TensorProto.INT64, [1])
    out = helper.make_tensor_value_info("sum", TensorProto.FLOAT, ["batch", 3])
    idx = helper.make_tensor_value_info("k_out", TensorProto.INT64, [1])
    nodes = [helper.make_node("Add", ["a", "b"], ["sum"]), helper.make_node("Identity", ["k"], ["k_out"])]
    save(model(helper.make_graph(nodes, "two_inputs", [a, b, k], [out, idx]), [("", 17)]), "two-inputs.onnx")


def string_input():
    """A string categorical column mapped to ids, as sklearn's OrdinalEncoder-like exports do."""
    x = helper.make_tensor_value_info("city", TensorProto.STRING, ["N", 1])
    y = helper.make_tensor_value_info("city_id", TensorProto.INT64, ["N", 1])
    node = helper.make_node("CategoryMapper", ["city"], ["city_id"], domain=ML,
                            cats_strings=["paris", "lyon", "nice"], cats_int64s=[0, 1, 2], default_int64=-1)
    save(model(helper.make_graph([node], "encode_city", [x], [y]), [("", 13), (ML, 1)]), "string-input.onnx")


def nan_output():
    """(X - X) / (X - X): always NaN, for the NaN/Inf check."""
    x = helper.make_tensor_value_info("X", TensorProto.FLOAT, ["N", 2])
    y = helper.make_tensor_value_info("Y", TensorProto.FLOAT, ["N", 2])
    nodes = [helper.make_node("Sub", ["X", "X"], ["Z"]), helper.make_node("Div", ["Z", "Z"], ["Y"])]
    save(model(helper.make_graph(nodes, "nan", [x], [y]), [("", 17)]), "nan-output.onnx")


def nondeterministic():
    """RandomUniformLike without a seed: two runs on the same input differ."""
    x = helper.make_tensor_value_info("X", TensorProto.FLOAT, ["N", 4])
    y = helper.make_tensor_value_info("Y", TensorProto.FLOAT, ["N", 4])
    nodes = [helper.make_node("RandomUniformLike", ["X"], ["R"]), helper.make_node("Add", ["X", "R"], ["Y"])]
    save(model(helper.make_graph(nodes, "noisy", [x], [y]), [("", 17)]), "nondeterministic.onnx")


def external_data():
    """Weights in a side file (external data), and a copy whose side file is missing."""
    w = numpy_helper.from_array(np.arange(12, dtype=np.float32).reshape(4, 3), "W")
    x = helper.make_tensor_value_info("X", TensorProto.FLOAT, ["N", 4])
    y = helper.make_tensor_value_info("Y", TensorProto.FLOAT, ["N", 3])
    g = helper.make_graph([helper.make_node("MatMul", ["X", "W"], ["Y"])], "ext", [x], [y], initializer=[w])
    m = model(g, [("", 17)])
    onnx.save_model(m, os.path.join(OUT, "external-data.onnx"), save_as_external_data=True,
                    all_tensors_to_one_file=True, location="external-data.onnx.data", size_threshold=0)
    m2 = onnx.load(os.path.join(OUT, "external-data.onnx"), load_external_data=False)
    for t in m2.graph.initializer:
        for e in t.external_data:
            if e.key == "location":
                e.value = "missing-weights.bin"
    onnx.save_model(m2, os.path.join(OUT, "external-missing.onnx"))


def broken_files():
    with open(os.path.join(OUT, "matmul-add.onnx"), "rb") as f:
        data = f.read()
    with open(os.path.join(OUT, "truncated.onnx"), "wb") as f:
        f.write(data[: len(data) * 2 // 3])
    with open(os.path.join(OUT, "random-bytes.onnx"), "wb") as f:
        f.write(random.Random(4).randbytes(4096))


def pickles():
    from sklearn.linear_model import LogisticRegression
    import joblib
    rng = np.random.default_rng(0)
    x = rng.standard_normal((40, 3))
    clf = LogisticRegression(random_state=0).fit(x, (x[:, 0] > 0).astype(int))
    with open(os.path.join(OUT, "logreg.pkl"), "wb") as f:
        pickle.dump(clf, f, protocol=4)
    joblib.dump(clf, os.path.join(OUT, "logreg.joblib"))
    joblib.dump(clf, os.path.join(OUT, "logreg-zlib.joblib"), compress=("zlib", 3))
    # Hand-written opcodes; never unpickled. Protocol 0: GLOBAL 'os system', MARK, STRING, TUPLE, REDUCE.
    with open(os.path.join(OUT, "malicious-os-system.pkl"), "wb") as f:
        f.write(b"cos\nsystem\n(S'touch /tmp/liftoff-pwned'\ntR.")
    with open(os.path.join(OUT, "malicious-stack-global.pkl"), "wb") as f:
        f.write(stack_global_payload())
    write_pt("torch-like.pt", torch_like_pickle(), zipfile.ZIP_STORED)
    write_pt("malicious.pt", stack_global_payload(), zipfile.ZIP_DEFLATED)


def short(s):
    b = s.encode()
    return b"\x8c" + bytes([len(b)]) + b  # SHORT_BINUNICODE


def stack_global_payload():
    """Protocol 4: 'builtins' and 'exec' memoized, fetched back with BINGET, then STACK_GLOBAL + REDUCE."""
    return (b"\x80\x04\x95\x00\x00\x00\x00\x00\x00\x00\x00"  # PROTO 4, FRAME
            + short("builtins") + b"\x94"  # MEMOIZE -> 0
            + short("exec") + b"\x94"  # MEMOIZE -> 1
            + b"0" + b"0"  # POP, POP
            + b"h\x00h\x01"  # BINGET 0, BINGET 1
            + b"\x93"  # STACK_GLOBAL builtins.exec
            + short("open('/tmp/liftoff-pwned','w').close()") + b"\x85R.")  # TUPLE1, REDUCE, STOP


def torch_like_pickle():
    """The shape of torch.save's data.pkl: an OrderedDict of tensors rebuilt by torch._utils."""
    return (b"\x80\x02ccollections\nOrderedDict\nq\x00)Rq\x01"
            + b"X\x06\x00\x00\x00weightq\x02"
            + b"ctorch._utils\n_rebuild_tensor_v2\nq\x03"
            + b"((X\x07\x00\x00\x00storageq\x04ctorch\nFloatStorage\nq\x05X\x01\x00\x00\x000q\x06X\x03\x00\x00\x00cpuq\x07K\x04tq\x08"
            + b"QK\x00K\x04\x85K\x01\x85\x89ccollections\nOrderedDict\n)Rtq\tRq\ns.")


def write_pt(name, data_pkl, compression):
    with zipfile.ZipFile(os.path.join(OUT, name), "w", compression=compression) as z:
        z.writestr("archive/data.pkl", data_pkl)
        z.writestr("archive/version", "3\n")
        z.writestr("archive/data/0", np.arange(4, dtype=np.float32).tobytes())


def big(path, n=5000):
    """An n x n MatMul model (n=5000: ~100 MB of weights) for the benchmarks; written outside the repo."""
    w = numpy_helper.from_array(np.ones((n, n), dtype=np.float32), "W")
    x = helper.make_tensor_value_info("X", TensorProto.FLOAT, ["N", n])
    y = helper.make_tensor_value_info("Y", TensorProto.FLOAT, ["N", n])
    g = helper.make_graph([helper.make_node("MatMul", ["X", "W"], ["Y"])], "big", [x], [y], initializer=[w])
    onnx.save(model(g, [("", 17)]), path)


def main():
    if len(sys.argv) in (3, 4) and sys.argv[1] == "--big":
        big(sys.argv[2], *[int(a) for a in sys.argv[3:]])
        return
    os.makedirs(OUT, exist_ok=True)
    for make in (linear_classifier, tree_classifier, matmul_add, two_inputs, string_input, nan_output,
                 nondeterministic, external_data, broken_files, pickles):
        make()
    for name in sorted(os.listdir(OUT)):
        size = os.path.getsize(os.path.join(OUT, name))
        assert size < 50_000, f"{name} is {size} bytes: fixtures must stay small"
        print(f"{size:>7}  {name}")


if __name__ == "__main__":
    main()
