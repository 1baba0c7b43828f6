"""Oracle cases for the conv family: Conv1d/2d/3d, ConvTranspose1d/2d/3d, their functional forms,
Fold and Unfold. Sweeps over kernel, stride, padding, dilation and groups, plus every error the
ops raise (channel mismatches, kernels larger than the padded input, wrong ranks, padding modes,
constructor errors, output_padding, fold/unfold block counts).

Left out: invalid padding strings and padding modes in the constructors, whose ValueError prints
a Python set (its order changes with hash randomisation, so the golden would not be stable)."""
from itertools import product

from oracle_lib import DT, Fn, Module, T

CONV = {1: "torch.nn.Conv1d", 2: "torch.nn.Conv2d", 3: "torch.nn.Conv3d"}
CONVT = {1: "torch.nn.ConvTranspose1d", 2: "torch.nn.ConvTranspose2d", 3: "torch.nn.ConvTranspose3d"}
FCONV = {1: "torch.nn.functional.conv1d", 2: "torch.nn.functional.conv2d", 3: "torch.nn.functional.conv3d"}
FCONVT = {1: "torch.nn.functional.conv_transpose1d", 2: "torch.nn.functional.conv_transpose2d",
          3: "torch.nn.functional.conv_transpose3d"}
TCONV = {1: "torch.conv1d", 2: "torch.conv2d", 3: "torch.conv3d"}
SPATIAL = {1: (11,), 2: (9, 8), 3: (5, 6, 7)}


def conv_module_cases():
    # Conv2d: kernel, stride, padding, dilation (non-dividing strides, tuples, dilation)
    for k, s, p, d in product([1, 3, (2, 3)], [1, 2, (2, 1)], [0, 1, (1, 2)], [1, 2]):
        yield Module(CONV[2], (4, 6, k), dict(stride=s, padding=p, dilation=d), inputs=(T(2, 4, 9, 8),))
    # Conv1d, batched and unbatched
    for k, s, p, d, lead in product([1, 3, 4], [1, 3], [0, 2], [1, 2], [(2,), ()]):
        yield Module(CONV[1], (4, 5, k), dict(stride=s, padding=p, dilation=d), inputs=(T(*lead, 4, 11),))
    # Conv3d
    for k, s, p in product([1, 3, (1, 2, 3)], [1, 2, (1, 2, 3)], [0, (1, 0, 2)]):
        yield Module(CONV[3], (2, 3, k), dict(stride=s, padding=p), inputs=(T(1, 2, 5, 6, 7),))
    # groups and bias; parameter shapes [out, in/groups, *k]
    for n, (cin, cout, g), bias in product([1, 2, 3], [(4, 8, 2), (4, 4, 4), (6, 9, 3), (2, 6, 1)], [True, False]):
        yield Module(CONV[n], (cin, cout, 3), dict(groups=g, bias=bias), inputs=(T(2, cin, *SPATIAL[n]),))
    # padding='same' / 'valid', even and odd kernels (asymmetric 'same'), dilation, unbatched
    for n, k, d, lead in product([1, 2], [1, 2, 3, 4], [1, 2], [(2,), ()]):
        for pad in ["same", "valid"]:
            yield Module(CONV[n], (4, 3, k), dict(padding=pad, dilation=d), inputs=(T(*lead, 4, *SPATIAL[n]),))
    for k in [2, (1, 2, 3), 3]:
        yield Module(CONV[3], (2, 3, k), dict(padding="same"), inputs=(T(1, 2, 5, 6, 7),))
    # padding modes: padding applied by F.pad before a 'valid' convolution
    for n, mode, pad, lead in product([1, 2, 3], ["zeros", "reflect", "replicate", "circular"], [1, 2, "same", "valid"], [(2,), ()]):
        yield Module(CONV[n], (2, 3, 3), dict(padding=pad, padding_mode=mode), inputs=(T(*lead, 2, *SPATIAL[n]),))
    for mode in ["reflect", "replicate", "circular"]:
        yield Module(CONV[2], (2, 3, (2, 4)), dict(padding="same", padding_mode=mode, dilation=(2, 1)), inputs=(T(1, 2, 6, 5),))
        yield Module(CONV[2], (2, 3, 3), dict(padding=(1, 2), padding_mode=mode, stride=2), inputs=(T(1, 2, 6, 5),))
        # padding larger than the input: reflect fails, circular fails past one wrap, replicate pads
        for n, pad in product([1, 2, 3], [3, 4]):
            yield Module(CONV[n], (2, 3, 3), dict(padding=pad, padding_mode=mode), inputs=(T(1, 2, *[3] * n),))
        yield Module(CONV[2], (2, 3, 3), dict(padding=(1, 4), padding_mode=mode), inputs=(T(1, 2, 6, 3),))
        yield Module(CONV[2], (2, 3, 3), dict(padding=(4, 1), padding_mode=mode), inputs=(T(1, 2, 3, 6),))
        yield Module(CONV[3], (2, 3, 3), dict(padding=(4, 1, 1), padding_mode=mode), inputs=(T(2, 3, 6, 6),))
        # wrong ranks go through F.pad first
        for n, rank in product([1, 2, 3], [1, 2, 3, 4, 5, 6]):
            if rank not in (n + 1, n + 2):
                yield Module(CONV[n], (2, 3, 3), dict(padding=1, padding_mode=mode), inputs=(T(*[4] * rank),))
    # channel mismatch (fix: in_channels)
    yield Module(CONV[2], (3, 32, 3), inputs=(T(8, 1, 64, 64),))
    for n, g, lead in product([1, 2, 3], [1, 2], [(2,), ()]):
        yield Module(CONV[n], (4, 8, 3), dict(groups=g), inputs=(T(*lead, 6, *SPATIAL[n]),))
    yield Module(CONV[2], (4, 8, 3), dict(padding="same"), inputs=(T(1, 3, 6, 6),))
    yield Module(CONV[2], (4, 8, 2), dict(padding="same"), inputs=(T(1, 3, 6, 6),))
    yield Module(CONV[2], (4, 8, 2), dict(padding="same"), inputs=(T(3, 6, 6),))
    yield Module(CONV[2], (4, 8, 3), dict(padding=1, padding_mode="reflect"), inputs=(T(1, 3, 6, 6),))
    # kernel larger than the padded input
    for n, k, p, d, lead in product([1, 2, 3], [3, 5], [0, 1], [1, 2], [(1,), ()]):
        yield Module(CONV[n], (2, 2, k), dict(padding=p, dilation=d), inputs=(T(*lead, 2, *[3] * n),))
    yield Module(CONV[2], (2, 2, (1, 5)), inputs=(T(1, 2, 3, 4),))
    yield Module(CONV[2], (2, 2, 3), dict(padding="valid"), inputs=(T(1, 2, 2, 4),))
    yield Module(CONV[2], (2, 2, 3), dict(padding=1, padding_mode="replicate"), inputs=(T(1, 2, 1, 5),))
    yield Module(CONV[3], (2, 2, (3, 1, 1), 1, (0, 1, 1)), inputs=(T(2, 2, 4, 4),))
    # wrong input rank
    for n, rank in product([1, 2, 3], [0, 1, 2, 3, 4, 5, 6]):
        if rank not in (n + 1, n + 2):
            yield Module(CONV[n], (4, 4, 1), inputs=(T(*[4] * rank),))
    # constructor errors
    for n in [1, 2, 3]:
        yield Module(CONV[n], (3, 6, 3), dict(groups=2))
        yield Module(CONV[n], (4, 6, 3), dict(groups=4))
        yield Module(CONV[n], (4, 6, 3), dict(groups=0))
        yield Module(CONV[n], (4, 6, 3), dict(groups=-2))
        yield Module(CONV[n], (4, 6, 3), dict(stride=2, padding="same"))
        yield Module(CONVT[n], (4, 6, 3), dict(groups=3))
        yield Module(CONVT[n], (3, 6, 3), dict(groups=2))
    yield Module(CONV[2], (4, 6, 3), dict(stride=(1, 2), padding="same"))
    yield Module(CONV[2], (4, 6, 3), dict(stride=(1, 1), padding="same"), inputs=(T(1, 4, 5, 5),))
    for mode in ["reflect", "replicate", "circular"]:
        yield Module(CONVT[2], (4, 6, 3), dict(padding_mode=mode))
        yield Module(CONVT[1], (4, 6, 3), dict(padding_mode=mode))
    # dtypes: float64 modules, input/weight dtype mismatches
    yield Module(CONV[2], (2, 3, 3), dict(dtype=DT("float64")), inputs=(T(1, 2, 5, 5, dtype="float64"),))
    yield Module(CONV[2], (2, 3, 3), inputs=(T(1, 2, 5, 5, dtype="float64"),))
    yield Module(CONV[2], (2, 3, 3), dict(bias=False), inputs=(T(1, 2, 5, 5, dtype="float64"),))
    yield Module(CONV[1], (2, 3, 3), inputs=(T(1, 2, 5, dtype="int64"),))
    yield Module(CONVT[2], (2, 3, 3), dict(dtype=DT("float64")), inputs=(T(1, 2, 5, 5, dtype="float64"),))
    yield Module(CONV[2], (2, 3, (3, 3, 3)), inputs=(T(1, 2, 5, 5),))
    yield Module(CONV[2], (2, 3, (3, 3)), dict(stride=[2, 1], padding=[1, 0], dilation=[1, 2]), inputs=(T(1, 2, 5, 5),))
    # zero-sized batch
    yield Module(CONV[2], (2, 3, 3), inputs=(T(0, 2, 5, 5),))


def conv_transpose_module_cases():
    for k, s, p, op, d in product([1, 3, (2, 3)], [1, 2, (3, 2)], [0, 1], [0, 1], [1, 2]):
        yield Module(CONVT[2], (4, 6, k), dict(stride=s, padding=p, output_padding=op, dilation=d), inputs=(T(2, 4, 5, 4),))
    for k, s, p, op, lead in product([2, 3], [1, 3], [0, 2], [0, 2], [(2,), ()]):
        yield Module(CONVT[1], (4, 5, k), dict(stride=s, padding=p, output_padding=op), inputs=(T(*lead, 4, 6),))
    for k, s, op in product([1, 3, (1, 2, 3)], [1, 2], [0, 1]):
        yield Module(CONVT[3], (2, 3, k), dict(stride=s, output_padding=op), inputs=(T(1, 2, 3, 4, 2),))
    # groups and bias: weight [in, out/groups, *k]
    for n, (cin, cout, g), bias in product([1, 2, 3], [(4, 8, 2), (4, 4, 4), (6, 9, 3)], [True, False]):
        yield Module(CONVT[n], (cin, cout, 3), dict(groups=g, bias=bias), inputs=(T(2, cin, *[4] * n),))
    # output_size argument: in range, out of range, with batch/channel dims, wrong length
    for n, lead in product([1, 2, 3], [(2,), ()]):
        base = [4] * n
        for extra in [0, 1, 2, -1, 3]:
            size = [9 + extra] * n
            yield Module(CONVT[n], (3, 2, 3), dict(stride=3, padding=1), inputs=(T(*lead, 3, *base),),
                         call_kwargs=dict(output_size=size))
        yield Module(CONVT[n], (3, 2, 3), dict(stride=3, padding=1), inputs=(T(*lead, 3, *base),),
                     call_kwargs=dict(output_size=tuple([*lead, 2] + [10] * n)))
        yield Module(CONVT[n], (3, 2, 3), dict(stride=3, padding=1), inputs=(T(*lead, 3, *base),),
                     call_kwargs=dict(output_size=[9] * (n + 1 if n > 1 else n + 3)))
    yield Module(CONVT[2], (3, 2, 3), dict(stride=2), inputs=(T(1, 3, 5, 5),), call_kwargs=dict(output_size=(12, 11)))
    yield Module(CONVT[2], (3, 2, 3), dict(stride=2, dilation=2), inputs=(T(1, 3, 5, 5),), call_kwargs=dict(output_size=(13, 14)))
    yield Module(CONVT[2], (3, 2, 3), dict(stride=2, output_padding=1), inputs=(T(1, 3, 5, 5),), call_kwargs=dict(output_size=(11, 11)))
    yield Module(CONVT[1], (3, 2, 3), dict(stride=3), inputs=(T(2, 3, 4),), call_kwargs=dict(output_size=(13,)))
    yield Module(CONVT[1], (3, 2, 3), dict(stride=3), inputs=(T(2, 3, 4),), call_kwargs=dict(output_size=(16,)))
    yield Module(CONVT[2], (3, 2, 3), dict(stride=2), inputs=(T(1, 3, 5, 5),), call_kwargs=dict(output_size=(1, 2, 14, 11)))
    yield Module(CONVT[2], (3, 2, 3), dict(stride=2), inputs=(T(0, 3, 5, 5),))
    yield Module(CONVT[2], (3, 2, (3, 3, 3)), inputs=(T(1, 3, 5, 5),))
    # errors: output_padding too large, channel mismatch, output too small, wrong rank
    for n, (s, op, d) in product([1, 2, 3], [(2, 2, 1), (1, 1, 1), (1, 1, 2), (2, 3, 2), (3, 2, 1)]):
        yield Module(CONVT[n], (2, 2, 3), dict(stride=s, output_padding=op, dilation=d), inputs=(T(1, 2, *[4] * n),))
    yield Module(CONVT[2], (2, 2, 3), dict(stride=(1, 2), output_padding=(1, 1)), inputs=(T(1, 2, 4, 4),))
    for n, lead in product([1, 2, 3], [(2,), ()]):
        yield Module(CONVT[n], (4, 8, 3), inputs=(T(*lead, 3, *[4] * n),))
        yield Module(CONVT[n], (4, 8, 3), dict(padding=3), inputs=(T(*lead, 4, *[2] * n),))
        yield Module(CONVT[n], (4, 8, 3), dict(padding=2), inputs=(T(*lead, 4, *[1] * n),))
    yield Module(CONVT[2], (4, 8, 3), dict(padding=(0, 3)), inputs=(T(1, 4, 2, 2),))
    for n, rank in product([1, 2, 3], [1, 2, 3, 4, 5, 6]):
        if rank not in (n + 1, n + 2):
            yield Module(CONVT[n], (4, 4, 1), inputs=(T(*[4] * rank),))


def conv_function_cases():
    for n in [1, 2, 3]:
        sp = SPATIAL[n]
        fn = FCONV[n]
        for (cin, cout, g), k, bias, s, p, d in product([(4, 6, 1), (4, 6, 2), (6, 3, 3)], [1, 3], [False, True],
                                                        [1, 2], [0, 1], [1, 2]):
            if n == 3 and (s, p, d) not in [(1, 0, 1), (2, 1, 2)]:
                continue
            args = (T(2, cin, *sp), T(cout, cin // g, *[k] * n))
            if bias:
                args += (T(cout),)
            yield Fn(fn, args, dict(stride=s, padding=p, dilation=d, groups=g))
        yield Fn(fn, (T(cin, *sp), T(6, 4, *[3] * n)), dict(padding=1))  # unbatched
        yield Fn(fn, (T(2, 4, *sp), T(6, 4, *[3] * n), None, [2] * n, [1] * n, [1] * n, 1))  # positional
        yield Fn(fn, (T(2, 4, *sp), T(6, 4, *[3] * n)), dict(stride=[2]))
        # string padding
        for pad, k, d, lead in product(["same", "valid"], [2, 3], [1, 2], [(2,), ()]):
            yield Fn(fn, (T(*lead, 4, *sp), T(6, 4, *[k] * n)), dict(padding=pad, dilation=d))
        yield Fn(fn, (T(2, 4, *sp), T(6, 4, *[3] * n)), dict(padding="foo"))
        yield Fn(fn, (T(2, 4, *sp), T(6, 4, *[3] * n)), dict(padding="same", stride=2))
        yield Fn(fn, (T(2, 4, *sp), T(6, 4, *[3] * n)), dict(padding="same", stride=1))
        yield Fn(fn, (T(2, 3, *sp), T(6, 4, *[2] * n)), dict(padding="same"))
        yield Fn(fn, (T(2, 4, *sp), T(6, 4, *[8] * n)), dict(padding="valid"))
        # errors: channels, groups, bias, weight rank, kernel, bad stride/padding/dilation, rank
        yield Fn(fn, (T(2, 5, *sp), T(6, 4, *[3] * n)))
        yield Fn(fn, (T(5, *sp), T(6, 4, *[3] * n)))
        yield Fn(fn, (T(2, 8, *sp), T(6, 4, *[3] * n)), dict(groups=2))
        yield Fn(fn, (T(2, 8, *sp), T(7, 4, *[3] * n)), dict(groups=2))
        yield Fn(fn, (T(2, 8, *sp), T(1, 4, *[3] * n)), dict(groups=2))
        yield Fn(fn, (T(2, 4, *sp), T(6, 4, *[3] * n), T(5)))
        yield Fn(fn, (T(2, 4, *sp), T(6, 4, *[3] * n), T(6, 1)))
        yield Fn(fn, (T(2, 4, *sp), T(6, 4, *[12] * n)))
        yield Fn(fn, (T(2, 4, *sp), T(6, 4, *[3] * n)), dict(stride=0))
        yield Fn(fn, (T(2, 4, *sp), T(6, 4, *[3] * n)), dict(padding=-1))
        yield Fn(fn, (T(2, 4, *sp), T(6, 4, *[3] * n)), dict(dilation=0))
        yield Fn(fn, (T(2, 4, *sp), T(6, 4, *[3] * n)), dict(stride=[1] * (n + 1)))
        yield Fn(fn, (T(2, 4, *sp), T(6, 4, *[3] * (n + 1))))
        yield Fn(fn, (T(2, 4, *sp), T(6, 4, *[3] * (n + 1))), dict(stride=[1], padding=[0], dilation=[1]))
        yield Fn(fn, (T(2, 4, *sp), T(6, 4, *[3] * n)), dict(groups=0))
        for rank in [1, n, n + 3]:
            yield Fn(fn, (T(*[4] * rank), T(6, 4, *[3] * n)))
        # float64 and a dtype mismatch
        yield Fn(fn, (T(2, 4, *sp, dtype="float64"), T(6, 4, *[3] * n, dtype="float64")))
        yield Fn(fn, (T(2, 4, *sp, dtype="float64"), T(6, 4, *[3] * n)))
        # torch.convNd is the same builtin
        yield Fn(TCONV[n], (T(2, 4, *sp), T(6, 4, *[3] * n)), dict(stride=2, padding=1))
        yield Fn(TCONV[n], (T(4, *sp), T(6, 2, *[3] * n)), dict(groups=2, padding="same"))
        yield Fn(TCONV[n], (T(2, 3, *sp), T(6, 4, *[3] * n)))


def conv_transpose_function_cases():
    for n in [1, 2, 3]:
        fn = FCONVT[n]
        sp = [4] * n
        for (cin, cout, g), k, bias, s, p, op, d in product([(4, 6, 1), (4, 6, 2)], [1, 3], [False, True], [1, 2],
                                                             [0, 1], [0, 1], [1, 2]):
            if n == 3 and (k, s) != (3, 2):
                continue
            args = (T(2, cin, *sp), T(cin, cout // g, *[k] * n))
            if bias:
                args += (T(cout),)
            yield Fn(fn, args, dict(stride=s, padding=p, output_padding=op, dilation=d, groups=g))
        yield Fn(fn, (T(4, *sp), T(4, 3, *[3] * n)), dict(stride=2))  # unbatched
        yield Fn(fn, (T(2, 4, *sp), T(4, 3, *[3] * n), None, 2, 1, 1, 1, 1))  # positional
        yield Fn(fn, (T(2, 4, *sp), T(4, 3, *[3] * n)), dict(stride=[3], output_padding=[2]))
        # errors
        yield Fn(fn, (T(2, 5, *sp), T(4, 3, *[3] * n)))
        yield Fn(fn, (T(5, *sp), T(4, 3, *[3] * n)))
        yield Fn(fn, (T(2, 4, *sp), T(4, 3, *[3] * n), T(5)))
        yield Fn(fn, (T(2, 4, *sp), T(4, 3, *[3] * n), T(6)), dict(groups=2))
        yield Fn(fn, (T(2, 6, *sp), T(6, 3, *[3] * n)), dict(groups=4))
        yield Fn(fn, (T(2, 4, *sp), T(4, 3, *[3] * n)), dict(output_padding=1))
        yield Fn(fn, (T(2, 4, *sp), T(4, 3, *[3] * n)), dict(stride=2, output_padding=2, dilation=3))
        yield Fn(fn, (T(2, 4, *sp), T(4, 3, *[3] * n)), dict(padding=4))
        yield Fn(fn, (T(2, 4, *sp), T(4, 3, *[3] * n)), dict(stride=0))
        yield Fn(fn, (T(2, 4, *sp), T(4, 3, *[3] * n)), dict(padding=-1))
        yield Fn(fn, (T(2, 4, *sp), T(4, 3, *[3] * n)), dict(output_padding=-1))
        yield Fn(fn, (T(2, 4, *sp), T(4, 3, *[3] * n)), dict(dilation=0))
        for rank in [1, n, n + 3]:
            yield Fn(fn, (T(*[4] * rank), T(4, 3, *[3] * n)))


def fold_cases():
    # Unfold: [N, C, H, W] -> [N, C*kh*kw, L]
    for k, d, p, s, lead in product([1, 2, (2, 3)], [1, 2], [0, 1], [1, 2, (2, 1)], [(2,), ()]):
        yield Module("torch.nn.Unfold", (k,), dict(dilation=d, padding=p, stride=s), inputs=(T(*lead, 3, 6, 7),))
        yield Fn("torch.nn.functional.unfold", (T(*lead, 3, 6, 7), k), dict(dilation=d, padding=p, stride=s))
    for rank in [1, 2, 5]:
        yield Module("torch.nn.Unfold", (2,), inputs=(T(*[3] * rank),))
        yield Fn("torch.nn.functional.unfold", (T(*[3] * rank), 2))
    for kw in [dict(kernel_size=7), dict(kernel_size=3, dilation=3), dict(kernel_size=(1, 2, 3)),
               dict(kernel_size=0), dict(kernel_size=2, stride=0), dict(kernel_size=2, padding=-1),
               dict(kernel_size=2, dilation=0), dict(kernel_size=(2, 9), padding=(0, 1)), dict(kernel_size=2, stride=(1, 2, 3))]:
        yield Fn("torch.nn.functional.unfold", (T(2, 3, 5, 6),), kw)
        yield Module("torch.nn.Unfold", (), kw, inputs=(T(3, 5, 6),))
    yield Module("torch.nn.Unfold", (2,), inputs=(T(0, 3, 5, 6),))
    yield Fn("torch.nn.functional.unfold", (T(2, 3, 5, 6, dtype="float64"), 2))
    # Fold: [N, C*kh*kw, L] -> [N, C, H, W]
    for (oh, ow), k, d, p, s, lead in product([(5, 6), (4, 4)], [1, 2, (2, 3)], [1, 2], [0, 1], [1, 2], [(2,), ()]):
        kh, kw = (k, k) if isinstance(k, int) else k
        bh = (oh + 2 * p - d * (kh - 1) - 1) // s + 1
        bw = (ow + 2 * p - d * (kw - 1) - 1) // s + 1
        blocks = max(bh, 0) * max(bw, 0)
        yield Module("torch.nn.Fold", ((oh, ow), k), dict(dilation=d, padding=p, stride=s), inputs=(T(*lead, 2 * kh * kw, blocks),))
        yield Fn("torch.nn.functional.fold", (T(*lead, 2 * kh * kw, blocks), (oh, ow), k), dict(dilation=d, padding=p, stride=s))
    yield Module("torch.nn.Fold", (5, 2), inputs=(T(2, 8, 16),))
    # errors: channels not divisible, block count mismatch, too small, ranks, bad parameters
    for out, k, kw, shape in [((5, 6), 2, dict(), (2, 13, 20)), ((5, 6), 2, dict(), (12, 19)),
                              ((5, 6), 2, dict(stride=2), (12, 20)), ((1, 6), 2, dict(), (12, 20)),
                              ((1, 1), 2, dict(), (12, 0)), ((5, 6), 0, dict(), (12, 20)),
                              ((5, 6), 2, dict(stride=0), (12, 20)), ((5, 6), 2, dict(padding=-1), (12, 20)),
                              ((5, 6), 2, dict(dilation=0), (12, 20)), ((5, 6), 2, dict(), (1, 2, 12, 20)),
                              ((5, 6), 2, dict(), (20,)), ((5, 6), 2, dict(), (0, 12, 20)), ((5, 6), 2, dict(), (2, 0, 20)),
                              ((5, 6, 7), 2, dict(), (12, 20)), ((5, 6), (1, 2, 3), dict(), (12, 20))]:
        yield Fn("torch.nn.functional.fold", (T(*shape), out, k), kw)
    yield Module("torch.nn.Fold", ((5, 6), 2), inputs=(T(2, 12, 19),))
    yield Module("torch.nn.Fold", ((5, 6), 3), inputs=(T(2, 12, 12),))
    yield Fn("torch.nn.functional.fold", (T(2, 12, 20, dtype="float64"), (5, 6), 2))


def cases():
    return [*conv_module_cases(), *conv_transpose_module_cases(), *conv_function_cases(),
            *conv_transpose_function_cases(), *fold_cases()]
