"""PyTorch mirror of test/fixtures/flux/autosize.jl, with the sizes @autosize infers spelled out:
Conv's input channels 1, BatchNorm(5), Dense(80 => 20) (80 = 3 * 3 * 5, 20 = 80 ÷ 4)."""
import torch
import torch.nn as nn


class Skip(nn.Module):
    def __init__(self, inner):
        super().__init__()
        self.inner = inner

    def forward(self, x):
        return self.inner(x) + x


def mirror(m):
    # SamePad() for a 3x3 kernel pads 1 on each side (Flux.jl src/layers/conv.jl:48-58)
    features = nn.Sequential(nn.Conv2d(1, 5, 3, stride=2, padding=1), nn.AvgPool2d(3), nn.BatchNorm2d(5), nn.Flatten()).eval()
    model = nn.Sequential(features, nn.Linear(80, 20), nn.ReLU(), Skip(nn.Sequential(nn.Linear(20, 20), nn.ReLU())), nn.Linear(20, 10)).eval()
    x = m.rec("x = rand(Float32, 28, 28, 1, 32)", "x", torch.randn(32, 1, 28, 28))
    m.rec("y = model(x)", "y", model(x))
    m.model("y = model(x)", "Chain", model)
    m.rec("features = model[1](x)", "features", features(x))
