#!/usr/bin/env python3
"""einops goldens: every case of einops_cases.py run by PyTorch through the reference translation
in einops_shim/ (einops is not installed here; each call becomes its reshape / permute / reduce /
expand / einsum / cat program), recording output shapes and dtypes, the layers' parameters, or
the exact exception einops raises (texts reconstructed from einops's source, cited in the shim).

    /usr/bin/python3 test/oracle/einops/generate_einops_goldens.py

Writes test/oracle/goldens/einops/cases.json (shapes, parameters, errors), numeric.json (a few
small cases per op with input and output values, for the ONNX lowering's conformance test) and
models.json (the einops fixture models' calls with state_dict, inputs and outputs).
Deterministic (seeded, one thread). When einops's own source is on disk (EINOPS_SRC, default
/work/corpus/arogozhnikov+einops), every case is also run by the real einops in a subprocess and
must agree (results, values, error texts up to the order of a printed set's items), and so must
the fixture models' outputs.
"""
import base64
import json
import os
import re
import subprocess
import sys
import warnings

HERE = os.path.dirname(os.path.abspath(__file__))
ORACLE = os.path.dirname(HERE)
OUT = os.path.join(ORACLE, "goldens", "einops")
SHIM = os.path.join(HERE, "einops_shim")
DEFAULT_SRC = "/work/corpus/arogozhnikov+einops"
sys.path.insert(0, ORACLE)
sys.path.insert(0, HERE)

import torch  # noqa: E402

import generate_op_goldens as gog  # noqa: E402
from oracle_lib import Module, S  # noqa: E402

warnings.filterwarnings("ignore")
torch.set_num_threads(1)
NUMERIC_PER_OP = 6
NUMERIC_MAX_ELEMENTS = 1500


def load_einops(src):
    """Import `einops` from `src` (the shim or einops's own tree); the caller owns the process."""
    sys.path.insert(0, src)
    import einops  # noqa: F401
    import einops.layers.torch  # noqa: F401
    return sys.modules["einops"]


def resolve(einops, name):
    obj = einops
    for part in name.split(".")[1:]:
        obj = getattr(obj, part)
    return obj


def encode_arg(v):
    """Case arguments as the engine's test decodes them; a torch.Size is tagged `size`."""
    if isinstance(v, S):
        return {"size": list(v.dims)}
    if isinstance(v, tuple):
        return {"tuple": [encode_arg(x) for x in v]}
    if isinstance(v, list):
        return [encode_arg(x) for x in v]
    return gog.encode_arg(v)


def encode_result(v):
    if isinstance(v, dict):
        return {"dict": {k: encode_result(x) for k, x in v.items()}}
    if isinstance(v, torch.Size):
        return {"size": list(v)}
    if isinstance(v, tuple):
        return {"tuple": [encode_result(x) for x in v]}
    if isinstance(v, list):
        return [encode_result(x) for x in v]
    return gog.encode_result(v)


def enc_tensor(t):
    t = t.detach().contiguous()
    raw = (t.to(torch.uint8) if t.dtype == torch.bool else t).numpy().tobytes()
    return {"tensor": list(t.shape), "dtype": gog.dtype_name(t.dtype), "data": base64.b64encode(raw).decode("ascii")}


def with_data(v, built):
    """The JSON of a built argument or result, tensors with their values (numeric goldens)."""
    if isinstance(built, torch.Tensor):
        return enc_tensor(built)
    if isinstance(built, (tuple, list)) and not isinstance(built, torch.Size):
        parts = v if isinstance(v, (tuple, list)) and len(v) == len(built) else [None] * len(built)
        items = [with_data(a, b) for a, b in zip(parts, built)]
        return {"tuple": items} if isinstance(built, tuple) else items
    if isinstance(v, S):  # the conformance decoder reads a torch.Size as the tuple it is
        return {"tuple": list(v.dims)}
    return encode_arg(v) if v is not None else encode_result(built)


def values(v):
    """Output values, for comparing two einops implementations."""
    if isinstance(v, torch.Tensor):
        return v.double().flatten().tolist() if v.dtype != torch.bool else v.flatten().tolist()
    if isinstance(v, (tuple, list)) and not isinstance(v, torch.Size):
        return [values(x) for x in v]
    return None


def build(v):
    if isinstance(v, S):
        return torch.Size(v.dims)
    if isinstance(v, tuple):
        return tuple(build(x) for x in v)
    if isinstance(v, list):
        return [build(x) for x in v]
    return gog.build(v)


def run_case(einops, case, with_values=False):
    """One case: (golden JSON, built inputs, result or None)."""
    torch.manual_seed(0)
    target = resolve(einops, case.name)
    # JSON objects are written with sorted keys: kwargOrder keeps the call's order (einops prints it).
    out = {"kind": "module" if isinstance(case, Module) else "function", "op": case.name,
           "args": [encode_arg(a) for a in case.args], "kwargs": {k: encode_arg(v) for k, v in case.kwargs.items()},
           "kwargOrder": list(case.kwargs)}
    args = [build(a) for a in case.args]
    kwargs = {k: build(v) for k, v in case.kwargs.items()}
    inputs, result, module = None, None, None
    if isinstance(case, Module):
        out["inputs"] = [encode_arg(a) for a in case.inputs]
        try:
            module = target(*args, **kwargs)
        except Exception as e:  # noqa: BLE001 - the exception is the golden
            out["initError"] = gog.encode_error(e)
            return out, None, None, None
        out["params"] = [[n, list(p.shape)] for n, p in module.named_parameters()]
        out["paramCount"] = sum(p.numel() for p in module.parameters())
        out["buffers"] = []
        inputs = [build(a) for a in case.inputs]
        call = lambda: module(*inputs)  # noqa: E731
    else:
        inputs = args
        call = lambda: target(*args, **kwargs)  # noqa: E731
    try:
        with torch.no_grad():
            result = call()
        out["result"] = encode_result(result)
        if with_values:
            out["values"] = values(result)
    except Exception as e:  # noqa: BLE001
        out["error"] = gog.encode_error(e)
    if case.note:
        out["note"] = case.note
    return out, inputs, result, module


def numeric_golden(case, inputs, result, module):
    """The conformance runner's format (test/exec/opConformance.ts): inputs and outputs with data."""
    g = {"kind": "module" if module is not None else "function", "op": case.name,
         "kwargs": {k: encode_arg(v) for k, v in case.kwargs.items()}, "result": with_data(None, result)}
    if module is not None:
        g["args"] = [encode_arg(a) for a in case.args]
        g["inputs"] = [with_data(a, b) for a, b in zip(case.inputs, inputs)]
        g["callKwargs"] = {}
        g["state"] = {k: enc_tensor(v) for k, v in module.state_dict().items()}
    else:
        g["args"] = [with_data(a, b) for a, b in zip(case.args, inputs)]
    return g


def elements(v):
    if isinstance(v, torch.Tensor):
        return v.numel()
    if isinstance(v, (tuple, list)):
        return sum(elements(x) for x in v)
    return 0


def run_all(einops, with_values=False):
    import einops_cases
    cases = einops_cases.cases()
    goldens, numeric, counters, per_op = [], [], {}, {}
    for case in cases:
        n = counters.get(case.name, 0)
        counters[case.name] = n + 1
        golden, inputs, result, module = run_case(einops, case, with_values)
        golden = {"id": f"{case.name}#{n}", **golden}
        goldens.append(golden)
        # parse_shape returns no tensor: its case checks that the lowering emits nothing.
        small = "result" in golden and (0 < elements(result) or case.name == "einops.parse_shape") and elements(inputs) + elements(result) <= NUMERIC_MAX_ELEMENTS
        # A few per op; for reduce one per reduction and input dtype (each lowers to other ONNX ops).
        key = (case.name, case.args[2], flat_tensors(inputs)[0].dtype) if case.name == "einops.reduce" and inputs else case.name
        cap = 1 if case.name in ("einops.reduce", "einops.parse_shape") else NUMERIC_PER_OP
        if small and per_op.get(key, 0) < cap:
            if not any(t.dtype not in (torch.float32, torch.int64, torch.bool) for t in flat_tensors(inputs)):
                per_op[key] = per_op.get(key, 0) + 1
                numeric.append({"id": f"einops:{golden['id']}", **numeric_golden(case, inputs, result, module)})
    return goldens, numeric


def flat_tensors(v):
    if isinstance(v, torch.Tensor):
        return [v]
    if isinstance(v, (tuple, list)):
        return [t for x in v for t in flat_tensors(x)]
    return []


FIXTURES = ["einops_vit.py", "einops_register_tokens.py", "einops_pool_head.py"]


def fixture_models(path):
    """The outermost module calls a fixture file makes (run on the shim, seeded): the model's
    state_dict, its inputs and its output, for the whole-model preview check."""
    import traceback
    src = open(path).read()
    calls = []
    depth = [0]

    def pre(module, inputs):
        if depth[0] == 0:
            frames = [f for f in traceback.extract_stack() if f.filename == path]
            if frames:
                calls.append({"line": frames[-1].lineno, "type": type(module).__name__, "module": module,
                              "inputs": [enc_tensor(t) for t in inputs]})
        depth[0] += 1

    def post(module, inputs, output):
        depth[0] -= 1
        if depth[0] == 0 and calls and calls[-1]["module"] is module and "result" not in calls[-1]:
            calls[-1]["result"] = with_data(None, output)
            calls[-1]["state"] = {k: enc_tensor(v) for k, v in module.state_dict().items()}

    hooks = [torch.nn.modules.module.register_module_forward_pre_hook(pre),
             torch.nn.modules.module.register_module_forward_hook(post)]
    torch.manual_seed(0)
    try:
        with torch.no_grad():
            exec(compile(src, path, "exec"), {"__name__": "__main__", "__file__": path})
    finally:
        for h in hooks:
            h.remove()
    root = os.path.dirname(os.path.dirname(ORACLE))
    return [{"file": os.path.relpath(path, root), **{k: v for k, v in c.items() if k != "module"}} for c in calls]


def fixture_calls():
    fixtures = os.path.join(os.path.dirname(ORACLE), "fixtures", "python")
    return [m for f in FIXTURES for m in fixture_models(os.path.join(fixtures, f))]


SET = re.compile(r"\{([^{}]*)\}")


def normalized(text):
    """An error text with the items of every printed set (or dict) in sorted order."""
    return SET.sub(lambda m: "{" + ", ".join(sorted(m.group(1).split(", "))) + "}", text)


def same(a, b):
    """Do two outcomes of a case agree (values within float tolerance, set order free)?"""
    if isinstance(a, float) and isinstance(b, float):
        return abs(a - b) <= 1e-5 * max(1.0, abs(a), abs(b)) or (a != a and b != b)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if isinstance(a, dict) and isinstance(b, dict):
        if set(a) != set(b):
            return False
        return all(normalized(a[k]) == normalized(b[k]) if k == "message" else same(a[k], b[k]) for k in a)
    return a == b


def tensor_values(j):
    """Decoded values of the tensors in a JSON result (with data), for comparing runs."""
    if isinstance(j, dict) and "data" in j:
        dtype = getattr(torch, j["dtype"]) if j["dtype"] != "bool" else torch.uint8
        return torch.frombuffer(bytearray(base64.b64decode(j["data"])), dtype=dtype).double().tolist()
    if isinstance(j, dict) and "tuple" in j:
        return [tensor_values(x) for x in j["tuple"]]
    if isinstance(j, list):
        return [tensor_values(x) for x in j]
    return j


def cross_check(ours, our_models, src):
    """Run every case and the fixture models with einops's own code (another process) and
    compare with the reference translation."""
    env = dict(os.environ, PYTHONHASHSEED="0")
    proc = subprocess.run([sys.executable, os.path.abspath(__file__), "--outcomes", src],
                          capture_output=True, text=True, env=env, check=True)
    theirs, their_models = json.loads(proc.stdout)
    models_differ = [m["file"] + ":" + str(m["line"]) for m, t in zip(our_models, their_models)
                     if not same(tensor_values(m["result"]), tensor_values(t["result"]))]
    if models_differ or len(our_models) != len(their_models):
        raise SystemExit(f"fixture models differ from einops's own code: {models_differ}")
    bad = [(a["id"], a, b) for a, b in zip(ours, theirs) if not same(a, b)]
    for cid, a, b in bad[:20]:
        print(f"DIFFERS {cid}:\n  shim   {json.dumps(a)[:600]}\n  einops {json.dumps(b)[:600]}")
    if bad:
        raise SystemExit(f"{len(bad)} of {len(theirs)} cases differ from einops's own code")
    print(f"einops's own code ({src}) agrees on all {len(theirs)} cases and {len(their_models)} fixture model calls")


def main(argv):
    if argv[:1] == ["--outcomes"]:
        cases = run_all(load_einops(argv[1]), with_values=True)[0]
        print(json.dumps([cases, fixture_calls()]))
        return
    outcomes, numeric = run_all(load_einops(SHIM), with_values=True)
    goldens = [{k: v for k, v in g.items() if k != "values"} for g in outcomes]
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "cases.json"), "w") as fh:
        fh.write("[\n" + ",\n".join(json.dumps(g, sort_keys=True) for g in goldens) + "\n]\n")
    with open(os.path.join(OUT, "numeric.json"), "w") as fh:
        fh.write("[\n" + ",\n".join(json.dumps(g, sort_keys=True) for g in numeric) + "\n]\n")
    models = fixture_calls()
    with open(os.path.join(OUT, "models.json"), "w") as fh:
        fh.write("[\n" + ",\n".join(json.dumps(m, sort_keys=True) for m in models) + "\n]\n")
    errors = sum(1 for g in goldens if "error" in g or "initError" in g)
    print(f"einops: {len(goldens)} cases ({errors} raise), {len(numeric)} numeric (torch {torch.__version__})")
    src = os.environ.get("EINOPS_SRC", DEFAULT_SRC)
    if os.path.isdir(os.path.join(src, "einops")):
        cross_check(outcomes, models, src)
    else:
        print(f"einops's own source not found at {src}: cross-check skipped")


if __name__ == "__main__":
    main(sys.argv[1:])
