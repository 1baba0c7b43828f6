"""The old path of timm.layers (timm/models/layers/__init__.py re-exports it)."""
from timm.layers import *  # noqa: F401,F403
from timm.layers import _ntuple  # noqa: F401
