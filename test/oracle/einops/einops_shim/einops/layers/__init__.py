"""einops.layers of the oracle's reference translation (see ../__init__.py); the torch layers are in torch.py."""
