// einops as model code imports it: every import form reaches the same declarations, symbolic
// inputs give symbolic hints and warnings naming the divisibility they need, known mismatches
// are errors with einops's text, and what is not followed (callable reductions, unknown kwargs)
// gives no hint rather than a wrong one.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { initPythonParser } from '../../server/frontends/python/parser';
import { analyzePythonText } from '../../server/analyzeFile';

before(async () => {
  await initPythonParser();
});

const hintOf = (text: string, name: string): string | undefined => {
  const h = analyzePythonText(text).hints.find((x) => x.name === name);
  return h?.shapes.map((s) => `[${s.join(', ')}]`).join(' | ');
};

const diagnostics = (text: string): string[] => analyzePythonText(text).diagnostics.map((d) => `${d.severity} ${d.code}: ${d.message}`);

test('import forms: einops, einops.layers.torch, aliases, from-imports', () => {
  const forms = [
    ['import einops', 'einops.rearrange', 'einops.layers.torch.Rearrange'],
    ['import einops.layers.torch', 'einops.rearrange', 'einops.layers.torch.Rearrange'],
    ['import einops.layers.torch as L\nfrom einops import rearrange', 'rearrange', 'L.Rearrange'],
    ['from einops import rearrange\nfrom einops.layers.torch import Rearrange', 'rearrange', 'Rearrange'],
    ['from einops import *\nfrom einops.layers.torch import *', 'rearrange', 'Rearrange'],
  ];
  for (const [imports, fn, layer] of forms) {
    const text = `import torch\n${imports}\nx = torch.randn(2, 3, 8, 8)\ny = ${fn}(x, 'b c h w -> b (h w) c')\nz = ${layer}('b c (h p) w -> b h (p w c)', p=2)(x)\n`;
    assert.equal(hintOf(text, 'y'), '[2, 64, 3]', imports);
    assert.equal(hintOf(text, 'z'), '[2, 4, 48]', imports);
  }
});

test('symbolic input: symbolic hints and a warning per divisibility einops would need', () => {
  const text = `import torch
from einops import rearrange, repeat, reduce

def embed(x):
    # shape: x = [B, C, H, W]
    patches = rearrange(x, 'b c (h p1) (w p2) -> b (h w) (p1 p2 c)', p1=16, p2=16)
    cls = repeat(torch.zeros(1, 1, 768), '1 1 d -> b 1 d', b=x.shape[0])
    pooled = reduce(x, 'b c h w -> b c', 'mean')
    return patches, cls, pooled
`;
  assert.equal(hintOf(text, 'patches'), '[B, (H // 16)*(W // 16), 256*C]');
  assert.equal(hintOf(text, 'cls'), '[B, 1, 768]');
  assert.equal(hintOf(text, 'pooled'), '[B, C]');
  // One warning per place and code, with every condition and when they all hold.
  assert.deepEqual(diagnostics(text), ['warning einops-shape: einops.rearrange: needs H % 16 = 0 and 1 more condition; all hold when H and W are multiples of 16']);
});

test('a known mismatch is an error with the message einops raises', () => {
  const text = `import torch
from einops.layers.torch import Rearrange

layer = Rearrange('b c (h p1) (w p2) -> b (h w) (p1 p2 c)', p1=16, p2=16)
y = layer(torch.randn(2, 3, 30, 32))
bad = Rearrange('b c h w -> b c')
`;
  assert.deepEqual(diagnostics(text), [
    // The layer raises the recipe's own text (einops/einops.py:201), without einops.rearrange's wrapper.
    "error einops-shape: Shape mismatch, can't divide axis of length 30 in chunks of 16",
    // Built with a pattern that drops axes: the layer refuses it at construction (layers/__init__.py:42, einops.py:326).
    "error einops-pattern:  Error while preparing Rearrange('b c h w -> b c')\n Identifiers only on one side of expression (should be on both): {'h', 'w'}",
  ]);
});

test('what is not followed gives no hint', () => {
  const text = `import torch
from einops import reduce, rearrange

def f(x, lengths):
    a = reduce(x, 'b n d -> b d', torch.logsumexp)
    b = rearrange(x, 'b n (h d) -> b h n d', **lengths)
    return a, b

y = f(torch.randn(2, 3, 8), unknown_lengths)
`;
  assert.equal(hintOf(text, 'a'), undefined);
  assert.equal(hintOf(text, 'b'), undefined);
  assert.deepEqual(diagnostics(text).filter((d) => d.startsWith('error')), []);
});
