"""The Flux oracle cases, by family: each builds the Flux source and its PyTorch twin (flux_lib.py).
Sweeps follow the PyTorch op cases (test/oracle/cases): kernels, strides, padding (also
asymmetric and SamePad), dilation, groups, ranks, and the mismatches that raise.

Left out, because Flux and PyTorch disagree beyond the axis order (the engine's unit tests cover
them with Flux's own texts): inputs of the wrong rank for Conv (PyTorch accepts an unbatched 3-D
input, Flux asserts ndims == 4), adaptive pools on inputs smaller than their output (PyTorch pools,
NNlib gets a zero stride), ConvTranspose with outpad >= stride (PyTorch refuses), concatenation
mismatches (Base's message differs between Julia versions)."""
from itertools import product

import torch
import torch.nn as nn
import torch.nn.functional as F

from flux_lib import SAMEPAD, Case, CropAfter, Fn, PadThen, Pair, as_tuple, flux_padding, jl, jl_call, rev

CONV_ND = {1: nn.Conv1d, 2: nn.Conv2d, 3: nn.Conv3d}
CONVT_ND = {1: nn.ConvTranspose1d, 2: nn.ConvTranspose2d, 3: nn.ConvTranspose3d}
MAXPOOL_ND = {1: nn.MaxPool1d, 2: nn.MaxPool2d, 3: nn.MaxPool3d}
AVGPOOL_ND = {1: nn.AvgPool1d, 2: nn.AvgPool2d, 3: nn.AvgPool3d}
AMAX_ND = {1: nn.AdaptiveMaxPool1d, 2: nn.AdaptiveMaxPool2d, 3: nn.AdaptiveMaxPool3d}
AAVG_ND = {1: nn.AdaptiveAvgPool1d, 2: nn.AdaptiveAvgPool2d, 3: nn.AdaptiveAvgPool3d}
TORCH_ACT = {"relu": nn.ReLU, "σ": nn.Sigmoid, "tanh": nn.Tanh, None: nn.Identity}

CONV_LAYOUT = {"weight": ("weight", "reversed"), "bias": ("bias", "same")}
DENSE_LAYOUT = {"weight": ("weight", "same"), "bias": ("bias", "same")}


def conv_case(kind, k, cin, cout, spatial, batch=2, stride=1, pad=0, dilation=1, groups=1, bias=True, act=None, outpad=0, xin=None):
    n = len(k)
    args = [k, Pair(cin, cout)] + ([Fn(act)] if act else [])
    kw = {}
    if stride != 1:
        kw["stride"] = stride
    if pad != 0:
        kw["pad"] = pad
    if dilation != 1:
        kw["dilation"] = dilation
    if groups != 1:
        kw["groups"] = groups
    if outpad != 0:
        kw["outpad"] = outpad
    if not bias:
        kw["bias"] = False
    g = cin if kind == "DepthwiseConv" else groups
    s = as_tuple(stride, n)
    d = as_tuple(dilation, n)
    pads = flux_padding(pad, k, d, s, transposed=kind == "ConvTranspose")
    symmetric = all(lo == hi for lo, hi in pads)

    def build():
        if kind == "ConvTranspose":
            op = as_tuple(outpad, n)
            inner = CONVT_ND[n](cin, cout, rev(k), stride=rev(s), padding=rev([lo for lo, _ in pads]) if symmetric else 0,
                                output_padding=rev(op), groups=g, bias=bias, dilation=rev(d))
            return inner if symmetric else CropAfter(pads, inner)
        inner = CONV_ND[n](cin, cout, rev(k), stride=rev(s), padding=rev([lo for lo, _ in pads]) if symmetric else 0,
                           dilation=rev(d), groups=g, bias=bias)
        return inner if symmetric else PadThen(pads, inner)

    return Case("conv", jl_call(kind, args, kw), [((*spatial, cin if xin is None else xin, batch), "Float32")], build, CONV_LAYOUT)


def conv_cases():
    out = []
    # Conv2d: kernel, stride, padding (integer, per axis, per side), dilation
    for k, s, p, d in product([(1, 1), (3, 3), (2, 3)], [1, 2, (2, 1)], [0, 1, (1, 2), (1, 0, 2, 1)], [1, 2]):
        out.append(conv_case("Conv", k, 4, 6, (9, 8), stride=s, pad=p, dilation=d))
    # SamePad, odd and even kernels, with stride and dilation (conv.jl:48-58)
    for n, k, s, d in product([1, 2], [1, 2, 3, 4, 5], [1, 2, 3], [1, 2]):
        out.append(conv_case("Conv", (k,) * n, 3, 4, (11, 10)[:n], stride=s, pad=SAMEPAD, dilation=d))
    # Conv1d and Conv3d
    for k, s, p in product([1, 3, 4], [1, 3], [0, 2]):
        out.append(conv_case("Conv", (k,), 4, 5, (11,), stride=s, pad=p))
    for k, s in product([(1, 2, 3), (3, 3, 3)], [1, 2, (1, 2, 3)]):
        out.append(conv_case("Conv", k, 2, 3, (7, 6, 5), stride=s, batch=1))
    # groups and bias: Flux weight (k..., in÷groups, out)
    for n, (cin, cout, g), bias in product([1, 2, 3], [(4, 8, 2), (4, 4, 4), (6, 9, 3), (2, 6, 1)], [True, False]):
        out.append(conv_case("Conv", (3,) * n, cin, cout, (9, 8, 7)[:n], groups=g, bias=bias))
    # activations print in the layer but do not change shapes
    for act in ["relu", "σ", "tanh"]:
        out.append(conv_case("Conv", (5, 5), 10, 5, (60, 60), batch=1, act=act))
    # the seed case: Conv((5,5), 10 => 5) on 60×60×10×1
    out.append(conv_case("Conv", (5, 5), 10, 5, (60, 60), batch=1))
    # channel mismatches (fix: `in`)
    for n, xin in product([1, 2, 3], [1, 7]):
        out.append(conv_case("Conv", (3,) * n, 4, 8, (9, 8, 7)[:n], xin=xin))
    out.append(conv_case("Conv", (3, 3), 3, 16, (10, 10), batch=64, xin=7))
    # kernels larger than the padded input (NNlib ConvDims.jl:146)
    for k, p, d in [((5, 5), 0, 1), ((3, 3), 0, 3), ((7, 7), 1, 1), ((5, 5), 2, 1)]:
        out.append(conv_case("Conv", k, 2, 3, (4, 4), pad=p, dilation=d))
    # CrossCor (no groups) and DepthwiseConv (groups = in)
    for k, s, p in product([(3, 3), (2, 2)], [1, 2], [0, 1, SAMEPAD]):
        out.append(conv_case("CrossCor", k, 3, 6, (10, 9), stride=s, pad=p))
    for (cin, cout), s, p in product([(3, 6), (4, 4), (2, 8)], [1, 2], [0, 2]):
        out.append(conv_case("DepthwiseConv", (3, 3), cin, cout, (10, 9), stride=s, pad=p))
    out.append(conv_case("DepthwiseConv", (3, 3), 3, 6, (10, 9), xin=4))
    # ConvTranspose: weight (k..., out÷groups, in); outpad below the stride
    for k, s, p, op in product([(2, 2), (3, 3), (4, 4)], [1, 2, 3], [0, 1, (1, 0, 0, 1)], [0, 1]):
        if op >= s:
            continue
        out.append(conv_case("ConvTranspose", k, 4, 3, (5, 6), stride=s, pad=p, outpad=op))
    for s in [1, 2, 3]:
        out.append(conv_case("ConvTranspose", (5, 5), 3, 7, (10, 10), stride=s, pad=SAMEPAD))
        out.append(conv_case("ConvTranspose", (4,), 3, 2, (7,), stride=s, pad=SAMEPAD))
    for (cin, cout, g), d in product([(4, 6, 2), (6, 3, 3)], [1, 2]):
        out.append(conv_case("ConvTranspose", (3, 3), cin, cout, (5, 6), groups=g, dilation=d))
    out.append(conv_case("ConvTranspose", (3, 3, 3), 2, 4, (4, 5, 3), stride=2))
    out.append(conv_case("ConvTranspose", (3, 3), 4, 3, (5, 6), xin=3))
    return out


def pool_case(kind, k, spatial, c=3, batch=2, stride=None, pad=0):
    n = len(k)
    kw = {}
    if pad != 0:
        kw["pad"] = pad
    if stride is not None:
        kw["stride"] = stride
    s = as_tuple(stride if stride is not None else k, n)
    pads = flux_padding(pad, k, (1,) * n, s)

    def build():
        cls = MAXPOOL_ND[n] if kind == "MaxPool" else AVGPOOL_ND[n]
        return PadThen(pads, cls(rev(k), stride=rev(s)))

    return Case("pool", jl_call(kind, [k], kw), [((*spatial, c, batch), "Float32")], build, {})


def pool_cases():
    out = []
    for kind, k, s, p in product(["MaxPool", "MeanPool"], [(2, 2), (3, 3), (2, 3)], [None, 1, 2, (1, 2)], [0, 1, SAMEPAD]):
        out.append(pool_case(kind, k, (10, 9), stride=s, pad=p))
    for kind, n in product(["MaxPool", "MeanPool"], [1, 3]):
        out.append(pool_case(kind, (2,) * n, (9, 8, 7)[:n]))
        out.append(pool_case(kind, (3,) * n, (9, 8, 7)[:n], stride=2, pad=1))
    # windows larger than the padded input
    for kind in ["MaxPool", "MeanPool"]:
        out.append(pool_case(kind, (5, 5), (3, 3)))
    for kind, o in product(["AdaptiveMaxPool", "AdaptiveMeanPool"], [(1, 1), (4, 4), (5, 3), (10, 9)]):
        cls = AMAX_ND[2] if kind == "AdaptiveMaxPool" else AAVG_ND[2]
        out.append(Case("pool", jl_call(kind, [o]), [((10, 9, 3, 2), "Float32")], lambda cls=cls, o=o: cls(rev(o)), {}))
    for kind, o in product(["AdaptiveMaxPool", "AdaptiveMeanPool"], [(2,), (3, 2, 1)]):
        n = len(o)
        cls = AMAX_ND[n] if kind == "AdaptiveMaxPool" else AAVG_ND[n]
        out.append(Case("pool", jl_call(kind, [o]), [(((7, 6, 5)[:n]) + (3, 2), "Float32")], lambda cls=cls, o=o: cls(rev(o)), {}))
    for kind, n in product(["GlobalMaxPool", "GlobalMeanPool"], [1, 2, 3]):
        cls = AMAX_ND[n] if kind == "GlobalMaxPool" else AAVG_ND[n]
        out.append(Case("pool", f"{kind}()", [(((7, 6, 5)[:n]) + (4, 2), "Float32")], lambda cls=cls, n=n: cls((1,) * n), {}))
    return out


def dense_case(fin, fout, shape, act=None, bias=True, legacy=False):
    args = [fin, fout] if legacy else [Pair(fin, fout)]
    if act:
        args.append(Fn(act))
    kw = {} if bias else {"bias": False}
    return Case("dense", jl_call("Dense", args, kw), [(shape, "Float32")], lambda: nn.Linear(fin, fout, bias=bias), DENSE_LAYOUT)


def dense_cases():
    out = []
    for (fin, fout), lead, bias in product([(10, 5), (1, 3), (784, 128)], [(), (7,), (6, 4), (2, 3, 5)], [True, False]):
        out.append(dense_case(fin, fout, (fin, *lead), bias=bias))
    for act in ["relu", "σ", "tanh"]:
        out.append(dense_case(5, 2, (5, 64), act=act))
    out.append(dense_case(10, 4, (10, 3), legacy=True))
    # mismatches (fix: `in`)
    for fin, got in [(100, 128), (10, 9), (3072, 768)]:
        out.append(dense_case(fin, 10, (got, 16)))
        out.append(dense_case(fin, 10, (got,)))
    # Embedding(in => out): indices of any shape s -> (out, s...)
    for (vin, vout), shape in product([(26, 4), (1000, 64)], [(7,), (10, 12), (10, 1, 12)]):
        out.append(Case("dense", jl_call("Embedding", [Pair(vin, vout)]), [(shape, ("range", vin))],
                        lambda vin=vin, vout=vout: nn.Embedding(vin, vout), {"weight": ("weight", "reversed")}))
    return out


def batchnorm_case(c, shape, xin=None, affine=True, track=True, act=None):
    rank = len(shape)
    args = [c] + ([Fn(act)] if act else [])
    kw = {}
    if not affine:
        kw["affine"] = False
    if not track:
        kw["track_stats"] = False
    real = list(shape)
    if xin is not None:
        real[-2] = xin
    cls = nn.BatchNorm1d if rank <= 3 else nn.BatchNorm2d if rank == 4 else nn.BatchNorm3d
    layout = {"weight": ("γ", "same"), "bias": ("β", "same"), "running_mean": ("μ", "same"), "running_var": ("σ²", "same"), "num_batches_tracked": None}
    return Case("norm", jl_call("BatchNorm", args, kw), [(tuple(real), "Float32")], lambda: cls(c, affine=affine, track_running_stats=track), layout)


def norm_cases():
    out = []
    for c, shape in product([3, 16], [(None, 8), (5, None, 4), (6, 6, None, 2), (4, 4, 3, None, 2)]):
        s = tuple(c if d is None else d for d in shape)
        out.append(batchnorm_case(c, s))
    for affine, track in [(False, True), (True, False), (False, False)]:
        out.append(batchnorm_case(8, (5, 5, 8, 2), affine=affine, track=track))
    out.append(batchnorm_case(64, (7, 7, 64, 2), act="relu"))
    for rank in [2, 3, 4, 5]:
        shape = (6, 5, 4, 3, 2)[-rank:]
        out.append(batchnorm_case(9, shape, xin=shape[-2] if shape[-2] != 9 else 7))
    # LayerNorm over the first dimensions (Scale of `size`)
    ln_layout = {"weight": ("diag.scale", "reversed"), "bias": ("diag.bias", "reversed")}
    for sizes, shape in [((5,), (5, 3)), ((5,), (5, 4, 2)), ((4, 3), (4, 3, 2)), ((6,), (6,)), ((4, 3, 2), (4, 3, 2, 5))]:
        out.append(Case("norm", jl_call("LayerNorm", list(sizes)), [(shape, "Float32")], lambda sizes=sizes: nn.LayerNorm(rev(sizes)), ln_layout))
    for sizes, shape in [((5,), (4, 3)), ((4, 3), (4, 2, 2))]:
        out.append(Case("norm", jl_call("LayerNorm", list(sizes)), [(shape, "Float32")], lambda sizes=sizes: nn.LayerNorm(rev(sizes)), ln_layout))
    for p, shape in product([0.0, 0.5, 1.0], [(10, 4), (3, 3, 2, 2)]):
        out.append(Case("norm", jl_call("Dropout", [p]), [(shape, "Float32")], lambda p=p: nn.Dropout(p), {}))
    out.append(Case("norm", jl_call("Dropout", [1.5]), [((3, 2), "Float32")], lambda: nn.Dropout(1.5), {}))
    return out


class RecurrentTwin(nn.Module):
    """Flux's RNN/LSTM/GRU on (in, len[, batch]): PyTorch's batch-first layer on the reversed input."""

    def __init__(self, cls, fin, fout, return_state, **kw):
        super().__init__()
        self.rnn = cls(fin, fout, batch_first=True, **kw)
        self.return_state = return_state

    def forward(self, x):
        y, state = self.rnn(x)
        if not self.return_state:
            return y
        if isinstance(state, tuple):
            return y, tuple(s[0] if x.dim() == 3 else s[0] for s in state)
        return y, state[0]


def recurrent_cases():
    out = []
    torch_cls = {"RNN": nn.RNN, "LSTM": nn.LSTM, "GRU": nn.GRU}
    for kind, (fin, fout), shape, bias in product(["RNN", "LSTM", "GRU"], [(3, 5), (27, 128)], [(None, 7, 4), (None, 6), (None, 1, 3)], [True, False]):
        s = tuple(fin if d is None else d for d in shape)
        kw = {} if bias else {"bias": False}
        layout = {"weight_ih_l0": ("cell.Wi", "same"), "weight_hh_l0": ("cell.Wh", "same"),
                  "bias_ih_l0": ("cell.b" if kind == "GRU" else "cell.bias", "same"), "bias_hh_l0": None}
        out.append(Case("recurrent", jl_call(kind, [Pair(fin, fout)], kw), [(s, "Float32")],
                        lambda kind=kind, fin=fin, fout=fout, bias=bias: RecurrentTwin(torch_cls[kind], fin, fout, False, bias=bias), layout))
    for kind, shape in product(["RNN", "LSTM", "GRU"], [(3, 7, 4), (3, 6)]):
        layout = {"weight_ih_l0": ("cell.Wi", "same"), "weight_hh_l0": ("cell.Wh", "same"),
                  "bias_ih_l0": ("cell.b" if kind == "GRU" else "cell.bias", "same"), "bias_hh_l0": None}
        out.append(Case("recurrent", jl_call(kind, [Pair(3, 5)], {"return_state": True}), [(shape, "Float32")],
                        lambda kind=kind: RecurrentTwin(torch_cls[kind], 3, 5, True), layout))
    out.append(Case("recurrent", jl_call("RNN", [Pair(3, 5), Fn("relu")]), [((3, 7, 4), "Float32")],
                    lambda: RecurrentTwin(nn.RNN, 3, 5, False, nonlinearity="relu"),
                    {"weight_ih_l0": ("cell.Wi", "same"), "weight_hh_l0": ("cell.Wh", "same"), "bias_ih_l0": ("cell.bias", "same"), "bias_hh_l0": None}))
    # input size mismatches (fix: `in`)
    for kind, shape in product(["RNN", "LSTM", "GRU"], [(5, 7, 4), (5, 6)]):
        layout = {"weight_ih_l0": ("cell.Wi", "same"), "weight_hh_l0": ("cell.Wh", "same"),
                  "bias_ih_l0": ("cell.b" if kind == "GRU" else "cell.bias", "same"), "bias_hh_l0": None}
        out.append(Case("recurrent", jl_call(kind, [Pair(10, 20)]), [(shape, "Float32")],
                        lambda kind=kind: RecurrentTwin(torch_cls[kind], 10, 20, False), layout))
    return out


def expr_case(family, expr, shapes, fn, dtype="Float32"):
    return Case(family, None, [(s, dtype) for s in shapes], fn, {}, expr=expr)


def julia_perm_to_torch(p):
    n = len(p)
    return [n - p[n - 1 - j] for j in range(n)]


def array_cases():
    out = []
    # reshape (column-major in Julia, row-major in PyTorch: the same sizes, reversed)
    for shape, dims in [((4, 6), (3, 8)), ((4, 6), (24,)), ((4, 6), (":", 2)), ((2, 3, 4), (6, ":")), ((2, 3, 4), (2, ":", 2)),
                        ((5, 5, 16, 8), (":", 8)), ((4, 6), (5, 5)), ((4, 6), (5, ":")), ((7, 7, 64, 3), (7 * 7 * 64, ":"))]:
        tdims = [(-1 if d == ":" else d) for d in rev(dims)]
        out.append(expr_case("arrays", f"reshape(x1, {', '.join(str(d) for d in dims)})", [shape], lambda x, tdims=tdims: x.reshape(tdims)))
    # permutedims with a 1-based permutation
    for shape, p in [((2, 3, 4), (3, 1, 2)), ((2, 3, 4), (2, 1, 3)), ((2, 3, 4, 5), (4, 3, 2, 1)), ((28, 28, 1, 8), (2, 1, 3, 4))]:
        q = julia_perm_to_torch(p)
        out.append(expr_case("arrays", f"permutedims(x1, {jl(p)})", [shape], lambda x, q=q: x.permute(q)))
    # cat / vcat / hcat along Julia's dims
    for shapes, d in [(((2, 3), (4, 3)), 1), (((2, 3), (2, 5)), 2), (((2, 3, 4), (2, 3, 1)), 3), (((5, 5, 16, 2), (5, 5, 8, 2)), 3)]:
        n = len(shapes[0])
        out.append(expr_case("arrays", f"cat(x1, x2; dims={d})", shapes, lambda a, b, n=n, d=d: torch.cat([a, b], dim=n - d)))
    out.append(expr_case("arrays", "vcat(x1, x2)", [(2, 3), (4, 3)], lambda a, b: torch.cat([a, b], dim=1)))
    out.append(expr_case("arrays", "hcat(x1, x2)", [(2, 3), (2, 5)], lambda a, b: torch.cat([a, b], dim=0)))
    # matrix products: Julia's A * B is PyTorch's B' @ A' on the reversed arrays
    for sa, sb in [((3, 4), (4, 5)), ((10, 784), (784, 64)), ((3, 4), (4,)), ((3, 4), (5, 6)), ((3, 4), (5,)), ((128, 100), (128, 16))]:
        out.append(expr_case("arrays", "x1 * x2", [sa, sb], lambda a, b: torch.matmul(b, a)))
    # broadcasting aligns the first axes in Julia, the last in PyTorch
    for sa, sb in [((3, 4), (3,)), ((3, 4), (1, 4)), ((3, 1, 5), (3, 4)), ((2, 3), (3,)), ((5, 5, 16, 2), (1, 1, 16)), ((4,), (4, 4))]:
        out.append(expr_case("arrays", "x1 .+ x2", [sa, sb], lambda a, b: a + b))
    for sa, sb in [((3, 4), (3, 4)), ((2, 3, 4), (2, 3, 4))]:
        out.append(expr_case("arrays", "x1 + x2", [sa, sb], lambda a, b: a + b))
        out.append(expr_case("arrays", "x1 .* x2", [sa, sb], lambda a, b: a * b))
    # indexing: 1-based, `:` keeps a dimension, an integer drops it
    for shape, idx, tidx in [
        ((4, 5, 6), "x1[:, 2:3, 1]", lambda x: x[0, 1:3, :]),
        ((4, 5, 6), "x1[1, :, :]", lambda x: x[:, :, 0]),
        ((4, 5, 6), "x1[:, :, end]", lambda x: x[-1, :, :]),
        ((4, 5), "x1[2:end, :]", lambda x: x[:, 1:]),
        ((28, 28, 1, 8), "x1[:, :, :, 1:4]", lambda x: x[0:4]),
        ((4, 5, 6), "x1[:, 1]", lambda x: x.reshape(-1, 4)[0]),
    ]:
        out.append(expr_case("arrays", idx, [shape], tidx))
    # reductions keep the reduced dimensions as 1
    for shape, d in [((3, 4), 1), ((3, 4), 2), ((2, 3, 4), 2), ((2, 3, 4), (1, 3))]:
        n = len(shape)
        td = [n - x for x in (d if isinstance(d, tuple) else (d,))]
        out.append(expr_case("arrays", f"sum(x1; dims={jl(d)})", [shape], lambda x, td=td: x.sum(dim=td, keepdim=True)))
    # flatten, softmax and activations (NNlib applies them elementwise to arrays)
    for shape in [(5, 5, 16, 4), (3, 4), (2, 3, 4)]:
        out.append(expr_case("arrays", "Flux.flatten(x1)", [shape], lambda x: torch.flatten(x, 1)))
        out.append(expr_case("arrays", "softmax(x1)", [shape], lambda x: F.softmax(x, dim=-1)))
        out.append(expr_case("arrays", "relu(x1)", [shape], F.relu))
        out.append(expr_case("arrays", "σ.(x1)", [shape], torch.sigmoid))
    out.append(expr_case("arrays", "softmax(x1; dims=2)", [(3, 4)], lambda x: F.softmax(x, dim=0)))
    return out


def chain_cases():
    out = []
    lenet = ("Chain(Conv((5, 5), 1 => 6, relu), MaxPool((2, 2)), Conv((5, 5), 6 => 16, relu), MaxPool((2, 2)), "
             "Flux.flatten, Dense(256 => 120, relu), Dense(120 => 84, relu), Dense(84 => 10))")
    out.append(Case("chain", lenet, [((28, 28, 1, 4), "Float32")], lambda: nn.Sequential(
        nn.Conv2d(1, 6, 5), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(6, 16, 5), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(),
        nn.Linear(256, 120), nn.ReLU(), nn.Linear(120, 84), nn.ReLU(), nn.Linear(84, 10)), {}))
    mlp = "Chain(Flux.flatten, Dense(784 => 32, relu), Dense(32 => 10), softmax)"
    out.append(Case("chain", mlp, [((28, 28, 1, 16), "Float32")], lambda: nn.Sequential(
        nn.Flatten(), nn.Linear(784, 32), nn.ReLU(), nn.Linear(32, 10), nn.Softmax(-1)), {}))
    bad = "Chain(Conv((3, 3), 1 => 8), Flux.flatten, Dense(100 => 10))"
    out.append(Case("chain", bad, [((12, 12, 1, 2), "Float32")], lambda: nn.Sequential(nn.Conv2d(1, 8, 3), nn.Flatten(), nn.Linear(100, 10)), {}))
    return out


def all_cases():
    return conv_cases() + pool_cases() + dense_cases() + norm_cases() + recurrent_cases() + array_cases() + chain_cases()
