"""PyTorch mirror of test/fixtures/flux/char_rnn.jl: batch-first LSTMs on (batch, sequence, alphabet)."""
import torch
import torch.nn as nn


class StackedLSTM(nn.Module):
    def __init__(self, n):
        super().__init__()
        self.l1 = nn.LSTM(n, 128, batch_first=True)
        self.l2 = nn.LSTM(128, 128, batch_first=True)
        self.out = nn.Linear(128, n)

    def forward(self, x):
        return self.out(self.l2(self.l1(x)[0])[0])


def mirror(m):
    n = 27
    model = StackedLSTM(n)
    m.rec("chars = rand(1:N, seqlen, nbatch)", "chars", torch.randint(0, n, (16, 50)))
    x = m.rec("X = onehotbatch(chars, 1:N)", "X", torch.zeros(16, 50, n))
    m.rec("Y = onehotbatch(circshift(chars, 1), 1:N)", "Y", torch.zeros(16, 50, n))
    y = m.rec("ŷ = model(X)", "ŷ", model(x))
    m.model("ŷ = model(X)", "Chain", model)
    m.rec("hidden = model[1](X)", "hidden", model.l1(x)[0])
    m.rec("function loss(model, xs, ys)", "xs", x)
    m.rec("function loss(model, xs, ys)", "ys", x)
    m.rec("ŷ = model(xs)", "ŷ", y)
