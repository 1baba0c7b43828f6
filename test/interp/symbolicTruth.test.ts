// The truth of a symbolic size: a size the code names (a required constructor argument) is at
// least 1, so `output_dim or embed_dim` is output_dim; a size nothing names may be 0 and decides
// nothing.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { initPythonParser } from '../../server/frontends/python/parser';
import { analyzePythonText } from '../../server/analyzeFile';

before(async () => {
  await initPythonParser();
});

const labels = (text: string, name: string): string[] =>
  analyzePythonText(text).hints.filter((h) => h.name === name).map((h) => h.shapes.map((s) => `[${s.join(', ')}]`).join(' | '));

test('a named size is true: `out_dim or dim` is out_dim', () => {
  const text = `import torch.nn as nn


class Head(nn.Module):
    def __init__(self, dim, out_dim=None):
        super().__init__()
        self.fc = nn.Linear(dim, out_dim or dim)

    def forward(self, x):
        y = self.fc(x)
        return y


class Model(nn.Module):
    def __init__(self, dim, out_dim):
        super().__init__()
        self.head = Head(dim, out_dim)

    def forward(self, x):
        y = self.head(x)
        return y
`;
  // Head's forward runs inside Model's, with out_dim given: both read out_dim.
  assert.deepEqual(labels(text, 'y'), ['[B, out_dim]', '[B, out_dim]']);
});

test('a size nothing names decides nothing: the length of a list we cannot see', () => {
  const text = `import torch
import torch.nn as nn
from elsewhere import widths

n = len(widths) or 4
layer = nn.Linear(8, n)
y = layer(torch.randn(2, 8))
`;
  assert.deepEqual(labels(text, 'y'), []);
});
