"""PyTorch mirror of test/fixtures/flux/mnist_conv.jl (LeNet-5)."""
import torch
import torch.nn as nn
import torch.nn.functional as F


def lenet5():
    return nn.Sequential(
        nn.Conv2d(1, 6, 5), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(6, 16, 5), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(),
        nn.Linear(16 * 4 * 4, 120), nn.ReLU(),
        nn.Linear(120, 84), nn.ReLU(),
        nn.Linear(84, 10),
    )


def mirror(m):
    model = lenet5()
    xs = m.rec("xs = rand", "xs", torch.randn(128, 784))
    x4 = m.rec("x4dim = reshape", "x4dim", xs.reshape(-1, 1, 28, 28))
    m.rec("labels = rand(0:9, 128)", "labels", torch.randint(0, 10, (128,)))
    m.rec("yhot = onehotbatch", "yhot", torch.zeros(128, 10))
    logits = m.rec("logits = model(x4dim)", "logits", model(x4))
    m.model("logits = model(x4dim)", "Chain", model)
    m.rec("first_layer = model[1](x4dim)", "first_layer", F.relu(model[0](x4)))
    m.rec("features = model[1:5](x4dim)", "features", model[0:7](x4))
    m.rec("probs = softmax(logits)", "probs", F.softmax(logits, dim=-1))
    # loss_and_accuracy's names
    m.rec("function loss_and_accuracy(model, x, y)", "x", x4)
    m.rec("function loss_and_accuracy(model, x, y)", "y", torch.zeros(128, 10))
    m.rec("ŷ = model(x)", "ŷ", logits)
