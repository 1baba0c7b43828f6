#!/usr/bin/env python3
"""Run each Flux fixture's PyTorch mirror (test/oracle/flux/mirrors/<name>.py, the same model and
data in PyTorch's axis order) and write what it recorded, axes reversed to Flux's order, as the
fixture's golden: test/oracle/goldens/flux/fixtures/<name>.json.

    /usr/bin/python3 test/oracle/flux/trace_flux_fixtures.py [name ...]
"""
import importlib.util
import json
import os
import sys
import warnings

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))
sys.path.insert(0, HERE)

from mirror_lib import Mirror  # noqa: E402

MIRRORS = os.path.join(HERE, "mirrors")
FIXTURES = os.path.join(ROOT, "test", "fixtures", "flux")
OUT = os.path.join(os.path.dirname(HERE), "goldens", "flux", "fixtures")
warnings.filterwarnings("ignore")
torch.set_num_threads(1)


def main(argv):
    os.makedirs(OUT, exist_ok=True)
    names = sorted(f[:-3] for f in os.listdir(MIRRORS) if f.endswith(".py"))
    if argv:
        names = [n for n in names if n in argv]
    for name in names:
        spec = importlib.util.spec_from_file_location(f"mirror_{name}", os.path.join(MIRRORS, name + ".py"))
        mod = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(mod)
        torch.manual_seed(0)
        fixture = os.path.join(FIXTURES, name + ".jl")
        m = Mirror(fixture)
        with torch.no_grad():
            mod.mirror(m)
        golden = m.golden(os.path.relpath(fixture, ROOT))
        with open(os.path.join(OUT, name + ".json"), "w") as fh:
            json.dump(golden, fh, indent=1, ensure_ascii=False)
            fh.write("\n")
        print(f"{name}: {len(golden['hints'])} hints, {len(golden['models'])} models{', error at line ' + str(golden['error']['line']) if golden['error'] else ''}")


if __name__ == "__main__":
    main(sys.argv[1:])
