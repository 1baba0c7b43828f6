"""Oracle cases for the pool family: max/avg/lp/adaptive pooling, unpooling, upsampling and
interpolate, pixel (un)shuffle, channel shuffle and padding. Sweeps over kernel, stride,
padding, dilation and ceil_mode, plus every shape error the ops raise."""
from itertools import product

from oracle_lib import F, Fn, Module, T

NN = "torch.nn."
FN = "torch.nn.functional."


def spatial(d, n):
    return (n,) * d


def max_pool_cases():
    # kernel, stride, padding, dilation, ceil_mode over lengths that do and do not divide
    for d in (1, 2, 3):
        mod, fn = f"{NN}MaxPool{d}d", f"{FN}max_pool{d}d"
        lengths = (7, 8) if d < 3 else (7,)
        for L, k, s, p, dil, ceil in product(lengths, (2, 3), (None, 2, 3), (0, 1), (1, 2), (False, True)):
            yield Module(mod, (k,), dict(stride=s, padding=p, dilation=dil, ceil_mode=ceil), inputs=(T(2, 3, *spatial(d, L)),))
        # unbatched, return_indices, tuples
        yield Module(mod, (2,), inputs=(T(3, *spatial(d, 6)),))
        yield Module(mod, (2,), dict(return_indices=True), inputs=(T(2, 3, *spatial(d, 6)),))
        yield Module(mod, (2,), dict(return_indices=True, ceil_mode=True), inputs=(T(3, *spatial(d, 5)),))
        yield Module(mod, (tuple(range(2, 2 + d)),), dict(stride=tuple(range(1, 1 + d)), padding=tuple(range(d))), inputs=(T(1, 2, *spatial(d, 9)),))
        # errors: too small, padding too large, bad rank, zero stride/kernel/dilation, negative padding
        yield Module(mod, (3,), inputs=(T(2, 3, *spatial(d, 2)),))
        yield Module(mod, (3,), dict(return_indices=True), inputs=(T(2, 3, *spatial(d, 2)),))
        yield Module(mod, (3,), dict(padding=2), inputs=(T(2, 3, *spatial(d, 8)),))
        yield Module(mod, (2,), inputs=(T(*spatial(d, 6)),))
        yield Module(mod, (2,), inputs=(T(2, 2, 3, *spatial(d, 6)),))
        yield Module(mod, (2,), dict(stride=0), inputs=(T(2, 3, *spatial(d, 6)),))
        yield Module(mod, (2,), dict(dilation=0), inputs=(T(2, 3, *spatial(d, 6)),))
        yield Module(mod, (2,), dict(padding=-1), inputs=(T(2, 3, *spatial(d, 6)),))
        yield Module(mod, (2,), inputs=(T(0, 3, *spatial(d, 6)),))
        yield Module(mod, (2,), inputs=(T(2, 0, *spatial(d, 6)),))
        yield Module(mod, ((2,) * (d + 1),), inputs=(T(2, 3, *spatial(d, 6)),))
        # the functional forms, with and without indices
        yield Fn(fn, (T(2, 3, *spatial(d, 9)), 3), dict(stride=2, padding=1))
        yield Fn(fn, (T(2, 3, *spatial(d, 9)), 3, 2, 1, 1, True))
        yield Fn(fn, (T(2, 3, *spatial(d, 9)), 2), dict(return_indices=True))
        yield Fn(fn, (T(2, 3, *spatial(d, 9)), 2, None, 0, 1, False, True))
        yield Fn(fn, (T(3, *spatial(d, 5)), 2), dict(ceil_mode=True))
        yield Fn(fn, (T(2, 3, *spatial(d, 2)), 3))
        yield Fn(fn, (T(*spatial(d, 6)), 2))
        yield Fn(fn + "_with_indices", (T(2, 3, *spatial(d, 9)), 3), dict(stride=2))
        yield Fn(fn + "_with_indices", (T(3, *spatial(d, 8)), 2), dict(dilation=2, ceil_mode=True))


def pool_edge_cases():
    mp1, mp2, mp3 = FN + "max_pool1d", FN + "max_pool2d", FN + "max_pool3d"
    # max_pool1d allows an empty output but not a negative one; with indices it is the 2-D kernel
    for L, k, s, ceil in product((1, 2, 3), (3, 5), (1, 2, 3), (False, True)):
        yield Fn(mp1, (T(2, 3, L), k), dict(stride=s, ceil_mode=ceil))
    yield Fn(mp1, (T(2, 3, 2), 5), dict(stride=1, return_indices=True))
    yield Fn(mp1, (T(2, 3, 9), (2, 2)))
    yield Fn(mp1, (T(2, 3, 9), (2, 2)), dict(return_indices=True))
    yield Fn(mp1, (T(2, 3, 9), 2), dict(stride=(1, 1)))
    yield Fn(mp1, (T(2, 3, 9), 2), dict(padding=(1, 1)))
    yield Fn(mp1, (T(2, 3, 9), 2), dict(dilation=(1, 1)))
    yield Fn(mp1, (T(2, 3, 9), 0), dict(stride=1))
    yield Fn(mp1, (T(2, 3, 9), 2), dict(stride=-1))
    yield Fn(mp1, (T(2, 3, 9, dtype="float64"), 2))
    yield Fn(mp1, (T(0, 3, 9), 2))
    yield Fn(mp1, (T(3, 0), 2))
    for fn, d in ((mp2, 2), (mp3, 3)):
        yield Fn(fn, (T(2, 3, *spatial(d, 9)), 0), dict(stride=1))
        yield Fn(fn, (T(2, 3, *spatial(d, 9)), 2), dict(stride=-1))
        yield Fn(fn, (T(2, 3, *spatial(d, 9)), (3,) + (1,) * (d - 1)), dict(padding=1))
        yield Fn(fn, (T(2, 3, *spatial(d, 9)), 3), dict(padding=(1,) * (d + 1)))
        yield Fn(fn, (T(2, 3, *spatial(d, 9)), 3), dict(stride=(1,) * (d + 1)))
        yield Fn(fn, (T(2, 3, *spatial(d, 9)), 3), dict(dilation=(1,) * (d + 1)))
        yield Fn(fn, (T(2, 3, *spatial(d, 9)), 3), dict(dilation=(2,) + (1,) * (d - 1), padding=(0,) + (1,) * (d - 1)))
        yield Fn(fn, (T(2, 3, *spatial(d, 9), dtype="float64"), 2), dict(return_indices=True))
        yield Fn(fn, (T(3, *spatial(d, 1)), 1))
    # avg pools: wrong-length tuples, 1-D input to avg_pool2d, pad per dim
    ap1, ap2, ap3 = FN + "avg_pool1d", FN + "avg_pool2d", FN + "avg_pool3d"
    yield Fn(ap1, (T(2, 3, 9), (2, 2)))
    yield Fn(ap1, (T(2, 3, 9), 2), dict(stride=(1, 1)))
    yield Fn(ap1, (T(2, 3, 9), 2), dict(padding=(1, 1)))
    yield Fn(ap1, (T(2, 0, 9), 2))
    yield Fn(ap1, (T(2, 3, 9), 0), dict(stride=1))
    yield Fn(ap2, (T(6,), 2))
    yield Fn(ap2, (T(2, 3, 9, 9), (2, 2, 2)))
    yield Fn(ap2, (T(2, 3, 9, 9), 3), dict(stride=(1, 1, 1)))
    yield Fn(ap2, (T(2, 3, 9, 9), 3), dict(padding=(1, 1, 1)))
    yield Fn(ap2, (T(2, 3, 9, 9), (3, 1)), dict(padding=1))
    yield Fn(ap2, (T(2, 3, 9, 9), 0), dict(stride=1))
    yield Fn(ap2, (T(2, 3, 9, 9), 2), dict(stride=-2))
    yield Fn(ap2, (T(2, 3, 9, 9), 3), dict(divisor_override=2, ceil_mode=True, padding=1, stride=2))
    yield Fn(ap3, (T(2, 3, 9, 9, 9), (2, 2)))
    yield Fn(ap3, (T(2, 3, 9, 9, 9), 3), dict(stride=(1, 1)))
    yield Fn(ap3, (T(2, 3, 9, 9, 9), 3), dict(padding=(1, 1)))
    yield Fn(ap3, (T(2, 3, 2, 9, 9), 3), dict(padding=1))
    yield Fn(ap3, (T(2, 3, 9, 9, 9), 0), dict(stride=1))
    yield Fn(ap3, (T(2, 3, 9, 9, 9), 2), dict(divisor_override=0))
    yield Fn(ap3, (T(0, 3, 9, 9, 9), 2))
    yield Fn(ap3, (T(3, 0, 9, 9), 2))


def avg_pool_cases():
    for d in (1, 2, 3):
        mod, fn = f"{NN}AvgPool{d}d", f"{FN}avg_pool{d}d"
        lengths = (7, 8) if d < 3 else (7,)
        for L, k, s, p, ceil, cip in product(lengths, (2, 3), (None, 2, 3), (0, 1), (False, True), (True, False)):
            yield Module(mod, (k,), dict(stride=s, padding=p, ceil_mode=ceil, count_include_pad=cip), inputs=(T(2, 3, *spatial(d, L)),))
        if d > 1:
            yield Module(mod, (2,), dict(divisor_override=3), inputs=(T(2, 3, *spatial(d, 6)),))
            yield Module(mod, (2,), dict(divisor_override=0), inputs=(T(2, 3, *spatial(d, 6)),))
        yield Module(mod, (2,), inputs=(T(3, *spatial(d, 6)),))
        yield Module(mod, (3,), inputs=(T(2, 3, *spatial(d, 2)),))
        yield Module(mod, (3,), dict(padding=2), inputs=(T(2, 3, *spatial(d, 8)),))
        yield Module(mod, (2,), inputs=(T(*spatial(d, 6)),))
        yield Module(mod, (2,), inputs=(T(2, 2, 3, *spatial(d, 6)),))
        yield Module(mod, (2,), dict(stride=0), inputs=(T(2, 3, *spatial(d, 6)),))
        yield Module(mod, (2,), dict(padding=-1), inputs=(T(2, 3, *spatial(d, 6)),))
        yield Module(mod, (2,), inputs=(T(0, 3, *spatial(d, 6)),))
        yield Module(mod, (2,), inputs=(T(2, 0, *spatial(d, 6)),))
        yield Module(mod, ((2,) * (d + 1),), inputs=(T(2, 3, *spatial(d, 6)),))
        yield Module(mod, (2,), inputs=(T(2, 3, *spatial(d, 6), dtype="float64"),))
        yield Fn(fn, (T(2, 3, *spatial(d, 9)), 3), dict(stride=2, padding=1))
        yield Fn(fn, (T(2, 3, *spatial(d, 9)), 3, 2, 1, True, False))
        yield Fn(fn, (T(3, *spatial(d, 5)), 2), dict(ceil_mode=True))
        yield Fn(fn, (T(2, 3, *spatial(d, 2)), 3))
        yield Fn(fn, (T(*spatial(d, 6)), 2))


def lp_pool_cases():
    for d in (1, 2):
        mod, fn = f"{NN}LPPool{d}d", f"{FN}lp_pool{d}d"
        for L, norm, k, s, ceil in product((7, 8), (2, F(1.5)), (2, 3), (None, 2), (False, True)):
            yield Module(mod, (norm, k), dict(stride=s, ceil_mode=ceil), inputs=(T(2, 3, *spatial(d, L)),))
        yield Module(mod, (2, 2), inputs=(T(3, *spatial(d, 6)),))
        yield Module(mod, (2, 3), inputs=(T(2, 3, *spatial(d, 2)),))
        yield Fn(fn, (T(2, 3, *spatial(d, 9)), 2, 3), dict(stride=2))
        yield Fn(fn, (T(2, 3, *spatial(d, 9)), F(3.0), 2, None, True))


def adaptive_cases():
    for d in (1, 2, 3):
        for kind in ("Avg", "Max"):
            mod = f"{NN}Adaptive{kind}Pool{d}d"
            fn = f"{FN}adaptive_{kind.lower()}_pool{d}d"
            sizes = [1, 3, 5, 10] if d < 3 else [1, 3]
            for L, o in product((7, 8), sizes):
                yield Module(mod, (o,), inputs=(T(2, 3, *spatial(d, L)),))
                yield Module(mod, (o,), inputs=(T(3, *spatial(d, L)),))
            if d > 1:
                yield Module(mod, ((None,) + (2,) * (d - 1),), inputs=(T(2, 3, *spatial(d, 7)),))
                yield Module(mod, (tuple(range(2, 2 + d)),), inputs=(T(2, 3, *spatial(d, 7)),))
                yield Module(mod, ((None,) * d,), inputs=(T(2, 3, *spatial(d, 7)),))
            if kind == "Max":
                yield Module(mod, (3,), dict(return_indices=True), inputs=(T(2, 3, *spatial(d, 7)),))
                yield Module(mod, (3,), dict(return_indices=True), inputs=(T(3, *spatial(d, 7)),))
                yield Fn(fn, (T(2, 3, *spatial(d, 7)), 3), dict(return_indices=True))
                yield Fn(fn + "_with_indices", (T(2, 3, *spatial(d, 7)), 2))
            # errors: rank, zero-size dims, wrong-length output size
            yield Module(mod, (2,), inputs=(T(*spatial(d, 6)),))
            yield Module(mod, (2,), inputs=(T(2, 2, 3, *spatial(d, 6)),))
            yield Module(mod, (2,), inputs=(T(0, 3, *spatial(d, 6)),))
            yield Module(mod, (2,), inputs=(T(2, 0, *spatial(d, 6)),))
            yield Module(mod, (2,), inputs=(T(2, 3, *spatial(d, 0)),))
            yield Module(mod, ((2,) * (d + 1),), inputs=(T(2, 3, *spatial(d, 6)),))
            yield Module(mod, (0,), inputs=(T(2, 3, *spatial(d, 6)),))
            yield Fn(fn, (T(2, 3, *spatial(d, 9)), 4))
            yield Fn(fn, (T(3, *spatial(d, 9)), 1))
            yield Fn(fn, (T(2, 3, *spatial(d, 9), dtype="float64"), 2))
            # output size 1 is a plain mean in the avg composite: no rank or size checks there
            yield Fn(fn, (T(*spatial(d, 6)), 1))
            yield Fn(fn, (T(2, 2, 3, *spatial(d, 6)), 1))
            yield Fn(fn, (T(2, 3, *spatial(d, 0)), 1))
            yield Fn(fn, (T(2, 3, *spatial(d, 6)), -1))
            if d > 1:
                yield Fn(fn, (T(*spatial(d, 6)), (None,) * d))


def unpool_cases():
    for d in (1, 2, 3):
        mod, fn = f"{NN}MaxUnpool{d}d", f"{FN}max_unpool{d}d"
        for L, k, s, p in product((4, 5), (2, 3), (None, 1, 2), (0, 1)):
            if p * 2 > k:
                continue
            yield Module(mod, (k,), dict(stride=s, padding=p), inputs=(T(2, 3, *spatial(d, L)), T(2, 3, *spatial(d, L), dtype="int64", high=1)))
        yield Module(mod, (2,), inputs=(T(3, *spatial(d, 4)), T(3, *spatial(d, 4), dtype="int64", high=1)))
        yield Module(mod, (2,), inputs=(T(2, 3, *spatial(d, 4)), T(2, 3, *spatial(d, 4), dtype="int64", high=1)),
                     call_kwargs=dict(output_size=[9] * d))
        yield Module(mod, (2,), inputs=(T(2, 3, *spatial(d, 4)), T(2, 3, *spatial(d, 4), dtype="int64", high=1)),
                     call_kwargs=dict(output_size=[2, 3] + [9] * d))
        yield Module(mod, (2,), inputs=(T(2, 3, *spatial(d, 4)), T(2, 3, *spatial(d, 4), dtype="int64", high=1)),
                     call_kwargs=dict(output_size=[12] * d))
        yield Module(mod, (2,), inputs=(T(2, 3, *spatial(d, 4)), T(2, 3, *spatial(d, 3), dtype="int64", high=1)))
        yield Module(mod, (2,), inputs=(T(*spatial(d, 4)), T(*spatial(d, 4), dtype="int64", high=1)))
        yield Fn(fn, (T(2, 3, *spatial(d, 4)), T(2, 3, *spatial(d, 4), dtype="int64", high=1), 2))
        yield Fn(fn, (T(2, 3, *spatial(d, 4)), T(2, 3, *spatial(d, 4), dtype="int64", high=1), 2), dict(output_size=(9,) * d))
        yield Fn(fn, (T(2, 3, *spatial(d, 4)), T(2, 3, *spatial(d, 4), dtype="int64", high=1), 2), dict(output_size=(12,) * d))
        yield Fn(fn, (T(2, 3, *spatial(d, 4)), T(2, 3, *spatial(d, 4), dtype="int64", high=1), 2), dict(output_size=(12,) * (d + 1)))
        yield Fn(fn, (T(2, 0, *spatial(d, 4)), T(2, 0, *spatial(d, 4), dtype="int64", high=1), 2))
        yield Fn(fn, (T(3, *spatial(d, 4)), T(3, *spatial(d, 4), dtype="int64", high=1), 2, 1))
        yield Fn(fn, (T(2, 3, *spatial(d, 4)), T(2, 3, *spatial(d, 4), dtype="int64", high=1), 3, 2, 1))


def interpolate_cases():
    ranks = {"nearest": (3, 4, 5), "nearest-exact": (3, 4, 5), "linear": (3,), "bilinear": (4,),
             "bicubic": (4,), "trilinear": (5,), "area": (3, 4, 5)}
    for mode, rs in ranks.items():
        ac_opts = (None, True, False) if mode in ("linear", "bilinear", "bicubic", "trilinear") else (None,)
        for r, ac in product(rs, ac_opts):
            d = r - 2
            x = T(2, 3, *spatial(d, 5))
            yield Fn(FN + "interpolate", (x,), dict(size=8, mode=mode, align_corners=ac))
            yield Fn(FN + "interpolate", (x,), dict(size=tuple(range(3, 3 + d)), mode=mode, align_corners=ac))
            for sf, rsf in product((2, F(1.5), F(0.5), F(2.7)), (None, True)):
                yield Fn(FN + "interpolate", (x,), dict(scale_factor=sf, mode=mode, align_corners=ac, recompute_scale_factor=rsf))
            yield Fn(FN + "interpolate", (x,), dict(scale_factor=tuple(F(1.5 + i) for i in range(d)), mode=mode, align_corners=ac))
        # wrong rank for the mode
        for r in (3, 4, 5):
            if r not in rs:
                yield Fn(FN + "interpolate", (T(2, 3, *spatial(r - 2, 4)),), dict(scale_factor=2, mode=mode))
    x = T(2, 3, 5, 5)
    yield Fn(FN + "interpolate", (x,), dict(size=8, mode="nearest", align_corners=True))
    yield Fn(FN + "interpolate", (x,))
    yield Fn(FN + "interpolate", (x,), dict(size=8, scale_factor=2))
    yield Fn(FN + "interpolate", (x,), dict(size=(8, 8, 8)))
    yield Fn(FN + "interpolate", (x,), dict(scale_factor=(2, 2, 2)))
    yield Fn(FN + "interpolate", (x,), dict(size=8, mode="bogus"))
    yield Fn(FN + "interpolate", (T(2, 3),), dict(size=8))
    yield Fn(FN + "interpolate", (T(1, 2, 3, 4, 5, 6),), dict(size=8))
    yield Fn(FN + "interpolate", (T(2, 3, 5, 5),), dict(size=8, recompute_scale_factor=True))
    yield Fn(FN + "interpolate", (T(2, 3, 5, 5, dtype="float64"),), dict(scale_factor=2, mode="bilinear"))
    yield Fn(FN + "interpolate", (T(2, 3, 5, 5),), dict(scale_factor=F(0.1)))
    yield Fn(FN + "interpolate", (T(2, 3, 5, 5),), dict(size=0))
    yield Fn(FN + "interpolate", (T(2, 3, 5, 5),), dict(size=(8, 0)))
    # empty inputs and outputs
    for mode, r in product(("nearest", "linear", "nearest-exact", "bicubic", "trilinear", "area"), (3, 4, 5)):
        if mode in ("linear",) and r != 3 or mode == "bicubic" and r != 4 or mode == "trilinear" and r != 5:
            continue
        d = r - 2
        yield Fn(FN + "interpolate", (T(2, 3, *spatial(d, 5)),), dict(size=0, mode=mode))
        yield Fn(FN + "interpolate", (T(2, 3, *spatial(d, 0)),), dict(size=3, mode=mode))
        yield Fn(FN + "interpolate", (T(0, 3, *spatial(d, 5)),), dict(size=3, mode=mode))
        yield Fn(FN + "interpolate", (T(2, 0, *spatial(d, 5)),), dict(size=3, mode=mode))
    yield Fn(FN + "interpolate", (T(2, 3, 5, 5),), dict(size=-2))
    yield Fn(FN + "interpolate", (T(2, 3, 5, 5),), dict(scale_factor=(F(2.0), F(2.5), F(1.0))))
    yield Fn(FN + "interpolate", (T(2, 3, 5, 5),), dict(size=[2, 3, 4]))
    yield Fn(FN + "interpolate", (T(2, 3, 5, 5),), dict(size=4, mode="bilinear", antialias=True))
    yield Fn(FN + "interpolate", (T(2, 3, 5, 5),), dict(size=4, mode="nearest", antialias=True))
    yield Fn(FN + "interpolate", (T(2, 3, 7, 9),), dict(scale_factor=(F(0.3), F(1.1)), mode="bicubic"))
    yield Fn(FN + "upsample", (T(2, 3, 5, 5),), dict(scale_factor=2))
    yield Fn(FN + "upsample", (T(2, 3, 5, 5),), dict(size=(7, 9), mode="bilinear", align_corners=False))
    yield Fn(FN + "upsample", (T(2, 3, 5),), dict(scale_factor=F(1.5), mode="linear"))
    yield Fn(FN + "upsample_nearest", (T(2, 3, 5, 5),), dict(scale_factor=2))
    yield Fn(FN + "upsample_bilinear", (T(2, 3, 5, 5),), dict(size=9))
    # modules
    for r, (mode, ac) in product((3, 4, 5), [("nearest", None), ("linear", False), ("bilinear", True), ("trilinear", None), ("bicubic", False)]):
        x = T(2, 3, *spatial(r - 2, 5))
        yield Module(NN + "Upsample", (), dict(scale_factor=2, mode=mode, align_corners=ac), inputs=(x,))
        yield Module(NN + "Upsample", (7,), dict(mode=mode, align_corners=ac), inputs=(x,))
    yield Module(NN + "Upsample", (), dict(scale_factor=F(1.7)), inputs=(T(2, 3, 5, 6),))
    yield Module(NN + "Upsample", (), dict(scale_factor=(F(1.5), F(2.5))), inputs=(T(2, 3, 5, 6),))
    yield Module(NN + "Upsample", ((4, 9),), inputs=(T(2, 3, 5, 6),))
    yield Module(NN + "Upsample", (), dict(scale_factor=F(0.5), recompute_scale_factor=True), inputs=(T(2, 3, 5, 7),))
    yield Module(NN + "Upsample", (), inputs=(T(2, 3, 5, 6),))
    for cls in ("UpsamplingNearest2d", "UpsamplingBilinear2d"):
        yield Module(NN + cls, (), dict(scale_factor=2), inputs=(T(2, 3, 5, 6),))
        yield Module(NN + cls, (), dict(scale_factor=F(1.5)), inputs=(T(1, 3, 5, 7),))
        yield Module(NN + cls, ((9, 4),), inputs=(T(2, 3, 5, 6),))
        yield Module(NN + cls, (8,), inputs=(T(2, 3, 5, 6),))
        yield Module(NN + cls, (8,), inputs=(T(2, 3, 5),))


def pixel_cases():
    for r, lead, c in product((1, 2, 3), ((), (2,), (2, 2)), (1, 2)):
        yield Module(NN + "PixelShuffle", (r,), inputs=(T(*lead, c * r * r, 3, 4),))
        yield Module(NN + "PixelUnshuffle", (r,), inputs=(T(*lead, c, 3 * r, 2 * r),))
    for name in ("torch.nn.functional.pixel_shuffle", "torch.pixel_shuffle"):
        yield Fn(name, (T(2, 8, 3, 3), 2))
        yield Fn(name, (T(2, 6, 3, 3), 2))
        yield Fn(name, (T(8, 3),), dict(upscale_factor=2))
        yield Fn(name, (T(2, 8, 3, 3), 0))
        yield Fn(name, (T(2, 8, 3, 3), -2))
    for name in ("torch.nn.functional.pixel_unshuffle", "torch.pixel_unshuffle"):
        yield Fn(name, (T(2, 2, 6, 4), 2))
        yield Fn(name, (T(2, 2, 5, 4), 2))
        yield Fn(name, (T(2, 2, 6, 5), 2))
        yield Fn(name, (T(6, 4), 2))
        yield Fn(name, (T(2, 2, 6, 4), 0))
    yield Module(NN + "PixelShuffle", (2,), inputs=(T(2, 7, 3, 3),))
    yield Module(NN + "PixelShuffle", (2,), inputs=(T(2, 8, 3, 3, dtype="float64"),))
    yield Module(NN + "PixelUnshuffle", (3,), inputs=(T(2, 1, 4, 6),))
    for g, c in product((1, 2, 3), (6, 12)):
        yield Module(NN + "ChannelShuffle", (g,), inputs=(T(2, c, 4, 4),))
    for name in ("torch.nn.functional.channel_shuffle", "torch.channel_shuffle"):
        yield Fn(name, (T(2, 6, 4, 4), 3))
        yield Fn(name, (T(2, 6, 4), 2))
        yield Fn(name, (T(2, 6), 2))
        yield Fn(name, (T(2, 6, 4, 4, 4), 2))
        yield Fn(name, (T(2, 6, 4, 4), 4))
        yield Fn(name, (T(2, 6, 4, 4), 0))
        yield Fn(name, (T(6,), 2))
    yield Module(NN + "ChannelShuffle", (4,), inputs=(T(2, 6, 4, 4),))
    yield Module(NN + "ChannelShuffle", (2,), inputs=(T(6, 4, 4),))


def pad_cases():
    for d in (1, 2, 3):
        for kind in ("Reflection", "Replication", "Constant"):
            mod = f"{NN}{kind}Pad{d}d"
            extra = (F(0.5),) if kind == "Constant" else ()
            for p, lead in product((0, 1, 2, 3), ((2, 3), (3,))):
                yield Module(mod, (p,) + extra, inputs=(T(*lead, *spatial(d, 4)),))
            pads = tuple(range(1, 1 + 2 * d))
            yield Module(mod, (pads,) + extra, inputs=(T(2, 3, *spatial(d, 7)),))
            neg = tuple((-1 if i % 2 == 0 else 2) for i in range(2 * d))
            yield Module(mod, (neg,) + extra, inputs=(T(2, 3, *spatial(d, 5)),))
            yield Module(mod, (4,) + extra, inputs=(T(2, 3, *spatial(d, 4)),))
            yield Module(mod, (-3,) + extra, inputs=(T(2, 3, *spatial(d, 5)),))
            yield Module(mod, (1,) + extra, inputs=(T(*spatial(d, 4)),))
            yield Module(mod, (1,) + extra, inputs=(T(2, 2, 3, *spatial(d, 4)),))
            yield Module(mod, (1,) + extra, inputs=(T(2, 0, *spatial(d, 4)),))
            yield Module(mod, (1,) + extra, inputs=(T(0, 3, *spatial(d, 4)),))
    for p in (0, 1, (1, 2, 0, 3), (-1, 1, 2, -2)):
        yield Module(NN + "ZeroPad2d", (p,), inputs=(T(2, 3, 4, 4),))
        yield Module(NN + "ZeroPad2d", (p,), inputs=(T(3, 4, 4),))
    yield Module(NN + "ZeroPad2d", (1,), inputs=(T(4, 4),))
    yield Module(NN + "ZeroPad2d", (-3,), inputs=(T(2, 3, 4, 4),))
    # F.pad: every mode, pad lengths 2/4/6, negative padding, errors
    pad = FN + "pad"
    for mode, shape in product(("constant", "reflect", "replicate", "circular"), ((2, 3, 5), (2, 3, 5, 6), (2, 3, 5, 6, 7))):
        for n in (2, 4, 6):
            pads = tuple((i % 3) + 1 for i in range(n))
            yield Fn(pad, (T(*shape), pads), dict(mode=mode))
        yield Fn(pad, (T(*shape), (-1, 2)), dict(mode=mode))
        yield Fn(pad, (T(*shape), (5, 5)), dict(mode=mode))
    for shape, pads in product(((5,), (4, 5), (2, 3, 4, 5, 6, 7)), ((1, 2), (1, 1, 2, 2), (1, 1, 1, 1, 1, 1, 1, 1))):
        yield Fn(pad, (T(*shape), pads))
    yield Fn(pad, (T(2, 3, 5), (1, 2, 3)))
    yield Fn(pad, (T(2, 3, 5), (-3, -3)))
    yield Fn(pad, (T(2, 3, 5), (1, 1)), dict(mode="constant", value=F(2.0)))
    yield Fn(pad, (T(2, 3, 5), (1, 1)), dict(mode="reflect", value=F(2.0)))
    yield Fn(pad, (T(2, 3, 5), (1, 1)), dict(mode="bogus"))
    yield Fn(pad, (T(2, 3, 5, dtype="int64"), (1, 1)))
    yield Fn(pad, (T(2, 3, 5), [2, 1]), dict(mode="replicate"))
    yield Fn(pad, (T(3, 5), (1, 1)), dict(mode="reflect"))
    yield Fn(pad, (T(3, 5), (1, 1)), dict(mode="circular"))
    yield Fn(pad, (T(0, 3, 5), (1, 1)), dict(mode="reflect"))
    yield Fn(pad, (T(2, 3, 5), (-5, 0)), dict(mode="replicate"))
    yield Fn(pad, (T(2, 3, 5), (1, 1, 1, 1)), dict(mode="reflect"))
    # negative padding: narrowing errors, emptied dims, wrap-around
    for pads in ((-2, -3), (-6, 0), (-5, 0), (0, -6), (-3, 1), (-5, 1), (1, 1, -3, 0), (1, 1, 0, 0)):
        yield Fn(pad, (T(2, 3, 5), pads))
        yield Fn(pad, (T(2, 3, 5), pads), dict(mode="circular"))
        yield Fn(pad, (T(2, 3, 5), pads), dict(mode="replicate"))
    yield Fn(pad, (T(2, 0, 5), (1, 1)))
    yield Fn(pad, (T(2, 3, 5), (6, 0)), dict(mode="circular"))
    yield Fn(pad, (T(2, 3, 5), (-3, -2)), dict(mode="reflect"))
    yield Fn(pad, (T(2, 3, 5, 5), (-3, -2, -3, -2)), dict(mode="reflect"))
    yield Fn(pad, (T(2, 3, 5, 5), (1, 1, 5, 5)), dict(mode="reflect"))
    yield Fn(pad, (T(2, 3, 5, 5, 5), (1, 1, 5, 5, 1, 1)), dict(mode="reflect"))
    yield Fn(pad, (T(2, 3, 5, 5), (1, 2, 3, 4)), dict(mode="circular"))
    for mode in ("reflect", "replicate"):
        yield Fn(pad, (T(0, 5), (1, 1)), dict(mode=mode))
        yield Fn(pad, (T(2, 3, 0), (1, 1)), dict(mode=mode))
        yield Fn(pad, (T(0, 3, 5, 5), (1, 1, 1, 1)), dict(mode=mode))
        yield Fn(pad, (T(2, 3, 0, 5), (1, 1, 1, 1)), dict(mode=mode))
        yield Fn(pad, (T(0, 5, 5), (1, 1, 1, 1)), dict(mode=mode))
        yield Fn(pad, (T(2, 0, 5, dtype="float64"), (1, 1)), dict(mode=mode))
        yield Fn(pad, (T(0, 3, 5, 5, 5), (1, 1, 1, 1, 1, 1)), dict(mode=mode))


def dtype_cases():
    # outputs keep the input dtype (avg pooling also runs on integers)
    for dt in ("float64", "int64", "int32"):
        yield Fn(FN + "avg_pool2d", (T(2, 3, 8, 8, dtype=dt, high=5), 2))
        yield Fn(FN + "avg_pool1d", (T(2, 3, 8, dtype=dt, high=5), 3), dict(stride=2, padding=1))
        yield Fn(FN + "pad", (T(2, 3, 8, dtype=dt, high=5), (1, 2)), dict(mode="circular"))
        yield Fn(FN + "pad", (T(2, 3, 8, 8, dtype=dt, high=5), (1, 2, 0, -1)), dict(value=F(0.0)))
        yield Fn(FN + "pixel_shuffle", (T(2, 4, 3, 3, dtype=dt, high=5), 2))
        yield Fn(FN + "channel_shuffle", (T(2, 4, 3, 3, dtype=dt, high=5), 2))
    for dt in ("bool", "int16", "uint8"):
        yield Fn(FN + "avg_pool1d", (T(2, 3, 8, dtype=dt), 2))
        yield Fn(FN + "avg_pool3d", (T(2, 3, 8, 8, 8, dtype=dt), 2))
        yield Module(NN + "AvgPool2d", (2,), inputs=(T(2, 3, 8, 8, dtype=dt),))
    for dt in ("float64",):
        yield Fn(FN + "max_pool2d", (T(2, 3, 8, 8, dtype=dt), 2))
        yield Fn(FN + "adaptive_max_pool2d", (T(2, 3, 8, 8, dtype=dt), 3), dict(return_indices=True))
        yield Fn(FN + "interpolate", (T(2, 3, 8, dtype=dt),), dict(scale_factor=2, mode="linear"))
        yield Fn(FN + "pad", (T(2, 3, 8, dtype=dt), (2, 2)), dict(mode="reflect"))
        yield Module(NN + "ReplicationPad2d", (2,), inputs=(T(2, 3, 8, 8, dtype=dt),))
        yield Module(NN + "LPPool1d", (2, 3), inputs=(T(2, 3, 8, dtype=dt),))
        yield Module(NN + "MaxUnpool2d", (2,), inputs=(T(2, 3, 4, 4, dtype=dt), T(2, 3, 4, 4, dtype="int64", high=1)))


def cases():
    return [*max_pool_cases(), *pool_edge_cases(), *avg_pool_cases(), *lp_pool_cases(), *adaptive_cases(), *unpool_cases(),
            *interpolate_cases(), *pixel_cases(), *pad_cases(), *dtype_cases()]
