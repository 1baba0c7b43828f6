"""PyTorch mirror of test/fixtures/flux/custom_layers.jl."""
import torch
import torch.nn as nn
import torch.nn.functional as F


def mirror(m):
    d1, d2, d3 = nn.Linear(16, 32), nn.Linear(32, 32), nn.Linear(32, 4)
    model = nn.ModuleList([d1, d2, d3])
    x = m.rec("x = randn(Float32, 16, 8)", "x", torch.randn(8, 16))
    m.rec("(s::Stack)(x) = foldl", "x", x)
    h1 = F.relu(d1(x))
    m.rec("function (r::Residual)(x)", "x", h1)
    h = m.rec("h = r.layer(x)", "h", F.relu(d2(h1)))
    m.rec("y = model(x)", "y", d3(h + h1))
    m.model("y = model(x)", "Stack", model)
    m.rec("logits = head(randn", "logits", d3(torch.randn(3, 32)))
