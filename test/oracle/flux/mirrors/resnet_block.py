"""PyTorch mirror of test/fixtures/flux/resnet_block.jl."""
import torch
import torch.nn as nn
import torch.nn.functional as F


class Block(nn.Module):
    def __init__(self, inplanes, planes, stride=1):
        super().__init__()
        self.layers = nn.Sequential(
            nn.Conv2d(inplanes, planes, 3, stride=stride, padding=1, bias=False), nn.BatchNorm2d(planes), nn.ReLU(),
            nn.Conv2d(planes, planes, 3, padding=1, bias=False), nn.BatchNorm2d(planes))
        self.shortcut = None
        if stride != 1 or inplanes != planes:
            self.shortcut = nn.Sequential(nn.Conv2d(inplanes, planes, 1, stride=stride, bias=False), nn.BatchNorm2d(planes))

    def forward(self, x):
        return self.layers(x) + (x if self.shortcut is None else self.shortcut(x))


def mirror(m):
    stage = nn.Sequential(Block(64, 64), Block(64, 128, 2), Block(128, 128)).eval()
    stem = nn.Sequential(nn.Conv2d(3, 64, 7, stride=2, padding=3, bias=False), nn.BatchNorm2d(64), nn.ReLU(),
                         nn.MaxPool2d(3, stride=2, padding=1)).eval()
    head = nn.Sequential(nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(128, 1000))
    model = nn.Sequential(stem, stage, head).eval()
    x = m.rec("x = rand(Float32, 224, 224, 3, 2)", "x", torch.randn(2, 3, 224, 224))
    st = m.rec("stem = model[1:3](x)", "stem", stem(x))
    s = m.rec("s = stage(stem)", "s", stage(st))
    m.model("s = stage(stem)", "Chain", stage)
    m.rec("y = model(x)", "y", model(x))
    m.model("y = model(x)", "Chain", model)
    m.rec("relu_out = relu.(s)", "relu_out", F.relu(s))
    conv = nn.Conv2d(128, 32, 3, padding=1)
    mx = conv(s)
    m.rec("concat = SkipConnection", "concat", torch.cat([mx, s], dim=1))
