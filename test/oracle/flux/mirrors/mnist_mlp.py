"""PyTorch mirror of test/fixtures/flux/mnist_mlp.jl."""
import torch
import torch.nn as nn
import torch.nn.functional as F


def mirror(m):
    model = nn.Sequential(nn.Linear(784, 32), nn.ReLU(), nn.Linear(32, 10))
    x = m.rec("xtrain = rand(Float32, 28, 28, 60000)", "xtrain", torch.randn(60000, 28, 28))
    m.rec("ytrain = rand(0:9, 60000)", "ytrain", torch.randint(0, 10, (60000,)))
    x = m.rec("xtrain = Flux.flatten(xtrain)", "xtrain", torch.flatten(x, 1))
    m.rec("ytrain = onehotbatch(ytrain, 0:9)", "ytrain", torch.zeros(60000, 10))
    # the tuple unpacking binds them again
    m.rec("xtrain, ytrain = getdata(args)", "xtrain", x)
    m.rec("xtrain, ytrain = getdata(args)", "ytrain", torch.zeros(60000, 10))
    batch = m.rec("batch = xtrain[:, 1:args.batchsize]", "batch", x[0:256])
    m.rec("ŷ = model(batch)", "ŷ", model(batch))
    m.model("ŷ = model(batch)", "Chain", model)
    m.rec("hidden = model[1](batch)", "hidden", F.relu(model[0](batch)))
