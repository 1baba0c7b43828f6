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


class SyncBatchNorm2(torch.nn.SyncBatchNorm):
    """nn.SyncBatchNorm on a CPU input: 1.13's forward refuses any input not on a GPU before it
    looks at its rank; PyTorch 2 asks for a GPU only when it syncs statistics, in a training run
    with an initialised process group, and otherwise runs F.batch_norm on the input as 1.13 does
    on a GPU (`need_sync` false). Here no process group is ever initialised: 1.13's own fallback.
    This is 1.13's SyncBatchNorm.forward (torch/nn/modules/batchnorm.py, lines 683-745 of Debian's
    python3-torch 1.13) without its first check, `if not input.is_cuda: raise`; the rank check
    (`_check_input_dim`, "expected at least 2D input") and the F.batch_norm fallback are 1.13's own."""

    def forward(self, input):
        self._check_input_dim(input)
        self._check_non_zero_input_channels(input)
        factor = 0.0 if self.momentum is None else self.momentum
        if self.training and self.track_running_stats:
            self.num_batches_tracked.add_(1)
            factor = 1.0 / self.num_batches_tracked.item() if self.momentum is None else self.momentum
        bn_training = self.training or (self.running_mean is None and self.running_var is None)
        keep = not self.training or self.track_running_stats
        return torch.nn.functional.batch_norm(input, self.running_mean if keep else None, self.running_var if keep else None,
                                              self.weight, self.bias, bn_training, factor, self.eps)


# Later releases' layers the op cases name (generate_op_goldens.py resolves them here first).
NEWER_OPS = {"torch.nn.SyncBatchNorm": SyncBatchNorm2}


@contextlib.contextmanager
def newer_layers(src):
    """torch.nn's layers with the arguments `src` uses from later releases, while the block runs."""
    saved = torch.nn.LayerNorm, torch.nn.SyncBatchNorm
    if USES_LAYER_NORM_BIAS.search(src):
        torch.nn.LayerNorm = LayerNorm21
    if "SyncBatchNorm" in src or "SyncBN" in src:
        torch.nn.SyncBatchNorm = SyncBatchNorm2
    try:
        yield
    finally:
        torch.nn.LayerNorm, torch.nn.SyncBatchNorm = saved
