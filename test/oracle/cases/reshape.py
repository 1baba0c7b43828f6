"""Oracle cases for the reshape family: views, permutations, expansion, joining and splitting,
indexing (basic, advanced, masks), gather/scatter, where, dtype casts and size queries.
Sweeps over shapes and parameters, plus every shape error each op can raise."""
from itertools import product

from oracle_lib import DT, E, F, Fn, S, Sl, T

V = "torch.Tensor."


def view_cases():
    for shape, target in product([(2, 3, 4), (24,), (4, 6), (1, 24, 1)],
                                 [(24,), (-1,), (2, 12), (-1, 4), (3, -1, 2), (2, 3, 4), (-1, 400), (5, -1), (-1, -1), (2, -2), (0, -1), (1, 1, 24, 1)]):
        yield Fn(V + "view", (T(*shape), *target))
    yield Fn(V + "view", (T(16, 16), -1, 400))
    yield Fn(V + "view", (T(4, 4), (2, 8)))
    yield Fn(V + "view", (T(4, 4), S(16)))
    yield Fn(V + "view", (T(), -1))
    yield Fn(V + "view", (T(0, 3), -1, 0))
    yield Fn(V + "view", (T(0, 3), 3, -1))
    yield Fn(V + "view", (T(2, 64, 7, 7), -1, 3136))
    yield Fn(V + "view", (T(2, 64, 7, 7), 2, -1))
    # view(dtype) reinterprets bytes: the last dim scales with the element size
    for shape, src, dst in product([(2, 3), (2, 4), (8,), ()], ["float32", "int64", "uint8"],
                                   ["float16", "float64", "int32", "uint8", "bool", "complex128", "int64"]):
        yield Fn(V + "view", (T(*shape, dtype=src), DT(dst)))
    for shape, target in product([(2, 3, 4), (6, 4)], [(24,), (-1,), (4, -1), (-1, 5), (-1, -1), (1, -1, 1)]):
        yield Fn("torch.reshape", (T(*shape), target))
        yield Fn(V + "reshape", (T(*shape), *target))
    yield Fn(V + "reshape", (T(2, 3), [3, 2]))
    yield Fn("torch.reshape", (T(0, 4), (-1, 0)))
    for a, b in [((2, 3), (3, 2)), ((2, 3), (6,)), ((2, 3), (4,)), ((4,), (2, 2))]:
        yield Fn(V + "view_as", (T(*a), T(*b)))
        yield Fn(V + "reshape_as", (T(*a), T(*b)))


def flatten_cases():
    for shape, (s, e) in product([(2, 3, 4, 5), (2, 3), (7,), ()],
                                 [(0, -1), (1, -1), (1, 2), (-2, -1), (2, 1), (0, 0), (3, 3), (-5, -1), (0, 4)]):
        yield Fn("torch.flatten", (T(*shape), s, e))
    yield Fn(V + "flatten", (T(2, 3, 4),))
    yield Fn(V + "flatten", (T(2, 3, 4), 1))
    yield Fn("torch.flatten", (T(2, 3, 4),), dict(start_dim=1))
    for shape, dim, sizes in product([(2, 12), (12,), (3, 4, 5)], [0, 1, -1], [(3, 4), (-1, 4), (2, -1, 3), (5, 2), (-1, -1), (12,), (1, 12, 1)]):
        yield Fn("torch.unflatten", (T(*shape), dim, sizes))
    yield Fn(V + "unflatten", (T(2, 12), 1, (3, 4)))
    yield Fn(V + "unflatten", (T(2, 12), -1, (2, -1)))


def squeeze_cases():
    for shape in [(1, 3, 1, 2), (3,), (1,), (), (2, 1)]:
        yield Fn("torch.squeeze", (T(*shape),))
        yield Fn(V + "squeeze", (T(*shape),))
        for d in [0, 1, -1, 2, 4, -5]:
            yield Fn("torch.squeeze", (T(*shape), d))
    for shape, d in product([(2, 3), (), (4,)], [0, 1, 2, -1, -3, 3, -4]):
        yield Fn("torch.unsqueeze", (T(*shape), d))
    yield Fn(V + "unsqueeze", (T(2, 3), -1))


def permute_cases():
    for shape, dims in product([(2, 3, 4)], [(0, 1, 2), (2, 0, 1), (-1, 0, 1), (0, 0, 1), (0, 1), (0, 1, 2, 3), (0, 1, 3), (0, -4, 1)]):
        yield Fn("torch.permute", (T(*shape), dims))
        yield Fn(V + "permute", (T(*shape), *dims))
    yield Fn(V + "permute", (T(2, 3, 4), [1, 2, 0]))
    # The argument parser also takes the dims by keyword, as one sequence.
    yield Fn(V + "permute", (T(2, 3, 4),), dict(dims=(0, 2, 1)))
    yield Fn(V + "permute", (T(2, 3, 4),), dict(dims=[2, 0, 1]))
    yield Fn(V + "permute", (T(2, 3, 4),), dict(dims=(0, 1)))
    yield Fn("torch.permute", (T(), ()))
    for shape, (a, b) in product([(2, 3, 4), (5,), ()], [(0, 1), (1, 2), (-1, 0), (0, 3), (0, 0)]):
        yield Fn("torch.transpose", (T(*shape), a, b))
    yield Fn(V + "transpose", (T(2, 3, 4), 1, 2))
    yield Fn("torch.swapaxes", (T(2, 3, 4), 0, 2))
    yield Fn(V + "swapaxes", (T(2, 3, 4), 0, -1))
    yield Fn("torch.swapdims", (T(2, 3, 4), 1, 0))
    yield Fn(V + "swapdims", (T(2, 3, 4), 2, 1))
    for shape in [(2, 3), (4,), (), (2, 3, 4)]:
        yield Fn("torch.t", (T(*shape),))
        yield Fn(V + "t", (T(*shape),))
    for src, dst in [(0, 2), (-1, 0), ((0, 1), (2, 0)), ((0, 1), (1, 0)), ([0], [3]), ((0, 0), (1, 2)), ((0, 1), (2, 2)), ((0, 1), (1,)), (3, 0)]:
        yield Fn("torch.movedim", (T(2, 3, 4), src, dst))
    yield Fn("torch.moveaxis", (T(2, 3, 4), 0, -1))
    yield Fn(V + "movedim", (T(2, 3, 4), 1, 0))
    yield Fn(V + "moveaxis", (T(2, 3, 4), (0, 2), (2, 0)))


def expand_cases():
    for shape, target in product([(2, 3), (1, 3), (3, 1), (3,), ()],
                                 [(2, 3), (2, 4), (-1, 3), (4, 2, 3), (4, -1, -1), (-1, 2, 3), (3,), (5, 3, 3), (2, 0)]):
        yield Fn(V + "expand", (T(*shape), *target))
    yield Fn(V + "expand", (T(1, 3), (4, 3)))
    yield Fn(V + "expand", (T(1, 3), S(4, 3)))
    for a, b in [((1, 3), (2, 3)), ((3,), (4, 3)), ((2, 3), (2, 4)), ((2, 3), (3,))]:
        yield Fn(V + "expand_as", (T(*a), T(*b)))
    for shape, reps in product([(2, 3), (3,), ()], [(2, 2), (1, 2, 3), (2,), (0, 1), ()]):
        if reps:  # repeat() without sizes is a TypeError (argument parsing, out of scope)
            yield Fn(V + "repeat", (T(*shape), *reps))
        yield Fn("torch.tile", (T(*shape), reps))
    yield Fn(V + "repeat", (T(2, 3), (2, 1)))
    yield Fn(V + "tile", (T(2, 3), 2))
    yield Fn(V + "tile", (T(2, 3), 2, 1, 1))
    yield Fn(V + "tile", (T(2, 3),), dict(dims=(2, 1, 1)))


def join_cases():
    pairs = [((2, 3), (4, 3)), ((2, 3), (2, 4)), ((2, 3), (2, 3)), ((2, 3), (3,)), ((2, 3), (0,)), ((2, 3, 1), (2, 3, 5))]
    for (a, b), dim in product(pairs, [0, 1, -1, 2, -3]):
        yield Fn("torch.cat", ([T(*a), T(*b)],), dict(dim=dim))
    yield Fn("torch.cat", ([T(2, 3), T(2, 3, dtype="float64"), T(1, 3, dtype="int64")],))
    yield Fn("torch.cat", ([T(2, 3, dtype="int32"), T(2, 3, dtype="bool")], 1))
    yield Fn("torch.cat", ((T(2, 3), T(2, 3), T(2, 4)), 1))
    yield Fn("torch.cat", ([T(2, 3), T(3, 4), T(2, 5)], 1))
    yield Fn("torch.cat", ([],))
    yield Fn("torch.cat", ([T(), T()],))
    yield Fn("torch.cat", ([T(3)],))
    yield Fn("torch.concat", ([T(2, 3), T(1, 3)],))
    yield Fn("torch.concat", ([T(2, 3), T(2, 1)], -1))
    yield Fn("torch.concatenate", ([T(2, 3), T(1, 3)],))
    for (a, b), dim in product([((2, 3), (2, 3)), ((2, 3), (3, 2)), ((3,), (3,)), ((), ())], [0, 1, 2, -1, -3, 3]):
        yield Fn("torch.stack", ([T(*a), T(*b)],), dict(dim=dim))
    yield Fn("torch.stack", ([T(2, 3), T(2, 3, dtype="int64")],))
    yield Fn("torch.stack", ([],))
    for fn, (a, b) in product(["torch.hstack", "torch.vstack", "torch.dstack"],
                              [((2, 3), (2, 3)), ((3,), (3,)), ((3,), (4,)), ((), ()), ((2, 3), (2, 4)), ((2, 3), (4, 3)), ((2, 3, 4), (2, 3, 1)), ((3,), (1, 3))]):
        yield Fn(fn, ([T(*a), T(*b)],))
    for items, batch_first in product([[(3, 4), (5, 4)], [(5, 4), (3, 4)], [(3,), (5,), (2,)], [(3, 4), (2, 5)], [(2, 3, 4), (2, 3, 4)]], [False, True]):
        yield Fn("torch.nn.utils.rnn.pad_sequence", ([T(*s) for s in items],), dict(batch_first=batch_first))
    yield Fn("torch.nn.utils.rnn.pad_sequence", ([T(3, dtype="int64"), T(5, dtype="int64")],))
    yield Fn("torch.nn.utils.rnn.pad_sequence", ([],))
    yield Fn("torch.nn.utils.rnn.pad_sequence", ([T()],))


def split_cases():
    for shape, size, dim in product([(10, 4), (6,), (0, 3)], [3, 5, 10, 12, 1, 0], [0, -1, 2]):
        yield Fn("torch.split", (T(*shape), size, dim))
    for shape, sizes in product([(10, 4)], [[3, 7], [5, 5], [2, 3, 5], [3, 3], [0, 10], [12, -2], [10]]):
        yield Fn("torch.split", (T(*shape), sizes))
        yield Fn(V + "split", (T(*shape), sizes))
    yield Fn(V + "split", (T(10, 4), 3))
    yield Fn(V + "split", (T(10, 4), 2, 1))
    for shape, n, dim in product([(10, 4), (6,), (0,), (7, 2)], [1, 2, 3, 4, 6, 11, 0], [0, 1, -1]):
        yield Fn("torch.chunk", (T(*shape), n, dim))
    yield Fn(V + "chunk", (T(10, 4), 3))
    for shape, spec, dim in product([(10, 4), (6,), (5,)], [3, 4, 1, 0, 7, [2, 5], [1, 1], [8], [], (3, 1), [-2]], [0, 1, -1]):
        yield Fn("torch.tensor_split", (T(*shape), spec, dim))
    yield Fn(V + "tensor_split", (T(7, 3), 2))
    # The overloads' names: `indices=(1,)` (torchvision's MViT), `sections=3`.
    yield Fn("torch.tensor_split", (T(2, 3, 7),), {"indices": (1,), "dim": 2})
    yield Fn("torch.tensor_split", (T(2, 3, 7),), {"sections": 3, "dim": -1})
    yield Fn(V + "tensor_split", (T(7, 3),), {"indices": [2, 5]})
    for shape, dim in product([(2, 3, 4), (5,), ()], [0, 1, -1, 3]):
        yield Fn("torch.unbind", (T(*shape), dim))
    yield Fn(V + "unbind", (T(2, 3),))
    for shape, dim, start, length in product([(5, 4)], [0, 1, -1, 2], [0, 2, -1, 5, 6, -6], [0, 2, 3, -1]):
        yield Fn("torch.narrow", (T(*shape), dim, start, length))
    yield Fn(V + "narrow", (T(5, 4), 0, 1, 2))
    yield Fn("torch.narrow", (T(), 0, 0, 1))
    for shape, dim, idx in product([(5, 4), (3,)], [0, 1, -1, 2], [0, 3, -1, -5, 4, 5, -6]):
        yield Fn("torch.select", (T(*shape), dim, idx))
    yield Fn(V + "select", (T(5, 4), 1, 2))
    yield Fn("torch.select", (T(), 0, 0))
    # Tensor.unfold: windows along one axis, their items on a new last axis
    for shape, dim, size, step in product([(2, 5, 4)], [1, -1, 3], [1, 3, 4, 6], [1, 2, 0]):
        yield Fn(V + "unfold", (T(*shape), dim, size, step))
    yield Fn(V + "unfold", (T(), 0, 1, 1))


def getitem_cases():
    g = V + "__getitem__"
    x = T(5, 6, 7)
    keys = [
        0, -1, 4, 5, -5, -6,
        (0, 1), (0, 1, 2), (0, 1, 2, 3), (-1, -1), (1, 6), (1, -7),
        Sl(), Sl(1), Sl(None, 3), Sl(1, 4), Sl(1, 100), Sl(-2), Sl(None, -2), Sl(-100, 2), Sl(4, 1),
        Sl(None, None, 2), Sl(1, None, 3), Sl(None, None, 10), Sl(-3, None, 2), Sl(None, None, 0), Sl(None, None, -1), Sl(10, 20),
        (Sl(), 0), (Sl(), Sl(1, 3)), (Sl(), Sl(None, None, 2), Sl(1, -1)), (Sl(), -1, Sl(None, 2)),
        None, (None, 0), (Sl(), None), (None, Sl(), None, 1, None), (0, None, None),
        E, (E, 0), (E, None), (0, E), (E, Sl(1, 3), 2), (0, E, 1), (E, 0, 0, 0), (E, 0, 0, 0, 0), (E, E),
        [0, 2], [[0, 1], [2, 3]], [4, -5], [5], ([0, 1], [2, 3]), ([0, 1], [2, 3], [4, 5]), ([0, 1], [2, 3, 4]),
        (Sl(), [0, 1]), (Sl(), [0, 1], [2, 3]), ([0, 1], Sl(), [2, 3]), ([0], Sl(), [2, 3]), (0, Sl(), [1, 2]),
        (Sl(), 0, [1, 2]), ([1, 2], 0), (E, [1, 2]), (None, [1, 2]), ([1, 2], None, [3, 4]),
        T(3, dtype="int64", high=5), T(2, 2, dtype="int64", high=5), (Sl(), T(4, dtype="int64", high=6)),
        (T(2, 1, dtype="int64", high=5), T(3, dtype="int64", high=6)), (T(2, dtype="int64", high=5), Sl(), T(2, dtype="int64", high=7)),
        (T(2, dtype="int64", high=5), T(3, dtype="int64", high=6)),
        T(dtype="int64", values=2), (Sl(), T(dtype="int64", values=1)),
    ]
    for k in keys:
        yield Fn(g, (x, k))
    for k in [0, Sl(1), None, E, (Sl(), 0), (0, 0), -3, 3]:
        yield Fn(g, (T(3, 4), k))
    for k in [None, E, 0, Sl(), (None, None)]:
        yield Fn(g, (T(), k))
    yield Fn(g, (T(3, 4, dtype="int64"), (Sl(), 1)))
    # boolean masks: the number of selected elements depends on the values
    for shape, key in [((5, 6), T(5, 6, dtype="bool")), ((5, 6), T(5, dtype="bool")), ((5, 6, 7), (Sl(), T(6, dtype="bool"))),
                       ((5, 6), T(5, 6, dtype="uint8")), ((5, 6, 7), T(5, 6, dtype="bool")), ((5, 6), T(4, dtype="bool")),
                       ((5, 6), (T(5, dtype="bool"), 0))]:
        yield Fn(g, (T(*shape), key), data_dependent=True)
    # sweep of basic and advanced items: where the advanced-index dims land
    items = [0, Sl(1, 3), None, [0, 2], E]
    for key in product(items, repeat=3):
        yield Fn(g, (T(4, 5, 6, 7), key))
    for key in [([0, 1], [[0], [1]]), (Sl(), [[0, 1]], Sl(), [1]), ([1], Sl(), Sl(), [2, 3]), (0, [1, 2], Sl(), [3, 4]),
                (None, 4), (Sl(), None, 5), (E, 7), (0, [1, 5]), ([0], Sl(), [6]), (None, Sl(), [5]), (E, None, [7]), (E, -8), (Sl(), [5]), (Sl(), Sl(), [0], [9]),
                (1, 1, 1, 1, None), (Sl(None, None, 2), Sl(None, None, 3), Sl(None, None, 4), Sl(None, None, 5)), ([], Sl()), ([[]], 0)]:
        yield Fn(g, (T(4, 5, 6, 7), key))
    yield Fn(g, (T(5, 6), True))
    yield Fn(g, (T(5, 6), False))
    yield Fn(g, (T(5, 6), (None, True)))


def gather_cases():
    for shape, ishape, dim in product([(4, 5)], [(4, 5), (2, 3), (4, 6), (5, 5), (4,), (1, 1)], [0, 1, -1, 2]):
        yield Fn("torch.gather", (T(*shape), dim, T(*ishape, dtype="int64", high=4)))
    yield Fn(V + "gather", (T(4, 5), 1, T(4, 2, dtype="int64", high=4)))
    yield Fn("torch.gather", (T(4, 5), 1, T(4, 2, dtype="int32", high=4)))
    for fn, ishape, src in product(["torch.scatter", "torch.scatter_add"], [(2, 3), (4, 5), (5, 5), (4,)], [(4, 5), (2, 3), (1, 1)]):
        yield Fn(fn, (T(4, 5), 0, T(*ishape, dtype="int64", high=4), T(*src)))
    yield Fn("torch.scatter", (T(4, 5), 1, T(4, 2, dtype="int64", high=5), F(1.5)))
    yield Fn(V + "scatter", (T(4, 5), 1, T(4, 2, dtype="int64", high=5), T(4, 5)))
    yield Fn(V + "scatter_add", (T(4, 5), 1, T(4, 2, dtype="int64", high=5), T(4, 5)))
    yield Fn("torch.scatter", (T(4, 5), 2, T(4, 2, dtype="int64", high=5), T(4, 5)))
    yield Fn("torch.scatter", (T(4, 5), 1, T(4, 2, dtype="int64", high=5)), dict(value=F(2.0)))
    yield Fn("torch.scatter", (T(4, 5), 1, T(4, 2, dtype="int64", high=5), T(4, 5, dtype="float64")))
    yield Fn("torch.scatter_add", (T(4, 5), 1, T(4, 2, dtype="int64", high=5), T(4, 5, dtype="float64")))
    yield Fn("torch.scatter", (T(4, 5), 1, T(4, 2, dtype="int32", high=5), T(4, 5)))
    yield Fn("torch.scatter", (T(4, 5), 1, T(0, dtype="int64"), T(4, 5)))
    yield Fn("torch.gather", (T(4, 5), 1, T(0, dtype="int64")))
    yield Fn("torch.index_select", (T(4, 5), 1, T(3)))
    for shape, ishape, dim in product([(4, 5), (3,), ()], [(2,), (), (2, 2), (0,)], [0, 1, -1]):
        yield Fn("torch.index_select", (T(*shape), dim, T(*ishape, dtype="int64", high=1)))
    yield Fn(V + "index_select", (T(4, 5), 1, T(3, dtype="int64", high=5)))
    yield Fn("torch.index_select", (T(4, 5), 1, T(3, dtype="int32", high=5)))
    for shape, ishape, dim in product([(4, 5)], [(4, 2), (1, 5), (3,), (2, 2, 2), (4, 5, 1)], [0, 1, None, -1]):
        yield Fn("torch.take_along_dim", (T(*shape), T(*ishape, dtype="int64", high=4)), dict(dim=dim))
    yield Fn(V + "take_along_dim", (T(4, 5), T(4, 1, dtype="int64", high=4), 1))


def mask_where_cases():
    for shape, mshape in product([(4, 5), (5,), ()], [(4, 5), (5,), (4, 1), (3,), (2, 4, 5), ()]):
        yield Fn("torch.masked_fill", (T(*shape), T(*mshape, dtype="bool"), F(0.0)))
    yield Fn(V + "masked_fill", (T(4, 5), T(4, 5, dtype="bool"), F(-1e9)))
    yield Fn(V + "masked_fill", (T(4, 5, dtype="int64"), T(5, dtype="bool"), 3))
    yield Fn(V + "masked_fill", (T(4, 5), T(5, dtype="bool"), T()))
    yield Fn(V + "masked_fill", (T(4, 5), T(5, dtype="bool"), T(1)))
    yield Fn(V + "masked_fill", (T(4, 5), T(5, dtype="bool"), T(2, 2)))
    # result_type tiers: dimensioned tensors, then 0-dim tensors, then Python scalars
    for a, b in [(T(3, dtype="int64"), T(dtype="float64")), (T(3, dtype="float32"), T(dtype="float64")), (T(3, dtype="int32"), T(dtype="int64")),
                 (T(dtype="int64"), T(dtype="float16")), (T(3, dtype="uint8"), 5), (T(3, dtype="bool"), 1), (T(3, dtype="bool"), F(1.0)),
                 (T(dtype="float64"), F(1.0)), (T(dtype="int32"), F(1.0)), (T(3, dtype="float16"), F(1.0)), (1, 0), (True, False)]:
        yield Fn("torch.where", (T(3, dtype="bool"), a, b))
    for shape, mshape in product([(4, 5), (5,)], [(4, 5), (5,), (4, 1), (3,), (2, 4, 5)]):
        yield Fn("torch.masked_select", (T(*shape), T(*mshape, dtype="bool")), data_dependent=True)
    yield Fn(V + "masked_select", (T(4, 5), T(4, 5, dtype="bool")), data_dependent=True)
    shapes = [(4, 5), (5,), (4, 1), (3,), (), (2, 1, 5)]
    for c, a, b in product([(4, 5), (1, 5)], shapes[:3], shapes):
        yield Fn("torch.where", (T(*c, dtype="bool"), T(*a), T(*b)))
    for da, db in product(["float32", "float64", "int64", "int32", "bool", "float16"], ["float32", "int64", "uint8"]):
        yield Fn("torch.where", (T(3, dtype="bool"), T(3, dtype=da), T(3, dtype=db)))
    for a, b in [(T(3), F(0.0)), (F(1.0), T(3)), (T(3, dtype="int64"), F(0.5)), (T(3, dtype="int64"), 0), (F(1.0), F(0.0)), (T(3, dtype="float64"), F(0.0))]:
        yield Fn("torch.where", (T(3, dtype="bool"), a, b))
    yield Fn(V + "where", (T(4, 5), T(4, 5, dtype="bool"), T(5)))
    for shape in [(4, 5), (5,), (), (2, 3, 4)]:
        yield Fn("torch.where", (T(*shape, dtype="bool"),), data_dependent=True)
        yield Fn("torch.nonzero", (T(*shape),), data_dependent=True)
        yield Fn("torch.nonzero", (T(*shape),), dict(as_tuple=True), data_dependent=True)
    yield Fn(V + "nonzero", (T(4, 5, dtype="int64"),), data_dependent=True)


def roll_flip_cases():
    for shifts, dims in [(1, None), (2, 0), ((1, 2), (0, 1)), (1, (0, 1)), ((1, 2), 0), (1, 3), (-7, -1), ((), ())]:
        yield Fn("torch.roll", (T(3, 4), shifts, dims))
    yield Fn(V + "roll", (T(3, 4), 1, 1))
    for dims in [(0,), (0, 1), (-1,), (), (2,), (0, 0), [1]]:
        yield Fn("torch.flip", (T(3, 4), dims))
    yield Fn(V + "flip", (T(3, 4), 0))
    yield Fn(V + "flip", (T(3, 4), 0, 1))
    yield Fn(V + "flip", (T(3, 4), (1,)))
    yield Fn(V + "flip", (T(2, 6, 2),), dict(dims=(-1,)))
    yield Fn(V + "flip", (T(2, 6, 2),), dict(dims=[0, 2]))
    yield Fn(V + "flip", (T(3, 4),), dict(dims=(2,)))
    # tril/triu (the causal-mask idiom): any batch dims, any diagonal, and the 1-D error
    for shape, k in product([(4, 4), (3, 5), (2, 3, 4), (1, 1)], [0, 1, -1, 7]):
        yield Fn("torch.tril", (T(*shape), k))
        yield Fn("torch.triu", (T(*shape), k))
    yield Fn(V + "tril", (T(4, 4, dtype="int64"),))
    yield Fn(V + "triu", (T(2, 4, 4), -2))
    yield Fn("torch.tril", (T(3),))
    yield Fn(V + "triu", (T(),))


def cast_size_cases():
    for m in ["contiguous", "clone", "detach"]:
        yield Fn(V + m, (T(2, 3),))
        yield Fn(V + m, (T(dtype="int64"),))
    yield Fn("torch.clone", (T(2, 3, dtype="int32"),))
    yield Fn("torch.detach", (T(2, 3),))
    for m, dt in product(["float", "long", "int", "half", "double", "bool"], ["float32", "int64", "bool"]):
        yield Fn(V + m, (T(2, 3, dtype=dt),))
    for args in [(DT("int64"),), (DT("float16"),), ("cpu",), ("cpu", DT("float64")), (T(2, dtype="int32"),), (DT("bool"), False)]:
        yield Fn(V + "to", (T(2, 3), *args))
    yield Fn(V + "to", (T(2, 3),), dict(dtype=DT("int16")))
    yield Fn(V + "to", (T(2, 3),), dict(device="cpu"))
    yield Fn(V + "to", (T(2, 3), T(1, dtype="float64")), dict(non_blocking=True))
    yield Fn(V + "to", (T(2, 3), "cpu"), dict(dtype=DT("uint8"), copy=True))
    for args in [(), (DT("int64"),), ("torch.DoubleTensor",), ("torch.LongTensor",), (DT("float32"),)]:
        yield Fn(V + "type", (T(2, 3), *args))
    yield Fn(V + "type", (T(2, dtype="int64"),))
    yield Fn(V + "type", (T(2, dtype="bool"),))
    for shape in [(2, 3, 4), (), (5,)]:
        yield Fn(V + "size", (T(*shape),))
        yield Fn(V + "dim", (T(*shape),))
        yield Fn(V + "numel", (T(*shape),))
        yield Fn("torch.numel", (T(*shape),))
    for d in [0, -1, 2, 3, -4]:
        yield Fn(V + "size", (T(2, 3, 4), d))
    yield Fn(V + "size", (T(2, 3, 4),), dict(dim=1))


def interleave_meshgrid_cases():
    """type_as, repeat_interleave and meshgrid (issue 12). Tensor repeats give sizes that depend on
    their values unless output_size says them; meshgrid's forms with indexing given (1.13 warns
    without it) and its list form. A 2-D meshgrid input's error prints the tensor's values: left out."""
    for src, other in product(["float32", "int64", "float64"], ["float32", "int64", "bool", "float16", "complex64"]):
        yield Fn(V + "type_as", (T(2, 3, dtype=src), T(4, dtype=other)))
    yield Fn(V + "type_as", (T(dtype="int32"), T(2, 2)))
    for shape, reps, dim in product([(2, 3), (4,), (2, 3, 4)], [2, 1, 0, -1], [None, 0, 1, -1, 3]):
        yield Fn("torch.repeat_interleave", (T(*shape), reps, dim))
    yield Fn("torch.repeat_interleave", (T(2, 3), 3), dict(dim=1, output_size=9))
    yield Fn("torch.repeat_interleave", (T(2, 3), 3), dict(dim=1, output_size=8))
    yield Fn("torch.repeat_interleave", (T(2, 3, dtype="int64"), 2), dict(dim=0))
    for m_args, kw in [((2,), dict(dim=0)), ((2,), {}), ((3, 1), {}), ((2, -1), {})]:
        yield Fn(V + "repeat_interleave", (T(2, 3), *m_args), kw)
    reps = lambda *v: T(len(v), dtype="int64", values=list(v))
    for shape, r, dim in [((2, 3), reps(1, 2), 0), ((2, 3), reps(1, 2, 3), 1), ((2, 3), reps(3), 0), ((2, 3), reps(1, 1, 2, 0, 1, 1), None),
                          ((2, 3), reps(1, 2, 3), 0), ((2, 3), reps(1, 2), None), ((4,), reps(2, 2, 2, 2), 0)]:
        bad = (dim is None and len(r.values) != 6 and len(shape) == 2) or (dim is not None and len(r.values) not in (1, shape[dim]))
        yield Fn("torch.repeat_interleave", (T(*shape), r, dim), data_dependent=not bad)
    yield Fn("torch.repeat_interleave", (T(2, 3), T(dtype="int64", values=3), 0), data_dependent=True)
    yield Fn("torch.repeat_interleave", (T(2, 3), T(1, 2, dtype="int64", values=[[1, 2]]), 0))
    yield Fn("torch.repeat_interleave", (T(2, 3), T(2, dtype="int32", values=[1, 2]), 0), data_dependent=True)
    yield Fn("torch.repeat_interleave", (T(2, 3), T(2, values=[1.0, 2.0]), 0))
    yield Fn("torch.repeat_interleave", (T(2, 3), reps(1, 2), 0), dict(output_size=3))
    yield Fn("torch.repeat_interleave", (T(2, 3), reps(1, 2), 1), dict(output_size=3))
    yield Fn("torch.repeat_interleave", (reps(1, 2, 3),), data_dependent=True)
    yield Fn("torch.repeat_interleave", (reps(1, 2, 3),), dict(output_size=6))
    yield Fn("torch.repeat_interleave", (T(1, 2, dtype="int64", values=[[1, 2]]),))
    yield Fn("torch.repeat_interleave", (T(2, values=[1.0, 2.0]),))
    for shapes, idx in product([[(2,), (3,)], [(2,), (3,), (4,)], [(5,)], [(), (3,)], [(2,), (), (4,)]], ["ij", "xy"]):
        yield Fn("torch.meshgrid", tuple(T(*s) for s in shapes), dict(indexing=idx))
    yield Fn("torch.meshgrid", ([T(2), T(3)],), dict(indexing="ij"))
    yield Fn("torch.meshgrid", ((T(2), T(3), T(4)),), dict(indexing="xy"))
    yield Fn("torch.meshgrid", (T(2), T(3)))
    yield Fn("torch.meshgrid", (T(2, dtype="int64"), T(3, dtype="int64")), dict(indexing="ij"))
    yield Fn("torch.meshgrid", (T(2), T(3, dtype="float64")), dict(indexing="ij"))
    yield Fn("torch.meshgrid", (T(2), T(3)), dict(indexing="ab"))
    yield Fn("torch.meshgrid", (), dict(indexing="ij"))
    yield Fn("torch.meshgrid", ([],), dict(indexing="ij"))


def cases():
    return [*view_cases(), *flatten_cases(), *squeeze_cases(), *permute_cases(), *expand_cases(), *join_cases(),
            *split_cases(), *getitem_cases(), *gather_cases(), *mask_where_cases(), *roll_flip_cases(), *cast_size_cases(),
            *interleave_meshgrid_cases()]
