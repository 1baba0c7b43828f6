"""mat1 and mat2 shapes cannot be multiplied (1x768 and 3072x10): found before running."""
import torch
from torch import nn


class Classifier(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(3, 12, 3, padding=1),
            nn.ReLU(),
            nn.MaxPool2d(2),
        )
        self.head = nn.Linear(3072, 10)

    def forward(self, x):
        x = self.features(x)
        x = x.view(x.size(0), -1)
        return self.head(x)


model = Classifier()
batch = torch.randn(1, 3, 16, 16)
scores = model(batch)
