"""PyTorch mirror of test/fixtures/flux/text_classifier.jl."""
import torch
import torch.nn as nn


class TextClassifier(nn.Module):
    def __init__(self, vocab, dim, hidden, nclasses):
        super().__init__()
        self.embedding = nn.Embedding(vocab, dim)
        self.gru = nn.GRU(dim, hidden, batch_first=True)
        self.head = nn.Linear(hidden, nclasses)


def mirror(m):
    model = TextClassifier(5000, 64, 128, 4)
    tokens = m.rec("tokens = rand(1:5000, 40, 32)", "tokens", torch.randint(0, 5000, (32, 40)))
    m.rec("function (m::TextClassifier)(tokens)", "tokens", tokens)
    e = m.rec("e = m.embedding(tokens)", "e", model.embedding(tokens))
    h = m.rec("h = m.gru(e)", "h", model.gru(e)[0])
    last = m.rec("last_step = h[:, end, :]", "last_step", h[:, -1, :])
    m.rec("logits = model(tokens)", "logits", model.head(last))
    m.model("logits = model(tokens)", "TextClassifier", model)
