"""Flux cases and their PyTorch twins. Julia cannot run here, but Flux's shape rules are PyTorch's
with the axes reversed (Flux is WHCN / feature-first, column-major; PyTorch NCHW / row-major), so
each case is written once and rendered twice: as the Flux source the engine analyses, and as the
PyTorch module that real PyTorch runs on the reversed input. The golden is PyTorch's answer with
its axes reversed again.

Where Flux and PyTorch differ in more than the axis order, the difference is spelled out here,
with the Flux source line it comes from (Flux.jl v0.16, /work/corpus/FluxML+Flux.jl):
  * padding: Flux stores `pad` as written or per side (src/layers/conv.jl:47-58); an asymmetric
    pad becomes F.pad before a PyTorch conv/pool with no padding of its own.
  * SamePad(): `k_eff - 1` in total, cld(., 2) before and fld(., 2) after (conv.jl:48-58);
    ConvTranspose pads for a kernel of k - stride + 1 (conv.jl:361-363).
  * weight layouts: Dense (out, in) = PyTorch's (basic.jl:186-192); Conv (k..., in÷g, out) =
    PyTorch's reversed (conv.jl:180-188); ConvTranspose (k..., out÷g, in) = PyTorch's reversed
    (conv.jl:312); Embedding (out, in) = PyTorch's reversed (basic.jl:783-784); recurrent
    Wi (g*out, in) and Wh (g*out, out) = PyTorch's weight_ih/weight_hh (recurrent.jl:183-187,
    402-405, 603-605), with ONE bias of g*out where PyTorch keeps bias_ih and bias_hh.
  * BatchNorm: trainable γ, β and running μ, σ² (normalise.jl:259-287): PyTorch's weight, bias,
    running_mean, running_var (num_batches_tracked has no Flux twin).
  * LayerNorm(size...): a Scale of `size` (normalise.jl:194-197), PyTorch's normalized_shape reversed.
"""
import torch
import torch.nn as nn
import torch.nn.functional as F


class Pair:
    """Julia's `a => b`."""

    def __init__(self, a, b):
        self.a, self.b = a, b


class Fn:
    """A function value by its Julia name (`relu`, `σ`)."""

    def __init__(self, name):
        self.name = name


SAMEPAD = object()


def jl(v):
    """A Python value as Julia source."""
    if isinstance(v, Pair):
        return f"{jl(v.a)} => {jl(v.b)}"
    if isinstance(v, Fn):
        return v.name
    if v is SAMEPAD:
        return "SamePad()"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, tuple):
        return "(" + ", ".join(jl(x) for x in v) + ("," if len(v) == 1 else "") + ")"
    if isinstance(v, float):
        return repr(v)
    return str(v)


def jl_call(name, args=(), kwargs=None):
    kw = kwargs or {}
    a = ", ".join(jl(x) for x in args)
    k = ", ".join(f"{n}={jl(x)}" for n, x in kw.items())
    return f"{name}({a}{'; ' + k if k else ''})"


def rand_jl(shape, dtype="Float32"):
    return f"rand({dtype}, {', '.join(str(d) for d in shape)})" if shape else f"rand({dtype})"


def rev(t):
    return tuple(reversed(tuple(t)))


def as_tuple(v, n):
    return tuple(v) if isinstance(v, tuple) else (v,) * n


def flux_padding(pad, kernel, dilation, stride=None, transposed=False):
    """Flux's stored padding as (lo, hi) per spatial axis (conv.jl:47-58, 361-363)."""
    n = len(kernel)
    if pad is SAMEPAD:
        k = [k - s + 1 for k, s in zip(kernel, stride)] if transposed else list(kernel)
        out = []
        for ki, di in zip(k, dilation):
            amount = ki + (ki - 1) * (di - 1) - 1
            out.append((-(-amount // 2), amount // 2))
        return out
    if isinstance(pad, int):
        return [(pad, pad)] * n
    if len(pad) == n:
        return [(p, p) for p in pad]
    return [(pad[2 * i], pad[2 * i + 1]) for i in range(n)]


class PadThen(nn.Module):
    """F.pad in Flux's axis order (first spatial axis first = PyTorch's last axis first), then `inner`."""

    def __init__(self, pads, inner):
        super().__init__()
        self.pads = [p for lohi in pads for p in lohi]
        self.inner = inner

    def forward(self, x):
        return self.inner(F.pad(x, self.pads))


class CropAfter(nn.Module):
    """`inner`, then lo/hi cropped from each spatial axis (a transposed conv's asymmetric padding)."""

    def __init__(self, pads, inner):
        super().__init__()
        self.pads = pads
        self.inner = inner

    def forward(self, x):
        y = self.inner(x)
        n = len(self.pads)
        index = [slice(None), slice(None)]
        # PyTorch's spatial axes are Flux's reversed.
        for lo, hi in reversed(self.pads):
            index.append(slice(lo, None if hi == 0 else -hi))
        assert len(index) == n + 2
        return y[tuple(index)]


class Case:
    """A Flux layer (or expression) called on inputs, and its PyTorch twin."""

    def __init__(self, family, julia_layer, inputs, torch_module, layout, inputs_torch=None, expr=None, int_inputs=None):
        self.family = family
        self.julia_layer = julia_layer      # Julia constructor source, or None for an expression case
        self.expr = expr                    # Julia expression over x1, x2... (expression cases)
        self.inputs = inputs                # Julia shapes (with dtypes): [(shape, "Float32" | "Int" | ("range", hi))]
        self.torch_module = torch_module    # callable building the PyTorch module (or a function for expressions)
        self.layout = layout                # PyTorch parameter name -> (Flux name, 'same' | 'reversed' | None to drop)
        self.int_inputs = int_inputs or {}


def julia_input(spec):
    shape, dtype = spec
    if isinstance(dtype, tuple) and dtype[0] == "range":
        return f"rand(1:{dtype[1]}, {', '.join(str(d) for d in shape)})"
    return rand_jl(shape, dtype)


def torch_input(spec):
    shape, dtype = spec
    s = rev(shape)
    if isinstance(dtype, tuple) and dtype[0] == "range":
        return torch.randint(0, dtype[1], s)
    return torch.randn(s, dtype=torch.float64 if dtype == "Float64" else torch.float32)
