"""A reference translation of einops (arogozhnikov/einops 0.9.0dev) into plain PyTorch programs
(reshape / permute / amax... / unsqueeze+expand / reshape), used ONLY by the oracle: the einops
golden generator and the fixture tracer import it because einops is not installed here. The
analyser never reads this file. Citations `file:line` point into /work/corpus/arogozhnikov+einops.

Sets in error texts print in order of first appearance; einops prints Python set order, which
changes from run to run (string hashing), so only the order of a set's items may differ.
"""
import itertools
import string

import torch

__all__ = ["EinopsError", "einsum", "pack", "parse_shape", "rearrange", "reduce", "repeat", "unpack"]

ELLIPSIS = "\u2026"  # parsing.py:7
REDUCTIONS = ("min", "max", "sum", "mean", "prod", "any", "all")  # einops.py:33


class EinopsError(RuntimeError):  # __init__.py:8
    pass


class AnonymousAxis:  # parsing.py:10-24; instances are never equal to each other
    def __init__(self, text):
        self.value = int(text)
        if self.value <= 1:
            if self.value == 1:
                raise EinopsError("No need to create anonymous axis of length 1. Report this as an issue")  # parsing.py:19
            raise EinopsError(f"Anonymous axis should have positive length, not {self.value}")  # parsing.py:21

    def __repr__(self):
        return f"{self.value}-axis"


def set_text(items):
    """A Python set's repr, items in first-appearance order."""
    return "{" + ", ".join(repr(x) for x in dict.fromkeys(items)) + "}"


def axis_name_reason(name, allow_underscore=False):  # parsing.py:123-143 (keyword names only warn)
    if not str.isidentifier(name):
        return False, "not a valid python identifier"
    if name[0] == "_" or name[-1] == "_":
        if name == "_" and allow_underscore:
            return True, ""
        return False, "axis name should should not start or end with underscore"
    return True, ""


class Expr:
    """One side of a pattern (ParsedExpression, parsing.py:27-113). `identifiers` keeps insertion order."""

    def __init__(self, expression, allow_underscore=False, allow_duplicates=False):
        self.has_ellipsis = False
        self.has_ellipsis_parenthesized = None
        self.identifiers = {}
        self.has_non_unitary_anonymous_axes = False
        self.composition = []
        if "." in expression:
            if "..." not in expression:
                raise EinopsError("Expression may contain dots only inside ellipsis (...)")  # parsing.py:43
            if str.count(expression, "...") != 1 or str.count(expression, ".") != 3:
                raise EinopsError("Expression may contain dots only inside ellipsis (...); only one ellipsis for tensor ")  # parsing.py:45-47
            expression = expression.replace("...", ELLIPSIS)
            self.has_ellipsis = True
        group = None

        def add(x):
            if x in self.identifiers and not (allow_underscore and x == "_") and not allow_duplicates:
                raise EinopsError(f'Indexing expression contains duplicate dimension "{x}"')  # parsing.py:56
            if x == ELLIPSIS:
                self.identifiers[ELLIPSIS] = True
                if group is None:
                    self.composition.append(ELLIPSIS)
                    self.has_ellipsis_parenthesized = False
                else:
                    group.append(ELLIPSIS)
                    self.has_ellipsis_parenthesized = True
                return
            is_number = str.isdecimal(x)
            if is_number and int(x) == 1:  # a unitary axis: an empty group outside brackets
                if group is None:
                    self.composition.append([])
                return
            ok, reason = axis_name_reason(x, allow_underscore)
            if not (is_number or ok):
                raise EinopsError(f"Invalid axis identifier: {x}\n{reason}")  # parsing.py:76
            if is_number:
                x = AnonymousAxis(x)
                self.has_non_unitary_anonymous_axes = True
            self.identifiers[x] = True
            if group is None:
                self.composition.append([x])
            else:
                group.append(x)

        current = None
        for char in expression:
            if char in "() ":
                if current is not None:
                    add(current)
                current = None
                if char == "(":
                    if group is not None:
                        raise EinopsError("Axis composition is one-level (brackets inside brackets not allowed)")  # parsing.py:95
                    group = []
                elif char == ")":
                    if group is None:
                        raise EinopsError("Brackets are not balanced")  # parsing.py:99
                    self.composition.append(group)
                    group = None
            elif str.isalnum(char) or char in ["_", ELLIPSIS]:
                current = char if current is None else current + char
            else:
                raise EinopsError(f"Unknown character '{char}'")  # parsing.py:108
        if group is not None:
            raise EinopsError(f'Imbalanced parentheses in expression: "{expression}"')  # parsing.py:111
        if current is not None:
            add(current)

    def has_composed_axes(self):
        return any(isinstance(axes, list) and len(axes) > 1 for axes in self.composition)


class Plan:
    """What one pattern does to one input rank (TransformRecipe, einops.py:127-165)."""

    def __init__(self, lengths, names, known_unknown, permutation, first_reduced, added, output_groups):
        self.lengths = lengths                # elementary axis -> known length or None (None = inferred)
        self.names = names                    # axis name given as a keyword -> elementary axis
        self.known_unknown = known_unknown    # per input dim: (known axes, unknown axes)
        self.permutation = permutation
        self.first_reduced = first_reduced
        self.added = added                    # output position -> elementary axis (repeat's new axes)
        self.output_groups = output_groups    # per output dim: its elementary axes


def prepare(pattern, operation, axes_names, ndim):
    """_prepare_transformation_recipe, einops.py:302-455."""
    left_str, rght_str = pattern.split("->")
    left = Expr(left_str)
    rght = Expr(rght_str)
    if not left.has_ellipsis and rght.has_ellipsis:
        raise EinopsError(f"Ellipsis found in right side, but not left side of a pattern {pattern}")  # einops.py:318
    if left.has_ellipsis and left.has_ellipsis_parenthesized:
        raise EinopsError(f"Ellipsis inside parenthesis in the left side is not allowed: {pattern}")  # einops.py:320
    if operation == "rearrange":
        if left.has_non_unitary_anonymous_axes or rght.has_non_unitary_anonymous_axes:
            raise EinopsError("Non-unitary anonymous axes are not supported in rearrange (exception is length 1)")  # einops.py:323
        difference = [a for a in left.identifiers if a not in rght.identifiers] + [a for a in rght.identifiers if a not in left.identifiers]
        if difference:
            raise EinopsError(f"Identifiers only on one side of expression (should be on both): {set_text(difference)}")  # einops.py:326
    elif operation == "repeat":
        difference = [a for a in left.identifiers if a not in rght.identifiers]
        if difference:
            raise EinopsError(f"Unexpected identifiers on the left side of repeat: {set_text(difference)}")  # einops.py:330
        without_size = [a for a in rght.identifiers if not isinstance(a, AnonymousAxis) and a not in left.identifiers and a not in axes_names]
        if without_size:
            raise EinopsError(f"Specify sizes for new axes in repeat: {set_text(without_size)}")  # einops.py:336
    elif operation in REDUCTIONS or callable(operation):
        difference = [a for a in rght.identifiers if a not in left.identifiers]
        if difference:
            raise EinopsError(f"Unexpected identifiers on the right side of reduce {operation}: {set_text(difference)}")  # einops.py:340
    else:
        raise EinopsError(f"Unknown reduction {operation}. Expect one of {REDUCTIONS}.")  # einops.py:342

    if left.has_ellipsis:
        n_other = len(left.composition) - 1
        if ndim < n_other:
            raise EinopsError(f"Wrong shape: expected >={n_other} dims. Received {ndim}-dim tensor.")  # einops.py:347
        ell = [ELLIPSIS + str(i) for i in range(ndim - n_other)]
        left_comp = []
        for axes in left.composition:
            left_comp += [[a] for a in ell] if axes == ELLIPSIS else [axes]
        rght_comp = []
        for axes in rght.composition:
            if axes == ELLIPSIS:
                rght_comp += [[a] for a in ell]
            else:
                rght_comp.append([b for a in axes for b in (ell if a == ELLIPSIS else [a])])
        left_ids = [b for a in left.identifiers for b in (ell if a == ELLIPSIS else [a])]
        rght_ids = [b for a in rght.identifiers for b in (ell if a == ELLIPSIS else [a])]
    else:
        if ndim != len(left.composition):
            raise EinopsError(f"Wrong shape: expected {len(left.composition)} dims. Received {ndim}-dim tensor.")  # einops.py:379
        left_comp, rght_comp = left.composition, rght.composition
        left_ids, rght_ids = list(left.identifiers), list(rght.identifiers)

    # Elementary axes: those of the left side in order, then the right side's new ones.
    known = {}
    for axes in left_comp:
        for a in axes:
            known[a] = a.value if isinstance(a, AnonymousAxis) else None
    for a in rght_ids:
        if a not in known:
            known[a] = a.value if isinstance(a, AnonymousAxis) else None
    position = {a: i for i, a in enumerate(known)}
    for name in axes_names:
        if not axis_name_reason(name)[0]:
            raise EinopsError("Invalid name for an axis", name)  # einops.py:408
        if name not in known:
            raise EinopsError(f"Axis {name} is not used in transform")  # einops.py:410
        known[name] = "given"
    known_unknown = []
    for axes in left_comp:
        unknown = [a for a in axes if known[a] is None]
        if len(unknown) > 1:
            raise EinopsError(f"Could not infer sizes for {set_text(unknown)}")  # einops.py:419
        known_unknown.append(([position[a] for a in axes if known[a] is not None], [position[a] for a in unknown]))
    left_flat = list(itertools.chain(*left_comp))
    rght_flat = list(itertools.chain(*rght_comp))
    reduced = [a for a in left_flat if a not in rght_ids]
    order = [a for a in rght_flat if a in left_ids] + reduced
    permutation = [left_flat.index(a) for a in order]
    added = {i: position[a] for i, a in enumerate(rght_flat) if a not in left_ids}
    lengths = [k if isinstance(k, int) else None for k in known.values()]
    return Plan(lengths, {n: position[n] for n in axes_names}, known_unknown, permutation,
                len(order) - len(reduced), added, [[position[a] for a in axes] for axes in rght_comp])


def reconstruct(plan, shape, axes_lengths):
    """Sizes of every elementary axis from the input shape (einops.py:168-237)."""
    lengths = list(plan.lengths)
    for name, length in axes_lengths.items():
        lengths[plan.names[name]] = length
    need_init_reshape = False
    for dim, (known, unknown) in enumerate(plan.known_unknown):
        length = shape[dim]
        if not known and len(unknown) == 1:
            lengths[unknown[0]] = length
            continue
        known_product = 1
        for k in known:
            known_product *= lengths[k]
        if not unknown:
            if length != known_product:
                raise EinopsError(f"Shape mismatch, {length} != {known_product}")  # einops.py:197
        else:
            if length % known_product != 0:
                raise EinopsError(f"Shape mismatch, can't divide axis of length {length} in chunks of {known_product}")  # einops.py:201
            lengths[unknown[0]] = length // known_product
        if len(known) + len(unknown) != 1:
            need_init_reshape = True
    init_shape = lengths[: len(plan.permutation)] if need_init_reshape else None
    final_shape = []
    need_final_reshape = False
    for group in plan.output_groups:
        n = 1
        for a in group:
            n *= lengths[a]
        final_shape.append(n)
        need_final_reshape |= len(group) != 1
    added = {pos: lengths[a] for pos, a in plan.added.items()}
    reduced = list(range(plan.first_reduced, len(plan.permutation)))
    return init_shape, plan.permutation, reduced, added, final_shape if need_final_reshape else None


def run_plan(tensor, plan, reduction, axes_lengths, layer):
    """The PyTorch program of one pattern (einops.py:243-265; the layers' _torch_specific.py:77-99)."""
    init_shape, permutation, reduced, added, final_shape = reconstruct(plan, list(tensor.shape), axes_lengths)
    if init_shape is not None:
        tensor = tensor.reshape(init_shape)
    if permutation != list(range(len(permutation))):
        tensor = tensor.permute(permutation)
    if reduced:
        tensor = reduce_axes(tensor, reduction, reduced, layer)
    if added:
        sizes = [-1] * (len(added) + len(permutation))
        for pos, length in added.items():
            tensor = torch.unsqueeze(tensor, pos)
            sizes[pos] = length
        tensor = tensor.expand(sizes)
    if final_shape is not None:
        tensor = tensor.reshape(final_shape)
    return tensor


def reduce_axes(x, reduction, axes, layer):
    """einops.reduce: _reduce_axes + TorchBackend.reduce (einops.py:49-59, _backends.py:243-258);
    the Reduce layer: TorchJitBackend.reduce (_torch_specific.py:27-41), which has no any/all and
    leaves `mean` of integers to torch."""
    if reduction == "mean" and not layer and x.dtype not in (torch.float16, torch.float32, torch.float64, torch.bfloat16):
        raise NotImplementedError("reduce_mean is not available for non-floating tensors")  # einops.py:58
    if reduction == "min":
        return x.amin(dim=axes)
    if reduction == "max":
        return x.amax(dim=axes)
    if reduction == "sum":
        return x.sum(dim=axes)
    if reduction == "mean":
        return x.mean(dim=axes)
    if reduction == "prod" or (reduction in ("any", "all") and not layer):
        for i in sorted(axes)[::-1]:
            x = getattr(x, reduction)(dim=i)
        return x
    raise NotImplementedError("Unknown reduction ", reduction)  # _torch_specific.py:41


def reduce(tensor, pattern, reduction, **axes_lengths):
    """einops.py:473-555, with its error wrapper."""
    try:
        if isinstance(tensor, list):
            if len(tensor) == 0:
                raise TypeError("Rearrange/Reduce/Repeat can't be applied to an empty list")  # einops.py:536
            tensor = torch.stack(tensor)
        shape = tensor.shape
        plan = prepare(pattern, reduction, tuple(axes_lengths), len(shape))
        return run_plan(tensor, plan, reduction, axes_lengths, layer=False)
    except EinopsError as e:
        # einops.py:549-555; a list input was stacked first, so its stacked shape is printed.
        message = f' Error while processing {reduction}-reduction pattern "{pattern}".'
        message += f"\n Input tensor shape: {shape}. "
        message += f"Additional info: {axes_lengths}."
        raise EinopsError(message + f"\n {e}") from None


def rearrange(tensor, pattern, **axes_lengths):  # einops.py:558-613
    return reduce(tensor, pattern, reduction="rearrange", **axes_lengths)


def repeat(tensor, pattern, **axes_lengths):  # einops.py:616-663
    return reduce(tensor, pattern, reduction="repeat", **axes_lengths)


def parse_shape(x, pattern):
    """einops.py:666-725."""
    exp = Expr(pattern, allow_underscore=True)
    shape = x.shape
    if exp.has_composed_axes():
        raise RuntimeError(f"Can't parse shape with composite axes: {pattern} {shape}")  # einops.py:695
    if len(shape) != len(exp.composition):
        if exp.has_ellipsis:
            if len(shape) < len(exp.composition) - 1:
                raise RuntimeError(f"Can't parse shape with this number of dimensions: {pattern} {shape}")  # einops.py:699
        else:
            raise RuntimeError(f"Can't parse shape with different number of dimensions: {pattern} {shape}")  # einops.py:701
    if exp.has_ellipsis:
        i = exp.composition.index(ELLIPSIS)
        composition = exp.composition[:i] + ["_"] * (len(shape) - len(exp.composition) + 1) + exp.composition[i + 1:]
    else:
        composition = exp.composition
    result = {}
    for axes, length in zip(composition, shape):
        if len(axes) == 0:
            if length != 1:
                raise RuntimeError(f"Length of axis is not 1: {pattern} {shape}")  # einops.py:716
        else:
            [axis] = axes
            if isinstance(axis, str):
                if axis != "_":
                    result[axis] = length
            elif axis.value != length:
                raise RuntimeError(f"Length of anonymous axis does not match: {pattern} {shape}")  # einops.py:724
    return result


def _einsum_axis(axes):
    """_validate_einsum_axis_name, einops.py:768-781."""
    if len(axes) == 0:
        raise NotImplementedError("Singleton () axes are not yet supported in einsum.")  # einops.py:770
    if len(axes) > 1:
        raise NotImplementedError("Shape rearrangement is not yet supported in einsum.")  # einops.py:772
    if isinstance(axes[0], AnonymousAxis):
        raise NotImplementedError("Anonymous axes are not yet supported in einsum.")  # einops.py:777
    return axes[0]


def einsum_equation(pattern):
    """The torch.einsum equation of an einops pattern (_compactify_pattern_for_einsum, einops.py:784-835)."""
    if "->" not in pattern:
        raise ValueError("Einsum pattern must contain '->'.")  # einops.py:789
    lefts_str, right_str = pattern.split("->")
    lefts = [Expr(left, allow_underscore=True, allow_duplicates=True) for left in lefts_str.split(",")]
    right = Expr(right_str, allow_underscore=True)
    letters = {}
    out = []
    for left in lefts:
        term = ""
        for axes in left.composition:
            if axes == ELLIPSIS:
                term += "..."
                continue
            name = _einsum_axis(axes)
            if name not in letters:
                if len(letters) >= len(string.ascii_letters):
                    raise RuntimeError("Too many axes in einsum.")  # einops.py:813
                letters[name] = string.ascii_letters[len(letters)]
            term += letters[name]
        out.append(term)
    equation = ",".join(out) + "->"
    for axes in right.composition:
        if axes == ELLIPSIS:
            equation += "..."
            continue
        name = _einsum_axis(axes)
        if name not in letters:
            raise EinopsError(f"Unknown axis {name} on right side of einsum {pattern}.")  # einops.py:831
        equation += letters[name]
    return equation


def einsum(*tensors_and_pattern):
    """einops.py:854-928: tensors first, the pattern last."""
    if len(tensors_and_pattern) <= 1:
        raise ValueError("`einops.einsum` takes at minimum two arguments: the tensors (at least one), followed by the pattern.")  # einops.py:918-920
    pattern = tensors_and_pattern[-1]
    if not isinstance(pattern, str):
        raise ValueError("The last argument passed to `einops.einsum` must be a string, representing the einsum pattern.")  # einops.py:923-925
    return torch.einsum(einsum_equation(pattern), *tensors_and_pattern[:-1])


def _pack_pattern(pattern, opname):
    """analyze_pattern, packing.py:13-30."""
    axes = pattern.split()
    if len(axes) != len(set(axes)):
        raise EinopsError(f'Duplicates in axes names in {opname}(..., "{pattern}")')  # packing.py:19
    if "*" not in axes:
        raise EinopsError(f'No *-axis in {opname}(..., "{pattern}")')  # packing.py:21
    for axis in axes:
        if axis != "*" and not axis_name_reason(axis)[0]:
            raise EinopsError(f'Invalid axis name {axis} in {opname}(..., "{pattern}")')  # packing.py:26
    before = axes.index("*")
    after = len(axes) - before - 1
    return before, after, before + after


def pack(tensors, pattern):
    """packing.py:33-87: flatten the *-axes of every tensor, then concatenate."""
    before, after, min_axes = _pack_pattern(pattern, "pack")
    tensors[0]  # an empty sequence fails here, as get_backend(tensors[0]) does (packing.py:72)
    flat, packed_shapes = [], []
    for i, t in enumerate(tensors):
        shape = t.shape
        if len(shape) < min_axes:
            raise EinopsError(f"packed tensor #{i} (enumeration starts with 0) has shape {shape}, "
                              f"while pattern {pattern} assumes at least {min_axes} axes")  # packing.py:79-82
        end = len(shape) - after
        packed_shapes.append(shape[before:end])
        flat.append(t.reshape((*shape[:before], -1, *shape[end:])))
    return torch.cat(flat, dim=before), packed_shapes


def unpack(tensor, packed_shapes, pattern):
    """packing.py:97-189: split the packed axis, then reshape every piece."""
    before, after, _ = _pack_pattern(pattern, "unpack")
    shape = tensor.shape
    if len(shape) != before + 1 + after:
        raise EinopsError(f"unpack(..., {pattern}) received input of wrong dim with shape {shape}")  # packing.py:143
    lengths = [-1 if -1 in p else _prod(p) for p in packed_shapes]
    n_unknown = sum(int(x == -1) for x in lengths)
    if n_unknown > 1:
        raise EinopsError(f"unpack(..., {pattern}) received more than one -1 in {packed_shapes} and can't infer dimensions")  # packing.py:151-153
    splits = [0] * len(packed_shapes) + [shape[before]]
    if n_unknown == 0:
        for i, x in enumerate(lengths[:-1]):
            splits[i + 1] = splits[i] + x
    else:
        u = lengths.index(-1)
        for i in range(u):
            splits[i + 1] = splits[i] + lengths[i]
        for j in range(u + 1, len(lengths))[::-1]:
            splits[j] = splits[j + 1] - lengths[j]
    start, end = shape[:before], shape[before + 1:]
    try:
        return [tensor[(slice(None),) * before + (slice(splits[i], splits[i + 1]),)].reshape((*start, *p, *end))
                for i, p in enumerate(packed_shapes)]
    except Exception as e:
        raise EinopsError(f'Error during unpack(..., "{pattern}"): could not split axis of size {splits[-1]}'
                          f" into requested {packed_shapes}") from e  # packing.py:186-188


def _prod(xs):
    out = 1
    for x in xs:
        out *= x
    return out
