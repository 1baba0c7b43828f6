"""PyTorch mirror of test/fixtures/flux/autoencoder.jl."""
import torch
import torch.nn as nn


def mirror(m):
    encoder = nn.Sequential(nn.Linear(784, 32), nn.LeakyReLU(0.01))
    decoder = nn.Sequential(nn.Linear(32, 784), nn.LeakyReLU(0.01))
    model = nn.Sequential(encoder, decoder)
    x = m.rec("x = rand(Float32, 28^2, 1000)", "x", torch.randn(1000, 784))
    code = m.rec("code = encoder(x)", "code", encoder(x))
    m.model("code = encoder(x)", "Chain", encoder)
    m.rec("x̂ = decoder(code)", "x̂", decoder(code))
    r = m.rec("reconstruction = m(x)", "reconstruction", model(x))
    m.model("reconstruction = m(x)", "Chain", model)
    m.rec("img = reshape", "img", r[0].reshape(28, 28))
