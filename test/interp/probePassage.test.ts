// A probe input that passed F.interpolate, pooling or F.pad keeps only its batch, channels and rank:
// a later layer that fixes another axis (a Linear's last axis) or a rank the passed op cannot have
// (a Conv1d after a two-axis pad) says nothing of the input, so nothing is hinted (see
// probePassage.ts; the shapes it does give are checked against PyTorch in uncalled/*.py).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { initPythonParser } from '../../server/frontends/python/parser';
import { analyzePythonText } from '../../server/analyzeFile';

before(async () => {
  await initPythonParser();
});

const CASES: Record<string, string> = {
  'a Linear after F.interpolate (its last axis is not the input last axis)': `
class InterpThenLinear(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.fc = nn.Linear(dim, dim)

    def forward(self, x):
        x = F.interpolate(x, scale_factor=2)
        x = self.fc(x)
        return x
`,
  'a Conv1d after a pad of two axes (the input has at least four)': `
class PadLong(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.conv = nn.Conv1d(c, c, 3)

    def forward(self, x):
        x = F.pad(x, (1, 1, 1, 1))
        return self.conv(x)
`,
  'a Linear after nn.AvgPool2d': `
class PoolThenLinear(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.pool = nn.AvgPool2d(2)
        self.fc = nn.Linear(dim, dim)

    def forward(self, x):
        x = self.pool(x)
        return self.fc(x)
`,
};

for (const [name, body] of Object.entries(CASES)) {
  test(`no input is seeded through an op that changed what the next layer fixes: ${name}`, () => {
    const r = analyzePythonText(`import torch\nimport torch.nn as nn\nimport torch.nn.functional as F\n${body}`);
    assert.deepEqual(r.hints.map((h) => h.name), []);
    assert.deepEqual(r.diagnostics.filter((d) => d.severity === 'error'), []);
  });
}
