"""Oracle cases for the layers family: linear, normalisation, activations, dropout, embeddings,
distances and losses. Sweeps, not hand-picked values, wherever a parameter can vary."""
from itertools import product

from oracle_lib import DT, F, Fn, Module, T

NN = "torch.nn."
FN = "torch.nn.functional."


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


def bilinear_cases():
    for (a, b, o), bias, lead in product([(4, 5, 3), (2, 2, 1)], [True, False], [(), (2,), (2, 3)]):
        yield Module(NN + "Bilinear", (a, b, o), dict(bias=bias), inputs=(T(*lead, a), T(*lead, b)))
    # wrong feature sizes, mismatched leading dims
    yield Module(NN + "Bilinear", (4, 5, 3), inputs=(T(2, 3), T(2, 5)))
    yield Module(NN + "Bilinear", (4, 5, 3), inputs=(T(2, 4), T(2, 6)))
    yield Module(NN + "Bilinear", (4, 5, 3), inputs=(T(2, 4), T(3, 5)))
    yield Fn(FN + "bilinear", (T(2, 4), T(2, 5), T(3, 4, 5)))
    yield Fn(FN + "bilinear", (T(2, 4), T(2, 5), T(3, 4, 5), T(3)))
    yield Fn(FN + "bilinear", (T(6, 2, 4), T(6, 2, 5), T(3, 4, 5)))


def shape_module_cases():
    yield Module(NN + "Identity", (), inputs=(T(2, 3),))
    yield Module(NN + "Identity", (54,), dict(unused="x"), inputs=(T(),))
    yield Module(NN + "Identity", (), inputs=(T(3, 4, 5, dtype="int64"),))
    for shape, (s, e) in product([(2, 3, 4, 5), (2, 3), (4,)], [(1, -1), (0, -1), (0, 1), (1, 2), (-2, -1), (2, 1), (0, 3), (-3, 0)]):
        yield Module(NN + "Flatten", (s, e), inputs=(T(*shape),))
    yield Module(NN + "Flatten", (), inputs=(T(),))
    yield Module(NN + "Flatten", (0, 0), inputs=(T(),))
    for shape, dim, sizes in [((2, 12), 1, (3, 4)), ((2, 12), 1, (-1, 4)), ((2, 12, 5), -2, (2, 2, 3)), ((2, 12), 1, (5, 4)),
                              ((2, 12), 1, (-1, 5)), ((2, 12), 0, (1, 2)), ((2, 12), 2, (3, 4)), ((2, 12), -1, [2, 6]),
                              ((2, 12), 1, (-1, -1)), ((6,), 0, (2, 3)), ((2, 12), 1, (12,))]:
        yield Module(NN + "Unflatten", (dim, sizes), inputs=(T(*shape),))


def norm_cases():
    for (cls, ranks), affine, track in product([("BatchNorm1d", [2, 3]), ("BatchNorm2d", [4]), ("BatchNorm3d", [5])], [True, False], [True, False]):
        for r in ranks:
            yield Module(NN + cls, (3,), dict(affine=affine, track_running_stats=track), inputs=(T(2, 3, *([4] * (r - 2))),))
    for cls, r in product(["BatchNorm1d", "BatchNorm2d", "BatchNorm3d"], [1, 2, 3, 4, 5, 6]):
        yield Module(NN + cls, (3,), inputs=(T(2, 3, *([2] * (r - 2))) if r >= 2 else T(3),))
    for cls, r in [("BatchNorm1d", 3), ("BatchNorm2d", 4), ("BatchNorm1d", 2)]:
        yield Module(NN + cls, (4,), inputs=(T(2, 3, *([5] * (r - 2))),))
        yield Module(NN + cls, (4,), dict(affine=False, track_running_stats=False), inputs=(T(2, 3, *([5] * (r - 2))),), train=True)
        yield Module(NN + cls, (4,), dict(affine=True, track_running_stats=False), inputs=(T(2, 3, *([5] * (r - 2))),), train=True)
    # training statistics need more than one value per channel
    for cls, shape in [("BatchNorm1d", (1, 3)), ("BatchNorm1d", (1, 3, 1)), ("BatchNorm1d", (1, 3, 2)), ("BatchNorm2d", (1, 3, 1, 1)),
                       ("BatchNorm2d", (1, 3, 2, 1)), ("BatchNorm1d", (2, 3)), ("BatchNorm3d", (1, 3, 1, 1, 1))]:
        yield Module(NN + cls, (3,), inputs=(T(*shape),), train=True)
    yield Module(NN + "BatchNorm1d", (3,), inputs=(T(1, 3),))
    # SyncBatchNorm on one process: batch_norm over any rank from 2 (as PyTorch 2 runs it on a CPU, torch_newer.py)
    for r, train in product([1, 2, 3, 4, 5], [False, True]):
        yield Module(NN + "SyncBatchNorm", (3,), inputs=(T(2, 3, *([2] * (r - 2))) if r >= 2 else T(3),), train=train)
    yield Module(NN + "SyncBatchNorm", (4,), inputs=(T(2, 3, 5, 5),))
    yield Module(NN + "SyncBatchNorm", (3,), dict(affine=False, track_running_stats=False), inputs=(T(2, 3, 4),))
    yield Module(NN + "SyncBatchNorm", (3,), inputs=(T(1, 3, 1, 1),), train=True)
    yield Module(NN + "BatchNorm2d", (3,), inputs=(T(2, 3, 4, 4, dtype="float64"),))
    # parameters of another dtype (`dtype=` or `model.double()`)
    for pd, xd in product(["float64", "float32"], ["float64", "float32"]):
        yield Module(NN + "Linear", (3, 4), dict(dtype=DT(pd)), inputs=(T(2, 3, dtype=xd),))
    for pd, xd in product(["float64"], ["float64", "float32"]):
        yield Module(NN + "BatchNorm1d", (3,), dict(dtype=DT(pd)), inputs=(T(2, 3, dtype=xd),))
        yield Module(NN + "BatchNorm2d", (3,), dict(dtype=DT(pd), affine=False), inputs=(T(2, 3, 4, 4, dtype=xd),))
    for shape, run, wb in product([(2, 3), (2, 3, 4), (2, 3, 4, 4)], [3, 4], [3, 4, None]):
        yield Fn(FN + "batch_norm", (T(*shape), T(run), T(run)), dict(weight=T(wb) if wb else None))
    yield Fn(FN + "batch_norm", (T(2, 3), None, None), dict(training=True))
    yield Fn(FN + "batch_norm", (T(1, 3), None, None), dict(training=True))
    yield Fn(FN + "batch_norm", (T(2, 3), None, None), dict(weight=T(4), training=True))

    for ns, shape, affine in product([4, (4,), [3, 4], (2, 3, 4), (5,), [4, 3]], [(2, 3, 4), (3, 4), (4,)], [True, False]):
        yield Module(NN + "LayerNorm", (ns,), dict(elementwise_affine=affine), inputs=(T(*shape),))
    for ns, shape in [((4,), (2, 3, 4)), ((3, 4), (2, 3, 4)), ((5,), (2, 3, 4)), ((2, 4), (2, 3, 4))]:
        yield Fn(FN + "layer_norm", (T(*shape), ns))
        yield Fn(FN + "layer_norm", (T(*shape), ns, T(*ns), T(*ns)))
    yield Fn(FN + "layer_norm", (T(2, 3, 4), (4,), T(3)))

    for g, c, shape in [(2, 4, (3, 4, 5)), (1, 4, (3, 4)), (4, 4, (3, 4, 5, 5)), (3, 6, (2, 6, 2, 2, 2)), (3, 4, (3, 4)),
                        (2, 4, (3, 6, 5)), (2, 4, (4,)), (2, 4, (3, 5, 5)), (0, 4, (3, 4))]:
        for affine in [True, False]:
            yield Module(NN + "GroupNorm", (g, c), dict(affine=affine), inputs=(T(*shape),))
    for g, shape in [(2, (3, 4, 5)), (3, (3, 4, 5)), (2, (3, 4)), (2, (4,))]:
        yield Fn(FN + "group_norm", (T(*shape), g))
        yield Fn(FN + "group_norm", (T(*shape), g, T(4), T(4)))

    for (cls, dims), affine, track, batched in product([("InstanceNorm1d", 1), ("InstanceNorm2d", 2), ("InstanceNorm3d", 3)], [True, False], [True, False], [True, False]):
        lead = (2, 3) if batched else (3,)
        yield Module(NN + cls, (3,), dict(affine=affine, track_running_stats=track), inputs=(T(*lead, *([4] * dims)),))
    for cls, shape in product(["InstanceNorm1d", "InstanceNorm2d", "InstanceNorm3d"], [(3,), (2, 3, 4, 4, 4, 4), (2, 3, 4, 4), (2, 3, 4)]):
        yield Module(NN + cls, (3,), inputs=(T(*shape),))
    for affine, track in product([True, False], [True, False]):
        yield Module(NN + "InstanceNorm1d", (4,), dict(affine=affine, track_running_stats=track), inputs=(T(2, 3, 5),))
    yield Module(NN + "InstanceNorm1d", (3,), inputs=(T(2, 3, 1),), train=True)
    yield Module(NN + "InstanceNorm2d", (3,), inputs=(T(2, 3, 1, 1),), train=True)
    for shape in [(2, 3, 4), (2, 3, 4, 4), (2, 3)]:
        yield Fn(FN + "instance_norm", (T(*shape),))
        yield Fn(FN + "instance_norm", (T(*shape), T(3), T(3)), dict(use_input_stats=False))
        yield Fn(FN + "instance_norm", (T(*shape),), dict(weight=T(4), bias=T(4)))

    for size, shape in product([2, 3], [(2, 3, 4), (2, 4, 4, 4), (2, 3, 2, 2, 2), (2, 3), (3,)]):
        yield Module(NN + "LocalResponseNorm", (size,), inputs=(T(*shape),))
    yield Fn(FN + "local_response_norm", (T(2, 3, 4), 2))
    yield Fn(FN + "local_response_norm", (T(2, 3), 2))


def dropout_cases():
    for cls, r, train in product(["Dropout", "Dropout1d", "Dropout2d", "Dropout3d", "AlphaDropout", "FeatureAlphaDropout"], [1, 2, 3, 4, 5], [False, True]):
        yield Module(NN + cls, (0.3,), inputs=(T(*[2, 3, 4, 5, 6][:r]),), train=train)
    yield Module(NN + "Dropout", (), inputs=(T(),))
    for fn, r, training in product(["dropout", "dropout1d", "dropout2d", "dropout3d", "alpha_dropout", "feature_alpha_dropout"], [2, 3, 4, 5], [True, False]):
        yield Fn(FN + fn, (T(*[2, 3, 4, 5, 6][:r]),), dict(p=0.2, training=training))
    for p in [-0.1, 1.5]:
        yield Module(NN + "Dropout", (p,), inputs=(T(2),))
        yield Fn(FN + "dropout", (T(2),), dict(p=p))


SIMPLE_ACTS = [("ReLU", (), "relu"), ("ReLU6", (), "relu6"), ("LeakyReLU", (F(0.2),), "leaky_relu"), ("ELU", (), "elu"),
               ("SELU", (), "selu"), ("CELU", (F(0.5),), "celu"), ("GELU", (), "gelu"), ("SiLU", (), "silu"), ("Mish", (), "mish"),
               ("Sigmoid", (), "sigmoid"), ("Tanh", (), "tanh"), ("Hardtanh", (F(-2.0), F(2.0)), "hardtanh"),
               ("Hardsigmoid", (), "hardsigmoid"), ("Hardswish", (), "hardswish"), ("Softplus", (2,), "softplus"),
               ("Softsign", (), "softsign"), ("Softshrink", (F(0.3),), "softshrink"), ("Hardshrink", (), "hardshrink"),
               ("Tanhshrink", (), "tanhshrink"), ("Threshold", (F(0.1), F(20.0)), "threshold"), ("LogSigmoid", (), "logsigmoid"),
               ("RReLU", (), "rrelu")]


def activation_cases():
    for (cls, args, fn), shape in product(SIMPLE_ACTS, [(), (5,), (2, 3, 4)]):
        yield Module(NN + cls, args, inputs=(T(*shape),))
        yield Fn(FN + fn, (T(*shape), *args))
    for cls, _, fn in SIMPLE_ACTS:
        yield Module(NN + cls, (), inputs=(T(2, 3, dtype="float64"),)) if cls != "Threshold" else \
            Module(NN + cls, (F(0.0), F(1.0)), inputs=(T(2, 3, dtype="float64"),))
    yield Module(NN + "GELU", (), dict(approximate="tanh"), inputs=(T(2, 3),))
    yield Fn(FN + "gelu", (T(2, 3),), dict(approximate="tanh"))
    yield Module(NN + "Hardtanh", (), dict(min_value=F(-3.0)), inputs=(T(2, 3),))
    yield Module(NN + "ReLU", (True,), inputs=(T(2, 3),))
    yield Module(NN + "RReLU", (), inputs=(T(2, 3),), train=True)
    yield Fn(FN + "rrelu", (T(2, 3),), dict(training=True))
    # PReLU: one shared slope or one per channel (dim 1; dim 0 for 1-D inputs)
    for n, shape in product([1, 3], [(), (3,), (2, 3), (2, 3, 4), (4, 3), (2, 4, 5), (3, 4, 5)]):
        yield Module(NN + "PReLU", (n,), inputs=(T(*shape),))
    for w, shape in product([1, 3], [(), (3,), (2, 3, 4), (2, 4)]):
        yield Fn(FN + "prelu", (T(*shape), T(w)))
    yield Fn(FN + "prelu", (T(2, 3), T()))
    yield Fn(FN + "prelu", (T(2, 3), T(1, 3)))
    for dim, shape in product([-1, 0, 1, 2, -3], [(4, 6), (2, 4, 6), (3, 5), (4,), ()]):
        yield Module(NN + "GLU", (dim,), inputs=(T(*shape),))
    yield Fn(FN + "glu", (T(4, 6),))
    yield Fn(FN + "glu", (T(4, 6), 0))
    yield Fn(FN + "glu", (T(4, 5),))
    for cls, dim, shape in product(["Softmax", "Softmin", "LogSoftmax"], [None, 0, 1, -1, 3], [(), (4,), (2, 3), (2, 3, 4), (2, 3, 4, 5)]):
        yield Module(NN + cls, (dim,), inputs=(T(*shape),))
    for shape in [(3, 4, 5), (2, 3, 4, 5), (2, 3), (2, 3, 4, 5, 6)]:
        yield Module(NN + "Softmax2d", (), inputs=(T(*shape),))


def embedding_cases():
    for (n, d), idx, dt, pad in product([(10, 3), (5, 8)], [(), (4,), (2, 3), (2, 3, 4)], ["int64", "int32"], [None, 0, -1]):
        yield Module(NN + "Embedding", (n, d), dict(padding_idx=pad), inputs=(T(*idx, dtype=dt, high=n),))
    yield Module(NN + "Embedding", (10, 3), dict(max_norm=F(1.0)), inputs=(T(2, 4, dtype="int64", high=10),))
    for pad in [10, -11, 12]:
        yield Module(NN + "Embedding", (10, 3), dict(padding_idx=pad), inputs=(T(2, dtype="int64", high=10),))
    yield Module(NN + "Embedding", (10, 3), inputs=(T(2, 3),))
    yield Module(NN + "Embedding", (10, 3), inputs=(T(2, 3, dtype="int16", high=10),))
    for idx in [(4,), (2, 3)]:
        yield Fn(FN + "embedding", (T(*idx, dtype="int64", high=6), T(6, 5)))
        yield Fn(FN + "embedding", (T(*idx, dtype="int64", high=6), T(6, 5, dtype="float64")), dict(padding_idx=2))
    yield Fn(FN + "embedding", (T(3, dtype="int64", high=6), T(6)))
    yield Fn(FN + "embedding", (T(3, dtype="int64", high=6), T(6, 5)), dict(padding_idx=9))
    yield Fn(FN + "embedding", (T(3, dtype="int64", high=6), T(6, 5)), dict(padding_idx=-3))

    for mode, (b, l) in product(["mean", "sum", "max"], [(2, 4), (1, 1), (3, 5)]):
        yield Module(NN + "EmbeddingBag", (10, 3), dict(mode=mode), inputs=(T(b, l, dtype="int64", high=10),))
    for mode, last in product(["mean", "sum", "max"], [False, True]):
        yield Module(NN + "EmbeddingBag", (10, 3), dict(mode=mode, include_last_offset=last),
                     inputs=(T(8, dtype="int64", high=10), O(*([0, 2, 5, 8] if last else [0, 2, 5]))))
    yield Module(NN + "EmbeddingBag", (10, 3), dict(mode="sum"), inputs=(T(2, 4, dtype="int64", high=10),),
                 call_kwargs=dict(per_sample_weights=T(2, 4)))
    yield Module(NN + "EmbeddingBag", (10, 3), dict(mode="mean"), inputs=(T(2, 4, dtype="int64", high=10),),
                 call_kwargs=dict(per_sample_weights=T(2, 4)))
    yield Module(NN + "EmbeddingBag", (10, 3), dict(mode="sum"), inputs=(T(2, 4, dtype="int64", high=10),),
                 call_kwargs=dict(per_sample_weights=T(2, 3)))
    yield Module(NN + "EmbeddingBag", (10, 3), inputs=(T(8, dtype="int64", high=10),))
    yield Module(NN + "EmbeddingBag", (10, 3), inputs=(T(2, 4, dtype="int64", high=10), O(0, 1)))
    yield Module(NN + "EmbeddingBag", (10, 3), inputs=(T(2, 3, 4, dtype="int64", high=10),))
    yield Module(NN + "EmbeddingBag", (10, 3), dict(mode="median"), inputs=(T(2, 4, dtype="int64", high=10),))
    yield Module(NN + "EmbeddingBag", (10, 3), dict(padding_idx=1), inputs=(T(2, 4, dtype="int64", high=10),))
    yield Module(NN + "EmbeddingBag", (10, 3), inputs=(T(8, dtype="int64", high=10), T(2, 1, dtype="int64", values=[[0], [2]])))
    yield Fn(FN + "embedding_bag", (T(2, 4, dtype="int64", high=6), T(6, 5)))
    yield Fn(FN + "embedding_bag", (T(8, dtype="int64", high=6), T(6, 5), O(0, 3, 3, 6)), dict(mode="sum"))
    yield Fn(FN + "embedding_bag", (T(8, dtype="int64", high=6), T(6, 5), O(0, 3, 3, 8)),
             dict(mode="max", include_last_offset=True))

    for n, idx in product([4, 7], [(), (3,), (2, 3)]):
        yield Fn(FN + "one_hot", (T(*idx, dtype="int64", high=4), n))
    yield Fn(FN + "one_hot", (T(5, dtype="int64", high=4),), data_dependent=True)
    yield Fn(FN + "one_hot", (T(2, 5, dtype="int64", high=4), -1), data_dependent=True)
    yield Fn(FN + "one_hot", (T(5, dtype="int32", high=4), 4))
    yield Fn(FN + "one_hot", (T(5), 4))


def distance_cases():
    for a, b, dim in [((4, 5), (4, 5), 1), ((4, 5), (1, 5), 1), ((2, 4, 5), (4, 5), -1), ((2, 4, 5), (2, 4, 5), 0), ((3, 5), (4, 5), 1),
                      ((4, 5), (4, 5), 2), ((5,), (5,), 0), ((4, 5), (4, 5), -1), ((2, 1, 5), (1, 3, 5), 2)]:
        yield Module(NN + "CosineSimilarity", (dim,), inputs=(T(*a), T(*b)))
        yield Fn(FN + "cosine_similarity", (T(*a), T(*b), dim))
    for a, keep in product([((4, 5), (4, 5)), ((4, 5), (1, 5)), ((5,), (5,)), ((2, 4, 5), (4, 5)), ((3, 5), (4, 5)), ((4, 5), (5,))], [False, True]):
        yield Module(NN + "PairwiseDistance", (), dict(keepdim=keep), inputs=(T(*a[0]), T(*a[1])))
    yield Fn(FN + "pairwise_distance", (T(4, 5), T(4, 5)))
    yield Fn(FN + "pairwise_distance", (T(4, 5), T(4, 5)), dict(keepdim=True))
    yield Fn(FN + "pairwise_distance", (T(4, 5), T(3, 5)))
    for a, b in [((4, 3), (5, 3)), ((2, 4, 3), (5, 3)), ((2, 4, 3), (2, 6, 3)), ((2, 1, 4, 3), (3, 5, 3)), ((4, 3), (5, 4)), ((3,), (4, 3)), ((4, 3), (3,)), ((2, 4, 3), (3, 5, 3))]:
        yield Fn("torch.cdist", (T(*a), T(*b)))
    yield Fn("torch.cdist", (T(4, 3), T(5, 3)), dict(p=1.0))
    yield Fn("torch.cdist", (T(4, 3, dtype="int64"), T(5, 3, dtype="int64")))
    for shape, dim in [((4, 5), 1), ((4, 5), 0), ((2, 3, 4), -1), ((5,), 0), ((4, 5), 2)]:
        yield Fn(FN + "normalize", (T(*shape),), dict(dim=dim))


REDUCTIONS = ["none", "mean", "sum"]


def loss_cases():
    for (cls, fn), red, (a, b) in product([("MSELoss", "mse_loss"), ("L1Loss", "l1_loss"), ("SmoothL1Loss", "smooth_l1_loss"),
                                           ("HuberLoss", "huber_loss"), ("SoftMarginLoss", "soft_margin_loss"),
                                           ("KLDivLoss", "kl_div")],
                                          REDUCTIONS, [((3, 4), (3, 4)), ((3, 4), (4,)), ((3, 4), (5, 4)), ((2, 1), (1, 3))]):
        yield Module(NN + cls, (), dict(reduction=red), inputs=(T(*a), T(*b)))
    for fn in ["mse_loss", "l1_loss", "smooth_l1_loss", "huber_loss", "soft_margin_loss", "kl_div"]:
        yield Fn(FN + fn, (T(3, 4), T(3, 4)))
        yield Fn(FN + fn, (T(3, 4), T(3, 4)), dict(reduction="none"))
        yield Fn(FN + fn, (T(3, 4), T(2, 4)), dict(reduction="none"))
    yield Module(NN + "KLDivLoss", (), dict(reduction="batchmean"), inputs=(T(3, 4), T(3, 4)))
    yield Module(NN + "MSELoss", (), dict(reduction="bogus"), inputs=(T(3, 4), T(3, 4)))
    yield Module(NN + "MSELoss", (), inputs=(T(3, 4, dtype="float64"), T(3, 4)))

    for red, (shape, tgt), smoothing in product(REDUCTIONS, [((4, 5), (4,)), ((5,), ()), ((4, 5, 6), (4, 6)), ((4, 5, 2, 3), (4, 2, 3)),
                                                            ((4, 5), (3,)), ((4, 5, 6), (4, 5)), ((4, 5), (4, 5, 1))], [0.0, 0.1]):
        yield Module(NN + "CrossEntropyLoss", (), dict(reduction=red, label_smoothing=F(smoothing)),
                     inputs=(T(*shape), T(*tgt, dtype="int64", high=5)))
    # probability targets: same shape as the input, floating
    for red, (shape, tgt) in product(REDUCTIONS, [((4, 5), (4, 5)), ((5,), (5,)), ((4, 5, 6), (4, 5, 6)), ((4, 5), (4, 6))]):
        yield Module(NN + "CrossEntropyLoss", (), dict(reduction=red), inputs=(T(*shape), T(*tgt)))
    yield Module(NN + "CrossEntropyLoss", (), dict(weight=T(5)), inputs=(T(4, 5), T(4, dtype="int64", high=5)))
    yield Module(NN + "CrossEntropyLoss", (), dict(weight=T(3)), inputs=(T(4, 5), T(4, dtype="int64", high=3)))
    yield Module(NN + "CrossEntropyLoss", (), inputs=(T(4, 5), T(4, dtype="int32", high=5)))
    yield Fn(FN + "cross_entropy", (T(4, 5), T(4, dtype="int64", high=5)))
    yield Fn(FN + "cross_entropy", (T(4, 5, 3), T(4, 3, dtype="int64", high=5)), dict(reduction="none"))
    yield Fn(FN + "cross_entropy", (T(4, 5), T(4, 5)), dict(reduction="none"))

    for red, (shape, tgt) in product(REDUCTIONS, [((4, 5), (4,)), ((5,), ()), ((4, 5, 6), (4, 6)), ((4, 5, 2, 3), (4, 2, 3)), ((4, 5), (3,)),
                                                  ((4, 5, 6), (4, 5)), ((4, 5, 6, 7), (4, 6, 6)), ((), ())]):
        yield Module(NN + "NLLLoss", (), dict(reduction=red), inputs=(T(*shape), T(*tgt, dtype="int64", high=5)))
    yield Module(NN + "NLLLoss", (), dict(weight=T(4)), inputs=(T(4, 5), T(4, dtype="int64", high=4)))
    yield Fn(FN + "nll_loss", (T(4, 5), T(4, dtype="int64", high=5)))
    yield Fn(FN + "nll_loss", (T(4, 5), T(4, dtype="int64", high=5)), dict(reduction="none"))

    for (cls, fn), red, (a, b) in product([("BCELoss", "binary_cross_entropy"), ("BCEWithLogitsLoss", "binary_cross_entropy_with_logits"),
                                           ("MultiLabelSoftMarginLoss", "multilabel_soft_margin_loss")],
                                          REDUCTIONS, [((3, 4), (3, 4)), ((5,), (5,)), ((3, 4), (4,)), ((3, 4), (3, 5)), ((2, 3, 4), (2, 3, 4))]):
        yield Module(NN + cls, (), dict(reduction=red), inputs=(P(*a), T(*b)))
    for w in [(4,), (3, 1), (5,)]:
        yield Module(NN + "BCELoss", (), dict(weight=T(*w), reduction="none"), inputs=(P(3, 4), T(3, 4)))
        yield Module(NN + "BCEWithLogitsLoss", (), dict(pos_weight=T(*w), reduction="none"), inputs=(T(3, 4), T(3, 4)))
        yield Module(NN + "MultiLabelSoftMarginLoss", (), dict(weight=T(*w), reduction="none"), inputs=(T(3, 4), T(3, 4)))
    for fn in ["binary_cross_entropy", "binary_cross_entropy_with_logits", "multilabel_soft_margin_loss"]:
        yield Fn(FN + fn, (P(3, 4), T(3, 4)))
        yield Fn(FN + fn, (P(3, 4), T(3, 4)), dict(reduction="none"))

    for (cls, fn), red, (a, b, t) in product([("MarginRankingLoss", "margin_ranking_loss"), ("CosineEmbeddingLoss", "cosine_embedding_loss")],
                                             REDUCTIONS, [((4,), (4,), (4,)), ((4, 5), (4, 5), (4,)), ((5,), (5,), ()), ((4,), (1,), (4,)),
                                                          ((4, 5), (3, 5), (4,)), ((4, 5), (4, 5), (3,)), ((4,), (4,), (2, 4)), ((2, 3, 4), (2, 3, 4), (2, 3))]):
        yield Module(NN + cls, (), dict(reduction=red), inputs=(T(*a), T(*b), T(*t)))
    yield Fn(FN + "margin_ranking_loss", (T(4), T(4), T(4)))
    yield Fn(FN + "cosine_embedding_loss", (T(4, 5), T(4, 5), T(4)), dict(reduction="none"))

    for red, (a, b) in product(REDUCTIONS, [((3, 4), (3, 4)), ((5,), (5,)), ((3, 4), (4,)), ((3, 4), (2, 4))]):
        yield Module(NN + "HingeEmbeddingLoss", (), dict(reduction=red), inputs=(T(*a), T(*b)))
        yield Module(NN + "PoissonNLLLoss", (), dict(reduction=red), inputs=(T(*a), T(*b)))
    yield Fn(FN + "hinge_embedding_loss", (T(3, 4), T(3, 4)))
    yield Fn(FN + "poisson_nll_loss", (T(3, 4), T(3, 4)), dict(reduction="none"))

    for red, (a, p, n) in product(REDUCTIONS, [((4, 5), (4, 5), (4, 5)), ((5,), (5,), (5,)), ((4, 5), (4, 5), (3, 5)), ((4, 5), (1, 5), (4, 5)),
                                               ((2, 4, 5), (2, 4, 5), (2, 4, 5)), ((4, 5), (5,), (4, 5))]):
        yield Module(NN + "TripletMarginLoss", (), dict(reduction=red), inputs=(T(*a), T(*p), T(*n)))
    yield Fn(FN + "triplet_margin_loss", (T(4, 5), T(4, 5), T(4, 5)))
    yield Fn(FN + "triplet_margin_loss", (T(4, 5), T(4, 5), T(4, 5)), dict(reduction="none", swap=True))

    for red, (a, t, v) in product(REDUCTIONS, [((4, 5), (4, 5), (4, 5)), ((4, 5), (4, 5), (4, 1)), ((4, 5), (4, 5), (4,)), ((4, 5), (4, 5), (3, 5)),
                                               ((4, 5), (4, 5), (4, 2)), ((5,), (5,), (5,)), ((4, 5), (3, 5), (4, 5)), ((2, 4, 5), (2, 4, 5), (2, 4))]):
        yield Module(NN + "GaussianNLLLoss", (), dict(reduction=red), inputs=(T(*a), T(*t), P(*v)))
    yield Fn(FN + "gaussian_nll_loss", (T(4, 5), T(4, 5), P(4, 5)))

    for red, (a, t) in product(REDUCTIONS, [((3, 4), (3, 4)), ((4,), (4,)), ((3, 4), (3, 5)), ((3, 4), (4,)), ((2, 3, 4), (2, 3, 4)), ((), ())]):
        yield Module(NN + "MultiLabelMarginLoss", (), dict(reduction=red), inputs=(T(*a), T(*t, dtype="int64", values=_mlm_target(t))))
    for red, (a, t) in product(REDUCTIONS, [((3, 4), (3,)), ((4,), ()), ((3, 4), (2,)), ((2, 3, 4), (2, 3)), ((4,), (1,))]):
        yield Module(NN + "MultiMarginLoss", (), dict(reduction=red), inputs=(T(*a), T(*t, dtype="int64", high=3)))
    yield Module(NN + "MultiMarginLoss", (), dict(weight=T(4)), inputs=(T(3, 4), T(3, dtype="int64", high=3)))
    yield Module(NN + "MultiMarginLoss", (), dict(weight=T(3)), inputs=(T(3, 4), T(3, dtype="int64", high=3)))
    yield Module(NN + "MultiMarginLoss", (3,), inputs=(T(3, 4), T(3, dtype="int64", high=3)))
    yield Fn(FN + "multi_margin_loss", (T(3, 4), T(3, dtype="int64", high=3)))
    yield Fn(FN + "multilabel_margin_loss", (T(3, 4), T(3, 4, dtype="int64", values=_mlm_target((3, 4)))))


def extra_cases():
    """Edge cases found while modelling: in-place forms, legacy reduction flags, rarely-hit checks."""
    for fn, args in [("relu_", ()), ("elu_", (F(0.5),)), ("leaky_relu_", (F(0.1),)), ("threshold_", (F(0.1), F(2.0))),
                     ("hardtanh_", ()), ("rrelu_", ()), ("celu_", ()), ("selu_", ())]:
        for shape in [(), (2, 3)]:
            yield Fn(FN + fn, (T(*shape), *args))
    for p in [2, F(2.0), F(0.0), F(1.0), 1]:
        yield Module(NN + "Dropout", (p,), inputs=(T(2, 3),), train=True)
        yield Fn(FN + "alpha_dropout", (T(2, 3), p), dict(training=True))
    yield Fn(FN + "batch_norm", (T(2, 3), None, None))
    yield Fn(FN + "batch_norm", (T(2, 3, 4), T(3), T(3)), dict(bias=T(2)))
    for shape, g in [((1, 1), 1), ((1, 2), 2), ((1, 2, 1), 1), ((2, 2), 2)]:
        yield Fn(FN + "group_norm", (T(*shape), g))
    yield Module(NN + "GroupNorm", (1, 1), inputs=(T(1, 1),))
    yield Fn(FN + "instance_norm", (T(2, 3, 4),), dict(use_input_stats=False))
    yield Fn(FN + "instance_norm", (T(2, 3, 4), T(3), T(4)), dict(use_input_stats=False))
    for red_kw in [dict(reduce=False), dict(size_average=False), dict(size_average=True, reduce=True), dict(reduce=True)]:
        yield Module(NN + "MSELoss", (), red_kw, inputs=(T(3, 4), T(3, 4)))
        yield Fn(FN + "nll_loss", (T(4, 5), T(4, dtype="int64", high=5)), red_kw)
        yield Fn(FN + "binary_cross_entropy_with_logits", (T(3, 4), T(3, 4)), red_kw)
    yield Module(NN + "CrossEntropyLoss", (), inputs=(T(4, 5), T(4, 5, dtype="int64", high=5)))
    yield Module(NN + "CrossEntropyLoss", (), dict(weight=T(3), label_smoothing=F(0.2)), inputs=(T(4, 5), T(4, dtype="int64", high=3)))
    yield Module(NN + "CrossEntropyLoss", (), dict(weight=T(3)), inputs=(T(4, 5), T(4, 5)))
    yield Module(NN + "CrossEntropyLoss", (), dict(weight=T(5), reduction="none"), inputs=(T(4, 5, 3), T(4, 5, 3)))
    for dt in ["float64", "float16"]:
        yield Module(NN + "CrossEntropyLoss", (), dict(reduction="none"), inputs=(T(4, 5, dtype=dt), T(4, dtype="int64", high=5)))
        yield Module(NN + "L1Loss", (), dict(reduction="none"), inputs=(T(4, 5, dtype=dt), T(4, 5)))
    yield Module(NN + "NLLLoss", (), inputs=(T(4, 5, 2, 3, 2), T(4, 2, 3, 2, dtype="int64", high=5)))
    yield Module(NN + "NLLLoss", (), dict(reduction="none"), inputs=(T(4, 5, 2, 3, 2), T(4, 2, 3, 2, dtype="int64", high=5)))
    yield Module(NN + "NLLLoss", (), dict(reduction="none"), inputs=(T(4, 5, 2, 3), T(4, 2, dtype="int64", high=5)))
    yield Module(NN + "NLLLoss", (), dict(reduction="none"), inputs=(T(5,), T(1, dtype="int64", high=5)))
    yield Module(NN + "NLLLoss", (), dict(reduction="none"), inputs=(T(5,), T(3, dtype="int64", high=5)))
    yield Module(NN + "BCEWithLogitsLoss", (), dict(weight=T(4), reduction="none"), inputs=(T(3, 4), T(3, 4)))
    yield Module(NN + "BCEWithLogitsLoss", (), dict(weight=T(2, 3, 4), reduction="none"), inputs=(T(3, 4), T(3, 4)))
    yield Module(NN + "BCEWithLogitsLoss", (), dict(pos_weight=T(2, 3, 4), reduction="none"), inputs=(T(3, 4), T(3, 4)))
    yield Module(NN + "PoissonNLLLoss", (), dict(reduction="bogus"), inputs=(T(3, 4), T(3, 4)))
    yield Module(NN + "GaussianNLLLoss", (), dict(reduction="bogus"), inputs=(T(3, 4), T(3, 4), P(3, 4)))
    yield Module(NN + "KLDivLoss", (), dict(reduction="bogus"), inputs=(T(3, 4), T(2, 4)))
    yield Module(NN + "TripletMarginLoss", (), dict(swap=True, reduction="none"), inputs=(T(4, 5), T(4, 5), T(1, 5)))
    yield Module(NN + "TripletMarginLoss", (), dict(reduction="none"), inputs=(T(), T(), T()))
    yield Module(NN + "PairwiseDistance", (), dict(keepdim=True), inputs=(T(), T()))
    yield Module(NN + "PairwiseDistance", (), inputs=(T(5), T(3, 5)))
    yield Module(NN + "EmbeddingBag", (10, 3), dict(include_last_offset=True), inputs=(T(2, 4, dtype="int64", high=10),))
    yield Module(NN + "EmbeddingBag", (10, 3), dict(padding_idx=-3), inputs=(T(2, 4, dtype="int64", high=10),))
    yield Module(NN + "EmbeddingBag", (10, 3), dict(padding_idx=-11), inputs=(T(2, 4, dtype="int64", high=10),))
    yield Fn(FN + "embedding_bag", (T(2, 4, dtype="int64", high=6), T(6, 5)), dict(per_sample_weights=T(2, 4), mode="sum"))
    yield Module(NN + "Embedding", (10, 3), dict(padding_idx=-10), inputs=(T(2, dtype="int64", high=10),))
    yield Module(NN + "Embedding", (10, 3), dict(padding_idx=9), inputs=(T(2, dtype="int64", high=10),))
    yield Module(NN + "Hardtanh", (F(1.0), F(-1.0)), inputs=(T(2, 3),))
    yield Module(NN + "Softplus", (), dict(beta=F(0.5)), inputs=(T(2, 3, dtype="float64"),))
    yield Module(NN + "LayerNorm", ([],), inputs=(T(2, 3),))
    yield Fn(FN + "layer_norm", (T(2, 3), (3,)), dict(bias=T(2)))
    yield Module(NN + "Flatten", (0, -1), inputs=(T(2, 3, dtype="int64"),))
    yield Module(NN + "Unflatten", (-1, (2, -1, 3)), inputs=(T(4, 12),))
    yield Module(NN + "Unflatten", (0, (0, -1)), inputs=(T(4, 12),))
    yield Module(NN + "Bilinear", (4, 5, 3), inputs=(T(4), T(5)))
    yield Module(NN + "Bilinear", (4, 5, 3), inputs=(T(2, 4), T(5)))
    yield Module(NN + "PReLU", (), dict(num_parameters=4), inputs=(T(2, 4, 5, 5),))
    yield Module(NN + "MultiMarginLoss", (), dict(p=2, margin=F(0.5)), inputs=(T(3, 4), T(3, dtype="int64", high=3)))
    yield Module(NN + "MultiMarginLoss", (), inputs=(T(), T(dtype="int64", high=1)))
    yield Module(NN + "MultiMarginLoss", (), dict(reduction="none"), inputs=(T(3, 4), T(3, 1, dtype="int64", high=3)))
    yield Module(NN + "CosineSimilarity", (0,), inputs=(T(4, 5, dtype="float64"), T(4, 5)))
    yield Fn(FN + "normalize", (T(),), dict(dim=0))
    yield Fn(FN + "one_hot", (T(dtype="int64", high=3), 3))
    for dt in ["int64", "int32", "uint8"]:
        yield Module(NN + "ReLU", (), inputs=(T(2, 3, dtype=dt, high=5),))
        yield Fn(FN + "relu", (T(2, 3, dtype=dt, high=5),))
    yield Module(NN + "Identity", (), inputs=(T(2, dtype="bool"),))
    for red, swap, (a, p, n) in product(REDUCTIONS, [False, True], [((4, 5), (4, 5), (4, 5)), ((5,), (5,), (5,)), ((4, 5), (3, 5), (4, 5)),
                                                                      ((4, 5), (5,), (4, 5)), ((2, 4, 5), (4, 5), (1, 4, 5))]):
        yield Module(NN + "TripletMarginWithDistanceLoss", (), dict(reduction=red, swap=swap), inputs=(T(*a), T(*p), T(*n)))
    yield Fn(FN + "triplet_margin_with_distance_loss", (T(4, 5), T(4, 5), T(4, 5)), dict(reduction="none"))
    yield Fn(FN + "triplet_margin_with_distance_loss", (T(4, 5), T(4, 5), T(2, 5)))


def _fill(shape, v):
    """Nested lists of `v` in `shape`, for ops whose inputs must lie in a range."""
    return v if len(shape) == 0 else [_fill(shape[1:], v) for _ in range(shape[0])]


def O(*values):
    """A 1-D int64 offsets tensor with these exact values."""
    return T(len(values), dtype="int64", values=list(values))


def P(*shape):
    """A float tensor of probabilities (BCE inputs, Gaussian variances must be in range)."""
    return T(*shape, values=_fill(shape, 0.5))


def _mlm_target(shape):
    """Valid multilabel_margin targets: class indices, -1 terminated."""
    if len(shape) == 0:
        return 0
    if len(shape) == 1:
        return [1, -1] + [0] * (shape[0] - 2) if shape[0] >= 2 else [0]
    return [_mlm_target(shape[1:]) for _ in range(shape[0])]


def cases():
    return [*linear_cases(), *bilinear_cases(), *shape_module_cases(), *norm_cases(), *dropout_cases(), *activation_cases(),
            *embedding_cases(), *distance_cases(), *loss_cases(), *extra_cases()]
