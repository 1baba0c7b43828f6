"""PyTorch mirror of test/fixtures/flux/struct_functor.jl."""
import torch
import torch.nn as nn
import torch.nn.functional as F


class Encoder(nn.Module):
    def __init__(self, channels, dim):
        super().__init__()
        self.conv = nn.Sequential(nn.Conv2d(channels, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                                  nn.Conv2d(16, 32, 3, padding=1), nn.ReLU(), nn.AdaptiveMaxPool2d(1))
        self.proj = nn.Linear(32, dim)


def mirror(m):
    enc = Encoder(3, 64)
    head = nn.Sequential(nn.Linear(64, 64), nn.ReLU(), nn.Linear(64, 10))
    x = m.rec("x = rand(Float32, 32, 32, 3, 4)", "x", torch.randn(4, 3, 32, 32))

    def encode(x):
        m.rec("function (e::Encoder)(x)", "x", x)
        h = m.rec("h = e.conv(x)", "h", enc.conv(x))
        h = m.rec("h = dropdims(h; dims=(1, 2))", "h", h.reshape(h.shape[0], h.shape[1]))
        return enc.proj(h)

    e = m.rec("emb = model.encoder(x)", "emb", encode(x))
    m.model("emb = model.encoder(x)", "Encoder", enc)
    m.rec("(m::Classifier)(x) = softmax", "x", x)
    m.rec("p = model(x)", "p", F.softmax(head(encode(x)), dim=-1))
    m.model("p = model(x)", "Classifier", nn.ModuleList([enc, head]))
    del e
