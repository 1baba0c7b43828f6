// A realistic, deterministic model file of about N lines for benchmarks: many CNN and MLP
// classes, each with a call site, so every forward really runs.
export function syntheticModelFile(lines: number): string {
  const out: string[] = ['import torch', 'import torch.nn as nn', 'import torch.nn.functional as F', ''];
  let i = 0;
  while (out.length < lines) {
    const c = 8 + (i % 5) * 8;
    out.push(
      '',
      `class Net${i}(nn.Module):`,
      `    def __init__(self, num_classes=10):`,
      `        super().__init__()`,
      `        self.conv1 = nn.Conv2d(3, ${c}, 3, padding=1)`,
      `        self.bn1 = nn.BatchNorm2d(${c})`,
      `        self.conv2 = nn.Conv2d(${c}, ${2 * c}, 3, stride=2, padding=1)`,
      `        self.pool = nn.AdaptiveAvgPool2d((4, 4))`,
      `        self.fc1 = nn.Linear(${2 * c} * 4 * 4, 64)`,
      `        self.fc2 = nn.Linear(64, num_classes)`,
      '',
      `    def forward(self, x):`,
      `        x = F.relu(self.bn1(self.conv1(x)))`,
      `        x = F.relu(self.conv2(x))`,
      `        x = self.pool(x)`,
      `        x = x.view(x.size(0), -1)`,
      `        h = F.relu(self.fc1(x))`,
      `        return self.fc2(h)`,
      '',
      '',
      `model${i} = Net${i}()`,
      `out${i} = model${i}(torch.randn(${2 + (i % 4)}, 3, 32, 32))`,
    );
    i++;
  }
  return out.join('\n') + '\n';
}
