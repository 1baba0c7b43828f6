#!/usr/bin/env python3
"""Whether regenerated goldens say what the committed ones say (CI, after `npm run oracle`).

Shapes, dtypes, error texts and every other field must be identical. Tensor data written by the
generators (base64 of float32/float64 values) may differ in the last bits from one CPU to another:
PyTorch's convolutions pick kernels by the instruction set (an AMD EPYC and the machine that wrote
the goldens disagree by an ulp on torch.conv1d with padding='same'). Those are compared with the
tolerance the conformance tests use for the engine (rtol 1e-4, atol 1e-5), and a file whose only
differences are such is put back as committed. Exit 1, naming the first difference, otherwise.

  /usr/bin/python3 test/oracle/goldens_match.py <golden folder>...
"""
import base64
import json
import subprocess
import sys

import numpy as np

RTOL, ATOL = 1e-4, 1e-5
FLOATS = {"float32": np.float32, "float64": np.float64, "float16": np.float16}


def close_data(a, b, dtype):
    x = np.frombuffer(base64.b64decode(a), dtype=FLOATS[dtype]).astype(np.float64)
    y = np.frombuffer(base64.b64decode(b), dtype=FLOATS[dtype]).astype(np.float64)
    return x.shape == y.shape and bool(np.allclose(x, y, rtol=RTOL, atol=ATOL, equal_nan=True))


def difference(old, new, where):
    """The first place where `new` says something else than `old`, or None."""
    if isinstance(old, dict) and isinstance(new, dict):
        if old.keys() != new.keys():
            return f"{where}: keys {sorted(old.keys() ^ new.keys())}"
        if isinstance(old.get("dtype"), str) and old["dtype"] in FLOATS and isinstance(old.get("data"), str) and isinstance(new.get("data"), str) and old["data"] != new["data"]:
            if old.get("dtype") != new.get("dtype") or old.get("tensor") != new.get("tensor") or not close_data(old["data"], new["data"], old["dtype"]):
                return f"{where}: tensor data beyond rtol {RTOL}, atol {ATOL}"
            return next((d for k in old if k != "data" for d in [difference(old[k], new[k], f"{where}.{k}")] if d), None)
        return next((d for k in old for d in [difference(old[k], new[k], f"{where}.{k}")] if d), None)
    if isinstance(old, list) and isinstance(new, list):
        if len(old) != len(new):
            return f"{where}: {len(old)} items, now {len(new)}"
        return next((d for i, (a, b) in enumerate(zip(old, new)) for d in [difference(a, b, f"{where}[{i}]")] if d), None)
    return None if old == new and type(old) is type(new) else f"{where}: {json.dumps(old)[:80]} -> {json.dumps(new)[:80]}"


def parse(text):
    """A golden file: one JSON document, or one per line."""
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        return [json.loads(line) for line in text.splitlines() if line.strip()]


def main(folders):
    status = subprocess.run(["git", "status", "--porcelain", "--", *folders], capture_output=True, text=True, check=True).stdout.splitlines()
    failed = False
    for line in status:
        code, path = line[:2], line[3:]
        if code.strip() != "M" or not path.endswith(".json"):
            print(f"{path}: {'new' if '?' in code else 'changed'} ({code.strip()})", file=sys.stderr)
            failed = True
            continue
        old = parse(subprocess.run(["git", "show", f"HEAD:{path}"], capture_output=True, text=True, check=True).stdout)
        with open(path, encoding="utf-8") as f:
            new = parse(f.read())
        d = difference(old, new, path)
        if d:
            print(d, file=sys.stderr)
            failed = True
        else:
            print(f"{path}: only float data within tolerance differs (this CPU's kernels); kept as committed")
            subprocess.run(["git", "checkout", "--", path], check=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
