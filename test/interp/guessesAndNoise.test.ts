// What whole repositories showed: a wrong error costs more trust than a missing hint. Errors that
// stand only on what the analyser assumed are warnings naming the assumption; a condition is
// stated once per place, with when it holds; a condition every size meets is not stated at all.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { initPythonParser } from '../../server/frontends/python/parser';
import { analyzePythonText } from '../../server/analyzeFile';
import { hintLabel } from '../../engine/interp/record';

before(async () => {
  await initPythonParser();
});

const fixture = (name: string): string => fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'python', name), 'utf8');

test('a first Linear leaves the rank open: the input forward accepts is kept ([B, N, 4], not [B, 4])', () => {
  const r = analyzePythonText(fixture('invented_inputs.py'));
  assert.deepEqual(r.diagnostics.filter((d) => d.severity === 'error'), []);
  assert.equal(r.diagnostics.find((d) => d.code === 'dim-out-of-range'), undefined, 'softmax(dim=2) fits a 3-D input');
  const x = r.hints.find((h) => h.name === 'action_scores');
  assert.deepEqual(x?.shapes.map(String), ['B,N,2']);
});

test('what fails only under the assumed arguments is a warning that names the guess', () => {
  const r = analyzePythonText(fixture('invented_inputs.py'));
  const view = r.diagnostics.find((d) => d.code === 'view-size');
  assert.equal(view?.severity, 'warning');
  assert.match(view?.explanation ?? '', /only under the arguments assumed for Detect\(\.\.\.\)/);
});

test('the same code called with a real input keeps its error', () => {
  const text = `${fixture('invented_inputs.py')}\np = Policy()\nout = p(torch.randn(5, 4))\n`;
  const errors = analyzePythonText(text).diagnostics.filter((d) => d.severity === 'error');
  assert.deepEqual(errors.map((d) => d.code), ['dim-out-of-range']);
});

const UNET = `import torch
import torch.nn as nn
import torch.nn.functional as F


class Down(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.conv = nn.Conv2d(c, c, 3, padding=1)

    def forward(self, x):
        return F.max_pool2d(self.conv(x), 2)


class UNet(nn.Module):
    def __init__(self, c=4, depth=4):
        super().__init__()
        self.downs = nn.ModuleList([Down(c) for _ in range(depth)])

    def forward(self, x):
        skips = []
        for d in self.downs:
            skips.append(x)
            x = d(x)
        for s in reversed(skips):
            x = F.interpolate(x, scale_factor=2)
            x = torch.cat([x, s], dim=1)[:, :4]
        return x
`;

test('one warning per place and code, with the sizes for which every condition holds', () => {
  const warnings = analyzePythonText(UNET).diagnostics.filter((d) => d.code === 'cat-sizes');
  assert.equal(warnings.length, 1);
  assert.match(warnings[0].message, /^torch\.cat: needs .* and \d+ more conditions; all hold when H and W are multiples of 16$/);
  assert.ok((warnings[0].conditions?.length ?? 0) > 2);
});

test('conditions every size meets are not stated', () => {
  const text = `import torch
x = torch.randn(2, 3, 64, 64)
def f(x):
    b, c, h, w = x.shape
    return x[:, :, h // 16:, -1:]
# shape: x = [B, C, H, W]
def g(x):
    return f(x)
`;
  const r = analyzePythonText(text);
  assert.deepEqual(r.diagnostics.map((d) => d.message), []);
});

test('a place reached with many shapes reads as one shape with ranges; the full list stays in the hint', () => {
  const text = `import torch
def f(x):
    y = x * 2
    return y
for c in [64, 96, 128, 160, 192]:
    f(torch.randn(1, c, 56, 56))
`;
  const y = analyzePythonText(text).hints.find((h) => h.name === 'y')!;
  assert.equal(y.shapes.length, 5);
  assert.equal(hintLabel(y), '[1, 64…192, 56, 56] ×5');
});

test('the same error from several calls is one diagnostic listing each call', () => {
  const text = `import torch
import torch.nn as nn
fc = nn.Linear(3072, 10)
def head(x):
    return fc(x.flatten(1))
a = head(torch.randn(2, 12, 8, 8))
b = head(torch.randn(4, 12, 8, 8))
`;
  const errors = analyzePythonText(text).diagnostics.filter((d) => d.severity === 'error');
  assert.equal(errors.length, 1);
  assert.equal(errors[0].message, 'mat1 and mat2 shapes cannot be multiplied (2x768 and 3072x10)');
  assert.match(errors[0].explanation ?? '', /the same error from 2 calls$/);
  assert.equal(errors[0].related.filter((r) => r.message === 'input supplied by this call').length, 2);
});

test('branches on sizes join only where their equalities make them agree (no shape is invented)', () => {
  // On the Linear path d is 4, so its output is 8 wide; on the Identity path it is d wide, and d
  // is not 4 there: no size is the same on both paths, so the output has no hint.
  const text = `import torch.nn as nn


class Widen(nn.Module):
    def __init__(self, d):
        super().__init__()
        self.proj = nn.Linear(d, 2 * d) if d == 4 else nn.Identity()

    def forward(self, x):
        y = self.proj(x)
        return y
`;
  const r = analyzePythonText(text);
  assert.ok(r.hints.some((h) => h.name === 'x'), 'the input is seeded');
  assert.equal(r.hints.find((h) => h.name === 'y'), undefined);
  assert.deepEqual(r.diagnostics.filter((d) => d.severity === 'error'), []);
});

test('an equal split of a symbolic size says what must divide, not the equation behind it', () => {
  const r = analyzePythonText(fixture('uncalled/split_heads.py'));
  const warnings = r.diagnostics.map((d) => `${d.severity} ${d.code}: ${d.message}`);
  assert.deepEqual([...new Set(warnings)], [
    'warning chunk-size: Tensor.chunk: needs in_features % 2 = 0',
    'warning view-size: Tensor.view: needs dim % heads = 0',
    'warning view-size: Tensor.reshape: needs dim % heads = 0',
  ]);
  // chunk(3) of `dim * 3` divides exactly: no condition there.
  assert.equal(r.diagnostics.filter((d) => d.code === 'chunk-size').length, 1);
});

test('a second input seeded with sizes of its own is given the first input\'s where the code needs them equal: no warning', () => {
  const r = analyzePythonText(fixture('uncalled/keyword_mask.py'));
  assert.deepEqual(r.diagnostics.map((d) => d.message), []);
  const label = (name: string): string[] => r.hints.filter((h) => h.name === name).map((h) => hintLabel(h));
  assert.deepEqual(label('mask'), ['[B, N]']);
  assert.deepEqual(label('dots_mask'), ['[B, 1, N, N]']);
});

test('a seed size the code needs equal to a constructor argument takes its name: no warning', () => {
  const r = analyzePythonText(fixture('uncalled/norm_then_conv.py'));
  assert.deepEqual(r.diagnostics.map((d) => d.message), []);
  assert.deepEqual(r.hints.filter((h) => h.name === 'y').map((h) => hintLabel(h)), ['[B, 2*dim, (N + 1) // 2, (dim + 1) // 2]']);
});

const SQRT_SIDE = `import math

import torch
from torch import nn


class LocalConv(nn.Module):
    def __init__(self, dim: int):
        super().__init__()
        self.conv = nn.Conv2d(dim, dim, 3, padding=1, groups=dim)

    def forward(self, x):
        B, N, C = x.shape
        h = w = int(math.sqrt(N))
        x = x.transpose(1, 2).reshape(B, C, h, w)
        x = self.conv(x)
        return x.flatten(2).transpose(1, 2)
`;

test('a condition on a size of unknown value (int(math.sqrt(N))) is not stated; the hints keep the sizes they know', () => {
  const r = analyzePythonText(SQRT_SIDE);
  assert.deepEqual(r.diagnostics.map((d) => d.message), []);
  const conv = r.hints.filter((h) => h.name === 'x').map((h) => hintLabel(h));
  assert.ok(conv.some((l) => /^\[B, dim, \?, \?\]$/.test(l)), conv.join(' | '));
});
