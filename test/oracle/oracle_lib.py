"""Case vocabulary for the op oracle: what to construct and call, written once in Python and
replayed against real PyTorch by generate_op_goldens.py. The engine replays the same cases.

    Module('torch.nn.Conv2d', (3, 8, 3), dict(stride=2), inputs=(T(1, 3, 9, 9),))
    Fn('torch.cat', ([T(2, 3), T(4, 3)],), dict(dim=0))
    Fn('torch.Tensor.view', (T(4, 4), -1, 8))      # a method: self is the first argument

Arguments are plain Python values; `T(...)` is a tensor of that shape, `S(...)` a torch.Size,
`F(x)` forces a float (JSON cannot tell 2 from 2.0), `M(...)` a module built in place,
`Sl(a, b, c)` a slice, `E` the Ellipsis.
"""
from dataclasses import dataclass, field
from typing import Any, Optional


@dataclass(frozen=True)
class T:
    """A tensor argument: shape, dtype and, for integer tensors, the exclusive upper bound of
    its random values (indices must stay in range)."""
    shape: tuple
    dtype: str = "float32"
    high: Optional[int] = None
    values: Optional[Any] = None  # exact contents (nested lists) when the values matter

    def __init__(self, *shape, dtype="float32", high=None, values=None):
        object.__setattr__(self, "shape", tuple(shape))
        object.__setattr__(self, "dtype", dtype)
        object.__setattr__(self, "high", high)
        object.__setattr__(self, "values", values)


@dataclass(frozen=True)
class F:
    value: float


@dataclass(frozen=True)
class S:
    """torch.Size(dims)."""
    dims: tuple

    def __init__(self, *dims):
        object.__setattr__(self, "dims", tuple(dims))


@dataclass(frozen=True)
class Sl:
    start: Any = None
    stop: Any = None
    step: Any = None


class _Ellipsis:
    pass


E = _Ellipsis()


@dataclass(frozen=True)
class DT:
    """A dtype argument, e.g. DT('int64') for torch.int64."""
    name: str


@dataclass
class M:
    """A module built in place, as an argument (TransformerEncoder(M('...EncoderLayer', ...)))."""
    name: str
    args: tuple = ()
    kwargs: dict = field(default_factory=dict)


@dataclass
class Module:
    """Construct `name(*args, **kwargs)`, then call it on `inputs` (and `call_kwargs`).
    With `train=True` the module stays in training mode; by default it is put in eval()."""
    name: str
    args: tuple = ()
    kwargs: dict = field(default_factory=dict)
    inputs: tuple = ()
    call_kwargs: dict = field(default_factory=dict)
    data_dependent: bool = False
    note: str = ""
    train: bool = False


@dataclass
class Fn:
    """Call a function or method by qualified name: torch.cat, torch.nn.functional.conv2d,
    torch.Tensor.view (self first)."""
    name: str
    args: tuple = ()
    kwargs: dict = field(default_factory=dict)
    data_dependent: bool = False  # the real shape depends on tensor values (bool masks, nonzero)
    note: str = ""
