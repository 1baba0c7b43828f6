"""Oracle cases for the math family: products (matmul, mm, bmm, einsum ...), elementwise
arithmetic with broadcasting and type promotion, comparisons, unary math, reductions, softmax,
clamp, sorting and scans, and tensor creation. Sweeps wherever a parameter can vary."""
from itertools import product

from oracle_lib import DT, F, Fn, S, T

V = "torch.Tensor."
FN = "torch.nn.functional."


def product_cases():
    shapes = [(), (3,), (4,), (2, 3), (3, 4), (4, 5), (2, 2, 3), (5, 3, 4), (1, 4, 2), (2, 1, 3, 4), (4, 3)]
    for a, b in product(shapes, shapes):
        if len(a) + len(b) <= 5:
            yield Fn("torch.matmul", (T(*a), T(*b)))
    for a, b in [((2, 3), (3, 4)), ((3,), (3,)), ((5, 2, 3), (3,)), ((2, 3), (4, 5)), ((2, 3, 4), (2, 3, 4))]:
        yield Fn(V + "__matmul__", (T(*a), T(*b)))
        yield Fn(V + "matmul", (T(*a), T(*b)))
    yield Fn("torch.matmul", (T(2, 3, dtype="int64"), T(3, dtype="int64")))
    yield Fn("torch.matmul", (T(2, 3, dtype="float64"), T(3, 2, dtype="float64")))
    yield Fn("torch.matmul", (T(2, 3), T(3, 2, dtype="float64")))
    for a, b in [((2, 3), (3, 4)), ((2, 3), (4, 5)), ((3,), (3, 4)), ((2, 3, 4), (4, 5)), ((0, 3), (3, 2))]:
        yield Fn("torch.mm", (T(*a), T(*b)))
        yield Fn(V + "mm", (T(*a), T(*b)))
        yield Fn("torch.spmm", (T(*a), T(*b)))
    for a, b in [((2, 3, 4), (2, 4, 5)), ((2, 3, 4), (2, 5, 6)), ((2, 3, 4), (3, 4, 5)), ((3, 4), (3, 4, 5)), ((1, 3, 4), (2, 4, 5))]:
        yield Fn("torch.bmm", (T(*a), T(*b)))
        yield Fn(V + "bmm", (T(*a), T(*b)))
    for inp, a, b in [((2, 3, 5), (2, 3, 4), (2, 4, 5)), ((5,), (2, 3, 4), (2, 4, 5)), ((3, 5), (2, 3, 4), (2, 4, 5)),
                      ((2, 3, 5), (2, 3, 4), (2, 5, 5)), ((2, 4, 5), (2, 3, 4), (2, 4, 5)), ((2, 3, 5), (4, 3, 4), (2, 4, 5)),
                      ((2, 3, 5), (2, 3, 4), (4, 3, 5)), ((1,), (2, 3, 4), (2, 4, 5))]:
        yield Fn("torch.baddbmm", (T(*inp), T(*a), T(*b)))
    yield Fn(V + "baddbmm", (T(2, 3, 5), T(2, 3, 4), T(2, 4, 5)), dict(beta=F(0.5), alpha=2))
    for inp, a, b in [((2, 4), (2, 3), (3, 4)), ((4,), (2, 3), (3, 4)), ((1, 4), (2, 3), (3, 4)), ((3, 4), (2, 3), (3, 4)),
                      ((2, 4), (2, 3), (5, 4)), ((), (2, 3), (3, 4)), ((2, 4), (3,), (3, 4))]:
        yield Fn("torch.addmm", (T(*inp), T(*a), T(*b)))
    yield Fn(V + "addmm", (T(2, 4), T(2, 3), T(3, 4)), dict(beta=0, alpha=F(1.5)))
    for inp, m, v in [((2,), (2, 3), (3,)), ((1,), (2, 3), (3,)), ((2,), (2, 3), (4,)), ((3,), (2, 3), (3,)), ((), (2, 3), (3,))]:
        yield Fn("torch.addmv", (T(*inp), T(*m), T(*v)))
    yield Fn(V + "addmv", (T(2), T(2, 3), T(3)))
    for m, v in [((2, 3), (3,)), ((2, 3), (4,)), ((3,), (3,)), ((2, 3), (1, 3)), ((2, 3, 4), (4,))]:
        yield Fn("torch.mv", (T(*m), T(*v)))
        yield Fn(V + "mv", (T(*m), T(*v)))
    for a, b in [((3,), (3,)), ((3,), (4,)), ((2, 3), (3,)), ((3,), (3,), )]:
        yield Fn("torch.dot", (T(*a), T(*b)))
    yield Fn(V + "dot", (T(3), T(3)))
    yield Fn("torch.dot", (T(3), T(3, dtype="float64")))
    for a, b in [((3,), (4,)), ((2,), (5,)), ((2, 3), (4,)), ((), (3,))]:
        yield Fn("torch.outer", (T(*a), T(*b)))
    yield Fn(V + "outer", (T(3), T(4)))
    yield Fn("torch.outer", (T(3, dtype="int64"), T(4)))


def einsum_cases():
    specs = [
        ("ij,jk->ik", [(2, 3), (3, 4)]), ("ij,jk", [(2, 3), (3, 4)]), ("ij->ji", [(2, 3)]), ("ij", [(2, 3)]), ("ji", [(2, 3)]),
        ("ii->i", [(3, 3)]), ("ii", [(3, 3)]), ("ii->", [(3, 3)]), ("i,i->", [(3,), (3,)]), ("i,j->ij", [(3,), (4,)]),
        ("bij,bjk->bik", [(5, 2, 3), (5, 3, 4)]), ("bhqd,bhkd->bhqk", [(2, 4, 5, 8), (2, 4, 6, 8)]), ("...ij,...jk->...ik", [(2, 3, 4), (4, 5)]),
        ("...ij,...jk", [(7, 2, 3, 4), (1, 4, 5)]), ("i...->...", [(2, 3, 4)]), ("...i", [(2, 3, 4)]), ("b...,b...->b", [(2, 3, 4), (2, 3, 4)]),
        ("ij,jk->ik", [(2, 3), (4, 5)]), ("ij,jk->ik", [(2, 3)]), ("ijk,jk->i", [(2, 3), (3, 4)]), ("ij->k", [(2, 3)]),
        ("ij->ii", [(2, 3)]), ("ii->i", [(2, 3)]), ("i,i", [(3,), (4,)]), ("ij,ij->ij", [(2, 1), (1, 3)]), ("ij,kl->ijkl", [(2, 3), (4, 5)]),
        ("...,...->...", [(2, 3), (3,)]), ("a...b,b...c->ac", [(2, 3, 4), (4, 3, 5)]), ("bn,anm,bm->ba", [(2, 3), (4, 3, 5), (2, 5)]),
        ("ij,jk->ik", [(2, 3), (1, 4)]), ("i->", [()]), ("...i,...i->...", [(2, 3), (4, 3)]), ("...i,...i->...", [(5, 2, 3), (4, 3)]),
        ("...i,...i->...", [(2, 3), (5, 4, 3)]), ("...i,...i->...", [(5, 1, 3), (4, 7, 3)]), ("...i,i...->...", [(5, 2, 3), (3, 4, 2)]),
        ("bA,Ab", [(2, 3), (3, 2)]), ("Ab,bc", [(2, 3), (3, 4)]), ("ij,jk->ik", [(2, 3), (3, 4), (4,)]), ("i...j,j", [(2,), (3,)]),
        ("ij->", [(2, 3)]), ("i...,i...->i...", [(2, 1, 3), (2, 4, 1)]), ("...->...", [()]), ("ij->...ij", [(2, 3)]), ("ijk->kji", [(2, 3, 4)]), ("iij->j", [(3, 3, 2)]), ("ij->j", [(0, 3)]),
    ]
    for eq, shapes in specs:
        yield Fn("torch.einsum", (eq, *[T(*s) for s in shapes]))
    yield Fn("torch.einsum", ("ij,jk->ik", [T(2, 3), T(3, 4)]))
    yield Fn("torch.einsum", ("ij,jk->ik", T(2, 3, dtype="float64"), T(3, 4, dtype="float64")))
    yield Fn("torch.einsum", ("i,i->i", T(3, dtype="int64"), T(3, dtype="int64")))


SCALARS = [2, F(2.5), True, -1, F(0.0)]
DTYPES = ["float32", "int64", "bool", "int32", "float64", "uint8", "float16"]


def arithmetic_cases():
    bshapes = [((2, 3), (2, 3)), ((2, 3), (3,)), ((2, 1), (1, 3)), ((4, 1, 3), (2, 1)), ((), (2, 3)), ((2, 3), (4,)), ((2, 3), (3, 2)),
               ((5, 2, 3), (4, 3)), ((0, 3), (1, 3)), ((0,), (2,))]
    for op, (a, b) in product(["add", "sub", "mul", "div", "maximum", "minimum", "atan2", "remainder", "fmod", "pow", "hypot"], bshapes):
        yield Fn("torch." + op, (T(*a), T(*b)))
    for op, (da, db) in product(["add", "sub", "mul", "div", "true_divide", "floor_divide", "pow", "remainder", "maximum", "atan2"],
                                [("float32", "int64"), ("int64", "int32"), ("bool", "bool"), ("int64", "bool"), ("uint8", "int8"),
                                 ("float16", "float64"), ("float16", "int64"), ("int32", "float64")]):
        yield Fn("torch." + op, (T(2, 3, dtype=da, high=3), T(3, dtype=db, high=3) if db != "bool" else T(3, dtype=db)))
    for op, dt, s in product(["add", "sub", "mul", "div", "floor_divide", "pow", "remainder", "fmod"], ["float32", "int64", "bool", "uint8", "float16"],
                             [2, F(2.5), True]):
        yield Fn("torch." + op, (T(2, 3, dtype=dt), s))
    # zero-dim tensors take part in promotion only below the dimensioned ones' category
    for da, db in [("int64", "float64"), ("float32", "float64"), ("int32", "int64"), ("uint8", "int64"), ("bool", "int64"), ("float16", "float32")]:
        yield Fn("torch.add", (T(3, dtype=da), T(dtype=db)))
        yield Fn("torch.mul", (T(dtype=da), T(dtype=db)))
    yield Fn("torch.add", (T(2, 3), T(2, 3)), dict(alpha=2))
    yield Fn("torch.sub", (T(2, 3), 1), dict(alpha=F(0.5)))
    yield Fn("torch.sub", (T(2, 3, dtype="bool"), T(3, dtype="bool")))
    yield Fn("torch.sub", (T(2, 3, dtype="bool"), True))
    yield Fn("torch.add", (2, T(2, 3)))
    for mode in ["floor", "trunc", None]:
        for dt in ["float32", "int64", "bool"]:
            yield Fn("torch.div", (T(2, 3, dtype=dt), 2), dict(rounding_mode=mode))
        yield Fn(V + "div", (T(2, 3, dtype="int64"), T(3, dtype="int32", high=1) if False else F(2.0)), dict(rounding_mode=mode))
    yield Fn("torch.pow", (T(2, 3, dtype="int64"), -1))
    yield Fn("torch.pow", (T(2, 3, dtype="int64"), -2))
    yield Fn("torch.pow", (T(2, 3, dtype="int64"), F(-1.0)))
    yield Fn("torch.pow", (2, T(2, 3)))
    yield Fn("torch.pow", (F(2.0), T(2, 3, dtype="int64")))
    yield Fn("torch.pow", (T(2, 3, dtype="float32"), -1))
    for op in ["__add__", "__radd__", "__sub__", "__mul__", "__rmul__", "__truediv__", "__pow__", "__mod__"]:
        for dt, other in product(["float32", "int64", "bool"], [2, F(0.5), T(3), T(2, 1, dtype="int64", high=3)]):
            if dt == "bool" and op == "__sub__" and other == T(3) and False:
                continue
            yield Fn(V + op, (T(2, 3, dtype=dt), other))
        yield Fn(V + op, (T(2, 3), T(4)))
    for op in ["add", "sub", "mul", "div", "true_divide", "floor_divide", "pow", "remainder", "fmod", "maximum", "minimum", "atan2", "hypot"]:
        yield Fn(V + op, (T(2, 3), T(3)))
    for op in ["__neg__", "__abs__", "neg", "abs"]:
        for dt in ["float32", "int64", "bool", "uint8"]:
            yield Fn(V + op, (T(2, 3, dtype=dt),))
    yield Fn("torch.neg", (T(2, 3, dtype="bool"),))
    yield Fn("torch.maximum", (T(2, 3), T(3, dtype="int64")))
    yield Fn("torch.hypot", (T(2, 3, dtype="int64"), T(3, dtype="int64")))
    yield Fn("torch.atan2", (T(2, 3, dtype="int64"), T(3, dtype="int64")))
    yield Fn("torch.atan2", (T(2, 3, dtype="bool"), T(3, dtype="bool")))


def compare_cases():
    for op, (a, b) in product(["eq", "ne", "lt", "le", "gt", "ge"], [((2, 3), (2, 3)), ((2, 3), (3,)), ((2, 3), (4,)), ((2, 1), (1, 5))]):
        yield Fn("torch." + op, (T(*a), T(*b)))
        yield Fn(V + op, (T(*a), T(*b, dtype="int64")))
    for op in ["eq", "ne", "lt", "le", "gt", "ge"]:
        yield Fn("torch." + op, (T(2, 3, dtype="int64"), F(1.5)))
        yield Fn(V + "__" + op + "__", (T(2, 3), 0))
        yield Fn(V + "__" + op + "__", (T(2, 3), T(2, 1)))
    yield Fn(V + "__eq__", (T(2, 3), T(4)))
    for op, (da, db) in product(["logical_and", "logical_or", "logical_xor"], [("bool", "bool"), ("float32", "int64"), ("float32", "float32")]):
        yield Fn("torch." + op, (T(2, 3, dtype=da), T(3, dtype=db)))
        yield Fn(V + op, (T(2, 1, dtype=da), T(4, dtype=db)))
    yield Fn("torch.logical_and", (T(2, 3, dtype="bool"), T(4, dtype="bool")))
    for dt in ["bool", "float32", "int64"]:
        yield Fn("torch.logical_not", (T(2, 3, dtype=dt),))
        yield Fn(V + "logical_not", (T(3, dtype=dt),))
    for op, (da, db) in product(["__and__", "__or__", "__xor__"], [("bool", "bool"), ("int64", "int64"), ("int32", "bool"), ("uint8", "int64")]):
        yield Fn(V + op, (T(2, 3, dtype=da), T(3, dtype=db)))
    yield Fn(V + "__and__", (T(2, 3, dtype="bool"), True))
    yield Fn(V + "__or__", (T(2, 3, dtype="int64"), 1))
    yield Fn(V + "__and__", (T(2, 3, dtype="bool"), T(2, dtype="bool")))
    for dt in ["bool", "int64", "uint8"]:
        yield Fn(V + "__invert__", (T(2, 3, dtype=dt),))
    for op in ["bitwise_and", "bitwise_or", "bitwise_xor"]:
        yield Fn("torch." + op, (T(2, 3, dtype="int64"), T(3, dtype="int32")))
    yield Fn("torch.bitwise_not", (T(2, 3, dtype="bool"),))


UNARY = ["abs", "neg", "exp", "log", "log2", "log10", "log1p", "expm1", "sqrt", "rsqrt", "sin", "cos", "tan", "tanh", "sigmoid",
         "relu", "floor", "ceil", "round", "trunc", "frac", "sign", "reciprocal", "erf", "square", "isnan", "isinf", "isfinite",
         "asin", "acos", "atan", "sinh", "cosh", "exp2", "sgn", "signbit", "nan_to_num", "erfc", "lgamma", "digamma", "positive", "logit"]


def unary_cases():
    for op, dt in product(UNARY, ["float32", "int64", "bool", "float64"]):
        yield Fn("torch." + op, (T(2, 3, dtype=dt),))
    for op in UNARY:
        yield Fn(V + op, (T(4,),))
        yield Fn("torch." + op, (T(),))
    for dt in ["int32", "uint8"]:
        for op in ["exp", "sqrt", "abs", "sigmoid", "floor", "sign", "square"]:
            yield Fn("torch." + op, (T(2, 3, dtype=dt),))


def reduction_cases():
    shapes = [(2, 3, 4), (5,), (), (3, 0)]
    for op, shape in product(["sum", "mean", "prod", "max", "min", "amax", "amin", "argmax", "argmin", "std", "var", "logsumexp",
                              "all", "any", "count_nonzero", "median", "norm", "std_mean", "var_mean", "nansum", "nanmean"], shapes):
        if op in ("logsumexp",):
            continue
        yield Fn("torch." + op, (T(*shape),))
    for op, (shape, dim), keep in product(["sum", "mean", "prod", "max", "min", "amax", "amin", "argmax", "argmin", "std", "var",
                                           "logsumexp", "all", "any", "median", "norm", "std_mean", "var_mean", "nansum"],
                                          [((2, 3, 4), 1), ((2, 3, 4), -1), ((2, 3, 4), 3), ((2, 3, 4), -4), ((5,), 0), ((), 0), ((), -1), ((), 1)],
                                          [False, True]):
        if op == "norm":
            yield Fn("torch.norm", (T(*shape),), dict(dim=dim, keepdim=keep))
        else:
            yield Fn("torch." + op, (T(*shape), dim), dict(keepdim=keep))
    for op, dims, keep in product(["sum", "mean", "amax", "amin", "std", "var", "logsumexp", "nansum", "std_mean"],
                                  [(0, 2), (-1, 0), [1], (), (0, 0), (1, 5), (-1, -3)], [False, True]):
        yield Fn("torch." + op, (T(2, 3, 4), dims), dict(keepdim=keep))
    for op in ["count_nonzero"]:
        for dims in [0, -1, (0, 1), (1, 1), 3]:
            yield Fn("torch." + op, (T(2, 3, 4),), dict(dim=dims))
    for op, dt in product(["sum", "mean", "prod", "max", "argmax", "std", "all", "any", "count_nonzero", "norm", "logsumexp", "amax", "median", "var_mean"],
                          ["int64", "bool", "uint8", "float64", "int32"]):
        yield Fn("torch." + op, (T(2, 3, dtype=dt),) + ((1,) if op in ("logsumexp",) else ()))
    for op in ["sum", "mean", "prod", "max", "min", "amax", "argmax", "std", "var", "all", "any", "median", "logsumexp", "count_nonzero"]:
        yield Fn(V + op, (T(2, 3), 1))
        yield Fn(V + op, (T(2, 3),), dict(dim=0, keepdim=True) if op != "count_nonzero" else dict(dim=0))
    yield Fn("torch.sum", (T(2, 3, dtype="int32"),), dict(dtype=DT("float64")))
    yield Fn("torch.sum", (T(2, 3), 1), dict(dtype=DT("int64")))
    yield Fn("torch.mean", (T(2, 3, dtype="int64"),), dict(dtype=DT("float32")))
    yield Fn("torch.prod", (T(2, 3, dtype="bool"), 0))
    yield Fn("torch.sum", (T(2, 3),), dict(dim=None))
    yield Fn("torch.mean", (T(2, 3),), dict(dim=(0, 1)))
    for corr in [0, 1, 2]:
        yield Fn("torch.var", (T(2, 3),), dict(dim=1, correction=corr))
        yield Fn("torch.std", (T(2, 3),), dict(dim=None, correction=corr))
    yield Fn("torch.std", (T(2, 3), 1, False))
    yield Fn("torch.var", (T(2, 3), False))
    yield Fn("torch.std", (T(2, 3),), dict(unbiased=False, dim=(0, 1)))
    for p, dim in product([2, 1, F(3.0), "fro", "nuc", 0, F(0.5)], [None, 1, (0, 1), -1]):
        yield Fn("torch.norm", (T(2, 3),), dict(p=p, dim=dim))
    yield Fn("torch.norm", (T(2, 3, 4),), dict(p="fro", dim=(1, 2), keepdim=True))
    yield Fn("torch.norm", (T(2, 3, 4),), dict(p="nuc"))
    # binary max / min
    for op in ["max", "min"]:
        for a, b in [((2, 3), (2, 3)), ((2, 3), (3,)), ((2, 3), (4,))]:
            yield Fn("torch." + op, (T(*a), T(*b)))
        yield Fn("torch." + op, (T(2, 3, dtype="int64"), T(3)))
        yield Fn(V + op, (T(2, 3), T(2, 1)))
    for op in ["max", "min", "sum"]:
        yield Fn("torch." + op, (T(0, 3),), dict(dim=1))
        yield Fn("torch." + op, (T(0, 3),), dict(dim=0))
    yield Fn("torch.argmax", (T(0, 3),))
    yield Fn("torch.argmax", (T(2, 3),), dict(dim=None, keepdim=True))
    yield Fn("torch.all", (T(2, 3),), dict(dim=1))
    yield Fn("torch.max", (T(2, 3),), dict(dim=1))
    yield Fn(V + "max", (T(2, 3),), dict(dim=-1))


def softmax_cases():
    for fn, (shape, dim) in product(["torch.softmax", "torch.log_softmax", FN + "softmax", FN + "log_softmax", FN + "softmin",
                                     V + "softmax", V + "log_softmax"],
                                    [((2, 3), 1), ((2, 3), -1), ((2, 3, 4), 0), ((2, 3), 2), ((2, 3), -3), ((), 0), ((), -1), ((5,), 0)]):
        yield Fn(fn, (T(*shape), dim))
    for fn in ["torch.softmax", FN + "softmax", FN + "log_softmax", FN + "softmin", V + "softmax"]:
        yield Fn(fn, (T(2, 3, dtype="float64"), 1))
        yield Fn(fn, (T(2, 3), 1), dict(dtype=DT("float64")))
    yield Fn(FN + "softmax", (T(2, 3),), dict(dim=0))
    yield Fn("torch.softmax", (T(2, 3, dtype="int64"), 1))
    yield Fn(FN + "softmax", (T(2, 3, dtype="int64"), 1))
    yield Fn(FN + "softmax", (T(2, 3, dtype="int64"), 1), dict(dtype=DT("float32")))


def clamp_cases():
    for fn, kw in product(["torch.clamp", "torch.clip", V + "clamp", V + "clip"],
                          [dict(min=0), dict(max=F(1.0)), dict(min=-1, max=1), dict(min=F(0.5)), dict(min=T(3)), dict(min=T(2, 1), max=T(3)),
                           dict(max=T(4)), dict()]):
        yield Fn(fn, (T(2, 3),), kw)
    for dt, kw in product(["int64", "bool", "uint8"], [dict(min=0), dict(min=F(0.5)), dict(max=T(3)), dict(min=T(3, dtype="int32"))]):
        yield Fn("torch.clamp", (T(2, 3, dtype=dt),), kw)
    yield Fn("torch.clamp", (T(2, 3), 0, 1))
    yield Fn("torch.clamp", (T(2, 3), T(1, 2)))
    yield Fn("torch.clamp", (T(2, 3), None, T(3, dtype="float64")))
    yield Fn("torch.clamp", (T(), T(2, 3)))
    yield Fn("torch.clamp", (T(2, 3, dtype="int64"), T(3)))


def sort_cases():
    for fn, (shape, k, dim), largest in product(["torch.topk", V + "topk"], [((2, 5), 3, -1), ((2, 5), 5, 1), ((2, 5), 6, -1), ((2, 5), 2, 0),
                                                                              ((2, 5), 3, 0), ((5,), 0, 0), ((), 1, 0), ((2, 5), 1, 2), ((2, 3, 4), 2, 1)],
                                                [True, False]):
        yield Fn(fn, (T(*shape), k), dict(dim=dim, largest=largest))
    yield Fn("torch.topk", (T(2, 5), 2))
    yield Fn("torch.topk", (T(2, 5, dtype="int64"), 2))
    yield Fn("torch.topk", (T(), 2))
    yield Fn("torch.topk", (T(5), -1))
    for fn, (shape, dim), desc in product(["torch.sort", V + "sort", "torch.argsort", V + "argsort"],
                                          [((2, 5), -1), ((2, 5), 0), ((2, 5), 2), ((), 0), ((3,), -2), ((2, 3, 4), 1)], [True, False]):
        yield Fn(fn, (T(*shape),), dict(dim=dim, descending=desc))
    yield Fn("torch.sort", (T(2, 5, dtype="int64"),))
    yield Fn("torch.argsort", (T(2, 5, dtype="int32"),))
    yield Fn("torch.sort", (T(2, 5),), dict(stable=True))
    for fn, (shape, dim), dt in product(["torch.cumsum", "torch.cumprod", V + "cumsum", V + "cumprod", "torch.cummax", "torch.cummin", "torch.logcumsumexp"],
                                        [((2, 5), 1), ((2, 5), -2), ((2, 5), 2), ((), 0), ((4,), -1)], ["float32", "int64", "bool"]):
        if dt != "float32" and shape != (2, 5):
            continue
        yield Fn(fn, (T(*shape, dtype=dt), dim))
    yield Fn("torch.cumsum", (T(2, 5, dtype="int32"), 1), dict(dtype=DT("float64")))
    yield Fn("torch.cumsum", (T(2, 5, dtype="int32"),), dict(dim=0))
    for (shape, dim), n in product([((2, 5), -1), ((2, 5), 0), ((4,), 0), ((2, 5), 2)], [1, 2, 5, 6]):
        yield Fn("torch.diff", (T(*shape),), dict(n=n, dim=dim))
    yield Fn("torch.diff", (T(2, 5),), dict(prepend=T(2, 1), append=T(2, 3)))
    yield Fn("torch.diff", (T(2, 5),), dict(prepend=T(3, 1)))
    yield Fn("torch.diff", (T(),))
    yield Fn("torch.diff", (T(2, 5, dtype="bool"),))
    yield Fn("torch.diff", (T(2, 5, dtype="int64"),))


def creation_cases():
    sizes = [(2, 3), ((2, 3),), ([4],), (S(2, 3),), (0, 5), ((),), (5,), (S(),)]
    for fn, size in product(["torch.zeros", "torch.ones", "torch.empty", "torch.randn", "torch.rand"], sizes):
        yield Fn(fn, size)
    for fn, dt in product(["torch.zeros", "torch.ones", "torch.empty", "torch.randn", "torch.rand"], ["int64", "float64", "bool", "float16"]):
        yield Fn(fn, (2, 3), dict(dtype=DT(dt)))
    yield Fn("torch.zeros", (-1, 3))
    yield Fn("torch.ones", ((2, -3),))
    yield Fn("torch.zeros", (2, 3), dict(requires_grad=True))
    yield Fn("torch.zeros", (), dict(size=(2, 3)))
    yield Fn("torch.ones", (), dict(size=[4]))
    for fill, size in product([1, F(1.5), True, F(0.0), -3], [(2, 3), [4], S(1, 2)]):
        yield Fn("torch.full", (size, fill))
    yield Fn("torch.full", ((2, 3), 7), dict(dtype=DT("float32")))
    yield Fn("torch.full", ((2, 3), F(7.5)), dict(dtype=DT("float64")))
    for args in [(5, (2, 3)), (-3, 3, (4,)), (10, S(2, 3)), (0, 2, [3])]:
        yield Fn("torch.randint", args)
    yield Fn("torch.randint", (0, 10, (2, 3)), dict(dtype=DT("int32")))
    yield Fn("torch.randint", (10, (2, 3)), dict(dtype=DT("float32")))
    yield Fn("torch.randint", (5, 3, (2,)))
    for args in [(5,), (F(5.0),), (1, 7), (1, 7, 2), (0, 1, F(0.1)), (F(0.5), 4), (10, 0, -2), (0, 10, 3), (0, 10, -1), (0,), (-5,),
                 (0, 5, 0), (1, F(2.5), F(0.5)), (F(-1.0), F(1.0), F(0.25)), (0, 1, F(0.3))]:
        yield Fn("torch.arange", args)
    yield Fn("torch.arange", (5,), dict(dtype=DT("float64")))
    yield Fn("torch.arange", (0, 5), dict(step=2))
    yield Fn("torch.arange", (F(5.0),), dict(dtype=DT("int32")))
    for args in [(0, 1, 5), (0, 1, 1), (0, 1, 0), (F(-1.0), F(1.0), 50), (0, 10, -1)]:
        yield Fn("torch.linspace", args)
        yield Fn("torch.logspace", args)
    yield Fn("torch.linspace", (0, 1), dict(steps=4, dtype=DT("float64")))
    yield Fn("torch.logspace", (0, 2, 3), dict(base=2))
    for args in [(3,), (2, 4), (0,), (3, 0), (-1,), (2, -1)]:
        yield Fn("torch.eye", args)
    yield Fn("torch.eye", (3,), dict(dtype=DT("int64")))
    yield Fn("torch.eye", (2,), dict(m=3))
    for fn, dt in product(["torch.zeros_like", "torch.ones_like", "torch.randn_like", "torch.rand_like", "torch.empty_like"], ["float32", "int64", "float64"]):
        yield Fn(fn, (T(2, 3, dtype=dt),))
    for fn in ["torch.zeros_like", "torch.ones_like", "torch.empty_like", "torch.rand_like"]:
        yield Fn(fn, (T(2, 3),), dict(dtype=DT("float16")))
        yield Fn(fn, (T(),))
    yield Fn("torch.randn_like", (T(2, 3, dtype="int64"),))
    for fill in [1, F(1.5), True]:
        yield Fn("torch.full_like", (T(2, 3), fill))
        yield Fn("torch.full_like", (T(2, 3, dtype="int64"), fill))
    yield Fn("torch.full_like", (T(4), 2), dict(dtype=DT("int32")))
    for args in [(T(2, 3), 5), (T(2, 3), 2, 5), (T(2, 3, dtype="int64"), 10), (T(4, dtype="bool"), 2)]:
        yield Fn("torch.randint_like", args)
    yield Fn("torch.randint_like", (T(2, 3), 10), dict(dtype=DT("int64")))
    datas = [[1, 2, 3], [[1, 2], [3, 4], [5, 6]], [1.0, 2, 3], [[1, F(2.5)], [3, 4]], [True, False], [True, 1], [True, F(1.5)], 3, F(2.5), True,
             [], [[]], [[], []], [[1, 2], [3]], [[[1], [2]], [[3], [4]]], [[F(1.0)]], [[1, 2], [3, 4, 5]]]
    for fn, data in product(["torch.tensor", "torch.as_tensor"], datas):
        yield Fn(fn, (data,))
    for data, dt in [([1, 2], "float32"), ([1.5, 2], "int64"), ([[1, 0]], "bool"), ([1, 2, 3], "float64"), (3, "int32")]:
        yield Fn("torch.tensor", (data,), dict(dtype=DT(dt)))
        yield Fn("torch.as_tensor", (data,), dict(dtype=DT(dt)))
    yield Fn("torch.tensor", ((1, 2, 3),))
    yield Fn("torch.tensor", ([(1, 2), (3, 4)],))
    yield Fn("torch.as_tensor", (T(2, 3),))
    yield Fn("torch.as_tensor", (T(2, 3),), dict(dtype=DT("int64")))


def complex_cases():
    """Complex tensors (issue 12): building them (polar, complex, view_as_complex), taking them
    apart (view_as_real, real, imag, abs, angle), and complex64/complex128 in promotion and
    products. Half inputs of view_as_complex give complex32, which the engine does not model."""
    C64, C128 = "complex64", "complex128"
    for fn in ["torch.polar", "torch.complex"]:
        for (a, b), dt in product([((2, 3), (2, 3)), ((2, 3), (3,)), ((4, 1, 3), (5, 1)), ((), (2,)), ((2, 3), (4,))], ["float32", "float64"]):
            yield Fn(fn, (T(*a, dtype=dt), T(*b, dtype=dt)))
        for da, db in [("float32", "float64"), ("float64", "float32"), ("int64", "int64"), ("float16", "float16"), ("int32", "float32"),
                       ("bfloat16", "bfloat16"), (C64, C64), ("float32", "int64"), ("bool", "bool")]:
            yield Fn(fn, (T(2, 3, dtype=da), T(2, 3, dtype=db)))
        # dtype checks come before broadcasting, the kernel's dtype dispatch after it
        yield Fn(fn, (T(2, 3), T(4, dtype="float64")))
        yield Fn(fn, (T(2, 3, dtype="float16"), T(4, dtype="float16")))
    yield Fn("torch.polar", (T(2, 3),), dict(angle=T(3)))
    for shape, dt in product([(2, 3), (4,), (), (2, 3, 5)], [C64, C128, "float32", "int64"]):
        yield Fn("torch.view_as_real", (T(*shape, dtype=dt),))
    for shape, dt in product([(2, 3, 2), (2,), (3, 2), (2, 3), (4, 1), ()], ["float32", "float64", "float16", "int64", "bool", "bfloat16", C64]):
        yield Fn("torch.view_as_complex", (T(*shape, dtype=dt),))
    for fn, dt in product(["torch.real", "torch.imag", "torch.angle", "torch.abs", V + "abs", V + "angle"], [C64, C128, "float32", "float64", "int64", "bool"]):
        yield Fn(fn, (T(2, 3, dtype=dt),))
    for fn in ["torch.real", "torch.imag", "torch.angle", "torch.abs"]:
        yield Fn(fn, (T(dtype=C64),))
        yield Fn(fn, (T(2, 3, dtype="float16"),))
    # Promotion: complex wins over float; complex64 with float64 is complex128; a 0-d complex
    # tensor lifts a dimensioned float tensor to complex of the float's precision.
    for op, (da, db) in product(["torch.add", "torch.mul", "torch.sub", "torch.div", V + "__add__", V + "__mul__"],
                                [(C64, C64), (C64, "float32"), (C64, "float64"), (C128, "float32"), ("int64", C64), ("bool", C128), (C64, C128)]):
        yield Fn(op, (T(2, 3, dtype=da), T(3, dtype=db)))
    for da, db in [("float32", C128), ("float64", C64), ("int64", C128), (C64, "float64"), ("float16", C64)]:
        yield Fn("torch.add", (T(2, 3, dtype=da), T(dtype=db)))
    yield Fn("torch.add", (T(2, 3, dtype=C64), F(1.5)))
    yield Fn("torch.mul", (T(2, 3, dtype=C128), 2))
    yield Fn("torch.add", (T(2, 3, dtype=C64), T(4, dtype=C64)))
    for fn, (da, db) in product(["torch.matmul", "torch.mm", V + "__matmul__"], [(C64, C64), (C128, C128), (C64, "float32"), ("float32", C64), (C64, C128)]):
        yield Fn(fn, (T(2, 3, dtype=da), T(3, 4, dtype=db)))
    yield Fn("torch.matmul", (T(5, 2, 3, dtype=C64), T(3, dtype=C64)))
    yield Fn("torch.bmm", (T(2, 3, 4, dtype=C128), T(2, 4, 5, dtype=C128)))
    yield Fn("torch.matmul", (T(2, 3, dtype=C64), T(4, 5, dtype=C64)))
    for op in UNARY + ["absolute", "negative", "erfinv", "asinh", "acosh", "atanh", "sinc", "i0", "fix", "isposinf", "isneginf",
                       "isreal", "bitwise_not", "logical_not"]:
        yield Fn("torch." + op, (T(2, 3, dtype=C64),))
    yield Fn(V + "exp", (T(3, dtype=C128),))
    for fn in ["torch.sum", "torch.mean", "torch.prod"]:
        yield Fn(fn, (T(2, 3, dtype=C64),))
        yield Fn(fn, (T(2, 3, dtype=C128), 1))
    for op in ["eq", "ne"]:
        yield Fn("torch." + op, (T(2, 3, dtype=C64), T(3, dtype=C64)))
    for dt in [C64, C128]:
        yield Fn("torch.zeros", (2, 3), dict(dtype=DT(dt)))
        yield Fn("torch.randn", (2, 3), dict(dtype=DT(dt)))
        yield Fn(V + "to", (T(2, 3), DT(dt)))
        yield Fn("torch.ones_like", (T(2, 3, dtype=dt),))
    yield Fn("torch.cat", ([T(2, 3, dtype=C64), T(1, 3)],))
    yield Fn("torch.stack", ([T(3, dtype=C64), T(3, dtype=C128)],))
    yield Fn(V + "view", (T(2, 3, dtype=C64), -1))
    yield Fn(V + "permute", (T(2, 3, 4, dtype=C128), 2, 0, 1))


def new_tensor_cases():
    """x.new_zeros(...) and friends: self's dtype unless dtype= is given."""
    for name, dt in product(["new_zeros", "new_ones", "new_empty"], ["float32", "float64", "int64"]):
        yield Fn(V + name, (T(2, 3, dtype=dt), 4, 5))
        yield Fn(V + name, (T(2, dtype=dt), (3,)))
    yield Fn(V + "new_zeros", (T(2, 3), [2, 2]), dict(dtype=DT("int64")))
    yield Fn(V + "new_ones", (T(2, 3), 2, -1))
    for fill, dt in product([1, F(1.5), True], ["float32", "int64"]):
        yield Fn(V + "new_full", (T(2, dtype=dt), (3, 4), fill))
    yield Fn(V + "new_full", (T(2), [2], 7), dict(dtype=DT("float64")))


def inplace_cases():
    """In-place methods: the result keeps self's shape and dtype, with ATen's checks."""
    for name in ["add_", "sub_", "mul_", "div_"]:
        yield Fn(V + name, (T(2, 3), T(3)))
        yield Fn(V + name, (T(2, 3), F(0.5)))
        yield Fn(V + name, (T(3), T(2, 3)))          # broadcasting may not grow self
        yield Fn(V + name, (T(2, 3), T(4)))
        yield Fn(V + name, (T(2, 3, dtype="int64"), F(1.5)))  # result type can't be cast
        yield Fn(V + name, (T(2, 3, dtype="float64"), T(2, 3)))
    yield Fn(V + "pow_", (T(2, 3), 2))
    yield Fn(V + "clamp_", (T(2, 3),), dict(min=F(0.0)))
    yield Fn(V + "masked_fill_", (T(2, 3), T(2, 3, dtype="bool"), F(0.0)))
    yield Fn(V + "masked_fill_", (T(2, 3), T(3, dtype="bool"), F(0.0)))
    yield Fn(V + "masked_fill_", (T(3), T(2, 3, dtype="bool"), F(0.0)))
    for name in ["sigmoid_", "tanh_", "relu_", "exp_", "neg_", "abs_", "sqrt_"]:
        yield Fn(V + name, (T(2, 3),))
    yield Fn(V + "triu_", (T(3, 3), 1))
    yield Fn(V + "tril_", (T(2, 3, 3),))
    for name, args in [("fill_", (F(1.5),)), ("zero_", ()), ("bernoulli_", (F(0.5),)), ("uniform_", ()), ("normal_", ()),
                       ("exponential_", ())]:
        yield Fn(V + name, (T(2, 3),) + args)
    yield Fn(V + "fill_", (T(4, dtype="int64"), 3))


def addcmul_cases():
    # Broadcast in argument order (the mismatch names the first two disagreeing), result_type of the three.
    for shapes in [((1, 1, 1, 8), (1, 1, 1, 8), (2, 5, 6, 8)), ((2, 3), (3,), (4, 1)), ((2, 3), (4,), (3,)), ((3,), (2, 3), (3,)),
                   ((2, 3), (2, 3), (2, 3)), ((), (2, 1), (1, 4))]:
        yield Fn("torch.addcmul", tuple(T(*s) for s in shapes))
    yield Fn(V + "addcmul", (T(3), T(2, 3), T(3)), dict(value=2))
    yield Fn("torch.addcmul", (T(2, 3), T(3), T(3)), dict(value=F(0.5)))
    for dts in [("float32", "float64", "float32"), ("int64", "int64", "int64"), ("int64", "float32", "float32"), ("float32", "float16", "float32"),
                ("int32", "int64", "int64"), ("bool", "bool", "bool")]:
        yield Fn("torch.addcmul", tuple(T(2, 3, dtype=d) for d in dts))
    yield Fn("torch.addcmul", (T(2, 3, dtype="int64"), T(3, dtype="int64"), T(3, dtype="int64")), dict(value=F(0.5)))


def fft_cases():
    """torch.fft's complex transforms: the shape kept (or resized by n / s), complex of the
    input's precision (integers promoted to the default float), and their errors."""
    for fn in ["torch.fft.fft", "torch.fft.ifft"]:
        for dt in ["float32", "float64", "int64", "bool", "complex64", "float16"]:
            yield Fn(fn, (T(2, 3, dtype=dt),))
        yield Fn(fn, (T(2, 3),), dict(n=7))
        yield Fn(fn, (T(2, 3),), dict(dim=0))
        yield Fn(fn, (T(2, 3),), dict(n=2, dim=0))
        yield Fn(fn, (T(2, 3),), dict(dim=2))
    for fn in ["torch.fft.fft2", "torch.fft.ifft2", "torch.fft.fftn", "torch.fft.ifftn"]:
        for dt in ["float32", "float64", "int64", "complex128", "bfloat16"]:
            yield Fn(fn, (T(2, 3, 4, dtype=dt),))
        yield Fn(fn, (T(2, 3, 4),), dict(s=(5, 6)))
        yield Fn(fn, (T(2, 3, 4),), dict(dim=(0,)))
        yield Fn(fn, (T(2, 3, 4),), dict(s=(5,), dim=(0,)))
        yield Fn(fn, (T(2, 3, 4),), dict(dim=(0, 3)))
        yield Fn(fn, (T(4, 5, 6, 7),))
    yield Fn("torch.fft.fft2", (T(4),))


def cases():
    out = []
    for gen in [product_cases, einsum_cases, arithmetic_cases, compare_cases, unary_cases, reduction_cases, softmax_cases,
                clamp_cases, addcmul_cases, sort_cases, creation_cases, complex_cases, fft_cases, new_tensor_cases, inplace_cases]:
        out.extend(gen())
    return out
