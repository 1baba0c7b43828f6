"""PyTorch mirror of test/fixtures/flux/inception.jl."""
import torch
import torch.nn as nn


class Inception(nn.Module):
    def __init__(self, inplanes, o1, r3, o3, r5, o5, pp):
        super().__init__()
        self.b1 = nn.Sequential(nn.Conv2d(inplanes, o1, 1), nn.ReLU())
        self.b2 = nn.Sequential(nn.Conv2d(inplanes, r3, 1), nn.ReLU(), nn.Conv2d(r3, o3, 3, padding=1), nn.ReLU())
        self.b3 = nn.Sequential(nn.Conv2d(inplanes, r5, 1), nn.ReLU(), nn.Conv2d(r5, o5, 5, padding=2), nn.ReLU())
        self.b4 = nn.Sequential(nn.MaxPool2d(3, stride=1, padding=1), nn.Conv2d(inplanes, pp, 1), nn.ReLU())

    def forward(self, x):
        return torch.cat([self.b1(x), self.b2(x), self.b3(x), self.b4(x)], dim=1)


def mirror(m):
    block = Inception(192, 64, 96, 128, 16, 32, 32)
    x = m.rec("x = rand(Float32, 28, 28, 192, 4)", "x", torch.randn(4, 192, 28, 28))
    y = m.rec("y = block(x)", "y", block(x))
    m.model("y = block(x)", "Parallel", block)
    m.rec("pooled = MeanPool((2, 2))(y)", "pooled", nn.AvgPool2d(2)(y))
    a, b = nn.Linear(5, 9), nn.Linear(7, 11)
    m.rec("two_inputs = Parallel", "two_inputs", torch.cat([a(torch.randn(64, 5)), b(torch.randn(64, 7))], dim=1))
