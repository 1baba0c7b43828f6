"""Numeric cases for the lowering pitfalls (each once gave wrong numbers when lowered naively):
F.pad's order, ceil-mode pools, avg-pool divisors, uneven adaptive pools, interpolate modes,
recurrent gate order, attention. Same vocabulary as the shape oracle (oracle_lib)."""
from oracle_lib import F, Fn, Module, T

NN = "torch.nn."
FN = "torch.nn.functional."


def cases():
    yield Fn(FN + "pad", (T(1, 2, 4, 5), (1, 2, 0, 3)), dict(mode="constant", value=F(0.5)))
    yield Fn(FN + "pad", (T(1, 2, 4, 5), (1, 2, 3, 0)), dict(mode="reflect"))
    yield Fn(FN + "pad", (T(1, 2, 4, 5), (2, 1, 1, 2)), dict(mode="replicate"))
    yield Fn(FN + "pad", (T(1, 2, 4, 5), (2, 1, 1, 2)), dict(mode="circular"))
    yield Module(NN + "Conv2d", (2, 3, 3), dict(padding=1, padding_mode="reflect"), inputs=(T(1, 2, 5, 6),))
    yield Module(NN + "Conv2d", (2, 3, 3), dict(padding="same", dilation=2), inputs=(T(1, 2, 6, 7),))
    yield Module(NN + "Conv2d", (4, 4, 3), dict(groups=2, stride=2, padding=(0, 1)), inputs=(T(1, 4, 7, 8),))
    yield Module(NN + "ConvTranspose2d", (3, 2, 3), dict(stride=2, padding=1, output_padding=1), inputs=(T(1, 3, 4, 5),))
    yield Module(NN + "MaxPool2d", (3,), dict(stride=2, ceil_mode=True), inputs=(T(1, 2, 8, 8),))
    yield Module(NN + "MaxPool2d", (3,), dict(stride=2, padding=1, ceil_mode=True), inputs=(T(1, 2, 6, 6),))
    yield Module(NN + "AvgPool2d", (3,), dict(stride=2, padding=1, ceil_mode=True), inputs=(T(1, 2, 6, 6),))
    yield Module(NN + "AvgPool2d", (3,), dict(stride=2, padding=1, ceil_mode=True, count_include_pad=False), inputs=(T(1, 2, 6, 6),))
    yield Module(NN + "AdaptiveAvgPool2d", ((3, 4),), inputs=(T(1, 2, 7, 9),))
    yield Module(NN + "AdaptiveMaxPool2d", ((3, 4),), inputs=(T(1, 2, 7, 9),))
    for mode, extra in (("nearest", {}), ("bilinear", dict(align_corners=False)), ("bilinear", dict(align_corners=True)),
                        ("bicubic", dict(align_corners=False)), ("area", {})):
        yield Fn(FN + "interpolate", (T(1, 2, 5, 6),), dict(size=(7, 4), mode=mode, **extra))
    yield Fn(FN + "interpolate", (T(1, 2, 5, 6),), dict(scale_factor=F(2.0), mode="nearest"))
    yield Fn(FN + "interpolate", (T(1, 2, 8, 8),), dict(size=(3, 5), mode="bilinear", antialias=True))
    yield Module(NN + "LSTM", (3, 4), dict(num_layers=2, batch_first=True, bidirectional=True), inputs=(T(2, 5, 3),))
    yield Module(NN + "GRU", (3, 4), dict(batch_first=False), inputs=(T(5, 2, 3),))
    yield Module(NN + "MultiheadAttention", (8, 2), dict(batch_first=True), inputs=(T(2, 5, 8), T(2, 5, 8), T(2, 5, 8)))
    yield Module(NN + "TransformerEncoderLayer", (8, 2), dict(dim_feedforward=16, batch_first=True), inputs=(T(2, 5, 8),))
    yield Module(NN + "TransformerEncoderLayer", (8, 2), dict(dim_feedforward=16, norm_first=True, activation="gelu"), inputs=(T(5, 2, 8),))
    yield Module(NN + "Embedding", (10, 4), inputs=(T(2, 3, dtype="int64", high=10),))
    yield Module(NN + "LayerNorm", ((4, 5),), inputs=(T(2, 4, 5),))
    yield Module(NN + "GroupNorm", (2, 4), inputs=(T(2, 4, 3, 3),))
    yield Module(NN + "BatchNorm2d", (3,), inputs=(T(2, 3, 4, 4),))
    yield Module(NN + "BatchNorm1d", (3,), inputs=(T(4, 3),))
    # Reflected operators (scalar OP tensor) and unary ops the shape oracle has no case for.
    V = "torch.Tensor."
    yield Fn(V + "__rsub__", (T(2, 3), 2))
    yield Fn(V + "__rtruediv__", (T(2, 3), F(1.5)))
    yield Fn(V + "__rfloordiv__", (T(2, 3), 3))
    yield Fn(V + "__rpow__", (T(2, 3), 2))
    yield Fn(V + "__rmatmul__", (T(3, 4), T(2, 3)))
    for name in ("erfinv", "asinh", "atanh", "arcsin", "arccos", "arctan", "sinc", "i0", "absolute", "negative", "fix",
                 "isposinf", "isneginf", "isreal"):
        yield Fn("torch." + name, (T(2, 3),))
    yield Fn("torch.acosh", (T(2, 3, values=[[1.5, 2.0, 3.0], [1.0, 4.0, 1.25]]),))
    yield Fn(V + "norm", (T(2, 3),))
    for d in (1, 2, 3):
        yield Fn(f"{FN}adaptive_max_pool{d}d_with_indices", (T(1, 2, *((4,) * d)), (2,) * d))
    yield Fn("torch.atan2", (T(3, 4), T(3, 4, values=[[1.0, -1.0, 0.0, 2.0], [-2.0, 0.5, -0.5, 0.0], [1.0, 1.0, -1.0, -1.0]])))
    yield Fn(FN + "local_response_norm", (T(2, 6, 3, 3), 3))
