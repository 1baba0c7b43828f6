# rotary-embedding-torch's RotaryEmbedding for the oracle: the package is not installable here.
# The part model files use, computed as lucidrains/rotary-embedding-torch does it
# (rotary_embedding_torch.py: 'lang' and 'pixel' frequencies, the [cache_max_seq_len, dim] cache
# the newer releases fill, apply_rotary_emb's left/middle/right split, rotate_half over pairs).
import math

import torch
from torch import nn


def rotate_half(x):
    x = x.reshape(*x.shape[:-1], x.shape[-1] // 2, 2)
    x1, x2 = x.unbind(dim=-1)
    return torch.stack((-x2, x1), dim=-1).flatten(-2)


def apply_rotary_emb(freqs, t, start_index=0, scale=1.0, seq_dim=-2):
    if freqs.ndim == 2 or t.ndim == 3:
        freqs = freqs[-t.shape[seq_dim]:]
    rot_dim = freqs.shape[-1]
    end_index = start_index + rot_dim
    assert rot_dim <= t.shape[-1], f"feature dimension {t.shape[-1]} is not of sufficient size to rotate in all the positions {rot_dim}"
    t_left, t_middle, t_right = t[..., :start_index], t[..., start_index:end_index], t[..., end_index:]
    t_middle = (t_middle * freqs.cos() * scale) + (rotate_half(t_middle) * freqs.sin() * scale)
    return torch.cat((t_left, t_middle, t_right), dim=-1).type(t.dtype)


class RotaryEmbedding(nn.Module):
    def __init__(self, dim, custom_freqs=None, freqs_for="lang", theta=10000, max_freq=10, num_freqs=1, learned_freq=False,
                 use_xpos=False, xpos_scale_base=512, interpolate_factor=1.0, theta_rescale_factor=1.0, seq_before_head_dim=False,
                 cache_if_possible=True, cache_max_seq_len=8192):
        super().__init__()
        if custom_freqs is not None:
            freqs = custom_freqs
        elif freqs_for == "lang":
            freqs = 1.0 / (theta ** (torch.arange(0, dim, 2)[: (dim // 2)].float() / dim))
        elif freqs_for == "pixel":
            freqs = torch.linspace(1.0, max_freq / 2, dim // 2) * math.pi
        else:
            freqs = torch.ones(num_freqs).float()
        self.freqs_for = freqs_for
        self.freqs = nn.Parameter(freqs, requires_grad=learned_freq)
        self.learned_freq = learned_freq
        self.cache_if_possible = cache_if_possible
        self.cache_max_seq_len = cache_max_seq_len
        self.register_buffer("cached_freqs", torch.zeros(cache_max_seq_len, dim), persistent=False)
        self.cached_freqs_seq_len = 0
        self.default_seq_dim = -3 if seq_before_head_dim else -2
        self.use_xpos = use_xpos

    def rotate_queries_or_keys(self, t, seq_dim=None, offset=0, scale=None):
        seq_dim = self.default_seq_dim if seq_dim is None else seq_dim
        assert not self.use_xpos or scale is not None
        seq_len = t.shape[seq_dim]
        seq = torch.arange(seq_len, dtype=t.dtype) + offset
        freqs = self.forward(seq, seq_len=seq_len, offset=offset)
        if seq_dim == -3:
            freqs = freqs.unsqueeze(-2)
        return apply_rotary_emb(freqs, t, scale=1.0 if scale is None else scale, seq_dim=seq_dim)

    def rotate_queries_with_cached_keys(self, q, k, seq_dim=None, offset=0):
        seq_dim = self.default_seq_dim if seq_dim is None else seq_dim
        q_len, k_len = q.shape[seq_dim], k.shape[seq_dim]
        assert q_len <= k_len
        rotated_q = self.rotate_queries_or_keys(q, seq_dim=seq_dim, scale=1.0, offset=k_len - q_len + offset)
        rotated_k = self.rotate_queries_or_keys(k, seq_dim=seq_dim, scale=1.0)
        return rotated_q.type(q.dtype), rotated_k.type(k.dtype)

    def get_axial_freqs(self, *dims):
        all_freqs = []
        for ind, dim in enumerate(dims):
            pos = torch.linspace(-1, 1, steps=dim) if self.freqs_for == "pixel" else torch.arange(dim)
            freqs = self.forward(pos, seq_len=dim)
            all_axis = [None] * len(dims)
            all_axis[ind] = slice(None)
            all_freqs.append(freqs[(Ellipsis, *all_axis, slice(None))])
        return torch.cat(torch.broadcast_tensors(*all_freqs), dim=-1)

    def forward(self, t, seq_len=None, offset=0):
        should_cache = (self.cache_if_possible and not self.learned_freq and seq_len is not None and self.freqs_for != "pixel"
                        and (offset + seq_len) <= self.cache_max_seq_len)
        if should_cache and (offset + seq_len) <= self.cached_freqs_seq_len:
            return self.cached_freqs[offset:(offset + seq_len)].detach()
        freqs = t.type(self.freqs.dtype)[..., None] * self.freqs
        freqs = freqs.repeat_interleave(2, dim=-1)
        if should_cache and offset == 0:
            self.cached_freqs[:seq_len] = freqs.detach()
            self.cached_freqs_seq_len = seq_len
        return freqs
