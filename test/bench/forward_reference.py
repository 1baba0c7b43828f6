#!/usr/bin/env python3
"""PyTorch reference timings for test/bench/forward.ts, same models, same thread count.
Prints one JSON object: {name: milliseconds}. Usage: forward_reference.py THREADS"""
import json
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

threads = int(sys.argv[1]) if len(sys.argv) > 1 else 1
torch.set_num_threads(threads)
torch.manual_seed(0)


class BasicBlock(nn.Module):
    def __init__(self, cin, planes, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, planes, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(planes)
        self.relu = nn.ReLU(inplace=True)
        self.conv2 = nn.Conv2d(planes, planes, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(planes)
        self.downsample = None
        if stride != 1 or cin != planes:
            self.downsample = nn.Sequential(nn.Conv2d(cin, planes, 1, stride, bias=False), nn.BatchNorm2d(planes))

    def forward(self, x):
        identity = x
        out = self.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        if self.downsample is not None:
            identity = self.downsample(x)
        return torch.relu(out + identity)


class ResNet18(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 64, 7, 2, 3, bias=False)
        self.bn1 = nn.BatchNorm2d(64)
        self.relu = nn.ReLU(inplace=True)
        self.maxpool = nn.MaxPool2d(3, 2, 1)
        layers = []
        cin = 64
        for i, planes in enumerate([64, 128, 256, 512]):
            blocks = []
            for b in range(2):
                blocks.append(BasicBlock(cin, planes, 2 if b == 0 and i > 0 else 1))
                cin = planes
            layers.append(nn.Sequential(*blocks))
        self.layer1, self.layer2, self.layer3, self.layer4 = layers
        self.avgpool = nn.AdaptiveAvgPool2d((1, 1))
        self.fc = nn.Linear(512, 1000)

    def forward(self, x):
        x = self.maxpool(self.relu(self.bn1(self.conv1(x))))
        x = self.layer4(self.layer3(self.layer2(self.layer1(x))))
        return self.fc(torch.flatten(self.avgpool(x), 1))


class MnistCnn(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 32, 3)
        self.conv2 = nn.Conv2d(32, 64, 3)
        self.fc1 = nn.Linear(9216, 128)
        self.fc2 = nn.Linear(128, 10)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.conv2(F.relu(self.conv1(x)))), 2)
        x = F.relu(self.fc1(torch.flatten(x, 1)))
        return F.log_softmax(self.fc2(x), dim=1)


def encoder():
    layer = nn.TransformerEncoderLayer(512, 8, dim_feedforward=2048, batch_first=True)
    return nn.TransformerEncoder(layer, 6, enable_nested_tensor=False)


def median(xs):
    xs = sorted(xs)
    return xs[len(xs) // 2]


class TinyConv(nn.Module):
    """Run once before anything is timed, as forward.ts's worker runs its warm-up model."""

    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(2, 4, 3, padding=1)
        self.bn = nn.BatchNorm2d(4)
        self.fc = nn.Linear(36, 5)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.bn(self.conv(x))), 2)
        return F.softmax(self.fc(torch.flatten(x, 1)), dim=1)


def cold(make, x):
    t0 = time.perf_counter()
    model = make().eval()
    with torch.no_grad():
        model(x)
    return (time.perf_counter() - t0) * 1000, model


def timed(make, shape, warm_runs, cold_runs=1):
    """Cold: `cold_runs` fresh models (construction and first forward each), as forward.ts
    measures its own cold passes: the median, and the first (the process's first use of the
    model's kernels, as the bench's `-cold-first`). Warm: the last model's later runs."""
    x = torch.randn(*shape)
    colds = []
    for _ in range(cold_runs):
        ms, model = cold(make, x)
        colds.append(ms)
    out = []
    with torch.no_grad():
        for _ in range(warm_runs):
            t = time.perf_counter()
            model(x)
            out.append((time.perf_counter() - t) * 1000)
    return median(colds), colds[0], median(out)


with torch.no_grad():
    TinyConv().eval()(torch.randn(1, 2, 6, 6))
res = {}
# Same counts as forward.ts's cold passes (3 ResNet-18, 5 MNIST CNN, in this order).
res["resnet18-cold"], res["resnet18-cold-first"], res["resnet18-warm"] = timed(ResNet18, (1, 3, 224, 224), 10, 3)
res["mnist-cnn-cold"], res["mnist-cnn-cold-first"], res["mnist-cnn-warm"] = timed(MnistCnn, (1, 1, 28, 28), 20, 5)
res["transformer-encoder-cold"], _, res["transformer-encoder-warm"] = timed(encoder, (1, 128, 512), 5)
print(json.dumps(res))
