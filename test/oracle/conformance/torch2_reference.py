"""Numeric cases for PyTorch 2 ops that PyTorch 1.13 (the oracle here) does not have. Each case's
expected values are computed by real PyTorch 1.13 with the explicit formula the op's documentation
gives, so the engine's ONNX lowering is checked against PyTorch arithmetic, not against itself.

    Ref(case, formula, doc)   # formula(*args, **kwargs) for a function; formula(state, *inputs) for a layer
"""
import math
from dataclasses import dataclass, field
from typing import Any, Callable, Optional

import torch
import torch.nn.functional as F

from oracle_lib import Fn, Module, T

SDPA_DOC = "https://pytorch.org/docs/stable/generated/torch.nn.functional.scaled_dot_product_attention.html (the 'efficient implementation equivalent')"
FLEX_DOC = "https://pytorch.org/docs/stable/nn.attention.flex_attention.html (no score_mod/block_mask: softmax(q @ k^T * scale) @ v)"
RMS_DOC = "https://pytorch.org/docs/stable/generated/torch.nn.RMSNorm.html (y = x / sqrt(eps + mean(x^2)) * weight, eps = finfo.eps)"
PAD_DOC = "https://pytorch.org/docs/stable/generated/torch.nn.CircularPad2d.html (F.pad(input, padding, 'circular'))"


@dataclass
class Ref:
    case: Any
    formula: Callable
    doc: str
    # For a layer: its state_dict, drawn from the case's seed.
    state: Optional[Callable[[], dict]] = None
    extra: dict = field(default_factory=dict)


def sdpa(query, key, value, attn_mask=None, dropout_p=0.0, is_causal=False, scale=None, enable_gqa=False):
    """The documentation's reference implementation, out of place (its masked_fill_ works on [L, S])."""
    L, S = query.size(-2), key.size(-2)
    scale_factor = 1 / math.sqrt(query.size(-1)) if scale is None else scale
    attn_bias = torch.zeros(L, S, dtype=query.dtype)
    if is_causal:
        temp_mask = torch.ones(L, S, dtype=torch.bool).tril(diagonal=0)
        attn_bias = attn_bias.masked_fill(temp_mask.logical_not(), float("-inf"))
    if attn_mask is not None:
        if attn_mask.dtype == torch.bool:
            attn_bias = attn_bias.masked_fill(attn_mask.logical_not(), float("-inf"))
        else:
            attn_bias = attn_mask + attn_bias
    if enable_gqa:
        key = key.repeat_interleave(query.size(-3) // key.size(-3), -3)
        value = value.repeat_interleave(query.size(-3) // value.size(-3), -3)
    attn_weight = query @ key.transpose(-2, -1) * scale_factor
    attn_weight = attn_weight + attn_bias
    attn_weight = torch.softmax(attn_weight, dim=-1)
    return attn_weight @ value


def flex(query, key, value, score_mod=None, block_mask=None, scale=None, enable_gqa=False):
    return sdpa(query, key, value, scale=scale, enable_gqa=enable_gqa)


def rms(x, normalized_shape, weight=None, eps=None):
    dims = tuple(range(-len(normalized_shape), 0))
    e = torch.finfo(x.dtype).eps if eps is None else eps
    y = x / torch.sqrt(e + x.pow(2).mean(dims, keepdim=True))
    return y * weight if weight is not None else y


def rms_layer(normalized_shape, eps=None, elementwise_affine=True):
    ns = (normalized_shape,) if isinstance(normalized_shape, int) else tuple(normalized_shape)
    return lambda state, x: rms(x, ns, state.get("weight"), eps)


def circular(padding):
    def run(_state, x):
        n = len(padding) // 2
        batched = x.dim() == n + 2
        y = F.pad(x if batched else x.unsqueeze(0), padding, mode="circular")
        return y if batched else y.squeeze(0)
    return run


def ntuple(p, n):
    return (p,) * (2 * n) if isinstance(p, int) else tuple(p)


# A bool mask that leaves every query row at least one key (a fully masked row is NaN in the formula).
MASK = T(5, 7, dtype="bool", values=[[j <= i + 2 or j == 6 for j in range(7)] for i in range(5)])

SDPA = "torch.nn.functional.scaled_dot_product_attention"
FLEX = "torch.nn.attention.flex_attention.flex_attention"


def cases():
    yield Ref(Fn(SDPA, (T(2, 3, 5, 8), T(2, 3, 7, 8), T(2, 3, 7, 6))), sdpa, SDPA_DOC)
    yield Ref(Fn(SDPA, (T(4, 5, 8), T(4, 7, 8), T(4, 7, 8))), sdpa, SDPA_DOC)
    yield Ref(Fn(SDPA, (T(2, 3, 5, 8), T(2, 3, 7, 8), T(2, 3, 7, 8)), dict(attn_mask=T(5, 7))), sdpa, SDPA_DOC)
    yield Ref(Fn(SDPA, (T(2, 3, 5, 8), T(2, 3, 7, 8), T(2, 3, 7, 8)), dict(attn_mask=T(2, 1, 5, 7))), sdpa, SDPA_DOC)
    yield Ref(Fn(SDPA, (T(2, 3, 5, 8), T(2, 3, 7, 8), T(2, 3, 7, 8)), dict(attn_mask=MASK)), sdpa, SDPA_DOC)
    yield Ref(Fn(SDPA, (T(2, 3, 5, 8), T(2, 3, 5, 8), T(2, 3, 5, 8)), dict(is_causal=True)), sdpa, SDPA_DOC)
    yield Ref(Fn(SDPA, (T(1, 2, 4, 8), T(1, 2, 6, 8), T(1, 2, 6, 4)), dict(is_causal=True)), sdpa, SDPA_DOC)
    yield Ref(Fn(SDPA, (T(2, 3, 5, 8), T(2, 3, 7, 8), T(2, 3, 7, 8)), dict(scale=0.3)), sdpa, SDPA_DOC)
    yield Ref(Fn(SDPA, (T(2, 4, 5, 8), T(2, 2, 7, 8), T(2, 2, 7, 6)), dict(enable_gqa=True)), sdpa, SDPA_DOC)
    yield Ref(Fn(SDPA, (T(2, 6, 5, 8), T(2, 1, 5, 8), T(2, 1, 5, 8)), dict(enable_gqa=True, is_causal=True)), sdpa, SDPA_DOC)
    yield Ref(Fn(SDPA, (T(2, 3, 5, 8, dtype="float64"), T(2, 3, 7, 8, dtype="float64"), T(2, 3, 7, 8, dtype="float64"))), sdpa, SDPA_DOC)
    yield Ref(Fn(FLEX, (T(2, 4, 8, 8), T(2, 4, 8, 8), T(2, 4, 8, 4))), flex, FLEX_DOC)
    yield Ref(Fn(FLEX, (T(1, 4, 8, 8), T(1, 2, 16, 8), T(1, 2, 16, 8)), dict(enable_gqa=True, scale=0.25)), flex, FLEX_DOC)
    for args, kwargs, shape in [((6,), {}, (2, 3, 6)), ((6,), dict(eps=1e-3), (4, 6)), ((6,), dict(elementwise_affine=False), (2, 6)),
                                (((3, 4),), {}, (2, 3, 4))]:
        ns = (args[0],) if isinstance(args[0], int) else args[0]
        state = (lambda ns=ns: {"weight": 1 + 0.1 * torch.randn(ns)}) if kwargs.get("elementwise_affine", True) else (lambda: {})
        yield Ref(Module("torch.nn.RMSNorm", args, kwargs, inputs=(T(*shape),)), rms_layer(args[0], kwargs.get("eps")), RMS_DOC, state=state)
    yield Ref(Fn("torch.nn.functional.rms_norm", (T(3, 5), (5,)), dict(weight=T(5))), rms, RMS_DOC)
    yield Ref(Fn("torch.nn.functional.rms_norm", (T(2, 3, 4), (3, 4)), dict(eps=1e-4)), rms, RMS_DOC)
    for n, padding, shape in [(1, 2, (2, 3, 5)), (1, (3, 1), (3, 4)), (2, (1, 2, 2, 0), (1, 2, 3, 4)), (2, 1, (2, 3, 3)),
                              (2, (-1, 2, 0, -1), (1, 2, 4, 5)), (3, 1, (1, 2, 2, 3, 3)), (3, (1, 0, 0, 2, 1, 1), (2, 3, 3, 4))]:
        yield Ref(Module(f"torch.nn.CircularPad{n}d", (padding,), inputs=(T(*shape),)), circular(ntuple(padding, n)), PAD_DOC, state=lambda: {})
