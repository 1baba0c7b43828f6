"""A small CNN: conv, batch norm, relu, max pool, uneven adaptive average pool, flatten, linear,
a residual add and a channel concat, softmax at the end."""
import torch
import torch.nn as nn
import torch.nn.functional as F


class SmallCNN(nn.Module):
    def __init__(self, num_classes=10):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 4, 3, padding=1)
        self.bn1 = nn.BatchNorm2d(4)
        self.pool = nn.MaxPool2d(2)
        self.conv2 = nn.Conv2d(4, 4, 3, padding=1)
        self.conv3 = nn.Conv2d(8, 8, 3)
        self.avg = nn.AdaptiveAvgPool2d((3, 3))
        self.fc = nn.Linear(8 * 3 * 3, num_classes)

    def forward(self, x):
        x = self.pool(F.relu(self.bn1(self.conv1(x))))
        y = torch.relu(self.conv2(x)) + x
        x = torch.cat([x, y], dim=1)
        x = self.avg(F.relu(self.conv3(x)))
        x = torch.flatten(x, 1)
        x = self.fc(x)
        return F.softmax(x, dim=1)


def build():
    return SmallCNN(), (torch.randn(2, 1, 12, 12),)


if __name__ == "__main__":
    model = SmallCNN()
    out = model(torch.randn(2, 1, 12, 12))
