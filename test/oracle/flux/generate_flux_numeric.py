#!/usr/bin/env python3
"""Numeric goldens for the Flux forward pass: each case's PyTorch twin is run on random weights and
inputs, and the same numbers are written in Flux's layout (a Julia array's column-major data is
the PyTorch tensor with its axes reversed; flux_lib.py explains the layouts). Flux's Conv and
ConvTranspose are true convolutions (NNlib flips the kernel unless `flipkernel`, which only
CrossCor sets: NNlib src/impl/conv_direct.jl `kproj`), so their Flux weights are PyTorch's with the
spatial axes flipped. Embedding indices are 1-based in Julia.

    /usr/bin/python3 test/oracle/flux/generate_flux_numeric.py
Writes test/oracle/goldens/flux/numeric/cases.json.
"""
import base64
import json
import os
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(os.path.dirname(HERE), "goldens", "flux", "numeric")
torch.set_num_threads(1)


def julia(t, dtype=None):
    """A PyTorch tensor as the Julia array with the same memory: dims reversed, data as is."""
    t = t.detach().contiguous()
    if dtype is not None:
        t = t.to(dtype)
    name = {torch.float32: "float32", torch.int64: "int64"}[t.dtype]
    return {"tensor": list(reversed(t.shape)), "dtype": name, "data": base64.b64encode(t.numpy().tobytes()).decode()}


def flip(w):
    return w.flip(dims=tuple(range(2, w.dim())))


def conv_weights(conv, flipped):
    state = {"weight": julia(flip(conv.weight) if flipped else conv.weight)}
    if conv.bias is not None:
        state["bias"] = julia(conv.bias)
    return state


def dense_weights(lin, prefix=""):
    # Flux's (out, in) column-major is PyTorch's weight transposed, read row-major.
    state = {prefix + "weight": julia(lin.weight.t())}
    if lin.bias is not None:
        state[prefix + "bias"] = julia(lin.bias)
    return state


def bn_weights(bn):
    bn.running_mean.uniform_(-1, 1)
    bn.running_var.uniform_(0.5, 2)
    bn.weight.data.uniform_(0.5, 1.5)
    bn.bias.data.uniform_(-0.5, 0.5)
    return {"γ": julia(bn.weight), "β": julia(bn.bias), "μ": julia(bn.running_mean), "σ²": julia(bn.running_var)}


def case(name, src, inputs, fn, state=None, int_inputs=None):
    """`src` builds `m` in Julia; `inputs` are PyTorch tensors (Julia gets them reversed)."""
    with torch.no_grad():
        out = fn(*inputs)
    return {
        "name": name,
        "src": src,
        "inputs": [julia(x + 1 if int_inputs else x) for x in inputs],
        "state": state or {},
        "result": julia(out),
    }


def layer_cases():
    out = []
    lin = nn.Linear(10, 5)
    out.append(case("Dense relu", "Dense(10 => 5, relu)", [torch.randn(4, 10)], lambda x: F.relu(lin(x)), dense_weights(lin)))
    lin2 = nn.Linear(3, 2, bias=False)
    out.append(case("Dense on 3-D, no bias", "Dense(3 => 2; bias=false)", [torch.randn(2, 5, 3)], lin2, dense_weights(lin2)))
    for label, src, build, x, flipped in [
        ("Conv", "Conv((3, 3), 2 => 4)", lambda: nn.Conv2d(2, 4, 3), torch.randn(2, 2, 6, 7), True),
        ("Conv stride, asymmetric pad, dilation", "Conv((3, 2), 2 => 3; stride=2, pad=(1, 0, 2, 1), dilation=(1, 2))",
         lambda: nn.Conv2d(2, 3, (2, 3), stride=2, dilation=(2, 1)), torch.randn(2, 2, 9, 8), True),
        ("Conv groups relu", "Conv((3, 3), 4 => 6, relu; groups=2, pad=1)", lambda: nn.Conv2d(4, 6, 3, groups=2, padding=1), torch.randn(1, 4, 5, 5), True),
        ("Conv 1-D SamePad", "Conv((4,), 3 => 2; pad=SamePad())", lambda: nn.Conv1d(3, 2, 4), torch.randn(2, 3, 9), True),
        ("CrossCor", "CrossCor((3, 3), 2 => 3)", lambda: nn.Conv2d(2, 3, 3), torch.randn(2, 2, 6, 5), False),
        ("DepthwiseConv", "DepthwiseConv((3, 3), 2 => 4)", lambda: nn.Conv2d(2, 4, 3, groups=2), torch.randn(2, 2, 6, 5), True),
    ]:
        conv = build()
        pads = {"Conv stride, asymmetric pad, dilation": (1, 0, 2, 1), "Conv 1-D SamePad": (2, 1)}.get(label)
        fn = (lambda c, p: (lambda x: c(F.pad(x, p)) if p else c(x)))(conv, pads)
        if label == "Conv groups relu":
            fn = (lambda c: (lambda x: F.relu(c(x))))(conv)
        out.append(case(label, src, [x], fn, conv_weights(conv, flipped)))
    ct = nn.ConvTranspose2d(2, 3, 3, stride=2, padding=1, output_padding=1)
    out.append(case("ConvTranspose stride, pad, outpad", "ConvTranspose((3, 3), 2 => 3; stride=2, pad=1, outpad=1)", [torch.randn(2, 2, 4, 5)], ct, conv_weights(ct, True)))
    ct2 = nn.ConvTranspose2d(3, 2, 4)
    out.append(case("ConvTranspose", "ConvTranspose((4, 4), 3 => 2, σ)", [torch.randn(1, 3, 3, 3)], lambda x: torch.sigmoid(ct2(x)), conv_weights(ct2, True)))
    out.append(case("MaxPool", "MaxPool((2, 2))", [torch.randn(2, 2, 5, 6)], nn.MaxPool2d(2)))
    out.append(case("MaxPool stride, pad", "MaxPool((3, 3); stride=2, pad=1)", [torch.randn(2, 2, 7, 6)], nn.MaxPool2d(3, stride=2, padding=1)))
    out.append(case("MeanPool pad (padding counted)", "MeanPool((3, 3); pad=1)", [torch.randn(1, 2, 6, 6)], nn.AvgPool2d(3, padding=1, count_include_pad=True)))
    # Flux's adaptive windows: stride = in ÷ out, window = in - (out - 1) * stride (conv.jl:553-562)
    out.append(case("AdaptiveMaxPool", "AdaptiveMaxPool((2, 3))", [torch.randn(2, 3, 7, 5)], nn.MaxPool2d((3, 3), stride=(2, 2))))
    out.append(case("AdaptiveMeanPool", "AdaptiveMeanPool((2, 2))", [torch.randn(2, 3, 4, 6)], nn.AvgPool2d((2, 3), stride=(2, 3))))
    out.append(case("GlobalMeanPool", "GlobalMeanPool()", [torch.randn(2, 3, 4, 5)], nn.AdaptiveAvgPool2d(1)))
    out.append(case("GlobalMaxPool", "GlobalMaxPool()", [torch.randn(2, 3, 4, 5)], nn.AdaptiveMaxPool2d(1)))
    bn = nn.BatchNorm2d(3).eval()
    state = bn_weights(bn)
    out.append(case("BatchNorm relu", "BatchNorm(3, relu)", [torch.randn(2, 3, 4, 4)], lambda x: F.relu(bn(x)), state))
    bn1 = nn.BatchNorm1d(5).eval()
    out.append(case("BatchNorm on a matrix", "BatchNorm(5)", [torch.randn(7, 5)], bn1, bn_weights(bn1)))
    ln = nn.LayerNorm((3, 4))
    ln.weight.data.uniform_(0.5, 1.5)
    ln.bias.data.uniform_(-0.5, 0.5)
    out.append(case("LayerNorm", "LayerNorm(4, 3)", [torch.randn(2, 3, 4)], ln, {"diag.scale": julia(ln.weight), "diag.bias": julia(ln.bias)}))
    out.append(case("Dropout is the identity", "Dropout(0.5)", [torch.randn(3, 4)], lambda x: x))
    emb = nn.Embedding(10, 4)
    idx = torch.randint(0, 10, (3, 5))
    out.append(case("Embedding (1-based indices)", "Embedding(10 => 4)", [idx], emb, {"weight": julia(emb.weight)}, int_inputs=True))
    out.extend(recurrent_cases())
    c1 = nn.Conv2d(1, 4, 3)
    l1 = nn.Linear(36, 5)
    state = {f"1.{k}": v for k, v in conv_weights(c1, True).items()}
    state.update(dense_weights(l1, "4."))
    out.append(case("Chain", "Chain(Conv((3, 3), 1 => 4, relu), MaxPool((2, 2)), Flux.flatten, Dense(36 => 5), softmax)",
                    [torch.randn(2, 1, 8, 8)], lambda x: F.softmax(l1(torch.flatten(F.max_pool2d(F.relu(c1(x)), 2), 1)), dim=-1), state))
    return out


def rnn_weights(rnn, gru=False):
    """Flux's Wi, Wh (gates x out, in) and one bias: PyTorch's weights transposed, its two biases summed.
    Flux's GRU adds r .* (Wh_h * h) with no bias of its own (recurrent.jl:623-626): the twin's
    recurrent bias of that gate is zero."""
    if gru:
        with torch.no_grad():
            rnn.bias_hh_l0[2 * rnn.hidden_size:].zero_()
    bias = rnn.bias_ih_l0 + rnn.bias_hh_l0
    return {"cell.Wi": julia(rnn.weight_ih_l0.t()), "cell.Wh": julia(rnn.weight_hh_l0.t()), ("cell.b" if gru else "cell.bias"): julia(bias)}


def recurrent_cases():
    """Flux 0.15's RNN / LSTM / GRU on (in, len, batch): PyTorch's batch_first twins on (batch, len, in).
    Gates: LSTM i, f, c, o and GRU r, z, h in both (recurrent.jl:415, 623-626)."""
    out = []
    rnn = nn.RNN(3, 4, batch_first=True)
    out.append(case("RNN", "RNN(3 => 4)", [torch.randn(2, 5, 3)], lambda x: rnn(x)[0], rnn_weights(rnn)))
    rnn_relu = nn.RNN(2, 3, nonlinearity="relu", batch_first=True)
    out.append(case("RNN relu", "RNN(2 => 3, relu)", [torch.randn(3, 4, 2)], lambda x: rnn_relu(x)[0], rnn_weights(rnn_relu)))
    lstm = nn.LSTM(3, 4, batch_first=True)
    out.append(case("LSTM", "LSTM(3 => 4)", [torch.randn(2, 5, 3)], lambda x: lstm(x)[0], rnn_weights(lstm)))
    gru = nn.GRU(3, 4, batch_first=True)
    state = rnn_weights(gru, gru=True)
    out.append(case("GRU", "GRU(3 => 4)", [torch.randn(2, 5, 3)], lambda x: gru(x)[0], state))
    lstm2 = nn.LSTM(2, 3, batch_first=True)
    out.append(case("LSTM on one sequence (in, len)", "LSTM(2 => 3)", [torch.randn(4, 2)], lambda x: lstm2(x)[0], rnn_weights(lstm2)))
    return out


def expr_cases():
    """Expressions become `m = Chain(x1 -> expr)` or `Parallel((x1, x2) -> expr, identity, identity)`."""
    return [
        case("broadcast .+", "x1 .+ x2", [torch.randn(4, 3), torch.randn(3)], lambda a, b: a + b),
        case("broadcast .* 2", "x1 .* 2", [torch.randn(2, 3, 4)], lambda a: a * 2),
        case("σ.(x)", "σ.(x1)", [torch.randn(3, 4)], torch.sigmoid),
        case("relu on an array", "relu(x1)", [torch.randn(3, 4)], F.relu),
        case("A * B", "x1 * x2", [torch.randn(4, 3), torch.randn(5, 4)], lambda a, b: b @ a),
        case("A * v", "x1 * x2", [torch.randn(4, 3), torch.randn(4)], lambda a, v: v @ a),
        case("reshape with a Colon", "reshape(x1, 6, :)", [torch.randn(2, 3, 4)], lambda a: a.reshape(-1, 6)),
        case("permutedims", "permutedims(x1, (3, 1, 2))", [torch.randn(2, 3, 4)], lambda a: a.permute(1, 2, 0)),
        case("cat along dims=3", "cat(x1, x2; dims=3)", [torch.randn(2, 3, 4, 5), torch.randn(2, 1, 4, 5)], lambda a, b: torch.cat([a, b], 1)),
        case("indexing", "x1[:, 2:3, 1]", [torch.randn(6, 5, 4)], lambda a: a[0, 1:3, :]),
        case("sum over dims=2", "sum(x1; dims=2)", [torch.randn(4, 3, 2)], lambda a: a.sum(dim=1, keepdim=True)),
        case("softmax", "softmax(x1)", [torch.randn(5, 4)], lambda a: F.softmax(a, dim=-1)),
        case("flatten", "Flux.flatten(x1)", [torch.randn(2, 3, 4, 5)], lambda a: torch.flatten(a, 1)),
        case("adjoint", "x1'", [torch.randn(4, 3)], lambda a: a.t()),
        case("dropdims", "dropdims(x1; dims=2)", [torch.randn(4, 1, 3)], lambda a: a.squeeze(1)),
    ]


def main():
    torch.manual_seed(0)
    cases = [dict(c, kind="layer") for c in layer_cases()] + [dict(c, kind="expr") for c in expr_cases()]
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "cases.json"), "w") as fh:
        fh.write("[\n" + ",\n".join(json.dumps(c, sort_keys=True, ensure_ascii=False) for c in cases) + "\n]\n")
    print(f"flux numeric: {len(cases)} cases (torch {torch.__version__})")


if __name__ == "__main__":
    sys.exit(main())
