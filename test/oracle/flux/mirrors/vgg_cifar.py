"""PyTorch mirror of test/fixtures/flux/vgg_cifar.jl (VGG-16, CIFAR-10)."""
import torch
import torch.nn as nn

CFG = [64, 64, "M", 128, 128, "M", 256, 256, 256, "M", 512, 512, 512, "M", 512, 512, 512, "M"]


def features():
    layers, cin = [], 3
    for v in CFG:
        if v == "M":
            layers.append(nn.MaxPool2d(2))
        else:
            layers += [nn.Conv2d(cin, v, 3, padding=1), nn.ReLU(), nn.BatchNorm2d(v)]
            cin = v
    return nn.Sequential(*layers, nn.Flatten())


def mirror(m):
    f = features()
    head = nn.Sequential(nn.Linear(512, 4096), nn.ReLU(), nn.Dropout(0.5), nn.Linear(4096, 4096), nn.ReLU(), nn.Dropout(0.5), nn.Linear(4096, 10))
    model = nn.Sequential(f, head).eval()
    x = m.rec("imgs = rand", "imgs", torch.randn(16, 3, 32, 32))
    m.rec("out = m(imgs)", "out", model(x))
    m.model("out = m(imgs)", "Chain", model)
    # Flux's m[1:32]: the convolution blocks and flatten
    m.rec("convs = m[1:32](imgs)", "convs", f(x))
