"""A small transformer encoder classifier: token embedding plus a learned position embedding
(an nn.Parameter), nn.TransformerEncoder (batch_first), mean pooling, a linear head."""
import torch
import torch.nn as nn


class TinyTransformer(nn.Module):
    def __init__(self, vocab=16, d_model=8, nhead=2, layers=2, classes=4, max_len=10):
        super().__init__()
        self.embed = nn.Embedding(vocab, d_model)
        self.pos = nn.Parameter(torch.randn(1, max_len, d_model) * 0.1)
        layer = nn.TransformerEncoderLayer(d_model, nhead, dim_feedforward=16, batch_first=True)
        self.encoder = nn.TransformerEncoder(layer, layers, enable_nested_tensor=False)
        self.head = nn.Linear(d_model, classes)

    def forward(self, tokens):
        x = self.embed(tokens) + self.pos[:, : tokens.shape[1]]
        x = self.encoder(x)
        return self.head(x.mean(dim=1))


def build():
    return TinyTransformer(), (torch.randint(0, 16, (2, 6)),)


if __name__ == "__main__":
    model = TinyTransformer()
    logits = model(torch.randint(0, 16, (2, 6)))
