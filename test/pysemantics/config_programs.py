#!/usr/bin/env python3
"""Configuration as scripts read it, against CPython (the oracle side of cpython.test.ts):
argparse's parse_args() with no command line (its defaults: type= applied to str defaults,
store_true/store_false, dest from the long option, parents, set_defaults), yaml.safe_load
(PyYAML: YAML 1.1 ints, floats, booleans, merges), eval of literals and names, contextlib.suppress,
membership of classes in sets, importlib.import_module by a known name, re's matching, and NumPy linspace values. Writes test/pysemantics/goldens/configs.json in
generate_programs.py's format; each program is written here, not generated.

    /usr/bin/python3 test/pysemantics/config_programs.py
"""
import json
import os
import sys
import warnings

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from generate_programs import OUT, run, snapshot  # noqa: E402

PROGRAMS = {
    "argparse_defaults": '''
import argparse
parser = argparse.ArgumentParser(description="lm")
parser.add_argument("--model", type=str, default="LSTM")
parser.add_argument("--emsize", type=int, default="64")
parser.add_argument("--lr", type=float, default=20)
parser.add_argument("--clip", type=float, default="0.25")
parser.add_argument("--batch-size", type=int, default=20, metavar="N")
parser.add_argument("--tied", action="store_true")
parser.add_argument("--no-bias", dest="bias", action="store_false")
parser.add_argument("--data")
parser.add_argument("-n", "--num-layers", type=int, default=2)
parser.add_argument("-k", type=int, default=3)
args = parser.parse_args()
model = args.model
emsize = args.emsize
lr = args.lr
clip = args.clip
batch_size = args.batch_size
tied = args.tied
bias = args.bias
data = args.data
num_layers = args.num_layers
k = args.k
''',
    "argparse_parents_and_defaults": '''
import argparse
def base_parser():
    p = argparse.ArgumentParser("base", add_help=False)
    p.add_argument("--hidden_dim", default=256, type=int)
    p.add_argument("--backbone", default="resnet50", type=str)
    p.add_argument("--no_aux_loss", dest="aux_loss", action="store_false")
    p.add_argument("--lr_drop", default="200", type=int)
    return p
parser = argparse.ArgumentParser("main", parents=[base_parser()])
parser.add_argument("--depth", type=int)
parser.set_defaults(depth=12, extra="x")
parser.add_argument("--width", type=int)
args = parser.parse_args()
hidden_dim = args.hidden_dim
backbone = args.backbone
aux_loss = args.aux_loss
lr_drop = args.lr_drop
depth = args.depth
extra = args.extra
width = args.width
''',
    "argparse_groups_and_actions": '''
import argparse
def double(s):
    return int(s) * 2
parser = argparse.ArgumentParser(argument_default=None)
group = parser.add_argument_group("model")
group.add_argument("--heads", type=int, default=8)
group.add_argument("--size", type=double, default="16")
exclusive = parser.add_mutually_exclusive_group()
exclusive.add_argument("--fast", action="store_true")
exclusive.add_argument("--slow", action="store_true")
parser.add_argument("--verbose", "-v", action="count", default=0)
parser.add_argument("--tag", action="append")
parser.add_argument("--mode", action="store_const", const="eval", default="train")
parser.add_argument("config", nargs="?", default="cfg.yaml")
args = parser.parse_args()
heads = args.heads
size = args.size
fast = args.fast
slow = args.slow
verbose = args.verbose
tag = args.tag
mode = args.mode
config = args.config
empty = parser.parse_args([])
heads_again = empty.heads
''',
    "yaml_safe_load": '''
import yaml
text = """
nc: 80
depth_multiple: 0.33
width: 1.0
exp: 1e3
exp_dot: 1.0e+3
exp_unsigned: 1.0e3
neg_exp: -2.5e-2
inf: .inf
half: .5
big: 1_000
octal: 010
hex: 0x1F
on_flag: on
yes_flag: yes
no_flag: no
true_flag: True
nothing: null
tilde: ~
name: 'nearest'
plain: nearest
anchors:
  - [10, 13, 16, 30]
  - [30, 61, 62, 45]
backbone:
  [[-1, 1, Conv, [64, 6, 2, 2]],
   [-1, 1, nn.Upsample, [None, 2, 'nearest']]]
3: three
base: &base {a: 1, b: 2}
derived:
  <<: *base
  b: 3
dup: 1
dup: 2
"""
d = yaml.safe_load(text)
nc = d["nc"]
depth_multiple = d["depth_multiple"]
width = d["width"]
exp = d["exp"]
exp_dot = d["exp_dot"]
exp_unsigned = d["exp_unsigned"]
neg_exp = d["neg_exp"]
inf = d["inf"]
half = d["half"]
big = d["big"]
octal = d["octal"]
hexa = d["hex"]
on_flag = d["on_flag"]
yes_flag = d["yes_flag"]
no_flag = d["no_flag"]
true_flag = d["true_flag"]
nothing = d["nothing"]
tilde = d["tilde"]
name = d["name"]
plain = d["plain"]
anchors = d["anchors"]
backbone = d["backbone"]
three = d[3]
derived = d["derived"]
dup = d["dup"]
keys = list(d)
loaded = yaml.load("[1, 2.5, x]", Loader=yaml.SafeLoader)
full = yaml.full_load("{k: v}")
''',
    "eval_names_and_literals": '''
import contextlib
import math
nc = 80
anchors = [[10, 13], [30, 61]]
values = [eval(s) for s in ["3", "-2", "0.5", "1e-3", "None", "True", "'abc'", "nc", "anchors"]]
pi = eval("math.pi")
args = [None, 2, "nearest", "nc"]
for j, a in enumerate(args):
    with contextlib.suppress(NameError):
        args[j] = eval(a) if isinstance(a, str) else a
after = 1
with contextlib.suppress(KeyError, IndexError):
    missing = {}["k"]
    not_reached = 1
still = 2
z = eval("nearest")
never = 3
''',
    "suppress_other_exceptions": '''
import contextlib
before = 1
with contextlib.suppress(KeyError):
    x = 1 // 0
never = 2
''',
    "classes_in_sets": '''
import torch.nn as nn
class Conv(nn.Module):
    pass
class C3(nn.Module):
    pass
m = eval("Conv")
in_set = m in {Conv, C3, nn.ConvTranspose2d}
not_in_set = C3 in {Conv, nn.Upsample}
layer_in_set = nn.Upsample in {Conv, nn.Upsample}
layer_not_in_set = nn.Conv2d in {Conv, nn.Upsample}
same_layer = nn.Upsample is nn.Upsample
other_layer = nn.Upsample is nn.Conv2d
is_class = m is Conv
size = len({Conv, C3, Conv, nn.Upsample, nn.Upsample})
''',
    "importlib_by_name": '''
import importlib
def get_obj_from_str(string):
    module, cls = string.rsplit(".", 1)
    return getattr(importlib.import_module(module, package=None), cls)
m = importlib.import_module("math")
root = m.sqrt(16)
same = importlib.reload(m) is m
layer = get_obj_from_str("torch.nn.Linear")(in_features=4, out_features=8)
width = layer.out_features
is_linear = get_obj_from_str("torch.nn.Linear") is importlib.import_module("torch.nn").Linear
''',
    "re_module": '''
import re
def decode(block_str):
    ops = block_str.split('_')
    block_type = ops[0]
    options = {}
    for op in ops[1:]:
        splits = re.split(r'(\\d.*)', op)
        if len(splits) >= 2:
            key, value = splits[:2]
            options[key] = value
    return block_type, options
block_type, options = decode('ir_r1_k3_s22_e6_c40_se0.25_nsw')
kernel = int(options['k'])
stride = int(options['s'][0])
ratio = float(options['se'])
parts = re.split(r'[_,]', 'a_b,c_d', maxsplit=2)
groups = re.split(r'(-)|(\\+)', 'a-b+c')
m = re.match(r'([a-z]+)(\\d+)', 'conv3x3')
word, digits = m.group(1), m.group(2)
whole = m.group()
span = m.span(2)
both = m.group(1, 2)
no_match = re.match(r'\\d', 'abc')
searched = re.search(r'\\d+', 'layer12.weight').group()
start = re.search(r'\\d+', 'layer12.weight').start()
named = re.match(r'(?P<stage>\\w+?)\\.(?P<index>\\d+)', 'blocks.3.attn').group('index')
full = re.fullmatch(r'a|ab', 'ab').group()
full_none = re.fullmatch(r'\\d+', '12a')
found = re.findall(r'\\d+', 'd12_h3_w45')
pairs = re.findall(r'(\\w)(\\d)', 'a1 b2 c3')
renamed = re.sub(r'^module\\.', '', 'module.encoder.layer1')
swapped = re.sub(r'(\\w+)\\.(\\w+)', r'\\2_\\1', 'head.fc and stem.conv')
once = re.sub(r'\\d', 'N', 'a1b2c3', count=1)
bracketed = re.sub(r'(?P<n>\\d+)', r'[\\g<n>]', 'x10y2')
pat = re.compile(r'blocks\\.(\\d+)\\.', re.IGNORECASE)
block = int(pat.match('BLOCKS.7.mlp').group(1))
pieces = pat.split('blocks.1.a_blocks.2.b')
escaped = re.escape('a.b*c (d)')
flag = re.I | re.M
''',
    "numpy_linspace": '''
import numpy as np
rates = np.linspace(0, 0.3, 7).tolist()
zeros = np.linspace(0, 0.0, 12).tolist()
open_end = np.linspace(0.1, 1, 4, endpoint=False).tolist()
thirds = np.linspace(-1, 1, num=4).tolist()
one = np.linspace(2, 5, 1).tolist()
none = np.linspace(2, 5, 0).tolist()
count = len(np.linspace(0, 1, 9).tolist())
''',
}


def main():
    warnings.filterwarnings("ignore")
    # parse_args() reads sys.argv[1:]: the script's own command line is empty.
    sys.argv = [sys.argv[0]]
    programs = []
    for name, src in PROGRAMS.items():
        src = src.lstrip("\n")
        env, raised = run(src)
        programs.append({"id": name, "src": src, "raised": raised, "values": snapshot(env)})
    with open(os.path.join(OUT, "configs.json"), "w") as fh:
        fh.write('{"generator": "test/pysemantics/config_programs.py", "family": "configs", "programs": [\n')
        fh.write(",\n".join(json.dumps(p, ensure_ascii=False, sort_keys=True) for p in programs))
        fh.write("\n]}\n")
    print(f"configs: {len(programs)} programs")


if __name__ == "__main__":
    main()
