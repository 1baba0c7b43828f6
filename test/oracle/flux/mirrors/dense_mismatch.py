"""PyTorch mirror of test/fixtures/flux/dense_mismatch.jl: the same model raises at the same call."""
import torch
import torch.nn as nn


def mirror(m):
    features = nn.Sequential(nn.Conv2d(1, 8, 3), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten())
    model = nn.Sequential(features, nn.Linear(100, 10))
    x = m.rec("x = rand(Float32, 22, 22, 1, 16)", "x", torch.randn(16, 1, 22, 22))
    m.rec("h = model[1:3](x)", "h", features(x))
    m.model("y = model(x)", "Chain", model)
    m.raises("y = model(x)", lambda: model(x))
