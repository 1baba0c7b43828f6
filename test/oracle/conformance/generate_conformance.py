#!/usr/bin/env python3
"""Numeric conformance goldens for the forward-pass engine (engine/exec): real PyTorch values.

Three kinds:
  * op cases: for every op, up to PER_OP small cases taken from the shape oracle's cases
    (test/oracle/cases/*.py, those PyTorch runs without error) plus the lowering pitfalls in
    extra_cases.py; each golden holds the inputs, the layer's state_dict and the output values.
  * PyTorch 2 ops (torch2_reference.py), which PyTorch 1.13 lacks: their expected values are the
    documented formula evaluated by PyTorch 1.13 (SDPA = softmax(q @ k^T * scale + mask) @ v, ...).
  * models (models/*.py): whole models built with a fixed seed, exported as state_dict, input
    and output; the model files are also what the interpreter analyses.

Run with Debian's torch: /usr/bin/python3 test/oracle/conformance/generate_conformance.py
Output is deterministic (seeded, one thread); CI regenerates it and diffs.
"""
import base64
import importlib.util
import json
import os
import sys
import warnings

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
ORACLE = os.path.dirname(HERE)
sys.path.insert(0, ORACLE)
sys.path.insert(0, HERE)

import generate_op_goldens as gog  # noqa: E402
from oracle_lib import DT, E, F, M, Module, S, Sl, T  # noqa: E402

warnings.filterwarnings("ignore")
torch.set_num_threads(1)
torch.use_deterministic_algorithms(False)

OUT = os.path.join(HERE, "goldens")
PER_OP = 2
MAX_ELEMENTS = 1200
# Ops whose values are random (compared by shape only) or whose results PyTorch leaves undefined.
RANDOM = {"torch.randn", "torch.rand", "torch.randint", "torch.randn_like", "torch.rand_like",
          "torch.randint_like", "torch.empty", "torch.empty_like", "torch.Tensor.new_empty", "torch.nn.RReLU",
          # functional dropout defaults to training=True: random in PyTorch, the identity in previews
          "torch.nn.functional.dropout", "torch.nn.functional.dropout1d", "torch.nn.functional.dropout2d",
          "torch.nn.functional.dropout3d", "torch.nn.functional.alpha_dropout", "torch.nn.functional.feature_alpha_dropout",
          "torch.nn.functional.rrelu", "torch.nn.functional.rrelu_"}


def enc_tensor(t):
    t = t.detach().contiguous()
    dtype = gog.dtype_name(t.dtype)
    if t.dtype == torch.bool:
        raw = t.to(torch.uint8).numpy().tobytes()
    else:
        raw = t.numpy().tobytes()
    return {"tensor": list(t.shape), "dtype": dtype, "data": base64.b64encode(raw).decode("ascii")}


def build_enc(v):
    """Build a case argument and its JSON at once: tensors carry their values."""
    if isinstance(v, T):
        t = gog.make_tensor(v)
        return t, enc_tensor(t)
    if isinstance(v, tuple):
        pairs = [build_enc(x) for x in v]
        return tuple(p[0] for p in pairs), {"tuple": [p[1] for p in pairs]}
    if isinstance(v, list):
        pairs = [build_enc(x) for x in v]
        return [p[0] for p in pairs], [p[1] for p in pairs]
    if isinstance(v, dict):
        pairs = {k: build_enc(x) for k, x in v.items()}
        return {k: p[0] for k, p in pairs.items()}, {"dict": {k: p[1] for k, p in pairs.items()}}
    return gog.build(v), gog.encode_arg(v)


def enc_result(v):
    if isinstance(v, torch.Tensor):
        return enc_tensor(v)
    if isinstance(v, tuple):
        return {"tuple": [enc_result(x) for x in v]}
    if isinstance(v, list):
        return [enc_result(x) for x in v]
    return gog.encode_result(v)


def zeroed(v):
    if isinstance(v, torch.Tensor):
        return torch.zeros_like(v)
    if isinstance(v, tuple):
        return tuple(zeroed(x) for x in v)
    if isinstance(v, list):
        return [zeroed(x) for x in v]
    return v


def randomize_stats(module):
    """Fresh running statistics are 0 and 1: make them random so eval-mode norms are tested."""
    g = torch.Generator().manual_seed(1)
    for name, b in module.named_buffers():
        if name.endswith("running_mean"):
            b.copy_(torch.randn(b.shape, generator=g) * 0.1)
        elif name.endswith("running_var"):
            b.copy_(torch.rand(b.shape, generator=g) + 0.5)
    for name, p in module.named_parameters():
        # Norm affine parameters start at 1 and 0: perturb them too.
        if p.dim() == 1 and ("norm" in name or name in ("weight", "bias")) and torch.all(p == p.flatten()[0]):
            with torch.no_grad():
                p.add_(torch.randn(p.shape, generator=g) * 0.1)


def run_op_case(case, seed):
    torch.manual_seed(seed)
    with torch.no_grad():
        if isinstance(case, Module):
            module = gog.resolve(case.name)(*[gog.build(a) for a in case.args], **{k: gog.build(v) for k, v in case.kwargs.items()})
            randomize_stats(module)
            module.train(case.train)
            inputs = [build_enc(a) for a in case.inputs]
            call_kwargs = {k: build_enc(v) for k, v in case.call_kwargs.items()}
            result = module(*[p[0] for p in inputs], **{k: p[0] for k, p in call_kwargs.items()})
            out = {"kind": "module", "op": case.name,
                   "args": [gog.encode_arg(a) for a in case.args], "kwargs": {k: gog.encode_arg(v) for k, v in case.kwargs.items()},
                   "inputs": [p[1] for p in inputs], "callKwargs": {k: p[1] for k, p in call_kwargs.items()},
                   "state": {k: enc_tensor(v) for k, v in module.state_dict().items()}}
            if case.train:
                out["train"] = True
        else:
            args = [build_enc(a) for a in case.args]
            kwargs = {k: build_enc(v) for k, v in case.kwargs.items()}
            result = gog.resolve(case.name)(*[p[0] for p in args], **{k: p[0] for k, p in kwargs.items()})
            out = {"kind": "function", "op": case.name, "args": [p[1] for p in args], "kwargs": {k: p[1] for k, p in kwargs.items()}}
    if case.name in RANDOM:
        # Values are random (or uninitialised memory): keep shapes and dtypes, zero the data.
        out["result"] = enc_result(zeroed(result))
        out["random"] = True
    else:
        out["result"] = enc_result(result)
    return out


def elements(j):
    if isinstance(j, dict):
        if "tensor" in j:
            n = 1
            for d in j["tensor"]:
                n *= d
            return n if n > 0 else 10 ** 9  # empty tensors are not worth a numeric case
        return sum(elements(v) for v in j.values())
    if isinstance(j, list):
        return sum(elements(v) for v in j)
    return 0


def has_zero_size(case):
    def visit(v):
        if isinstance(v, T):
            return any(d == 0 for d in v.shape)
        if isinstance(v, (tuple, list)):
            return any(visit(x) for x in v)
        if isinstance(v, dict):
            return any(visit(x) for x in v.values())
        return False
    return visit(case.args) or visit(getattr(case, "inputs", ())) or visit(case.kwargs)


def has_complex(j):
    """A complex tensor among a golden's inputs or outputs: previews run no complex tensors
    (ONNX Runtime has no complex kernels), so such cases are the shape oracle's only."""
    if isinstance(j, dict):
        return str(j.get("dtype", "")).startswith("complex") or any(has_complex(v) for v in j.values())
    if isinstance(j, list):
        return any(has_complex(v) for v in j)
    return False


def op_cases():
    """Up to PER_OP of the smallest successful oracle cases per op, then the extra cases."""
    by_op = {}
    for fam in sorted(f[:-3] for f in os.listdir(os.path.join(ORACLE, "cases")) if f.endswith(".py") and not f.startswith("_")):
        for case in gog.load_family(os.path.join(ORACLE, "cases", fam + ".py")):
            if case.data_dependent or has_zero_size(case):
                continue
            by_op.setdefault(case.name, []).append(case)
    chosen = []
    for name in sorted(by_op):
        ok = []
        for i, case in enumerate(by_op[name]):
            try:
                golden = run_op_case(case, i)
            except Exception:  # noqa: BLE001 - error cases belong to the shape oracle
                continue
            size = elements(golden)
            if has_complex(golden):
                continue
            if size <= 4 * MAX_ELEMENTS:
                ok.append((size, i, golden))
        ok.sort(key=lambda x: (x[0], x[1]))
        # Small cases only, unless the op has no small case at all.
        ok = [c for c in ok if c[0] <= MAX_ELEMENTS] or ok[:1]
        for _, i, golden in ok[:PER_OP]:
            chosen.append({"id": f"{name}#{i}", **golden})
    extra = importlib.util.spec_from_file_location("extra_cases", os.path.join(HERE, "extra_cases.py"))
    mod = importlib.util.module_from_spec(extra)
    extra.loader.exec_module(mod)
    for i, case in enumerate(mod.cases()):
        chosen.append({"id": f"extra:{case.name}#{i}", **run_op_case(case, 1000 + i)})
    return chosen


def reference_cases():
    """PyTorch 2 ops (torch2_reference.py): inputs drawn like the op cases', expected values from
    the documented formula evaluated by PyTorch 1.13, which has no such op to call."""
    spec = importlib.util.spec_from_file_location("torch2_reference", os.path.join(HERE, "torch2_reference.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    out = []
    counters = {}
    for ref in mod.cases():
        case = ref.case
        n = counters.get(case.name, 0)
        counters[case.name] = n + 1
        torch.manual_seed(2000 + len(out))
        with torch.no_grad():
            if isinstance(case, Module):
                state = ref.state()
                inputs = [build_enc(a) for a in case.inputs]
                call_kwargs = {k: build_enc(v) for k, v in case.call_kwargs.items()}
                result = ref.formula(state, *[p[0] for p in inputs], **{k: p[0] for k, p in call_kwargs.items()})
                golden = {"kind": "module", "op": case.name,
                          "args": [gog.encode_arg(a) for a in case.args], "kwargs": {k: gog.encode_arg(v) for k, v in case.kwargs.items()},
                          "inputs": [p[1] for p in inputs], "callKwargs": {k: p[1] for k, p in call_kwargs.items()},
                          "state": {k: enc_tensor(v) for k, v in state.items()}}
            else:
                args = [build_enc(a) for a in case.args]
                kwargs = {k: build_enc(v) for k, v in case.kwargs.items()}
                result = ref.formula(*[p[0] for p in args], **{k: p[0] for k, p in kwargs.items()})
                golden = {"kind": "function", "op": case.name, "args": [p[1] for p in args], "kwargs": {k: p[1] for k, p in kwargs.items()}}
        out.append({"id": f"torch2:{case.name}#{n}", **golden, "result": enc_result(result), "reference": ref.doc})
    return out


def model_goldens():
    out = {}
    for fname in sorted(os.listdir(os.path.join(HERE, "models"))):
        if not fname.endswith(".py"):
            continue
        name = fname[:-3]
        spec = importlib.util.spec_from_file_location("model_" + name, os.path.join(HERE, "models", fname))
        mod = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(mod)
        torch.manual_seed(0)
        model, inputs = mod.build()
        randomize_stats(model)
        model.eval()
        with torch.no_grad():
            result = model(*inputs)
        out[name] = {
            "model": name,
            "source": f"test/oracle/conformance/models/{fname}",
            "paramCount": sum(p.numel() for p in model.parameters()),
            "inputs": [enc_tensor(t) for t in inputs],
            "state": {k: enc_tensor(v) for k, v in model.state_dict().items()},
            "result": enc_result(result),
        }
    return out


def main():
    os.makedirs(OUT, exist_ok=True)
    cases = op_cases() + reference_cases()
    with open(os.path.join(OUT, "ops.json"), "w") as fh:
        fh.write("[\n" + ",\n".join(json.dumps(c, sort_keys=True) for c in cases) + "\n]\n")
    print(f"ops: {len(cases)} cases")
    for name, golden in model_goldens().items():
        with open(os.path.join(OUT, f"model_{name}.json"), "w") as fh:
            json.dump(golden, fh, sort_keys=True)
            fh.write("\n")
        print(f"model {name}: {golden['paramCount']} parameters")
    write_init()
    print(f"torch {torch.__version__}")


INIT_LAYERS = [
    ("torch.nn.Linear", (256, 128), {}),
    ("torch.nn.Conv2d", (16, 32, 3), {}),
    ("torch.nn.Conv1d", (8, 16, 5), dict(groups=2)),
    ("torch.nn.ConvTranspose2d", (16, 64, 4), {}),
    ("torch.nn.BatchNorm2d", (32,), {}),
    ("torch.nn.LayerNorm", (64,), {}),
    ("torch.nn.GroupNorm", (4, 32), {}),
    ("torch.nn.Embedding", (100, 32), {}),
    ("torch.nn.LSTM", (32, 64), dict(num_layers=2)),
    ("torch.nn.GRU", (32, 64), {}),
    ("torch.nn.RNN", (32, 64), {}),
    ("torch.nn.MultiheadAttention", (64, 4), {}),
    ("torch.nn.PReLU", (), {}),
    ("torch.nn.Bilinear", (16, 24, 32), {}),
]


def init_goldens():
    """Statistics of PyTorch's default initialisation: the engine must draw from the same laws."""
    out = []
    for name, args, kwargs in INIT_LAYERS:
        torch.manual_seed(0)
        m = gog.resolve(name)(*args, **kwargs)
        tensors = list(m.named_parameters()) + list(m.named_buffers())
        out.append({"op": name, "args": list(args), "kwargs": kwargs,
                    "params": [{"name": n, "shape": list(t.shape), "dtype": gog.dtype_name(t.dtype),
                                "min": float(t.min()), "max": float(t.max()), "mean": float(t.double().mean()),
                                "std": float(t.double().std()) if t.numel() > 1 else 0.0}
                               for n, t in tensors if t.numel() > 0]})
    return out


def write_init():
    with open(os.path.join(OUT, "init.json"), "w") as fh:
        json.dump(init_goldens(), fh, indent=1, sort_keys=True)
        fh.write("\n")


if __name__ == "__main__":
    main()
