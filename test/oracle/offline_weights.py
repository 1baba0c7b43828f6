"""Pretrained weights without the network, for the oracle: torchvision's builders download their
weights (WeightsEnum.get_state_dict) and load them into the model. Shapes do not depend on the
values, so a fixture that asks for pretrained weights is traced with the model's initial weights:
the download gives a marker, and loading the marker leaves the model as built."""
import contextlib
import re

import torch

ASKS_FOR_WEIGHTS = re.compile(r"\bpretrained\s*=\s*True|\bweights\s*=\s*[\"']")
_OFFLINE = object()


@contextlib.contextmanager
def offline_weights(src):
    """While the block runs, torchvision's weights (if `src` asks for them) are the model's own."""
    if not ASKS_FOR_WEIGHTS.search(src):
        yield
        return
    from torchvision.models import _api

    download, load = _api.WeightsEnum.get_state_dict, torch.nn.Module.load_state_dict

    def load_state_dict(self, state_dict, *args, **kwargs):
        return None if state_dict is _OFFLINE else load(self, state_dict, *args, **kwargs)

    _api.WeightsEnum.get_state_dict = lambda self, *args, **kwargs: _OFFLINE
    torch.nn.Module.load_state_dict = load_state_dict
    try:
        yield
    finally:
        _api.WeightsEnum.get_state_dict = download
        torch.nn.Module.load_state_dict = load
