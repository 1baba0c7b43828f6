"""PyTorch mirror of test/fixtures/flux/conv_autoencoder.jl. SamePad() on a ConvTranspose pads for
a kernel of k - stride + 1 (Flux.jl src/layers/conv.jl:361-363): for k = 3, stride 2 that is 1 in
total, (1, 0), which PyTorch writes as no padding and one row and column cropped at the start."""
import torch
import torch.nn as nn


class CropStart(nn.Module):
    def forward(self, x):
        return x[:, :, 1:, 1:]


def mirror(m):
    encoder = nn.Sequential(
        nn.Conv2d(1, 16, 3, stride=2, padding=1), nn.ReLU(),
        nn.Conv2d(16, 32, 3, stride=2, padding=1), nn.ReLU(),
        nn.Conv2d(32, 64, 7),
    )
    decoder = nn.Sequential(
        nn.ConvTranspose2d(64, 32, 7), nn.ReLU(),
        nn.ConvTranspose2d(32, 16, 3, stride=2), CropStart(), nn.ReLU(),
        nn.ConvTranspose2d(16, 1, 3, stride=2), CropStart(), nn.Sigmoid(),
    )
    model = nn.Sequential(encoder, decoder)
    x = m.rec("x = rand(Float32, 28, 28, 1, 8)", "x", torch.randn(8, 1, 28, 28))
    z = m.rec("z = encoder(x)", "z", encoder(x))
    m.model("z = encoder(x)", "Chain", encoder)
    m.rec("x̂ = decoder(z)", "x̂", decoder(z))
    m.model("x̂ = decoder(z)", "Chain", decoder)
    m.rec("y = autoencoder(x)", "y", model(x))
    m.model("y = autoencoder(x)", "Chain", model)
