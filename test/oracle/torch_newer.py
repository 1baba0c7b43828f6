"""Keyword arguments later PyTorch releases added to layers, for the 1.13 oracle: each one a
subclass that takes the argument and does what that release does with it, written after that
release's source. Only fixtures that use the argument run with it (trace_fixtures.py)."""
import contextlib
import re

import torch


class LayerNorm21(torch.nn.LayerNorm):
    """nn.LayerNorm's `bias` (PyTorch 2.1, torch/nn/modules/normalization.py): False leaves the
    layer without a bias parameter; F.layer_norm then gets bias=None, which 1.13 accepts."""

    def __init__(self, normalized_shape, eps=1e-5, elementwise_affine=True, bias=True, device=None, dtype=None):
        super().__init__(normalized_shape, eps, elementwise_affine, device, dtype)
        if elementwise_affine and not bias:
            self.register_parameter("bias", None)


USES_LAYER_NORM_BIAS = re.compile(r"LayerNorm\b[^\n]*\bbias\s*=")


@contextlib.contextmanager
def newer_layers(src):
    """torch.nn's layers with the arguments `src` uses from later releases, while the block runs."""
    saved = torch.nn.LayerNorm
    if USES_LAYER_NORM_BIAS.search(src):
        torch.nn.LayerNorm = LayerNorm21
    try:
        yield
    finally:
        torch.nn.LayerNorm = saved
