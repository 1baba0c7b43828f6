"""einops cases for the oracle (generate_einops_goldens.py): calls of einops's functions and
layers, written with the op oracle's vocabulary (oracle_lib: Fn, Module, T, S). Names are
einops's own: einops.rearrange, einops.layers.torch.Rearrange..."""
from oracle_lib import Fn, Module, S, T

R, RED, REP = "einops.rearrange", "einops.reduce", "einops.repeat"
PACK, UNPACK, EINSUM, PARSE = "einops.pack", "einops.unpack", "einops.einsum", "einops.parse_shape"
L = "einops.layers.torch."


def rearrange_cases():
    out = []
    ok = [
        ("b c h w -> b h w c", (2, 3, 4, 5), {}),
        ("b h w c -> b c h w", (2, 4, 5, 3), {}),
        ("a b -> b a", (3, 7), {}),
        ("a b c -> c b a", (2, 3, 4), {}),
        ("h w -> h w", (3, 4), {}),
        ("b c h w -> b (c h w)", (2, 3, 4, 5), {}),
        ("b c h w -> (b h w) c", (2, 3, 4, 5), {}),
        ("b c h w -> b (h w) c", (2, 8, 4, 4), {}),
        ("b c -> (b c)", (3, 5), {}),
        ("b (h w) c -> b h w c", (2, 20, 3), dict(h=4)),
        ("b (h w) c -> b h w c", (2, 20, 3), dict(w=5)),
        ("b (h w) c -> b h w c", (2, 20, 3), dict(h=4, w=5)),
        ("b c (h p1) (w p2) -> b (h w) (p1 p2 c)", (2, 3, 16, 8), dict(p1=4, p2=4)),
        ("b c (h p1) (w p2) -> b (h w) (p1 p2 c)", (2, 3, 32, 32), dict(p1=16, p2=16)),
        ("b (h w) (p1 p2 c) -> b c (h p1) (w p2)", (2, 4, 48), dict(h=2, p1=4, p2=4)),
        ("b n (h d) -> b h n d", (2, 10, 32), dict(h=4)),
        ("b n (qkv h d) -> qkv b h n d", (2, 10, 96), dict(qkv=3, h=4)),
        ("b h n d -> b n (h d)", (2, 4, 10, 8), {}),
        ("(b1 b2) h w c -> (b1 h) (b2 w) c", (6, 4, 5, 3), dict(b1=2)),
        ("b (h h1) (w w1) c -> b h w (c h1 w1)", (2, 6, 8, 3), dict(h1=2, w1=2)),
        ("b (h1 h) (w1 w) c -> (b h1 w1) h w c", (2, 6, 8, 3), dict(h1=2, w1=2)),
        ("b h w c -> h (b w) c", (3, 4, 5, 2), {}),
        ("b c -> c b", (3, 5), dict(c=5)),
        ("b c -> c b", (3, 5), dict(b=3, c=5)),
        ("b 1 d -> b d", (4, 1, 6), {}),
        ("b d -> b 1 d", (4, 6), {}),
        ("b () d -> b d", (4, 1, 6), {}),
        ("b d -> () b d", (4, 6), {}),
        ("1 b -> b", (1, 5), {}),
        ("b d -> b d 1 1", (4, 6), {}),
        ("b (1 d) -> b d", (4, 6), {}),
        ("b c 1 1 -> b c", (2, 8, 1, 1), {}),
        ("... h w -> ... (h w)", (2, 3, 4, 5), {}),
        ("... h w -> ... (h w)", (4, 5), {}),
        ("b ... -> b (...)", (2, 3, 4, 5), {}),
        ("b ... -> b (...)", (2,), {}),
        ("... c -> c ...", (2, 3, 4), {}),
        ("b ... c -> b c ...", (2, 3, 4, 5), {}),
        ("b ... c -> b c ...", (2, 5), {}),
        ("... -> ...", (2, 3), {}),
        ("... -> (...)", (2, 3, 4), {}),
        ("b ... -> (... b)", (2, 3, 4), {}),
        ("b ... (h d) -> b h ... d", (2, 5, 7, 12), dict(h=3)),
        ("... (h d) -> ... h d", (2, 7, 12), dict(d=4)),
        ("(b h) n d -> b n (h d)", (8, 10, 16), dict(h=4)),
        ("b n d -> (b n) d", (2, 10, 16), {}),
        ("t b c -> b t c", (7, 2, 16), {}),
        ("b (c1 c2) h w -> b c2 c1 h w", (2, 12, 3, 3), dict(c1=4)),
        ("(h p) -> h p", (12,), dict(p=3)),
        ("x -> x", (5,), {}),
        ("b c h w -> b c (h w)", (2, 3, 4, 5), {}),
        ("b c (h w) -> b c h w", (2, 3, 20), dict(h=4)),
        ("b (c h w) -> b c h w", (2, 60), dict(c=3, h=4)),
        ("batch seq (heads dim) -> (batch heads) seq dim", (2, 9, 64), dict(heads=8)),
    ]
    for pattern, shape, kw in ok:
        out.append(Fn(R, (T(*shape), pattern), kw))
    # Dtypes travel through unchanged.
    out.append(Fn(R, (T(2, 3, 4, dtype="int64"), "a b c -> c (a b)")))
    out.append(Fn(R, (T(2, 3, 4, dtype="bool"), "a b c -> c a b")))
    out.append(Fn(R, (T(2, 6, dtype="float64"), "a (b c) -> c a b"), dict(b=2)))
    # A list of tensors is stacked on a new first axis.
    out.append(Fn(R, ([T(3, 4), T(3, 4)], "b h w -> h (b w)")))
    out.append(Fn(R, ([T(5), T(5), T(5)], "b d -> d b")))
    out.append(Fn(R, ([T(3, 4), T(3, 5)], "b h w -> h (b w)"), note="stack of unequal shapes: torch.stack's error"))
    out.append(Fn(R, ([], "b h w -> h (b w)")))
    errors = [
        ("b c (h p1) w -> b h w", (2, 3, 32, 32), dict(p1=5)),
        ("b c (h p1) (w p2) -> b (h w) (p1 p2 c)", (2, 3, 30, 32), dict(p1=16, p2=16)),
        ("b c (h p1) (w p2) -> b (h w) (p1 p2 c)", (2, 3, 32, 30), dict(p1=16, p2=16)),
        ("b (h w) c -> b h w c", (2, 20, 3), dict(h=3)),
        ("b (h w) c -> b h w c", (2, 20, 3), dict(h=4, w=6)),
        ("b c -> c b", (3, 5), dict(c=4)),
        ("b 1 d -> b d", (4, 2, 6), {}),
        ("b () d -> b d", (4, 3, 6), {}),
        ("b c h w -> b c", (2, 3, 4, 5), {}),
        ("b c h -> b h c", (2, 3, 4, 5), {}),
        ("b c h w -> b h w c", (2, 3, 4), {}),
        ("b c h ... -> b ...", (2, 3), {}),
        ("a b c ... -> ... a b c", (2, 3), {}),
        ("b c -> b c d", (2, 3), {}),
        ("b (c 2) -> b c", (2, 6), {}),
        ("b c -> b c 3", (2, 3), {}),
        ("b c -> b 0 c", (2, 3), {}),
        ("b c -> b c", (2, 3), dict(h=2)),
        ("b c -> b c", (2, 3), dict(c_=3)),
        ("b (h w) -> b h w", (2, 12), {}),
        ("(a b c) -> a b c", (24,), dict(a=2)),
        ("b c -> ... b c", (2, 3), {}),
        ("b (c ...) -> b c ...", (2, 6), {}),
        ("b c* -> b c", (2, 3), {}),
        ("b c. -> b c", (2, 3), {}),
        ("b c .. -> b c", (2, 3), {}),
        ("b ... ... -> b", (2, 3), {}),
        ("b ((c)) -> b c", (2, 3), {}),
        ("b c) -> b c", (2, 3), {}),
        ("b (c -> b c", (2, 3), {}),
        ("b b -> b", (2, 2), {}),
        ("b _c -> b _c", (2, 3), {}),
        ("b c_ -> b c_", (2, 3), {}),
        ("b 2c -> b 2c", (2, 3), {}),
        ("b c", (2, 3), {}),
        ("b -> c -> b", (2,), {}),
        ("b c -> b, c", (2, 3), {}),
    ]
    for pattern, shape, kw in errors:
        out.append(Fn(R, (T(*shape), pattern), kw))
    return out


REDUCTIONS = ("sum", "mean", "max", "min", "prod", "any", "all")


def reduce_cases():
    out = []
    patterns = [
        ("b c h w -> b c", (2, 3, 4, 5), {}),
        ("b c (h h2) (w w2) -> b c h w", (2, 3, 4, 6), dict(h2=2, w2=2)),
        ("b c h w -> b c 1 1", (2, 3, 4, 5), {}),
        ("b c h w -> b c () ()", (2, 3, 4, 5), {}),
        ("b c h w -> 1 c 1 1", (2, 3, 4, 5), {}),
        ("... c -> c", (2, 3, 4), {}),
        ("b n d -> b d", (2, 7, 6), {}),
        ("t b c -> b c", (5, 2, 3), {}),
        ("b c (h 2) (w 2) -> b c h w", (2, 3, 4, 6), {}),
        ("b (n k) -> b n", (2, 12), dict(k=3)),
        ("b c h w -> c b", (2, 3, 4, 5), {}),
        ("b c h w -> b c h w", (2, 3, 4, 5), {}),
        ("b ... -> b", (2, 3, 4, 5), {}),
        ("a b -> ", (3, 4), {}),
        ("b c (h1 h2) (w1 w2) -> b c h1 w1", (2, 3, 6, 8), dict(h1=3, w1=4)),
    ]
    for pattern, shape, kw in patterns:
        for red in REDUCTIONS:
            out.append(Fn(RED, (T(*shape), pattern, red), kw))
    for dtype in ("int64", "bool", "float64", "int32", "uint8"):
        for red in REDUCTIONS:
            out.append(Fn(RED, (T(2, 3, 4, dtype=dtype, high=3), "b n d -> b d", red)))
    out.append(Fn(RED, (T(2, 3, dtype="int64"), "b c -> b c", "mean"), note="nothing reduced: no dtype check"))
    out.append(Fn(RED, ([T(3, 4), T(3, 4)], "b h w -> h w", "mean")))
    out.append(Fn(RED, (T(2, 3, 4), "b n d -> b d", "median")))
    out.append(Fn(RED, (T(2, 3, 4), "b n d -> b d e", "sum")))
    out.append(Fn(RED, (T(2, 3, 4), "b n d -> b 2", "sum")))
    out.append(Fn(RED, (T(2, 3, 5), "b n (d 2) -> b n d", "max")))
    out.append(Fn(RED, (T(2, 3, 4), "b n d -> b ... d", "sum")))
    out.append(Fn(RED, (T(2, 3, 4), "b (n k) d -> b d", "sum")))
    out.append(Fn(RED, (T(2, 3, 4), "b n d -> b d", "sum"), dict(n=4)))
    return out


def repeat_cases():
    out = []
    ok = [
        ("h w -> h w c", (3, 4), dict(c=3)),
        ("h w -> (repeat h) w", (3, 4), dict(repeat=2)),
        ("h w -> (h2 h) (w3 w)", (3, 4), dict(h2=2, w3=3)),
        ("h w -> (h h2) (w w2)", (3, 4), dict(h2=2, w2=2)),
        ("1 1 d -> b 1 d", (1, 1, 8), dict(b=4)),
        ("() n d -> b n d", (1, 5, 8), dict(b=3)),
        ("d -> b n d", (6,), dict(b=2, n=3)),
        ("n d -> b n d", (5, 8), dict(b=4)),
        ("b n -> b n 3", (2, 5), {}),
        ("b n -> b (n 3)", (2, 5), {}),
        ("b n -> (2 b) n", (2, 5), {}),
        ("... -> b ...", (2, 3), dict(b=4)),
        ("b ... -> b r ...", (2, 3, 4), dict(r=2)),
        ("h w -> h w c", (3, 4), dict(h=3, c=2)),
        ("b 1 -> b k", (3, 1), dict(k=4)),
        ("b c -> b c", (3, 4), {}),
        ("b c -> c b", (3, 4), {}),
        ("b (c d) -> b c d k", (2, 12), dict(c=3, k=2)),
        ("b c h w -> b (c r) h w", (2, 3, 4, 5), dict(r=2)),
        ("d -> 1 d", (6,), {}),
    ]
    for pattern, shape, kw in ok:
        out.append(Fn(REP, (T(*shape), pattern), kw))
    out.append(Fn(REP, (T(3, 4, dtype="int64"), "h w -> h w c"), dict(c=2)))
    out.append(Fn(REP, ([T(3), T(3)], "b d -> b d c"), dict(c=2)))
    errors = [
        ("h w c -> h w", (3, 4, 2), {}),
        ("h w -> h w c", (3, 4), {}),
        ("h w -> h w c d", (3, 4), dict(c=2)),
        ("h (w 2) -> h w", (3, 4), {}),
        ("h w -> h w c", (3, 4), dict(h=4, c=2)),
        ("h w -> h w", (3, 4, 5), {}),
        ("h w -> h w c", (3, 4), dict(c=2, e=3)),
        ("1 d -> b d", (2, 8), dict(b=4)),
    ]
    for pattern, shape, kw in errors:
        out.append(Fn(REP, (T(*shape), pattern), kw))
    return out


def pack_cases():
    out = []
    ok = [
        ([T(2, 5), T(2, 3, 5), T(2, 3, 7, 5)], "b * d"),
        ([T(2, 3, 5), T(2, 3, 7, 5), T(2, 3, 7, 9, 5)], "i j * k"),
        ([T(2, 1, 8), T(2, 16, 8)], "b * c"),
        ([T(2, 8), T(2, 4, 4, 8)], "b * c"),
        ([T(4, 3), T(5, 3)], "* c"),
        ([T(3, 4), T(3, 4, 5)], "h *"),
        ([T(2, 3)], "*"),
        ([T(2, 3), T(4)], "*"),
        ([T(2, 3, 4)], "b * d"),
        ([T(2, 5, dtype="int64"), T(2, 3, 5, dtype="int64")], "b * d"),
        ((T(2, 5), T(2, 3, 5)), "b * d"),
    ]
    for tensors, pattern in ok:
        out.append(Fn(PACK, (tensors, pattern)))
    errors = [
        ([T(2, 5), T(2, 3, 5)], "b * b"),
        ([T(2, 5), T(2, 3, 5)], "b d"),
        ([T(2, 5), T(2, 3, 5)], "b * _d"),
        ([T(2, 5), T(2, 3, 5)], "b * * d"),
        ([T(2, 5), T(5)], "b * d"),
        ([T(2, 5), T(3, 5)], "b * d"),
        ([T(2, 5), T(2, 3, 6)], "b * d"),
        ([], "b * d"),
    ]
    for tensors, pattern in errors:
        out.append(Fn(PACK, (tensors, pattern)))
    unpack_ok = [
        (T(2, 71, 5), [S(), S(7), S(7, 9)], "i j * k"),
        (T(2, 4, 71, 5), [S(), S(7), S(7, 9)], "i j * k"),
        (T(2, 17, 8), [S(1), S(16)], "b * c"),
        (T(2, 17, 8), [S(1), S(4, 4)], "b * c"),
        (T(2, 17, 8), [(1,), (-1,)], "b * c"),
        (T(2, 17, 8), [(-1,), (4, 4)], "b * c"),
        (T(2, 17, 8), [(1,), (4, -1)], "b * c"),
        (T(2, 17, 8), [[1], [2, 8]], "b * c"),
        (T(9, 3), [(4,), (5,)], "* c"),
        (T(9, 3), [(4,), (), (4,)], "* c"),
        (T(12), [(3, 4)], "*"),
    ]
    for tensor, ps, pattern in unpack_ok:
        out.append(Fn(UNPACK, (tensor, ps, pattern)))
    unpack_errors = [
        (T(2, 17, 8), [S(1), S(15)], "b * c"),
        (T(2, 17, 8), [S(1), S(17)], "b * c"),
        (T(2, 17, 8), [(1,), (5,)], "b * c"),
        (T(2, 17, 8), [(-1,), (-1,)], "b * c"),
        (T(2, 17, 8), [(1,), (3, -1)], "b * c"),
        (T(2, 17, 8), [(1,), (16,)], "b * c * d"),
        (T(2, 17), [(1,), (16,)], "b * c"),
        (T(2, 17, 8), [(1,), (16,)], "b c"),
        (T(9, 3), [(4,), (6,)], "* c"),
        (T(2, 17, 8), ((1,), (15,)), "b * c"),
    ]
    for tensor, ps, pattern in unpack_errors:
        out.append(Fn(UNPACK, (tensor, ps, pattern)))
    return out


def einsum_cases():
    out = []
    ok = [
        ((T(2, 3, 4), T(2, 5, 4)), "b i d, b j d -> b i j"),
        ((T(2, 4, 3, 5), T(2, 4, 6, 5)), "b h i d, b h j d -> b h i j"),
        ((T(2, 4, 3, 6), T(2, 4, 6, 5)), "b h i j, b h j d -> b h i d"),
        ((T(3, 4), T(4, 5)), "i j, j k -> i k"),
        ((T(8, 4, 4), T(4, 4, 6)), "batch h w, h w channel -> batch channel"),
        ((T(10, 20), T(5, 3, 20)), "out_dim in_dim, ... in_dim -> ... out_dim"),
        ((T(4, 4),), "i i ->"),
        ((T(3, 5),), "i j -> j i"),
        ((T(3, 5),), "i j -> j"),
        ((T(2, 3, 4), T(4, 3, 5), T(2, 6, 7)), "a b c, c b d, a g k -> a b k"),
        ((T(2, 3), T(3)), "_ c, c -> _"),
        ((T(2, 7, 8), T(8, 16)), "... d, d e -> ... e"),
        ((T(2, 3, 4, dtype="float64"), T(2, 4, 5, dtype="float64")), "b i k, b k j -> b i j"),
    ]
    for tensors, pattern in ok:
        out.append(Fn(EINSUM, (*tensors, pattern)))
    errors = [
        ((T(2, 3), T(3, 4)), "i j, j k"),
        ((T(2, 3),), None),
        ((T(2, 3), T(3, 4)), 5),
        ((T(2, 6), T(6, 4)), "i (j k), j k -> i"),
        ((T(2, 1), T(1, 4)), "i 1, 1 k -> i k"),
        ((T(2, 3), T(3, 4)), "i 3, 3 k -> i k"),
        ((T(2, 3), T(3, 4)), "i j, j k -> i z"),
        ((T(2, 3), T(4, 5)), "i j, j k -> i k"),
        ((T(2, 3), T(3, 4), T(4, 5)), "i j, j k -> i k"),
        ((T(2, 3),), "i j, j k -> i k"),
        ((T(2, 3, 4), T(3, 4)), "i j, j k -> i k"),
        ((T(2, 3), T(3, 4)), "i j, j k -> i k k"),
        ((T(2, 3), T(3, 4)), "i j, j k -> i (k)"),
        ((T(2, 3), T(3, 4)), "i j, j k -> i ()"),
    ]
    for tensors, pattern in errors:
        out.append(Fn(EINSUM, tensors if pattern is None else (*tensors, pattern)))
    return out


def parse_shape_cases():
    out = []
    ok = [
        ((2, 3, 5, 7), "batch _ h w"),
        ((2, 3, 5, 7), "b c h w"),
        ((2, 3, 5, 7), "... h w"),
        ((2, 3, 5, 7), "b ..."),
        ((2, 3, 5, 7), "b ... w"),
        ((2, 3), "b c ..."),
        ((2, 1, 5), "b 1 h"),
        ((2, 1, 5), "b () h"),
        ((2, 3, 5), "b 3 h"),
        ((2, 3, 5), "_ _ _"),
        ((2, 3, 5), "b (c) h"),
    ]
    for shape, pattern in ok:
        out.append(Fn(PARSE, (T(*shape), pattern)))
    errors = [
        ((2, 12), "b (c h)"),
        ((2, 3, 5), "b c"),
        ((2,), "b c ..."),
        ((2, 3, 5), "b 1 h"),
        ((2, 3, 5), "b 4 h"),
        ((2, 3, 5), "b c c"),
        ((2, 3, 5), "b c* h"),
        ((2, 3, 5), "b _c h"),
        ((2, 3, 5), "b (...) h"),
    ]
    for shape, pattern in errors:
        out.append(Fn(PARSE, (T(*shape), pattern)))
    return out


def layer_cases():
    out = []
    rearr = [
        (("b c (h p1) (w p2) -> b (h w) (p1 p2 c)",), dict(p1=4, p2=4), (2, 3, 16, 16)),
        (("b c (h p1) (w p2) -> b (h w) (p1 p2 c)",), dict(p1=16, p2=16), (1, 3, 224, 224)),
        (("b (h w) c -> b c h w",), dict(h=4), (2, 16, 8)),
        (("b c h w -> b (h w) c",), {}, (2, 8, 4, 4)),
        (("b n (h d) -> b h n d",), dict(h=4), (2, 10, 32)),
        (("... c -> ... c",), {}, (2, 3, 4, 5)),
        (("b ... -> b (...)",), {}, (2, 3, 4)),
        (("b ... -> b (...)",), {}, (2,)),
        (("b c h w -> b (c h w)",), {}, (3, 2, 2, 2)),
        (("b 1 d -> b d",), {}, (4, 1, 6)),
        # failures at call time: the layers' own texts, not einops.rearrange's wrapper
        (("b c (h p1) (w p2) -> b (h w) (p1 p2 c)",), dict(p1=16, p2=16), (2, 3, 30, 32)),
        (("b c h w -> b (c h w)",), {}, (2, 3, 4)),
        (("b c h w -> b (c h w)",), {}, (2, 3, 4, 5, 6)),
        (("b ... -> b (...)",), {}, (2, 3, 4, 5, 6, 7, 8, 9, 10)),
        (("b (h w) c -> b c h w",), dict(h=3), (2, 16, 8)),
        (("b 1 d -> b d",), {}, (4, 2, 6)),
        # failures when the layer is built
        (("b c h w -> b c",), {}, (2, 3, 4, 5)),
        (("b (h w) -> b h w",), {}, (2, 12)),
        (("b c -> b c",), dict(h=2), (2, 3)),
        (("b c* -> b c",), {}, (2, 3)),
        (("b c -> b (c 2)",), {}, (2, 3)),
        (("b c",), {}, (2, 3)),
    ]
    for args, kw, shape in rearr:
        out.append(Module(L + "Rearrange", args, kw, inputs=(T(*shape),)))
    red = [
        (("b c h w -> b c", "mean"), {}, (2, 3, 4, 5)),
        (("b c (h 2) (w 2) -> b c h w", "max"), {}, (2, 3, 4, 6)),
        (("b c (h h2) (w w2) -> b c h w", "max"), dict(h2=2, w2=2), (2, 3, 4, 6)),
        (("b n d -> b d", "sum"), {}, (2, 7, 6)),
        (("b n d -> b d", "min"), {}, (2, 7, 6)),
        (("b n d -> b d", "prod"), {}, (2, 7, 6)),
        (("b c h w -> b c 1 1", "mean"), {}, (2, 3, 4, 5)),
        (("b ... d -> b d", "mean"), {}, (2, 3, 4, 6)),
        (("b n d -> b d", "any"), {}, (2, 7, 6)),
        (("b n d -> b d", "all"), {}, (2, 7, 6)),
        (("b n d -> b n d", "any"), {}, (2, 7, 6)),
        (("b c h w -> b c", "mean"), {}, (2, 3, 4)),
        (("b c (h 2) w -> b c h w", "max"), {}, (2, 3, 5, 6)),
        (("b n d -> b d", "median"), {}, (2, 7, 6)),
        (("b n d -> b e", "sum"), {}, (2, 7, 6)),
    ]
    for args, kw, shape in red:
        out.append(Module(L + "Reduce", args, kw, inputs=(T(*shape),)))
    out.append(Module(L + "Reduce", ("b n d -> b d", "mean"), {}, inputs=(T(2, 7, 6, dtype="int64"),)))
    out.append(Module(L + "Reduce", ("b n d -> b d", "sum"), {}, inputs=(T(2, 7, 6, dtype="int64"),)))
    mix = [
        (("t b cin -> t b cout",), dict(weight_shape="cin cout", bias_shape="cout", cin=10, cout=20), (5, 2, 10)),
        (("t b cin -> t b cout", "cin cout"), dict(cin=10, cout=20), (5, 2, 10)),
        (("h w c-> hout w c",), dict(weight_shape="h hout", bias_shape="hout", h=32, hout=16), (32, 4, 3)),
        (("t b c -> t b c",), dict(weight_shape="c", c=8), (5, 2, 8)),
        (("t b (head cin) -> t b (head cout)",), dict(weight_shape="head cin cout", head=4, cin=8, cout=6), (5, 2, 32)),
        (("t b (head cin) -> t b (head cout)",), dict(weight_shape="head cin cout", bias_shape="head cout", head=4, cin=8, cout=6), (5, 2, 32)),
        (("... c -> ... d",), dict(weight_shape="c d", bias_shape="d", c=8, d=5), (2, 3, 8)),
        (("... c -> ... d",), dict(weight_shape="c d", bias_shape="d", c=8, d=5), (8,)),
        (("b n (h d) -> b n (h e)",), dict(weight_shape="h d e", h=2, d=4, e=3), (2, 5, 8)),
        (("b (n p) c -> b n (p c d)",), dict(weight_shape="c d", p=2, c=3, d=4), (2, 10, 3)),
        (("b n c -> b c n",), dict(weight_shape="n n2", n=5, n2=5), (2, 5, 3)),
        (("b n c -> b n2 c",), dict(weight_shape="n n2", bias_shape="n2", n=5, n2=7), (2, 5, 3)),
        # call-time failures: torch.einsum's and `+=`'s texts
        (("t b cin -> t b cout",), dict(weight_shape="cin cout", cin=10, cout=20), (5, 2, 12)),
        (("t b cin -> t b cout",), dict(weight_shape="cin cout", cin=10, cout=20), (5, 10)),
        (("b t c -> b t c",), dict(weight_shape="t", bias_shape="c", t=5, c=8), (2, 5, 10)),
        (("t b (head cin) -> t b (head cout)",), dict(weight_shape="head cin cout", head=4, cin=8, cout=6), (5, 2, 30)),
        # constructor failures
        (("t b cin -> t b cout",), dict(weight_shape="cin", cin=10), (5, 2, 10)),
        (("t b cin -> t b cout",), dict(weight_shape="... cin cout", cin=10, cout=20), (5, 2, 10)),
        (("t b ... -> t b cout",), dict(weight_shape="cout", cout=20), (5, 2, 10)),
        (("t ... -> t ... cout",), dict(weight_shape="cout", cout=20), (5, 2, 10)),
        (("t (b ...) -> t b ...",), dict(weight_shape="b", b=2), (5, 2)),
        (("t b 2 -> t b",), dict(weight_shape="t", t=5), (5, 2, 2)),
        (("t b c -> t b d",), dict(weight_shape="(c d)", c=3, d=4), (5, 2, 3)),
        (("t b c -> t b d",), dict(weight_shape="c d", c=3), (5, 2, 3)),
        (("t b c -> t b d",), dict(weight_shape="c d", c=3, d=4, e=5), (5, 2, 3)),
        (("t b c -> t b d",), dict(weight_shape="c d e", c=3, d=4, e=5), (5, 2, 3)),
        (("t b c -> t b d",), dict(weight_shape="c d", bias_shape="c", c=3, d=4), (5, 2, 3)),
        (("t b c -> t b d",), dict(weight_shape="c d", bias_shape="d", c=3), (5, 2, 3)),
        (("t b c -> t b d",), dict(weight_shape="c d", bias_shape=5, c=3, d=4), (5, 2, 3)),
        (("t ... c -> d ... t",), dict(weight_shape="c d", bias_shape="d", c=3, d=4), (5, 2, 3)),
        (("t b (c e) -> t b d",), dict(weight_shape="c e d", c=3, d=4), (5, 2, 6)),
        (("t b c -> t b c",), dict(weight_shape="t", bias_shape="c", t=5), (5, 2, 3)),
        (("t b -> t b ...",), dict(weight_shape="t", t=5), (5, 2)),
        (("t b c -> t b d",), dict(weight_shape="c d", c=3, d=4), (5, 2, 3)),
        (("t b c d",), dict(weight_shape="c d", c=3, d=4), (5, 2, 3)),
    ]
    for args, kw, shape in mix:
        out.append(Module(L + "EinMix", args, kw, inputs=(T(*shape),)))
    return out


def cases():
    return rearrange_cases() + reduce_cases() + repeat_cases() + pack_cases() + einsum_cases() + parse_shape_cases() + layer_cases()
