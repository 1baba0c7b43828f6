# mmcv.utils.to_2tuple (misc.py `_ntuple(2)`).
import collections.abc
from itertools import repeat


def to_2tuple(x):
    if isinstance(x, collections.abc.Iterable):
        return x
    return tuple(repeat(x, 2))
