"""Goldens read from the Keras 3 source itself (no Keras runtime here): the `__init__` and `call`
signatures of the layers in the catalogue, and auto-names produced by running Keras' own
keras/src/utils/naming.py functions. Writes test/oracle/goldens/keras/keras_source.json.

Run with the Keras checkout: /usr/bin/python3 test/oracle/keras/keras_source_goldens.py [KERAS_DIR]
(default /work/corpus/keras-team+keras). Without the checkout it says so and changes nothing.
"""
import ast
import collections
import json
import os
import sys

KERAS = sys.argv[1] if len(sys.argv) > 1 else "/work/corpus/keras-team+keras"
OUT = os.path.join(os.path.dirname(__file__), "..", "goldens", "keras", "keras_source.json")


def exported_classes():
    """keras.layers.<Name> -> (file, class node) for every exported layer class."""
    root = os.path.join(KERAS, "keras", "src", "layers")
    classes = {}
    by_name = {}
    for dirpath, _, files in os.walk(root):
        for f in sorted(files):
            if not f.endswith(".py") or f.endswith("_test.py"):
                continue
            path = os.path.join(dirpath, f)
            tree = ast.parse(open(path).read())
            for node in tree.body:
                if not isinstance(node, ast.ClassDef):
                    continue
                by_name[node.name] = (path, node)
                for d in node.decorator_list:
                    if isinstance(d, ast.Call) and getattr(d.func, "id", "") == "keras_export":
                        names = ast.literal_eval(d.args[0])
                        for n in [names] if isinstance(names, str) else names:
                            classes[n] = (path, node)
    return classes, by_name


def method(node, name, by_name):
    """The method `name` of a class or of its first base that defines it (in the same source tree)."""
    while node is not None:
        for item in node.body:
            if isinstance(item, ast.FunctionDef) and item.name == name:
                return item
        base = node.bases[0] if node.bases else None
        base_name = base.attr if isinstance(base, ast.Attribute) else getattr(base, "id", None)
        node = by_name.get(base_name, (None, None))[1]
    return None


def params(fn):
    """[name, kind, default-source-or-null] without self, **kwargs dropped."""
    out = []
    a = fn.args
    positional = a.posonlyargs + a.args
    defaults = [None] * (len(positional) - len(a.defaults)) + list(a.defaults)
    for arg, d in zip(positional, defaults):
        if arg.arg != "self":
            out.append([arg.arg, "positional-or-keyword", None if d is None else ast.unparse(d)])
    for arg, d in zip(a.kwonlyargs, a.kw_defaults):
        out.append([arg.arg, "keyword-only", None if d is None else ast.unparse(d)])
    return out


def signatures():
    classes, by_name = exported_classes()
    out = {}
    for name, (path, node) in sorted(classes.items()):
        if not name.startswith("keras.layers."):
            continue
        init = method(node, "__init__", by_name)
        call = method(node, "call", by_name)
        out[name] = {
            "file": os.path.relpath(path, KERAS),
            "init": params(init) if init else None,
            "call": params(call) if call else None,
        }
    return out


def auto_names():
    """Run naming.py's to_snake_case and uniquify (global state replaced by a dict)."""
    src = open(os.path.join(KERAS, "keras", "src", "utils", "naming.py")).read()
    tree = ast.parse(src)
    keep = [n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name in ("to_snake_case", "uniquify", "auto_name")]
    uids = collections.defaultdict(int)

    class GlobalState:
        @staticmethod
        def get_global_attribute(name, default=None, set_to_default=False):
            return uids

    namespace = {"re": __import__("re"), "collections": collections, "global_state": GlobalState}
    exec(compile(ast.Module(body=keep, type_ignores=[]), "naming.py", "exec"), namespace)
    sequence = ["Dense", "Dense", "Conv2D", "Dense", "SimpleRNN", "MaxPooling2D", "Conv2D", "LSTM", "BatchNormalization",
                "GlobalAveragePooling1D", "Conv2DTranspose", "ReLU", "PReLU", "UpSampling2D", "ZeroPadding2D", "Cropping2D",
                "LayerNormalization", "TimeDistributed", "Bidirectional", "InputLayer", "MultiHeadAttention", "Dense",
                "Conv1DTranspose", "SeparableConv2D", "GRU", "InputLayer"]
    return [[c, namespace["auto_name"](c)] for c in sequence]


def main():
    if not os.path.isdir(os.path.join(KERAS, "keras", "src")):
        print(f"no Keras source at {KERAS}; keras_source.json left as it is")
        return
    data = {"signatures": signatures(), "autoNames": auto_names()}
    with open(OUT, "w") as f:
        f.write("{\n")
        f.write(' "autoNames": [\n' + ",\n".join(f"  {json.dumps(n)}" for n in data["autoNames"]) + "\n ],\n")
        f.write(' "signatures": {\n' + ",\n".join(f"  {json.dumps(k)}: {json.dumps(v)}" for k, v in data["signatures"].items()) + "\n }\n}\n")
    print(f"{len(data['signatures'])} Keras layer signatures and {len(data['autoNames'])} auto-names from {KERAS}")


main()
