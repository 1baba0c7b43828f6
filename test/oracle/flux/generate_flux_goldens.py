#!/usr/bin/env python3
"""Run every Flux case's PyTorch twin (flux_cases.py) on real PyTorch and write the goldens the
engine's Flux analysis is tested against (test/oracle/fluxGoldens.test.ts): for each case the
Flux source to analyse, PyTorch's output shape with its axes reversed (or the exception PyTorch
raised for the same mismatch), and the Flux layer's parameters in Flux's layout with their count.

    /usr/bin/python3 test/oracle/flux/generate_flux_goldens.py

The output is deterministic; CI regenerates it and fails on any difference.
"""
import json
import os
import sys
import warnings

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from flux_cases import all_cases  # noqa: E402
from flux_lib import julia_input, rev, torch_input  # noqa: E402

OUT_DIR = os.path.join(os.path.dirname(HERE), "goldens", "flux")
warnings.filterwarnings("ignore")
torch.set_num_threads(1)


def encode(v):
    """A PyTorch result in Flux's axis order."""
    if isinstance(v, torch.Tensor):
        return {"shape": list(rev(v.shape))}
    if isinstance(v, (tuple, list)):
        return {"tuple": [encode(x) for x in v]}
    raise TypeError(f"cannot encode {type(v).__name__}")


def flux_tensors(module, layout, kind):
    """PyTorch's parameters (or buffers) renamed and laid out as Flux keeps them."""
    out = []
    items = module.named_parameters() if kind == "params" else module.named_buffers()
    for name, p in items:
        short = name.split(".")[-1]
        if short not in layout:
            raise KeyError(f"no Flux layout for {name}")
        entry = layout[short]
        if entry is None:
            continue
        flux_name, how = entry
        shape = list(p.shape) if how == "same" else list(rev(p.shape))
        out.append([flux_name, shape])
    return sorted(out)


def run(case):
    torch.manual_seed(0)
    out = {"family": case.family, "inputs": [julia_input(s) for s in case.inputs]}
    if case.julia_layer is not None:
        out["layer"] = case.julia_layer
    else:
        out["expr"] = case.expr
    inputs = [torch_input(s) for s in case.inputs]
    if case.julia_layer is not None:
        try:
            module = case.torch_module()
        except Exception as e:  # noqa: BLE001 - the constructor's exception is the golden
            out["error"] = {"type": type(e).__name__, "message": str(e).split("\n")[0], "at": "constructor"}
            return out
    try:
        if case.julia_layer is not None:
            module.eval()
            out["torch"] = repr(module).replace("\n", " ")
            if case.layout:
                out["params"] = flux_tensors(module, case.layout, "params")
                out["buffers"] = flux_tensors(module, case.layout, "buffers")
                out["paramCount"] = sum(sum_shape(s) for _, s in out["params"])
            else:
                out["paramCount"] = sum(p.numel() for p in module.parameters())
            with torch.no_grad():
                result = module(*inputs)
        else:
            with torch.no_grad():
                result = case.torch_module(*inputs)
        out["result"] = encode(result)
    except Exception as e:  # noqa: BLE001 - PyTorch's exception is the golden
        out["error"] = {"type": type(e).__name__, "message": str(e).split("\n")[0], "at": "call"}
    return out


def sum_shape(shape):
    n = 1
    for d in shape:
        n *= d
    return n


def main():
    os.makedirs(OUT_DIR, exist_ok=True)
    by_family = {}
    for case in all_cases():
        r = run(case)
        fam = by_family.setdefault(case.family, [])
        r = {"id": f"{case.family}#{len(fam)}", **r}
        fam.append(r)
    total = 0
    for fam, results in sorted(by_family.items()):
        with open(os.path.join(OUT_DIR, fam + ".json"), "w") as fh:
            fh.write("[\n" + ",\n".join(json.dumps(r, sort_keys=True, ensure_ascii=False) for r in results) + "\n]\n")
        errors = sum(1 for r in results if "error" in r)
        print(f"{fam}: {len(results)} cases ({errors} raise)")
        total += len(results)
    print(f"total: {total} Flux cases (torch {torch.__version__})")


if __name__ == "__main__":
    main()
