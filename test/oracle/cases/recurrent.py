"""Oracle cases for the recurrent family: RNN/LSTM/GRU and their cells, MultiheadAttention and the
Transformer modules. Sweeps over layout (batch_first, unbatched), depth, direction, projections
and masks, plus every shape error the modules raise."""
import inspect
from itertools import product

import torch
import torch.nn.functional as TF

from oracle_lib import DT, F, Fn, M, Module, T


class _StableRepr:
    """A default whose repr has no memory address (`<function relu at 0x7f...>` is not
    deterministic across runs); only used for the recorded signatures."""

    def __init__(self, text):
        self.text = text

    def __repr__(self):
        return self.text


def _stabilise_activation_default():
    # The generator records repr(default); the activation default F.relu prints its address.
    for cls in (torch.nn.TransformerEncoderLayer, torch.nn.TransformerDecoderLayer, torch.nn.Transformer):
        fn = cls.__init__
        s = inspect.signature(fn)
        params = [p.replace(default=_StableRepr("<function relu>")) if p.default is TF.relu else p
                  for p in s.parameters.values()]
        fn.__signature__ = s.replace(parameters=params)


_stabilise_activation_default()

RNNS = ["torch.nn.RNN", "torch.nn.LSTM", "torch.nn.GRU"]


def rnn_hidden(name, shape):
    return (T(*shape), T(*shape)) if name.endswith("LSTM") else T(*shape)


def rnn_cases():
    I, H, L, N = 5, 7, 4, 3
    for name, layers, bidir, bf, unbatched, with_hx in product(RNNS, [1, 2], [False, True], [False, True],
                                                              [False, True], [False, True]):
        D = 2 if bidir else 1
        x = T(L, I) if unbatched else (T(N, L, I) if bf else T(L, N, I))
        inputs = (x,)
        if with_hx:
            inputs = (x, rnn_hidden(name, (layers * D, H) if unbatched else (layers * D, N, H)))
        yield Module(name, (I, H, layers), dict(bidirectional=bidir, batch_first=bf), inputs=inputs)
    # positional constructor arguments and bias=False
    for name, bias in product(RNNS, [False, True]):
        yield Module(name, (4, 6, 3, bias, True, 0.0, True), inputs=(T(2, 5, 4),))
    yield Module("torch.nn.RNN", (4, 6), dict(nonlinearity="relu", num_layers=2), inputs=(T(5, 2, 4),))
    yield Module("torch.nn.RNN", (4, 6), dict(nonlinearity="gelu"), inputs=(T(5, 2, 4),))
    # LSTM projections: h has proj_size features, c keeps hidden_size
    for layers, bidir, unbatched, with_hx in product([1, 3], [False, True], [False, True], [False, True]):
        D = 2 if bidir else 1
        x = T(6, 5) if unbatched else T(6, 2, 5)
        inputs = (x,)
        if with_hx:
            lead = (layers * D,) if unbatched else (layers * D, 2)
            inputs = (x, (T(*lead, 3), T(*lead, 8)))
        yield Module("torch.nn.LSTM", (5, 8), dict(num_layers=layers, bidirectional=bidir, proj_size=3), inputs=inputs)
    for ps in [8, 9, -1]:
        yield Module("torch.nn.LSTM", (5, 8), dict(proj_size=ps), inputs=(T(6, 2, 5),))
    for name in ["torch.nn.RNN", "torch.nn.GRU"]:
        yield Module(name, (5, 8), dict(proj_size=2), inputs=(T(6, 2, 5),))
    for name, p in product(RNNS, [F(0.5), F(1.5), -1]):
        yield Module(name, (5, 8, 2), dict(dropout=p), inputs=(T(6, 2, 5),))
    # input_size mismatches, wrong ranks
    for name, shape in product(RNNS, [(6, 2, 5), (6, 5), (6, 2, 3, 10), (10,), (6, 2, 10)]):
        yield Module(name, (10, 20), inputs=(T(*shape),))
    # hidden state mismatches: layers, batch, features, rank
    for name, hshape, bidir in product(RNNS, [(1, 3, 20), (2, 4, 20), (2, 3, 10), (2, 20), (3, 20)], [False, True]):
        layers = 2 if not bidir else 1
        yield Module(name, (10, 20, layers), dict(bidirectional=bidir), inputs=(T(5, 3, 10), rnn_hidden(name, hshape)))
    for name, hshape in product(RNNS, [(2, 20), (2, 1, 20), (3, 20)]):
        yield Module(name, (10, 20, 2), inputs=(T(5, 10), rnn_hidden(name, hshape)))
    # batch_first takes the batch from dim 0
    for name in RNNS:
        yield Module(name, (10, 20), dict(batch_first=True), inputs=(T(3, 5, 10), rnn_hidden(name, (1, 5, 20))))
    # LSTM: the cell state is checked separately
    for h, c in [((2, 3, 20), (2, 3, 21)), ((2, 3, 20), (1, 3, 20)), ((2, 3, 20), (2, 3)), ((2, 20), (2, 3, 20))]:
        yield Module("torch.nn.LSTM", (10, 20, 2), inputs=(T(5, 3, 10), (T(*h), T(*c))))
    for h, c in [((2, 20), (2, 20)), ((2, 20), (2, 21)), ((2, 20), (2, 3, 20))]:
        yield Module("torch.nn.LSTM", (10, 20, 2), inputs=(T(5, 10), (T(*h), T(*c))))
    yield Module("torch.nn.LSTM", (5, 8), dict(proj_size=3), inputs=(T(6, 2, 5), (T(1, 2, 8), T(1, 2, 8))))
    yield Module("torch.nn.LSTM", (5, 8), dict(proj_size=3), inputs=(T(6, 2, 5), (T(1, 2, 3), T(1, 2, 3))))
    # dtypes follow the input
    for name in RNNS:
        yield Module(name, (4, 6), inputs=(T(3, 2, 4, dtype="float64"),))
    # an empty sequence or batch
    for name in RNNS:
        yield Module(name, (4, 6), inputs=(T(0, 2, 4),))


CELLS = ["torch.nn.RNNCell", "torch.nn.LSTMCell", "torch.nn.GRUCell"]


def cell_hidden(name, shape):
    return (T(*shape), T(*shape)) if name.endswith("LSTMCell") else T(*shape)


def cell_cases():
    for name, bias, unbatched, with_hx in product(CELLS, [True, False], [False, True], [False, True]):
        x = T(6) if unbatched else T(3, 6)
        inputs = (x, cell_hidden(name, (4,) if unbatched else (3, 4))) if with_hx else (x,)
        yield Module(name, (6, 4), dict(bias=bias), inputs=inputs)
    yield Module("torch.nn.RNNCell", (6, 4, True, "relu"), inputs=(T(3, 6),))
    yield Module("torch.nn.RNNCell", (6, 4), dict(nonlinearity="sigmoid"), inputs=(T(3, 6),))
    for name, shape in product(CELLS, [(3, 5), (5,), (2, 3, 6), ()]):
        yield Module(name, (6, 4), inputs=(T(*shape),))
    for name, (x, h) in product(CELLS, [((3, 6), (2, 4)), ((3, 6), (3, 5)), ((6,), (5,)), ((3, 6), (4,)),
                                       ((6,), (3, 4)), ((3, 6), (1, 3, 4))]):
        yield Module(name, (6, 4), inputs=(T(*x), cell_hidden(name, h)))
    for h, c in [((3, 4), (3, 5)), ((3, 4), (2, 4)), ((3, 5), (3, 4))]:
        yield Module("torch.nn.LSTMCell", (6, 4), inputs=(T(3, 6), (T(*h), T(*c))))
    for name in CELLS:
        yield Module(name, (6, 4), inputs=(T(3, 6, dtype="float64"),))
        yield Module(name, (6, 4), inputs=(T(0, 6),))
        # float64 weights (dtype= / .double()) with float64 and float32 inputs
        for xd in ["float64", "float32"]:
            yield Module(name, (6, 4), dict(dtype=DT("float64")), inputs=(T(3, 6, dtype=xd),))


MHA = "torch.nn.MultiheadAttention"


def mha_cases():
    L, S, N = 5, 7, 2
    for (E, heads), bf, unbatched, need, avg in product([(8, 2), (6, 3), (4, 1)], [False, True], [False, True],
                                                        [True, False], [True, False]):
        def t(length, feat):
            return T(length, feat) if unbatched else (T(N, length, feat) if bf else T(length, N, feat))
        yield Module(MHA, (E, heads), dict(batch_first=bf), inputs=(t(L, E), t(S, E), t(S, E)),
                     call_kwargs=dict(need_weights=need, average_attn_weights=avg))
    # separate key/value dimensions, bias terms and zero attention
    for (kdim, vdim), bias, kv, zero in product([(None, None), (3, 5), (8, 8), (6, None)], [True, False],
                                                [False, True], [False, True]):
        k = kdim or 8
        v = vdim or 8
        yield Module(MHA, (8, 2), dict(kdim=kdim, vdim=vdim, bias=bias, add_bias_kv=kv, add_zero_attn=zero),
                     inputs=(T(L, N, 8), T(S, N, k), T(S, N, v)))
    for kv, zero, unbatched in product([False, True], [False, True], [False, True]):
        q, k = ((T(L, 8), T(S, 8)) if unbatched else (T(L, N, 8), T(S, N, 8)))
        kpm = T(S, dtype="bool") if unbatched else T(N, S, dtype="bool")
        yield Module(MHA, (8, 2), dict(add_bias_kv=kv, add_zero_attn=zero), inputs=(q, k, k),
                     call_kwargs=dict(key_padding_mask=kpm, attn_mask=T(L, S, dtype="bool")))
    # masks: 2-D, 3-D, float and bool, right and wrong shapes
    for mask in [(L, S), (N * 2, L, S), (S, L), (N, L, S), (1, L, S), (L, S, 1, 1), (L,)]:
        for dtype in ["bool", "float32"]:
            yield Module(MHA, (8, 2), inputs=(T(L, N, 8), T(S, N, 8), T(S, N, 8)),
                         call_kwargs=dict(attn_mask=T(*mask, dtype=dtype)))
    for mask in [(L, S), (2, L, S), (4, L, S), (L,)]:
        yield Module(MHA, (8, 2), inputs=(T(L, 8), T(S, 8), T(S, 8)), call_kwargs=dict(attn_mask=T(*mask, dtype="bool")))
    yield Module(MHA, (8, 2), inputs=(T(L, N, 8), T(S, N, 8), T(S, N, 8)), call_kwargs=dict(attn_mask=T(L, S, dtype="int64")))
    for kpm, dtype in product([(N, S), (N, L), (S,), (N, S, 1), (S, N)], ["bool", "float32", "int64"]):
        yield Module(MHA, (8, 2), inputs=(T(L, N, 8), T(S, N, 8), T(S, N, 8)),
                     call_kwargs=dict(key_padding_mask=T(*kpm, dtype=dtype)))
    for kpm in [(S,), (N, S), (L,)]:
        yield Module(MHA, (8, 2), inputs=(T(L, 8), T(S, 8), T(S, 8)), call_kwargs=dict(key_padding_mask=T(*kpm, dtype="bool")))
    yield Module(MHA, (8, 2), dict(batch_first=True), inputs=(T(N, L, 8), T(N, S, 8), T(N, S, 8)),
                 call_kwargs=dict(key_padding_mask=T(N, S, dtype="bool"), attn_mask=T(N * 2, L, S)))
    # constructor and embedding errors
    for E, heads in [(10, 3), (8, 3), (6, 4)]:
        yield Module(MHA, (E, heads), inputs=(T(L, N, E), T(S, N, E), T(S, N, E)))
    yield Module(MHA, (512, 8), inputs=(T(L, N, 256), T(S, N, 256), T(S, N, 256)))
    yield Module(MHA, (8, 2), inputs=(T(L, 8), T(S, 8), T(S, 8)))
    for q, k, v in [((L, N, 6), (S, N, 8), (S, N, 8)), ((L, N, 8), (S, N, 6), (S, N, 6)), ((L, N, 8), (S, N, 8), (S + 1, N, 8)),
                    ((L, N, 8), (S, N, 8), (S, N, 6)), ((L, N, 8), (S, N + 1, 8), (S, N + 1, 8)),
                    ((L, N, 8), (S, 8), (S, 8)), ((L, 8), (S, N, 8), (S, N, 8)), ((L, N, 8), (S, N, 8), (S, 8)),
                    ((2, L, N, 8), (2, S, N, 8), (2, S, N, 8)), ((8,), (8,), (8,)), ((L, 8), (S, 8), (S + 1, 8))]:
        yield Module(MHA, (8, 2), inputs=(T(*q), T(*k), T(*v)))
    # separate projections: wrong key / value dims, sequence mismatch
    for q, k, v in [((L, N, 8), (S, N, 4), (S, N, 5)), ((L, N, 8), (S, N, 3), (S, N, 6)), ((L, N, 8), (S, N, 3), (S + 2, N, 5)),
                    ((L, N, 8), (S, N, 3), (S, N + 1, 5)), ((L, 8), (S, 3), (S, 5)), ((L, N, 7), (S, N, 3), (S, N, 5))]:
        yield Module(MHA, (8, 2), dict(kdim=3, vdim=5), inputs=(T(*q), T(*k), T(*v)))
    # self-attention in training mode (dropout) keeps shapes
    yield Module(MHA, (8, 4), dict(dropout=F(0.1), batch_first=True), inputs=(T(N, L, 8), T(N, L, 8), T(N, L, 8)), train=True)


ENC = "torch.nn.TransformerEncoderLayer"
DEC = "torch.nn.TransformerDecoderLayer"


def transformer_cases():
    S, L, N = 6, 4, 2
    # encoder layer
    for (d, h, ff), bf, nf, unbatched, act in product([(8, 2, 16), (6, 3, 12)], [False, True], [False, True],
                                                      [False, True], ["relu", "gelu"]):
        x = T(S, d) if unbatched else (T(N, S, d) if bf else T(S, N, d))
        yield Module(ENC, (d, h, ff), dict(batch_first=bf, norm_first=nf, activation=act), inputs=(x,))
    for bf, with_mask, with_kpm in product([False, True], [False, True], [False, True]):
        kw = {}
        if with_mask:
            kw["src_mask"] = T(S, S, dtype="bool")
        if with_kpm:
            kw["src_key_padding_mask"] = T(N, S, dtype="bool", values=[[False] * S] * N)
        yield Module(ENC, (8, 2, 16), dict(batch_first=bf), inputs=(T(N, S, 8) if bf else T(S, N, 8),), call_kwargs=kw)
    for bf, x in product([False, True], [(S, N, 10), (N, S, 10), (S, 10), (S, N, 8, 1)]):
        yield Module(ENC, (8, 2, 16), dict(batch_first=bf), inputs=(T(*x),))
    for bf, mask in product([False, True], [(S, S + 1), (N * 2, S, S), (3, S, S)]):
        yield Module(ENC, (8, 2, 16), dict(batch_first=bf), inputs=(T(N, S, 8) if bf else T(S, N, 8),),
                     call_kwargs=dict(src_mask=T(*mask, dtype="bool")))
    for bf, kpm in product([False, True], [(N, S + 1), (S, N), (N, S, 1)]):
        yield Module(ENC, (8, 2, 16), dict(batch_first=bf), inputs=(T(N, S, 8) if bf else T(S, N, 8),),
                     call_kwargs=dict(src_key_padding_mask=T(*kpm, dtype="bool")))
    yield Module(ENC, (10, 3), inputs=(T(S, N, 10),))
    yield Module(ENC, (8, 2), dict(activation="tanh"), inputs=(T(S, N, 8),))
    yield Module(ENC, (8, 2, 16), dict(dropout=F(0.2)), inputs=(T(S, N, 8),), train=True)
    # decoder layer
    for (d, h, ff), bf, nf, unbatched in product([(8, 2, 16), (6, 3, 12)], [False, True], [False, True], [False, True]):
        def t(length):
            return T(length, d) if unbatched else (T(N, length, d) if bf else T(length, N, d))
        yield Module(DEC, (d, h, ff), dict(batch_first=bf, norm_first=nf), inputs=(t(L), t(S)))
    for with_tm, with_mm, with_tk, with_mk in product([False, True], repeat=4):
        kw = {}
        if with_tm:
            kw["tgt_mask"] = T(L, L)
        if with_mm:
            kw["memory_mask"] = T(L, S, dtype="bool")
        if with_tk:
            kw["tgt_key_padding_mask"] = T(N, L, dtype="bool")
        if with_mk:
            kw["memory_key_padding_mask"] = T(N, S, dtype="bool")
        yield Module(DEC, (8, 2, 16), inputs=(T(L, N, 8), T(S, N, 8)), call_kwargs=kw)
    for tgt, mem in [((L, N, 10), (S, N, 8)), ((L, N, 8), (S, N, 10)), ((L, N, 8), (S, N + 1, 8)), ((L, 8), (S, N, 8)),
                     ((L, N, 8), (S, 8)), ((L, 8), (S, 8))]:
        yield Module(DEC, (8, 2, 16), inputs=(T(*tgt), T(*mem)))
    for kw in [dict(tgt_mask=T(L, S)), dict(memory_mask=T(L, L)), dict(tgt_key_padding_mask=T(N, S, dtype="bool")),
               dict(memory_key_padding_mask=T(N, L, dtype="bool")), dict(memory_mask=T(N * 2, L, S))]:
        yield Module(DEC, (8, 2, 16), inputs=(T(L, N, 8), T(S, N, 8)), call_kwargs=kw)
    # stacks, with and without a final norm
    enc_layer = M(ENC, (8, 2, 16))
    enc_layer_bf = M(ENC, (8, 2, 16), dict(batch_first=True))
    for layer, layers, norm, unbatched in product([enc_layer, enc_layer_bf], [1, 3], [None, M("torch.nn.LayerNorm", (8,))],
                                                  [False, True]):
        bf = layer is enc_layer_bf
        x = T(S, 8) if unbatched else (T(N, S, 8) if bf else T(S, N, 8))
        yield Module("torch.nn.TransformerEncoder", (layer, layers, norm), inputs=(x,))
    for layer, kw in product([enc_layer, enc_layer_bf], [dict(mask=T(S, S, dtype="bool")),
                                                         dict(src_key_padding_mask=T(N, S, dtype="bool", values=[[False] * S] * N)),
                                                         dict(mask=T(S, S + 1))]):
        bf = layer is enc_layer_bf
        # batch_first with a padding mask takes the nested-tensor path: the output is padded back
        # to the longest unmasked sequence, which depends on the mask's values
        yield Module("torch.nn.TransformerEncoder", (layer, 2), inputs=(T(N, S, 8) if bf else T(S, N, 8),), call_kwargs=kw,
                     data_dependent=bf and "src_key_padding_mask" in kw)
    yield Module("torch.nn.TransformerEncoder", (enc_layer, 2), inputs=(T(S, N, 6),))
    yield Module("torch.nn.TransformerEncoder", (enc_layer, 2), dict(enable_nested_tensor=False), inputs=(T(S, N, 8),))
    dec_layer = M(DEC, (8, 2, 16))
    dec_layer_bf = M(DEC, (8, 2, 16), dict(batch_first=True, norm_first=True))
    for layer, layers, norm, unbatched in product([dec_layer, dec_layer_bf], [1, 2], [None, M("torch.nn.LayerNorm", (8,))],
                                                  [False, True]):
        bf = layer is dec_layer_bf
        def t(length):
            return T(length, 8) if unbatched else (T(N, length, 8) if bf else T(length, N, 8))
        yield Module("torch.nn.TransformerDecoder", (layer, layers, norm), inputs=(t(L), t(S)))
    yield Module("torch.nn.TransformerDecoder", (dec_layer, 2), inputs=(T(L, N, 8), T(S, N, 8)),
                 call_kwargs=dict(tgt_mask=T(L, L), memory_key_padding_mask=T(N, S, dtype="bool")))
    yield Module("torch.nn.TransformerDecoder", (dec_layer, 2), inputs=(T(L, N, 8), T(S, N, 6)))
    # the full model
    for (d, h), enc, dec, bf, nf, unbatched in product([(8, 2), (6, 3)], [1, 2], [1, 2], [False, True], [False, True],
                                                      [False, True]):
        if enc != dec and nf:
            continue
        def t(length):
            return T(length, d) if unbatched else (T(N, length, d) if bf else T(length, N, d))
        yield Module("torch.nn.Transformer", (d, h, enc, dec, 16), dict(batch_first=bf, norm_first=nf), inputs=(t(S), t(L)))
    yield Module("torch.nn.Transformer", (8, 2, 1, 1, 16), inputs=(T(S, N, 8), T(L, N, 8)),
                 call_kwargs=dict(src_mask=T(S, S), tgt_mask=T(L, L), memory_mask=T(L, S),
                                  src_key_padding_mask=T(N, S, dtype="bool"), tgt_key_padding_mask=T(N, L, dtype="bool"),
                                  memory_key_padding_mask=T(N, S, dtype="bool")))
    for bf, (src, tgt) in product([False, True], [((S, N, 8), (L, N + 1, 8)), ((S, N, 8), (L, N, 6)), ((S, N, 6), (L, N, 6)),
                                                  ((S, 8), (L, 8)), ((S, 8), (L, N, 8)), ((S, N, 8), (L, 8)), ((S, 6), (L, 8))]):
        yield Module("torch.nn.Transformer", (8, 2, 1, 1, 16), dict(batch_first=bf), inputs=(T(*src), T(*tgt)))
    yield Module("torch.nn.Transformer", (8, 2, 1, 1, 16), inputs=(T(S, N, 8), T(L, N, 8)), call_kwargs=dict(tgt_mask=T(S, S)))
    yield Module("torch.nn.Transformer", (8, 2, 1, 1, 16), dict(custom_encoder=M("torch.nn.TransformerEncoder", (enc_layer, 1))),
                 inputs=(T(S, N, 8), T(L, N, 8)))
    yield Module("torch.nn.Transformer", (10, 4))
    yield Module("torch.nn.Transformer", (), inputs=(T(3, 1, 512), T(2, 1, 512)))


def cases():
    return [*rnn_cases(), *cell_cases(), *mha_cases(), *mha_functional_cases(), *transformer_cases()]


MHA_F = "torch.nn.functional.multi_head_attention_forward"


def mha_functional_cases():
    """F.multi_head_attention_forward with the caller's weights (CLIP's AttentionPool2d): packed and
    separate projections, an output projection of another width, weights or no weights, and the
    assertions on the embedding, the heads and each projection weight."""
    L, S, N = 1, 7, 2
    for E, heads, out, need, unbatched in product([8, 6], [2, 3], [8, 5], [True, False], [False, True]):
        q, k = (T(L, E), T(S, E)) if unbatched else (T(L, N, E), T(S, N, E))
        yield Fn(MHA_F, (q, k, k, E, heads, T(3 * E, E), T(3 * E), None, None, False, F(0.0), T(out, E), T(out)),
                 dict(training=False, need_weights=need))
        yield Fn(MHA_F, (q, k, k, E, heads, None, T(3 * E), None, None, False, F(0.0), T(out, E), T(out)),
                 dict(training=False, need_weights=need, use_separate_proj_weight=True,
                      q_proj_weight=T(E, E), k_proj_weight=T(E, E), v_proj_weight=T(E, E)))
    E = 8
    for qw, kw, vw, bias in [((E, E), (E, 4), (E, E), 3 * E), ((E, 4), (E, E), (E, E), 3 * E), ((E, E), (E, E), (4, E), 3 * E),
                             ((E, E), (E, E), (E, E), 2 * E), ((E, E), (E, E), (E, E), None)]:
        yield Fn(MHA_F, (T(L, N, E), T(S, N, E), T(S, N, E), E, 2, None, T(bias) if bias else None, None, None, False, F(0.0),
                         T(E, E), T(E)),
                 dict(training=False, use_separate_proj_weight=True, q_proj_weight=T(*qw), k_proj_weight=T(*kw), v_proj_weight=T(*vw)))
    for embed, heads, outw in [(6, 2, (E, E)), (E, 3, (E, E)), (E, 2, (E, 5)), (E, 2, (5, E))]:
        yield Fn(MHA_F, (T(L, N, E), T(S, N, E), T(S, N, E), embed, heads, T(3 * E, E), T(3 * E), None, None, False, F(0.0),
                         T(*outw), T(outw[0])), dict(training=False))
    yield Fn(MHA_F, (T(L, N, E), T(S, N, E), T(S, N, 6), E, 2, T(3 * E, E), T(3 * E), None, None, False, F(0.0), T(E, E), T(E)),
             dict(training=False))
