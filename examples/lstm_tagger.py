"""Which axis is the batch? An LSTM tagger with batch_first, and its outputs."""
import torch
import torch.nn as nn


class Tagger(nn.Module):
    def __init__(self, vocab_size=5000, embed_dim=64, hidden=128, tags=17):
        super().__init__()
        self.embed = nn.Embedding(vocab_size, embed_dim)
        self.lstm = nn.LSTM(embed_dim, hidden, num_layers=2, batch_first=True, bidirectional=True)
        self.proj = nn.Linear(2 * hidden, tags)

    def forward(self, tokens):
        emb = self.embed(tokens)
        out, (h, c) = self.lstm(emb)
        return self.proj(out)


tagger = Tagger()
tokens = torch.randint(0, 5000, (8, 40))
tag_scores = tagger(tokens)
