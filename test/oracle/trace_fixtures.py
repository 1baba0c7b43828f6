#!/usr/bin/env python3
"""Run each fixture model file under real PyTorch and record, for every name bound by an
assignment, augmented assignment or for-loop target (and each function parameter), the shapes of
the tensors it was bound to (and, under "values", the ints, the tuples or lists of ints and of tensors
bound there: the engine hints sizes and tuples too), plus the exception the file raises (type, message, and the line of
the innermost frame in the file). Writes test/oracle/goldens/fixtures/<name>.json.

    /usr/bin/python3 test/oracle/trace_fixtures.py [fixture.py ...]
"""
import ast
import json
import os
import sys
import traceback
import warnings

import torch

from offline_weights import offline_weights
from torch_newer import newer_layers

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
DIRS = [os.path.join(ROOT, "test", "fixtures", "python"), os.path.join(ROOT, "examples")]
OUT = os.path.join(HERE, "goldens", "fixtures")
# Model files nothing calls, each traced with its driver (uncalled/drivers/<name>.py) appended.
UNCALLED = os.path.join(ROOT, "test", "fixtures", "python", "uncalled")
UNCALLED_OUT = os.path.join(HERE, "goldens", "uncalled")
# einops is not installed here: fixtures that import it run on its PyTorch translation (test/oracle/einops).
EINOPS_SHIM = os.path.join(HERE, "einops", "einops_shim")
# pytorch_lightning is not installed here either: fixtures that import it run on the part of it they use.
LIGHTNING_SHIM = os.path.join(HERE, "lightning_shim")
# Nor is timm: fixtures that import its helpers (to_2tuple, DropPath, trunc_normal_) run on them.
TIMM_SHIM = os.path.join(HERE, "timm_shim")
# Nor fairscale: its model-parallel layers on one process (LLaMA's ColumnParallelLinear...).
FAIRSCALE_SHIM = os.path.join(HERE, "fairscale_shim")
# Nor mmcv: its layer bricks (ConvModule, build_norm_layer...) as the torch layers they build.
MMCV_SHIM = os.path.join(HERE, "mmcv_shim")
# Nor detectron2: its Conv2d with norm= and activation=, and get_norm.
DETECTRON2_SHIM = os.path.join(HERE, "detectron2_shim")
# Nor rotary-embedding-torch: its RotaryEmbedding, as lucidrains' attention code builds it.
ROTARY_SHIM = os.path.join(HERE, "rotary_shim")
# Each stand-in, with the module whose import in a fixture puts it on the path.
SHIMS = [("einops", EINOPS_SHIM), ("pytorch_lightning", LIGHTNING_SHIM), ("timm", TIMM_SHIM), ("fairscale", FAIRSCALE_SHIM),
         ("mmcv", MMCV_SHIM), ("detectron2", DETECTRON2_SHIM), ("rotary_embedding_torch", ROTARY_SHIM)]
warnings.filterwarnings("ignore")
torch.set_num_threads(1)


class Instrument(ast.NodeTransformer):
    """After each binding statement, call __record__(line, col, name, value) for each name."""

    def __init__(self, source):
        self.lines = source.split("\n")

    def column(self, node):
        """1-based column in UTF-16 code units (ast counts UTF-8 bytes; editors and our JSON count UTF-16)."""
        prefix = self.lines[node.lineno - 1].encode()[:node.col_offset].decode()
        return len(prefix.encode("utf-16-le")) // 2 + 1

    def names(self, target):
        if isinstance(target, ast.Name):
            return [target]
        if isinstance(target, (ast.Tuple, ast.List)):
            return [n for t in target.elts for n in self.names(t)]
        if isinstance(target, ast.Starred):
            return self.names(target.value)
        return []

    def record(self, name_nodes):
        return [ast.Expr(ast.Call(ast.Name("__record__", ast.Load()),
                                  [ast.Constant(n.lineno), ast.Constant(self.column(n)), ast.Constant(n.id),
                                   ast.Name(n.id, ast.Load())], [])) for n in name_nodes]

    def visit_block(self, body):
        out = []
        for stmt in body:
            stmt = self.visit(stmt)
            out.append(stmt)
            if isinstance(stmt, ast.Assign):
                out += self.record([n for t in stmt.targets for n in self.names(t)])
            elif isinstance(stmt, (ast.AugAssign, ast.AnnAssign)) and stmt.value is not None:
                out += self.record(self.names(stmt.target))
        return out

    def generic_visit(self, node):
        for field in ("body", "orelse", "finalbody"):
            if isinstance(getattr(node, field, None), list):
                setattr(node, field, self.visit_block(getattr(node, field)))
        if isinstance(node, (ast.For, ast.AsyncFor)):
            node.body = self.record(self.names(node.target)) + node.body
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            args = node.args.posonlyargs + node.args.args + node.args.kwonlyargs
            node.body = self.record([ast.Name(a.arg, ast.Load(), lineno=a.lineno, col_offset=a.col_offset) for a in args]) + node.body
        if isinstance(node, ast.ExceptHandler):
            node.body = self.visit_block(node.body)
        if isinstance(node, ast.Try):
            for h in node.handlers:
                self.generic_visit(h)
        return node


class InstrumentComprehensions(ast.NodeTransformer):
    """Record comprehension targets too: `[f(t) for t in xs]` becomes
    `[(__record__(.., "t", t), f(t))[-1] for t in xs]` (the analysis hints them like for-loops)."""

    def __init__(self, instrument):
        self.instrument = instrument

    def comprehension(self, node, field):
        self.generic_visit(node)
        names = [n for g in node.generators for n in self.instrument.names(g.target)]
        if names:
            calls = [stmt.value for stmt in self.instrument.record(names)]
            value = getattr(node, field)
            setattr(node, field, ast.Subscript(ast.Tuple([*calls, value], ast.Load()), ast.Constant(-1), ast.Load()))
        return node

    def visit_ListComp(self, node):
        return self.comprehension(node, "elt")

    def visit_SetComp(self, node):
        return self.comprehension(node, "elt")

    def visit_GeneratorExp(self, node):
        return self.comprehension(node, "elt")

    def visit_DictComp(self, node):
        return self.comprehension(node, "value")


def describe_model(line, name, module):
    """Parameter count and state_dict once the run is over (lazy layers have materialised by then;
    one the run never reached keeps its uninitialised parameters, which are left out)."""
    from torch.nn.parameter import UninitializedBuffer, UninitializedParameter
    lazy = (UninitializedParameter, UninitializedBuffer)
    return {
        "line": line, "type": name,
        "params": sum(p.numel() for p in module.parameters() if not isinstance(p, lazy)),
        "state": {k: list(v.shape) for k, v in module.state_dict().items() if not isinstance(v, lazy)},
    }


def instrumented(src):
    """The source's AST with a __record__ call after each binding (see Instrument)."""
    instrument = Instrument(src)
    tree = instrument.visit(InstrumentComprehensions(instrument).visit(ast.parse(src)))
    ast.fix_missing_locations(tree)
    return tree


# Tuples longer than this are not hinted (engine/interp/valueHints.ts MAX_ITEMS).
MAX_TUPLE_ITEMS = 8


def shape_recorder(hints, values=None):
    """__record__: each distinct tensor shape bound at (line, column, name), in the order seen;
    into `values`, each distinct int ("sizes"), tuple or list of ints ("sizeTuples", torch.Size
    among them) and tuple or list of tensors ("tuples") bound there."""
    def record(line, col, name, value):
        if isinstance(value, torch.Tensor):
            shapes = hints.setdefault((line, col, name), [])
            if list(value.shape) not in shapes:
                shapes.append(list(value.shape))
        elif values is None:
            return
        elif isinstance(value, int) and not isinstance(value, bool):
            seen = values.setdefault((line, col, name), {}).setdefault("sizes", [])
            if value not in seen:
                seen.append(value)
        elif isinstance(value, (tuple, list)) and 0 < len(value) <= MAX_TUPLE_ITEMS and all(isinstance(v, int) and not isinstance(v, bool) for v in value):
            item = {"list": isinstance(value, list), "sizes": list(value)}
            seen = values.setdefault((line, col, name), {}).setdefault("sizeTuples", [])
            if item not in seen:
                seen.append(item)
        elif isinstance(value, (tuple, list)) and 0 < len(value) <= MAX_TUPLE_ITEMS and all(isinstance(v, torch.Tensor) for v in value) and not isinstance(value, torch.Size):
            item = {"list": isinstance(value, list), "shapes": [list(v.shape) for v in value]}
            seen = values.setdefault((line, col, name), {}).setdefault("tuples", [])
            if item not in seen:
                seen.append(item)
    return record


def trace(path, driver=None):
    src = open(path).read()
    if driver:
        # The driver goes after the model file, whose lines keep their numbers.
        src = src.rstrip("\n") + "\n\n" + open(driver).read()
    tree = instrumented(src)
    hints = {}
    values = {}
    record = shape_recorder(hints, values)

    # Outermost module calls made from this file: the model, its parameter count and its
    # state_dict (names and shapes), which the analysis must reproduce for hovers and previews.
    models = {}
    depth = [0]

    def pre_hook(module, inputs):
        if depth[0] == 0:
            # Called by this file itself, not by a library it calls (torchvision's transforms are
            # modules that a DataLoader runs on each item).
            stack = [f for f in traceback.extract_stack() if f.filename != __file__ and not f.filename.endswith("torch/nn/modules/module.py")]
            if stack and stack[-1].filename == path:
                key = (stack[-1].lineno, type(module).__name__)
                models.setdefault(key, module)
        depth[0] += 1

    def post_hook(module, inputs, output):
        depth[0] -= 1

    env = {"__name__": "__main__", "__file__": path, "__record__": record}
    pre = torch.nn.modules.module.register_module_forward_pre_hook(pre_hook)
    post = torch.nn.modules.module.register_module_forward_hook(post_hook)
    error = None
    torch.manual_seed(0)
    sys.path.insert(0, os.path.dirname(path))
    shims = [shim for module, shim in SHIMS if f"import {module}" in src or f"from {module}" in src]
    sys.path.extend(shims)
    try:
        with newer_layers(src), offline_weights(src):
            exec(compile(tree, path, "exec"), env)
            # Then the test functions, as pytest would run them (the analysis seeds them too).
            for name, fn in list(env.items()):
                if name.startswith("test") and callable(fn) and getattr(fn, "__code__", None) and fn.__code__.co_argcount == 0:
                    fn()
    except Exception as e:  # noqa: BLE001 - the exception is the golden
        frames = [f for f in traceback.extract_tb(e.__traceback__) if f.filename == path]
        error = {"type": type(e).__name__, "message": str(e), "line": frames[-1].lineno if frames else None}
    finally:
        sys.path.pop(0)
        for shim in shims:
            sys.path.remove(shim)
        pre.remove()
        post.remove()
    return {
        "models": [describe_model(line, name, models[(line, name)]) for line, name in sorted(models)],
        "file": os.path.relpath(path, ROOT),
        "hints": [{"line": l, "column": c, "name": n, "shapes": s} for (l, c, n), s in sorted(hints.items())],
        "values": [{"line": l, "column": c, "name": n, **v} for (l, c, n), v in sorted(values.items())],
        "error": error,
    }


def main(argv):
    files = argv or sorted(os.path.join(d, f) for d in DIRS if os.path.isdir(d) for f in os.listdir(d) if f.endswith(".py"))
    if not argv:
        files += sorted(os.path.join(UNCALLED, f) for f in os.listdir(UNCALLED) if f.endswith(".py"))
    os.makedirs(OUT, exist_ok=True)
    os.makedirs(UNCALLED_OUT, exist_ok=True)
    for path in files:
        path = os.path.abspath(path)
        uncalled = os.path.dirname(path) == UNCALLED
        driver = os.path.join(UNCALLED, "drivers", os.path.basename(path)) if uncalled else None
        result = trace(path, driver)
        name = os.path.splitext(os.path.basename(path))[0]
        with open(os.path.join(UNCALLED_OUT if uncalled else OUT, name + ".json"), "w") as fh:
            hints = ",\n  ".join(json.dumps(h) for h in result["hints"])
            models = ",\n  ".join(json.dumps(m) for m in result["models"])
            values = ",\n  ".join(json.dumps(v) for v in result["values"])
            fh.write(f'{{"file": {json.dumps(result["file"])},\n "error": {json.dumps(result["error"])},\n'
                     f' "models": [\n  {models}\n ],\n'
                     f' "hints": [\n  {hints}\n ],\n'
                     f' "values": [\n  {values}\n ]}}\n')
        print(f"{result['file']}: {len(result['hints'])} hints" + (f", raises {result['error']['type']}" if result["error"] else ""))


if __name__ == "__main__":
    main(sys.argv[1:])
