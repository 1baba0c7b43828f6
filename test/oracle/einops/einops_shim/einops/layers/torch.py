"""einops.layers.torch of the oracle's reference translation (see ../__init__.py): Rearrange and
Reduce as parameter-free modules, EinMix as an einsum with a weight (and bias) it owns.
Citations `file:line` point into /work/corpus/arogozhnikov+einops."""
import string

import torch

from .. import ELLIPSIS, EinopsError, Expr, prepare, run_plan


def _recipes(layer, pattern, operation, axes_lengths):
    """A plan for every rank the layer accepts (_prepare_recipes_for_all_dims, einops.py:458-470),
    with the layers' error wrapper (layers/__init__.py:37-42)."""
    try:
        left_str, _ = pattern.split("->")
        left = Expr(left_str)
        dims = [len(left.composition) - 1 + i for i in range(8)] if left.has_ellipsis else [len(left.composition)]
        return {ndim: prepare(pattern, operation, tuple(axes_lengths), ndim) for ndim in dims}
    except EinopsError as e:
        raise EinopsError(f" Error while preparing {layer!r}\n {e}") from None


class Rearrange(torch.nn.Module):
    """layers/__init__.py:9-58 + layers/torch.py:13-20."""

    def __init__(self, pattern, **axes_lengths):
        super().__init__()
        self.pattern = pattern
        self.axes_lengths = axes_lengths
        self._plans = _recipes(self, pattern, "rearrange", axes_lengths)

    def __repr__(self):
        params = repr(self.pattern)
        for axis, length in self.axes_lengths.items():
            params += f", {axis}={length}"
        return f"{self.__class__.__name__}({params})"

    def forward(self, input):
        # A rank with no plan is a KeyError, as `self._multirecipe[input.ndim]` raises (torch.py:15).
        return run_plan(input, self._plans[input.ndim], "rearrange", self.axes_lengths, layer=True)


class Reduce(torch.nn.Module):
    """layers/__init__.py:61-112 + layers/torch.py:23-30."""

    def __init__(self, pattern, reduction, **axes_lengths):
        super().__init__()
        self.pattern = pattern
        self.reduction = reduction
        self.axes_lengths = axes_lengths
        self._plans = _recipes(self, pattern, reduction, axes_lengths)

    def __repr__(self):
        params = f"{self.pattern!r}, {self.reduction!r}"
        for axis, length in self.axes_lengths.items():
            params += f", {axis}={length}"
        return f"{self.__class__.__name__}({params})"

    def forward(self, input):
        return run_plan(input, self._plans[input.ndim], self.reduction, self.axes_lengths, layer=True)


def _report(axes, message):  # _einmix.py:10-12
    if axes:
        raise EinopsError(message.format("{" + ", ".join(repr(a) for a in dict.fromkeys(axes)) + "}"))


class EinMix(torch.nn.Module):
    """_einmix.py:15-187 + layers/torch.py:33-72: optional Rearrange before, torch.einsum with the
    weight, `+= bias`, optional Rearrange after."""

    def __init__(self, pattern, weight_shape, bias_shape=None, **axes_lengths):
        super().__init__()
        self.pattern = pattern
        self.weight_shape = weight_shape
        self.bias_shape = bias_shape
        self.axes_lengths = axes_lengths
        left_pattern, right_pattern = pattern.split("->")
        left = Expr(left_pattern)
        right = Expr(right_pattern)
        weight = Expr(weight_shape)
        ids = lambda e: list(e.identifiers)  # noqa: E731
        _report([a for a in ids(right) if a not in left.identifiers and a not in weight.identifiers],
                "Unrecognized identifiers on the right side of EinMix {}")  # _einmix.py:72-75
        if weight.has_ellipsis:
            raise EinopsError("Ellipsis is not supported in weight, as its shape should be fully specified")  # _einmix.py:77
        if left.has_ellipsis or right.has_ellipsis:
            if not (left.has_ellipsis and right.has_ellipsis):
                raise EinopsError(f"Ellipsis in EinMix should be on both sides, {pattern}")  # _einmix.py:80
            if left.has_ellipsis_parenthesized:
                raise EinopsError(f"Ellipsis on left side can't be in parenthesis, got {pattern}")  # _einmix.py:82
        if any(x.has_non_unitary_anonymous_axes for x in [left, right, weight]):
            raise EinopsError("Anonymous axes (numbers) are not allowed in EinMix")  # _einmix.py:84
        if "(" in weight_shape or ")" in weight_shape:
            raise EinopsError(f"Parenthesis is not allowed in weight shape: {weight_shape}")  # _einmix.py:86
        self.pre_rearrange = None
        if any(len(group) != 1 for group in left.composition):
            names = [n if n != ELLIPSIS else "..." for group in left.composition for n in group]
            self.pre_rearrange = Rearrange(f"{left_pattern}-> {' '.join(names)}",
                                           **{n: v for n, v in axes_lengths.items() if n in names})  # _einmix.py:91-98
        self.post_rearrange = None
        if any(len(group) != 1 for group in right.composition) or right.has_ellipsis_parenthesized:
            names = [n if n != ELLIPSIS else "..." for group in right.composition for n in group]
            self.post_rearrange = Rearrange(f"{' '.join(names)} ->{right_pattern}")  # _einmix.py:100-106
        for axis in weight.identifiers:
            if axis not in axes_lengths:
                raise EinopsError(f"Dimension {axis} of weight should be specified")  # _einmix.py:112
        _report([a for a in axes_lengths if a not in left.identifiers and a not in weight.identifiers],
                "Axes {} are not used in pattern")  # _einmix.py:113-116
        _report([a for a in ids(weight) if a not in left.identifiers and a not in right.identifiers],
                "Weight axes {} are redundant")  # _einmix.py:117-119
        weight_sizes = [axes_lengths[axis] for (axis,) in weight.composition]
        fan_in = 1
        for (axis,) in weight.composition:
            if axis not in right.identifiers:
                fan_in *= axes_lengths[axis]
        bias_sizes = None
        if bias_shape is not None:
            if not isinstance(bias_shape, str):
                raise EinopsError("bias shape should be string specifying which axes bias depends on")  # _einmix.py:129
            bias = Expr(bias_shape)
            _report([a for a in ids(bias) if a not in right.identifiers], "Bias axes {} not present in output")  # _einmix.py:131-134
            _report([a for a in ids(bias) if a not in axes_lengths], "Sizes not provided for bias axes {}")  # _einmix.py:135-138
            bias_sizes = []
            used = False
            for axes in right.composition:
                for axis in [ELLIPSIS] if axes == ELLIPSIS else axes:
                    if axis == ELLIPSIS:
                        if used:
                            raise EinopsError("all bias dimensions should go after ellipsis in the output")  # _einmix.py:145/151
                    elif axis in bias.identifiers:
                        bias_sizes.append(axes_lengths[axis])
                        used = True
                    else:
                        bias_sizes.append(1)
        weight_bound = (3 / fan_in) ** 0.5
        bias_bound = (1 / fan_in) ** 0.5
        self.weight = torch.nn.Parameter(torch.zeros(weight_sizes).uniform_(-weight_bound, weight_bound))
        self.bias = None if bias_sizes is None else torch.nn.Parameter(torch.zeros(bias_sizes).uniform_(-bias_bound, bias_bound))
        # Single-letter einsum axes: sorted names take a, b, c... (_einmix.py:164-187).
        mapped = {*left.identifiers, *right.identifiers, *weight.identifiers} - {ELLIPSIS}
        letters = {k: letter for letter, k in zip(string.ascii_lowercase, sorted(mapped))}
        letters[ELLIPSIS] = "..."

        def flat(e):
            return "".join("..." if axes == ELLIPSIS else "".join(letters[a] for a in axes) for axes in e.composition)

        self.einsum_pattern = f"{flat(left)},{flat(weight)}->{flat(right)}"

    def __repr__(self):  # _einmix.py:202-210
        params = repr(self.pattern)
        params += f", '{self.weight_shape}'"
        if self.bias_shape is not None:
            params += f", '{self.bias_shape}'"
        for axis, length in self.axes_lengths.items():
            params += f", {axis}={length}"
        return f"{self.__class__.__name__}({params})"

    def forward(self, input):  # layers/torch.py:64-72
        if self.pre_rearrange is not None:
            input = self.pre_rearrange(input)
        result = torch.einsum(self.einsum_pattern, input, self.weight)
        if self.bias is not None:
            result += self.bias
        if self.post_rearrange is not None:
            result = self.post_rearrange(result)
        return result
