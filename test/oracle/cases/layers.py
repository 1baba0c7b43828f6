"""Oracle cases for the layers family: linear, normalisation, activations, dropout, embeddings,
distances and losses. Sweeps, not hand-picked values, wherever a parameter can vary."""
from itertools import product

from oracle_lib import F, Fn, Module, T


def linear_cases():
    for (inf, outf), bias, lead in product([(4, 3), (1, 1), (16, 8)], [True, False], [(), (2,), (2, 5), (3, 1, 2)]):
        yield Module("torch.nn.Linear", (inf, outf), dict(bias=bias), inputs=(T(*lead, inf),))
    # in_features mismatches: the error names mat1 (input as 2-D) and mat2 (weight transposed)
    for lead in [(1,), (8,), (2, 3), ()]:
        yield Module("torch.nn.Linear", (3072, 10), inputs=(T(*lead, 768),))
    yield Module("torch.nn.Linear", (4, 3), inputs=(T(),))
    for lead in [(2,), (2, 3), ()]:
        yield Fn("torch.nn.functional.linear", (T(*lead, 4), T(3, 4)))
        yield Fn("torch.nn.functional.linear", (T(*lead, 4), T(3, 4), T(3)))
        yield Fn("torch.nn.functional.linear", (T(*lead, 5), T(3, 4)))


def cases():
    return [*linear_cases()]
