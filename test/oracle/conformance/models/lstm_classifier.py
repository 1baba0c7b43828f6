"""Embedding, a 2-layer bidirectional LSTM (batch_first), the last time step, a linear head."""
import torch
import torch.nn as nn


class LSTMClassifier(nn.Module):
    def __init__(self, vocab=20, embed=6, hidden=8, classes=3):
        super().__init__()
        self.embedding = nn.Embedding(vocab, embed)
        self.lstm = nn.LSTM(embed, hidden, num_layers=2, batch_first=True, bidirectional=True)
        self.fc = nn.Linear(2 * hidden, classes)

    def forward(self, tokens):
        x = self.embedding(tokens)
        out, (h, c) = self.lstm(x)
        last = out[:, -1, :]
        return self.fc(last)


def build():
    return LSTMClassifier(), (torch.randint(0, 20, (3, 7)),)


if __name__ == "__main__":
    model = LSTMClassifier()
    logits = model(torch.randint(0, 20, (3, 7)))
