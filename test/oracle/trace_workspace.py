#!/usr/bin/env python3
"""Model files called from other files of their project (test/fixtures/python/workspace/<project>):
model.py is imported, instrumented, by each other script of the project run under real PyTorch
(train scripts from the top, test_*.py through their test functions, as pytest would), and every
name model.py binds is recorded with the shapes it took. A project whose model only YAML configs
build (configs/*.yaml, CompVis style) is run as its training script would: the project's own
utils.config.instantiate_from_config(config["model"]), called on a batch of RGB images of the
config's data.batch_size and data.size. Writes
test/oracle/goldens/workspace/<project>.json.

    /usr/bin/python3 test/oracle/trace_workspace.py
"""
import json
import os
import sys
import types
import warnings

import torch
import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
PROJECTS = os.path.join(ROOT, "test", "fixtures", "python", "workspace")
OUT = os.path.join(HERE, "goldens", "workspace")
sys.path.insert(0, HERE)
from trace_fixtures import instrumented, shape_recorder  # noqa: E402

warnings.filterwarnings("ignore")
torch.set_num_threads(1)


def fresh_model_module(tree, model_path, record):
    module = types.ModuleType("model")
    module.__file__ = model_path
    module.__record__ = record
    sys.modules["model"] = module
    exec(compile(tree, model_path, "exec"), module.__dict__)


def trace_project(project):
    model_path = os.path.join(project, "model.py")
    tree = instrumented(open(model_path).read())
    hints = {}
    record = shape_recorder(hints)

    callers = sorted(f for f in os.listdir(project) if f.endswith(".py") and f != "model.py")
    config_dir = os.path.join(project, "configs")
    configs = sorted(os.path.join("configs", f) for f in os.listdir(config_dir) if f.endswith(".yaml")) if os.path.isdir(config_dir) else []
    errors = {}
    cwd = os.getcwd()
    os.chdir(project)
    sys.path.insert(0, project)
    try:
        for caller in callers:
            torch.manual_seed(0)
            module = types.ModuleType("model")
            module.__file__ = model_path
            module.__record__ = record
            sys.modules["model"] = module
            exec(compile(tree, model_path, "exec"), module.__dict__)
            env = {"__name__": "__main__", "__file__": os.path.join(project, caller)}
            try:
                exec(compile(open(caller).read(), os.path.join(project, caller), "exec"), env)
                for name, fn in list(env.items()):
                    if name.startswith("test") and callable(fn) and getattr(fn, "__code__", None) and fn.__code__.co_argcount == 0:
                        fn()
                errors[caller] = None
            except Exception as e:  # noqa: BLE001 - the exception is part of the golden
                errors[caller] = {"type": type(e).__name__, "message": str(e)}
        for config in configs:
            torch.manual_seed(0)
            fresh_model_module(tree, model_path, record)
            try:
                from utils.config import instantiate_from_config
                with open(config) as fh:
                    cfg = yaml.safe_load(fh)
                model = instantiate_from_config(cfg["model"])
                size = cfg["data"]["size"]
                model(torch.randn(cfg["data"]["batch_size"], 3, size, size))
                errors[config] = None
            except Exception as e:  # noqa: BLE001 - the exception is part of the golden
                errors[config] = {"type": type(e).__name__, "message": str(e)}
        callers += configs
    finally:
        sys.path.remove(project)
        sys.modules.pop("model", None)
        os.chdir(cwd)
    return {
        "file": os.path.relpath(model_path, ROOT),
        "callers": callers,
        "errors": errors,
        "hints": [{"line": l, "column": c, "name": n, "shapes": s} for (l, c, n), s in sorted(hints.items())],
    }


def main():
    os.makedirs(OUT, exist_ok=True)
    for name in sorted(os.listdir(PROJECTS)):
        project = os.path.join(PROJECTS, name)
        if not os.path.isdir(project):
            continue
        result = trace_project(project)
        with open(os.path.join(OUT, name + ".json"), "w") as fh:
            hints = ",\n  ".join(json.dumps(h) for h in result["hints"])
            fh.write(f'{{"file": {json.dumps(result["file"])},\n "callers": {json.dumps(result["callers"])},\n'
                     f' "errors": {json.dumps(result["errors"])},\n "hints": [\n  {hints}\n ]}}\n')
        print(f"{result['file']}: {len(result['hints'])} hints from {', '.join(result['callers'])}")


if __name__ == "__main__":
    main()
