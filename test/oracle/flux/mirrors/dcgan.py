"""PyTorch mirror of test/fixtures/flux/dcgan.jl."""
import torch
import torch.nn as nn


class View(nn.Module):
    def __init__(self, *shape):
        super().__init__()
        self.shape = shape

    def forward(self, x):
        return x.reshape(x.shape[0], *self.shape)


def mirror(m):
    dscr = nn.Sequential(
        nn.Conv2d(1, 64, 4, stride=2, padding=1), nn.LeakyReLU(0.2), nn.Dropout(0.25),
        nn.Conv2d(64, 128, 4, stride=2, padding=1), nn.LeakyReLU(0.2), nn.Dropout(0.25),
        View(7 * 7 * 128), nn.Linear(7 * 7 * 128, 1)).eval()
    gen = nn.Sequential(
        nn.Linear(100, 7 * 7 * 256), nn.BatchNorm1d(7 * 7 * 256), nn.ReLU(), View(256, 7, 7),
        nn.ConvTranspose2d(256, 128, 5, stride=1, padding=2), nn.BatchNorm2d(128), nn.ReLU(),
        nn.ConvTranspose2d(128, 64, 4, stride=2, padding=1), nn.BatchNorm2d(64), nn.ReLU(),
        nn.ConvTranspose2d(64, 1, 4, stride=2, padding=1), nn.Tanh()).eval()
    noise = m.rec("noise = randn", "noise", torch.randn(128, 100))
    fake = m.rec("fake = gen(noise)", "fake", gen(noise))
    m.model("fake = gen(noise)", "Chain", gen)
    real = m.rec("real_imgs = rand", "real_imgs", torch.randn(128, 1, 28, 28))
    m.rec("fake_output = dscr(fake)", "fake_output", dscr(fake))
    m.model("fake_output = dscr(fake)", "Chain", dscr)
    m.rec("real_output = dscr(real_imgs)", "real_output", dscr(real))
