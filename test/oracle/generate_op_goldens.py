#!/usr/bin/env python3
"""Run every op case in test/oracle/cases/*.py on real PyTorch and write the goldens the engine is
tested against: output shapes and dtypes, parameter and buffer shapes, parameter counts, or
PyTorch's exact exception. Also records PyTorch's signatures of the ops the cases use.

Run with Debian's torch: /usr/bin/python3 test/oracle/generate_op_goldens.py [family ...]
The output is deterministic; CI regenerates it and fails on any difference.
"""
import importlib.util
import inspect
import json
import re
import os
import sys
import warnings

import torch

from oracle_lib import DT, E, F, Fn, M, Module, S, Sl, T
from torch_newer import NEWER_OPS

HERE = os.path.dirname(os.path.abspath(__file__))
CASES_DIR = os.path.join(HERE, "cases")
OUT_DIR = os.path.join(HERE, "goldens", "ops")
SIG_DIR = os.path.join(HERE, "goldens", "signatures")

warnings.filterwarnings("ignore")
torch.set_num_threads(1)


def resolve(name):
    if name in NEWER_OPS:
        return NEWER_OPS[name]
    obj = None
    parts = name.split(".")
    assert parts[0] == "torch", name
    obj = torch
    for p in parts[1:]:
        obj = getattr(obj, p)
    return obj


def make_tensor(spec: T):
    dtype = getattr(torch, spec.dtype)
    if spec.values is not None:
        return torch.tensor(spec.values, dtype=dtype)
    if dtype.is_floating_point or dtype.is_complex:
        return torch.randn(tuple(spec.shape), dtype=dtype)
    if dtype == torch.bool:
        return torch.randint(0, 2, spec.shape).bool()
    return torch.randint(0, spec.high or 2, spec.shape, dtype=dtype)


def build(v):
    """A case argument to a real Python/torch value."""
    if isinstance(v, T):
        return make_tensor(v)
    if isinstance(v, F):
        return float(v.value)
    if isinstance(v, S):
        return torch.Size(v.dims)
    if isinstance(v, Sl):
        return slice(build(v.start), build(v.stop), build(v.step))
    if v is E:
        return Ellipsis
    if isinstance(v, DT):
        return getattr(torch, v.name)
    if isinstance(v, M):
        return resolve(v.name)(*[build(a) for a in v.args], **{k: build(x) for k, x in v.kwargs.items()})
    if isinstance(v, tuple):
        return tuple(build(x) for x in v)
    if isinstance(v, list):
        return [build(x) for x in v]
    if isinstance(v, dict):
        return {k: build(x) for k, x in v.items()}
    return v


def encode_arg(v):
    """A case argument to the JSON form the engine's test runner decodes."""
    if isinstance(v, T):
        out = {"tensor": list(v.shape), "dtype": v.dtype}
        if v.values is not None:
            out["values"] = v.values
        return out
    if isinstance(v, F):
        return {"float": float(v.value)}
    if isinstance(v, S):
        return {"tuple": list(v.dims)}
    if isinstance(v, Sl):
        return {"slice": [encode_arg(v.start), encode_arg(v.stop), encode_arg(v.step)]}
    if v is E:
        return {"ellipsis": True}
    if isinstance(v, DT):
        return {"dtype": v.name}
    if isinstance(v, M):
        return {"module": v.name, "args": [encode_arg(a) for a in v.args],
                "kwargs": {k: encode_arg(x) for k, x in v.kwargs.items()}}
    if isinstance(v, bool) or v is None or isinstance(v, (int, str)):
        return v
    if isinstance(v, float):
        return {"float": v}
    if isinstance(v, tuple):
        return {"tuple": [encode_arg(x) for x in v]}
    if isinstance(v, list):
        return [encode_arg(x) for x in v]
    if isinstance(v, dict):
        return {"dict": {k: encode_arg(x) for k, x in v.items()}}
    raise TypeError(f"cannot encode argument {v!r}")


def dtype_name(dt):
    return str(dt).replace("torch.", "")


def encode_result(v):
    """A real result to JSON: tensors by shape and dtype, containers recursively."""
    if isinstance(v, torch.Tensor):
        return {"tensor": list(v.shape), "dtype": dtype_name(v.dtype)}
    if isinstance(v, torch.Size):
        return {"tuple": list(v)}
    if isinstance(v, bool) or v is None or isinstance(v, (int, str)):
        return v
    if isinstance(v, float):
        return {"float": v}
    if isinstance(v, torch.dtype):
        return {"dtype": dtype_name(v)}
    if isinstance(v, tuple):  # includes named tuples (torch.return_types.max, ...)
        return {"tuple": [encode_result(x) for x in v]}
    if isinstance(v, list):
        return [encode_result(x) for x in v]
    return {"unsupported": type(v).__name__}


def encode_error(e):
    return {"type": type(e).__name__, "message": str(e)}


def run_case(case):
    torch.manual_seed(0)
    if isinstance(case, Module):
        out = {"kind": "module", "op": case.name,
               "args": [encode_arg(a) for a in case.args],
               "kwargs": {k: encode_arg(v) for k, v in case.kwargs.items()},
               "inputs": [encode_arg(a) for a in case.inputs],
               "callKwargs": {k: encode_arg(v) for k, v in case.call_kwargs.items()}}
        try:
            module = resolve(case.name)(*[build(a) for a in case.args],
                                        **{k: build(v) for k, v in case.kwargs.items()})
        except Exception as e:  # noqa: BLE001 - the exception is the golden
            out["initError"] = encode_error(e)
            return out
        module.train(case.train)
        if case.train:
            out["train"] = True
        out["params"] = [[n, list(p.shape)] for n, p in module.named_parameters()]
        out["paramCount"] = sum(p.numel() for p in module.parameters())
        out["buffers"] = [[n, list(b.shape), dtype_name(b.dtype)] for n, b in module.named_buffers()]
        try:
            with torch.no_grad():
                result = module(*[build(a) for a in case.inputs],
                                **{k: build(v) for k, v in case.call_kwargs.items()})
            out["result"] = encode_result(result)
        except Exception as e:  # noqa: BLE001
            out["error"] = encode_error(e)
    else:
        out = {"kind": "function", "op": case.name,
               "args": [encode_arg(a) for a in case.args],
               "kwargs": {k: encode_arg(v) for k, v in case.kwargs.items()}}
        try:
            with torch.no_grad():
                result = resolve(case.name)(*[build(a) for a in case.args],
                                            **{k: build(v) for k, v in case.kwargs.items()})
            out["result"] = encode_result(result)
        except Exception as e:  # noqa: BLE001
            out["error"] = encode_error(e)
    if case.data_dependent:
        out["dataDependent"] = True
    if case.note:
        out["note"] = case.note
    return out


def python_signature(obj):
    """PyTorch's own parameter list, for ops written in Python (builtins have none)."""
    try:
        s = inspect.signature(obj)
    except (TypeError, ValueError):
        return None
    params = []
    for p in s.parameters.values():
        if p.name == "self":
            continue
        item = {"name": p.name, "kind": p.kind.name.lower().replace("_", "-")}
        if p.default is not inspect.Parameter.empty:
            # Object reprs carry their address (`<function relu at 0x7f...>`): drop it.
            item["default"] = re.sub(r" at 0x[0-9a-f]+", "", repr(p.default))
        params.append(item)
    return params


def load_family(path):
    spec = importlib.util.spec_from_file_location("cases_" + os.path.basename(path)[:-3], path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod.cases()


def main(argv):
    sys.path.insert(0, HERE)
    families = sorted(f[:-3] for f in os.listdir(CASES_DIR) if f.endswith(".py") and not f.startswith("_"))
    if argv:
        families = [f for f in families if f in argv]
    os.makedirs(OUT_DIR, exist_ok=True)
    os.makedirs(SIG_DIR, exist_ok=True)
    total = 0
    for fam in families:
        cases = load_family(os.path.join(CASES_DIR, fam + ".py"))
        signatures = {}
        results = []
        counters = {}
        for case in cases:
            n = counters.get(case.name, 0)
            counters[case.name] = n + 1
            r = run_case(case)
            results.append({"id": f"{case.name}#{n}", **r})
            if case.name not in signatures:
                obj = resolve(case.name)
                if isinstance(case, Module):
                    signatures[case.name] = {"init": python_signature(obj.__init__),
                                             "forward": python_signature(obj.forward)}
                else:
                    signatures[case.name] = {"call": python_signature(obj)}
        with open(os.path.join(OUT_DIR, fam + ".json"), "w") as fh:
            fh.write("[\n" + ",\n".join(json.dumps(r, sort_keys=True) for r in results) + "\n]\n")
        with open(os.path.join(SIG_DIR, fam + ".json"), "w") as fh:
            json.dump(signatures, fh, indent=1, sort_keys=True)
            fh.write("\n")
        total += len(results)
        print(f"{fam}: {len(results)} cases")
    print(f"total: {total} cases (torch {torch.__version__})")


if __name__ == "__main__":
    main(sys.argv[1:])
