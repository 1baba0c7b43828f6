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
    yield from lowering_cases()


def lowering_cases():
    """Variants of the ops lowered for issue 5 that the shape oracle's small cases miss."""
    V = "torch.Tensor."
    # Activations and normalisation that read a dim.
    yield Module(NN + "PReLU", (3,), dict(init=F(0.1)), inputs=(T(2, 3, 4),))
    yield Fn(FN + "prelu", (T(2, 3, 4), T(3)))
    yield Module(NN + "GLU", (1,), inputs=(T(2, 6, 3),))
    yield Fn(FN + "normalize", (T(3, 5),), dict(p=F(1.0), dim=-1))
    yield Fn(FN + "normalize", (T(2, 3, 4),), dict(p=F(3.0), dim=1))
    yield Fn(FN + "cosine_similarity", (T(3, 1, 4), T(1, 5, 4)), dict(dim=-1))
    yield Fn(FN + "pairwise_distance", (T(4, 6), T(4, 6)), dict(p=F(1.0), keepdim=True))
    yield Module(NN + "Bilinear", (3, 4, 5), inputs=(T(2, 3, 3), T(2, 3, 4)))
    # Rearrangements.
    yield Fn(FN + "pixel_shuffle", (T(2, 8, 3, 2), 2))
    yield Fn(FN + "pixel_unshuffle", (T(1, 2, 4, 6), 2))
    yield Fn(FN + "channel_shuffle", (T(1, 6, 2, 2), 3))
    yield Fn(FN + "one_hot", (T(2, 3, dtype="int64", high=5),), dict(num_classes=6))
    # Sorting and scans.
    yield Fn("torch.topk", (T(3, 7), 3), dict(dim=1, largest=False))
    yield Fn(V + "topk", (T(6, 4), 2), dict(dim=0))
    yield Fn("torch.sort", (T(5, 3),), dict(dim=0, descending=True))
    yield Fn("torch.argsort", (T(3, 6),), dict(descending=True))
    yield Fn("torch.cumsum", (T(3, 5, dtype="int64", high=9), 1))
    yield Fn("torch.cumprod", (T(4, 3), 0))
    yield Fn("torch.cummax", (T(3, 6, dtype="int64", high=4), 1))
    yield Fn("torch.cummin", (T(6, 2), 0))
    yield Fn("torch.logcumsumexp", (T(2, 7), 1))
    yield Fn("torch.diff", (T(3, 6),), dict(n=2, dim=1, prepend=T(3, 1)))
    yield Fn("torch.median", (T(4, 5),), dict(dim=1, keepdim=True))
    yield Fn("torch.median", (T(3, 4),))
    yield Fn("torch.norm", (T(3, 4),), dict(p=1, dim=1))
    yield Fn("torch.count_nonzero", (T(3, 4, dtype="int64", high=3),), dict(dim=0))
    # Index-driven.
    yield Fn("torch.scatter", (T(3, 5), 1, T(3, 2, dtype="int64", high=5), T(3, 4)))
    yield Fn("torch.scatter", (T(3, 5), 0, T(2, 5, dtype="int64", high=3)), dict(value=F(2.5)))
    yield Fn("torch.scatter_add", (T(3, 5), 1, T(3, 4, dtype="int64", high=5), T(3, 4)))
    yield Fn("torch.take_along_dim", (T(3, 4), T(2, 3, dtype="int64", high=12)))
    yield Fn("torch.take_along_dim", (T(3, 4), T(3, 2, dtype="int64", high=4)), dict(dim=1))
    # Creation.
    yield Fn("torch.eye", (3, 4))
    yield Fn("torch.linspace", (F(-1.0), F(2.0), 7))
    yield Fn("torch.logspace", (F(0.0), F(2.0), 5), dict(base=F(2.0)))
    # Losses: reductions, weights, ignored targets, label smoothing, probabilities.
    target = T(3, 4, dtype="int64", values=[[0, 4, -100, 2], [1, 1, 3, -100], [4, 0, 2, 2]])
    yield Module(NN + "CrossEntropyLoss", (), dict(weight=T(5), label_smoothing=F(0.2)), inputs=(T(3, 5, 4), target))
    yield Module(NN + "CrossEntropyLoss", (), dict(reduction="none", label_smoothing=F(0.1)), inputs=(T(3, 5, 4), target))
    yield Module(NN + "CrossEntropyLoss", (), dict(weight=T(5), reduction="sum"), inputs=(T(3, 5, 4), target))
    yield Fn(FN + "cross_entropy", (T(4, 5), T(4, 5)), dict(weight=T(5), label_smoothing=F(0.3)))
    yield Fn(FN + "cross_entropy", (T(4, 5), T(4, dtype="int64", high=5)), dict(reduction="sum", label_smoothing=F(0.1)))
    yield Module(NN + "NLLLoss", (), dict(weight=T(5)), inputs=(T(3, 5, 4), target))
    yield Fn(FN + "nll_loss", (T(4, 5), T(4, dtype="int64", values=[1, -100, 4, 0])), dict(reduction="sum"))
    probs = T(3, 4, values=[[0.1, 0.5, 0.9, 0.99], [0.3, 0.7, 0.2, 0.6], [0.05, 0.4, 0.8, 0.5]])
    labels = T(3, 4, values=[[0.0, 1.0, 1.0, 0.0], [1.0, 0.0, 0.5, 1.0], [0.0, 0.0, 1.0, 1.0]])
    yield Module(NN + "BCELoss", (), dict(weight=T(4)), inputs=(probs, labels))
    yield Module(NN + "BCEWithLogitsLoss", (), dict(pos_weight=T(4), weight=T(3, 1)), inputs=(T(3, 4), labels))
    yield Module(NN + "KLDivLoss", (), dict(reduction="batchmean"), inputs=(T(3, 4), probs))
    yield Module(NN + "KLDivLoss", (), dict(reduction="mean", log_target=True), inputs=(T(3, 4), T(3, 4)))
    yield Module(NN + "SmoothL1Loss", (), dict(beta=F(0.5)), inputs=(T(3, 4), T(3, 4)))
    yield Module(NN + "HuberLoss", (), dict(delta=F(0.5), reduction="none"), inputs=(T(3, 4), T(3, 4)))
    yield Module(NN + "PoissonNLLLoss", (), dict(log_input=False, full=True), inputs=(probs, T(3, 4, values=[[0.0, 2.0, 3.0, 1.0], [5.0, 0.5, 2.5, 1.0], [4.0, 0.0, 7.0, 1.5]])))
    yield Module(NN + "GaussianNLLLoss", (), dict(full=True), inputs=(T(3, 4), T(3, 4), T(3, values=[0.5, 1.5, 2.0])))
    yield Module(NN + "MultiMarginLoss", (), dict(p=2, margin=F(0.7), weight=T(5)), inputs=(T(3, 5), T(3, dtype="int64", high=5)))
    yield Module(NN + "MultiLabelMarginLoss", (), dict(reduction="none"), inputs=(T(2, 4), T(2, 4, dtype="int64", values=[[3, 0, -1, 1], [1, 2, 3, -1]])))
    yield Module(NN + "MultiLabelSoftMarginLoss", (), dict(weight=T(4)), inputs=(T(3, 4), labels))
    yield Module(NN + "TripletMarginLoss", (), dict(p=F(1.0), swap=True, margin=F(2.0)), inputs=(T(4, 6), T(4, 6), T(4, 6)))
    yield Module(NN + "CosineEmbeddingLoss", (), dict(margin=F(0.2), reduction="sum"), inputs=(T(4, 6), T(4, 6), T(4, values=[1.0, -1.0, -1.0, 1.0])))
    yield Module(NN + "HingeEmbeddingLoss", (), dict(margin=F(0.5), reduction="none"), inputs=(T(3, 4), T(3, 4, values=[[1.0, -1.0, 1.0, -1.0]] * 3)))
    yield Module(NN + "MarginRankingLoss", (), dict(margin=F(0.3)), inputs=(T(5), T(5), T(5, values=[1.0, -1.0, 1.0, 1.0, -1.0])))
    yield Module(NN + "SoftMarginLoss", (), dict(reduction="none"), inputs=(T(3, 4), labels))
    yield from special_cases()


def unpool_indices(shape, kernel):
    """Indices as max_pool would give them: one position inside each (non-overlapping) window."""
    import itertools
    spatial = shape[2:]
    out = [s * kernel for s in spatial]
    planes = []
    for p in range(shape[0] * shape[1]):
        flat = []
        for pos in itertools.product(*[range(s) for s in spatial]):
            # A deterministic offset inside the window, different per plane and position.
            offs = [(p + sum(pos) + d) % kernel for d in range(len(spatial))]
            idx = 0
            for d, (q, o) in enumerate(zip(pos, offs)):
                idx = idx * out[d] + q * kernel + o
            flat.append(idx)
        planes.append(flat)

    def nest(xs, dims):
        if not dims:
            return xs[0]
        step = len(xs) // dims[0]
        return [nest(xs[i * step:(i + 1) * step], dims[1:]) for i in range(dims[0])]
    return T(*shape, dtype="int64", values=nest([i for pl in planes for i in pl], list(shape)))


def special_cases():
    """Ops lowered last: im2col/col2im, unpooling, bags, special functions, data-dependent selections."""
    V = "torch.Tensor."
    yield Module(NN + "Unfold", ((2, 3),), dict(dilation=(1, 2), padding=1, stride=(2, 1)), inputs=(T(2, 3, 5, 6),))
    yield Fn(FN + "unfold", (T(2, 5, 4, dtype="float64"), 3), dict(padding=1))
    yield Module(NN + "Fold", ((5, 6), (2, 3)), dict(dilation=(1, 2), padding=1, stride=(2, 1)), inputs=(T(2, 18, 12),))
    yield Fn(FN + "fold", (T(12, 9), (4, 5), 2), dict(stride=(1, 2), padding=(0, 1)))
    yield Module(NN + "MaxUnpool2d", (2,), inputs=(T(2, 3, 2, 3), unpool_indices((2, 3, 2, 3), 2)))
    yield Fn(FN + "max_unpool1d", (T(2, 3, 4), unpool_indices((2, 3, 4), 3), 3))
    yield Fn(FN + "max_unpool3d", (T(1, 2, 2, 2, 2), unpool_indices((1, 2, 2, 2, 2), 2), 2), dict(output_size=(5, 4, 5)))
    ids = T(9, dtype="int64", values=[3, 0, 7, 7, 2, 9, 1, 4, 3])
    offsets = T(4, dtype="int64", values=[0, 2, 2, 6])
    yield Module(NN + "EmbeddingBag", (10, 4), dict(mode="mean"), inputs=(ids, offsets))
    yield Module(NN + "EmbeddingBag", (10, 4), dict(mode="max", padding_idx=7), inputs=(ids, offsets))
    yield Module(NN + "EmbeddingBag", (10, 4), dict(mode="sum", include_last_offset=True), inputs=(ids, offsets),
                 call_kwargs=dict(per_sample_weights=T(9)))
    yield Fn(FN + "embedding_bag", (T(3, 4, dtype="int64", high=6), T(6, 5)), dict(mode="max"))
    yield Fn(FN + "embedding_bag", (ids, T(10, 3), offsets), dict(mode="mean", padding_idx=3))
    yield Fn("torch.erfinv", (T(2, 6, values=[[-0.9999, -0.99, -0.7, -0.2, 0.0, 0.05], [0.3, 0.6, 0.9, 0.995, 0.99999, 1.0]]),))
    yield Fn("torch.lgamma", (T(2, 6, values=[[-2.5, -0.3, 0.01, 0.5, 1.0, 2.0], [3.7, 1.5, -1.5, -3.9, 0.9, 2.5]]),))
    yield Fn("torch.lgamma", (T(6, values=[10.5, 100.0, 1e4, 0.0, -2.0, 1e-3]),))
    yield Fn("torch.digamma", (T(2, 6, values=[[-2.5, -0.3, 0.5, 1.0, 2.0, 3.7], [10.5, 30.0, 100.0, -1.0, 0.0, 1.5]]),))
    yield Fn("torch.digamma", (T(4, values=[0.001, -0.999, 1e4, -7.5]),))
    yield Fn("torch.i0", (T(8, values=[-3.74, -1.0, 0.0, 0.25, 1.0, 2.0, 3.0, 3.75]),))
    yield Fn("torch.i0", (T(5, values=[4.0, -5.5, 6.0, 8.0, 9.0]),))
    yield Fn("torch.i0", (T(3, values=[12.0, 20.0, -30.0]),))
    yield Fn("torch.masked_select", (T(3, 4), T(3, 4, dtype="bool")))
    yield Fn(V + "masked_select", (T(2, 3, 4), T(3, 1, dtype="bool", values=[[True], [False], [True]])))
    yield Fn("torch.nonzero", (T(3, 4, dtype="int64", high=2),))
    yield Fn("torch.nonzero", (T(2, 3, 2, dtype="bool"),), dict(as_tuple=True))
    yield Fn("torch.where", (T(3, 4, dtype="bool"),))
    yield Fn(V + "half", (T(2, 5, values=[[0.1, -2.5, 1e-5, 65504.0, 3.14159], [1e5, -0.0, 7.0, 1.0 / 3.0, -1e-8]]),))
    yield from issue12_cases()


def issue12_cases():
    """repeat_interleave, meshgrid and type_as lowerings, and circular padding that crops one side
    and wraps the other (the wrap copies from the cropped centre)."""
    V = "torch.Tensor."
    yield Fn(FN + "pad", (T(1, 2, 4, 5), (-1, 2, 2, -1)), dict(mode="circular"))
    yield Fn("torch.repeat_interleave", (T(2, 3, 4), 3), dict(dim=1))
    yield Fn("torch.repeat_interleave", (T(2, 3), 2))
    yield Fn(V + "repeat_interleave", (T(3, 2), 2), dict(dim=-1, output_size=4))
    yield Fn("torch.meshgrid", (T(3), T(4), T(2)), dict(indexing="ij"))
    yield Fn("torch.meshgrid", (T(3), T(4), T(2)), dict(indexing="xy"))
    yield Fn(V + "type_as", (T(2, 3), T(1, dtype="int64")))
    yield Fn(V + "type_as", (T(2, 3, dtype="int64", high=9), T(1, dtype="float64")))
