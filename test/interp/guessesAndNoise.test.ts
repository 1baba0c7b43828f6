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

// untakenBranches.ts: the path the constructor's defaults do not take is run too, tentatively.
const untakenSource = `
import torch
from torch import nn


class Block(nn.Module):
    def __init__(self, dim, use_proj=False, use_extra=False, downsample=False, debug=False):
        super().__init__()
        self.norm = nn.LayerNorm(dim)
        self.use_proj = use_proj
        self.proj = nn.Linear(dim, dim * 2)
        self.extra = nn.Linear(dim, dim) if use_extra else None
        self.downsample = downsample
        self.reduce = nn.Linear(dim, dim // 2) if downsample else nn.Identity()
        self.debug = debug

    def forward(self, x):
        x = self.norm(x)
        if self.use_proj:
            projected = self.proj(x)
        if self.extra is not None:
            doubled = x * 2
            extra = self.extra(doubled)
        if self.downsample:
            reduced = self.reduce(x)
        if self.debug:
            scaled = x * 3
            product = torch.zeros(2, 3) @ torch.zeros(4, 5)
        return x


class Tokens(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.proj = nn.Conv2d(3, dim, 4, 4)

    def forward(self, x):
        x = self.proj(x)
        if x.ndim == 3:
            transposed = x.transpose(1, 2)
        flat = x.flatten(2)
        return flat
`;

test('the path the defaults do not take is hinted, and its hints say which condition they stand on', () => {
  const r = analyzePythonText(untakenSource);
  const projected = r.hints.find((h) => h.name === 'projected');
  assert.deepEqual(projected?.shapes.map(String), ['B,N,2*dim']);
  assert.match(projected?.assumption ?? '', /with `self\.use_proj` true \(the other path of the configuration\)/);
});

test('a path through modules the constructor built for the defaults (`if downsample: ... else nn.Identity()`) is not run the other way: only a model built with the switch on runs it', () => {
  const r = analyzePythonText(untakenSource);
  // self.reduce is nn.Identity as built with the defaults ([B, N, dim] would be wrong); built with
  // downsample=True it is the Linear of dim // 2, and the hint says so.
  const reduced = r.hints.find((h) => h.name === 'reduced');
  assert.deepEqual(reduced && hintLabel(reduced), '[B, N, dim // 2]');
  // (use_extra, kept as `self.extra = ... if use_extra else None`, is switched on in that build too.)
  assert.match(reduced?.assumption ?? '', /with (?:\w+=True, )*downsample=True/);
});

test('a path the assumed input decides (`if x.ndim == 3`) is not run the other way', () => {
  const r = analyzePythonText(untakenSource);
  assert.ok(r.hints.find((h) => h.name === 'flat'), 'Tokens is hinted');
  assert.equal(r.hints.find((h) => h.name === 'transposed'), undefined);
});

test('a path chosen by a config field the constructor built by is not run the other way; one a guard refuses is', () => {
  const r = analyzePythonText(`
from dataclasses import dataclass
import torch
from torch import nn


@dataclass
class Config:
    dim: int = 8
    gated: bool = False
    pre_norm: bool = True


class Block(nn.Module):
    def __init__(self, config: Config):
        super().__init__()
        if config.gated and not config.pre_norm:
            raise ValueError("gating needs the pre-norm")
        self.norm = nn.LayerNorm(config.dim)
        self.proj = nn.Linear(config.dim, 2 * config.dim if config.gated else config.dim)
        self.config = config

    def forward(self, x):
        h = self.proj(self.norm(x)) if self.config.pre_norm else self.norm(self.proj(x))
        if self.config.gated:
            a, b = h.chunk(2, dim=-1)
            gated = a * torch.sigmoid(b)
        if not self.config.pre_norm:
            post = self.norm(x + h)
        return x + h
`);
  // self.proj is dim wide here, 2*dim the other way: its halves would be wrong.
  assert.equal(r.hints.find((h) => h.name === 'gated'), undefined);
  assert.match(r.hints.find((h) => h.name === 'post')?.assumption ?? '', /with `not self\.config\.pre_norm` true/);
  assert.deepEqual(r.diagnostics, []);
});

test('an untaken path that finds a problem keeps no hint and reports nothing', () => {
  const r = analyzePythonText(untakenSource);
  // self.extra is None by default: on that path what comes before it is known; what it gives
  // comes only from the build with use_extra=True, and says so.
  assert.deepEqual(r.hints.find((h) => h.name === 'doubled')?.shapes.map(String), ['B,N,dim']);
  const extra = r.hints.find((h) => h.name === 'extra');
  assert.ok(extra === undefined || /use_extra=True/.test(extra.assumption ?? ''));
  assert.equal(r.hints.find((h) => h.name === 'scaled'), undefined, 'the product of [2, 3] and [4, 5] fails further on');
  assert.deepEqual(r.diagnostics, []);
});

test('a seed size the model fixes before a real failure further on takes that value: no warning for it', () => {
  // DistillableCubeViT's run fails at the mixin's `repeat` (as it does in PyTorch); the image's
  // channels were fixed before it (the patch Linear's 3*patch_size*patch_size), under the
  // arguments its `**kwargs` pass on to the base.
  const r = analyzePythonText(fixture('uncalled/forwarded_kwargs.py'));
  assert.deepEqual(r.diagnostics.map((d) => d.code), ['einops-pattern']);
  assert.deepEqual(r.hints.filter((h) => h.name === 'img').map((h) => hintLabel(h)), ['[b, 3, h*patch_size, patch_size*w]']);
});

test('of the inputs a first LayerNorm admits, one a block fails on (on a path that may not run) is not chosen: no warning', () => {
  // LayerScale's depth-dependent branches make the blocks' calls paths that may not run, where a
  // failure does not stop the run: [B, dim] would reach Attention's 'b n (h d)' and fail there.
  const r = analyzePythonText(fixture('uncalled/layer_scale_depth.py'));
  assert.deepEqual(r.diagnostics.map((d) => d.message), []);
  // (The input, and the loop's `x`: PyTorch's [2, 5, 6] there too, see uncalledFixtures.)
  assert.deepEqual(r.hints.filter((h) => h.name === 'x' && h.range.start > fixture('uncalled/layer_scale_depth.py').indexOf('class Transformer')).map((h) => hintLabel(h)), ['[B, N, dim]', '[B, N, dim]']);
});

test('a seed size fixed by a model built as an argument takes its value: no warning for it', () => {
  // Adapter's image meets the ViT's patch LayerNorm (3*patch_size*patch_size): its channels are 3,
  // though patch_size is no argument of Adapter's own.
  const text = fixture('uncalled/asserted_model_argument.py');
  const r = analyzePythonText(text);
  const adapter = text.indexOf('class Adapter');
  assert.deepEqual(r.hints.filter((h) => h.name === 'img' && h.range.start > adapter).map((h) => hintLabel(h)), ['[b, 3, h*patch_size, patch_size*w]']);
  assert.deepEqual(r.diagnostics.filter((d) => /nn\.(LayerNorm|Linear)/.test(d.message)).map((d) => d.message), []);
});

test('two constructors asserting each other\'s class as an argument are not built in a circle', () => {
  const text = `import torch
from torch import nn

class A(nn.Module):
    def __init__(self, b, dim):
        super().__init__()
        assert isinstance(b, B)
        self.lin = nn.Linear(dim, dim)

    def forward(self, x):
        return self.lin(x)

class B(nn.Module):
    def __init__(self, a, dim):
        super().__init__()
        assert isinstance(a, A)
        self.lin = nn.Linear(dim, dim)

    def forward(self, x):
        return self.lin(x)
`;
  const r = analyzePythonText(text);
  assert.deepEqual(r.diagnostics.filter((d) => d.severity === 'error'), []);
});

test('a grouped conv whose symbolic groups is not seen to divide its channels (`groups=heads` of `dim` channels) gives no hint and no warning', () => {
  const text = `import torch
import torch.nn as nn


class HeadMixer(nn.Module):
    def __init__(self, dim: int, heads: int):
        super().__init__()
        self.mix = nn.Conv2d(dim, dim, 1, groups=heads)

    def forward(self, x):
        y = self.mix(x)
        return y
`;
  const r = analyzePythonText(text);
  assert.deepEqual(r.diagnostics.map((d) => d.message), []);
  assert.deepEqual(r.hints.filter((h) => h.name === 'y').map((h) => hintLabel(h)), []);
});

test('a config whose size defaults to None that the block handles (`if cfg.window_size is None`: global attention) is built as it stands: no window invented', () => {
  const text = `from dataclasses import dataclass
from typing import Optional, Tuple

import torch
import torch.nn as nn


@dataclass
class AttnCfg:
    dim_head: int = 8
    window_size: Optional[Tuple[int, int]] = None


class Block(nn.Module):
    def __init__(self, dim, cfg: AttnCfg = AttnCfg()):
        super().__init__()
        self.window_size = cfg.window_size
        self.qkv = nn.Linear(dim, dim * 3)

    def forward(self, x):
        B, H, W, C = x.shape
        if self.window_size is None:
            x = x.reshape(B, H * W, C)
        else:
            x = x.reshape(-1, self.window_size[0] * self.window_size[1], C)
        q, k, v = self.qkv(x).chunk(3, dim=-1)
        attn = (q @ k.transpose(-2, -1)).softmax(dim=-1)
        out = attn @ v
        return out
`;
  const r = analyzePythonText(text);
  assert.deepEqual(r.diagnostics.map((d) => d.message), []);
  const labels = r.hints.map((h) => hintLabel(h));
  assert.ok(labels.length > 0 && labels.every((l) => !l.includes('window_size')), labels.join(' | '));
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

test('an assertion on the assumed input size (timm PatchEmbed\'s `_assert(H == self.img_size[0])`) fixes it: no condition stated', () => {
  const r = analyzePythonText(fixture('uncalled/asserted_size.py'));
  assert.deepEqual(r.diagnostics.map((d) => d.message), []);
  assert.deepEqual(r.hints.filter((h) => h.name === 'tokens').map((h) => hintLabel(h)), ['[B, 16, 8]', '[B, 16, 8]']);
});

test('last sizes named without a channels-last image (`T, H, W = x.shape[-3:]`, `h, w = x.shape[-2:]`) seed nothing', () => {
  const text = `import torch
import torch.nn as nn


class Video(nn.Module):
    def __init__(self, dim: int):
        super().__init__()
        self.norm = nn.LayerNorm(dim)

    def forward(self, x):
        T, H, W = x.shape[-3:]
        y = torch.cat([x[..., 0::2, :], x[..., 0::2, :]], -1)
        return self.norm(y)


class Image(nn.Module):
    def __init__(self, dim: int):
        super().__init__()
        self.norm = nn.LayerNorm(dim)

    def forward(self, x):
        h, w = x.shape[-2:]
        y = torch.cat([x[..., 0::2, :], x[..., 0::2, :]], -1)
        return self.norm(y)


class ChannelsLast(nn.Module):
    def __init__(self, dim: int):
        super().__init__()
        self.norm = nn.LayerNorm(2 * dim)

    def forward(self, x):
        H, W, _ = x.shape[-3:]
        y = torch.cat([x[..., 0::2, :], x[..., 0::2, :]], -1)
        return self.norm(y)
`;
  const r = analyzePythonText(text);
  const lineOf = (offset: number): number => text.slice(0, offset).split('\n').length;
  const seeded = r.hints.filter((h) => h.name === 'y').map((h) => lineOf(h.range.start));
  // Only ChannelsLast's y, seeded as [B, H, W, _] (LayerNorm(2 * dim) makes the last axis dim).
  assert.deepEqual(seeded, [34]);
  assert.deepEqual(r.diagnostics, []);
});

test('a statistic of the input widened by a tensor beside it (`v.add(self.extra)`) no longer stands for the input: no hint', () => {
  const text = `import torch
from torch import nn


class Odd(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.extra = nn.Parameter(torch.ones(3, 1, 1, 1))
        self.weight = nn.Parameter(torch.ones(c))

    def forward(self, x):
        v = x.mean(1, keepdim=True)
        w = v.add(self.extra)
        y = x * w
        z = y * self.weight[:, None, None]
        return z
`;
  const r = analyzePythonText(text);
  assert.deepEqual(r.hints.filter((h) => h.name === 'y' || h.name === 'z'), []);
});

test('an input iterated with no annotation, or under a type comment that does not fit the parameters, is not taken for a list of tensors: no hint, nothing reported', () => {
  // (Iterating a tensor walks its first axis: nothing says which one the code means.)
  const text = `from typing import List

import torch
from torch import nn, Tensor


class Unannotated(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(16, 8, 1)

    def forward(self, feats):
        outs = []
        for f in feats:
            y = self.conv(f)
            outs.append(y)
        return outs


class WrongArity(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(16, 8, 1)

    def forward(self, x):
        # type: (List[Tensor], Tensor) -> List[Tensor]
        outs = []
        for f in x:
            y = self.conv(f)
            outs.append(y)
        return outs
`;
  const r = analyzePythonText(text);
  assert.deepEqual(r.hints.filter((h) => h.name === 'f' || h.name === 'y'), []);
  assert.deepEqual(r.diagnostics, []);
});

test('an item of a list input that a later op cannot take whatever its sizes is a warning naming the condition, never an error', () => {
  const text = `from typing import List

import torch
from torch import nn, Tensor


class Mixed(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(16, 8, 1)

    def forward(self, x: List[Tensor]):
        first = x[0]
        y = self.conv(first)
        z = y.view(-1, 7)
        return z
`;
  const r = analyzePythonText(text);
  assert.deepEqual(r.hints.filter((h) => h.name === 'first').map((h) => h.shapes.map(String)), [['B,16,H,W']]);
  assert.deepEqual(r.diagnostics.map((d) => [d.severity, d.message]), [['warning', 'Tensor.view: needs 8*B*H*W % 7 = 0']]);
  const first = r.hints.find((h) => h.name === 'first') as { assumption?: string } | undefined;
  assert.match(first?.assumption ?? '', /x: a list of tensors from its annotation; x\[0\]: \[B, 16, H, W\] from its first layer nn.Conv2d/);
});

test('an input indexed `x[:, None]` then read by an nn.Embedding holds indices: no dtype warning (a plain input, and a dict item as stable diffusion\'s ClassEmbedder reads it)', () => {
  const text = `import torch
from torch import nn


class Plain(nn.Module):
    def __init__(self, embed_dim, n_classes=1000):
        super().__init__()
        self.embedding = nn.Embedding(n_classes, embed_dim)

    def forward(self, x):
        c = x[:, None]
        c = self.embedding(c)
        return c


class Keyed(nn.Module):
    def __init__(self, embed_dim, n_classes=1000, key='class'):
        super().__init__()
        self.key = key
        self.embedding = nn.Embedding(n_classes, embed_dim)

    def forward(self, batch):
        c = batch[self.key][:, None]
        c = self.embedding(c)
        return c
`;
  const r = analyzePythonText(text);
  assert.deepEqual(r.diagnostics, []);
  assert.deepEqual(r.hints.filter((h) => h.name === 'c').map((h) => h.shapes.map(String)), [['B,1'], ['B,1,embed_dim'], ['B,1'], ['B,1,embed_dim']]);
});

test('an early return whose condition does not make its sizes the others\' (`if H == W: return x[:, :, :1]`) gives no hint', () => {
  const r = analyzePythonText(fixture('uncalled/early_return_sizes.py'));
  assert.deepEqual(r.diagnostics, []);
  assert.equal(r.hints.find((h) => h.name === 'y'), undefined);
  // The one whose condition does (`H*W + 1 = 50` where the table is returned as it is) keeps its hint.
  assert.deepEqual(r.hints.find((h) => h.name === 'pos_embed')?.shapes.map(String), ['1,H*W + 1,in_features']);
});

test('a width a constructor cannot settle under assumed arguments (make_divisible of a symbol) is named after its variable; a call with sizes names nothing', () => {
  const model = fixture('uncalled/unsettled_width.py');
  const alone = analyzePythonText(model);
  assert.deepEqual(alone.diagnostics, []);
  assert.deepEqual(alone.hints.find((h) => h.name === 'C')?.shapes.map(String), ['?transformer_dim']);
  // The input, then the 1x1 convolution's output.
  assert.deepEqual(alone.hints.filter((h) => h.name === 'x').slice(0, 2).map((h) => h.shapes.map(String)), [['B,in_chs,H,W'], ['B,?transformer_dim,H,W']]);
  const called = analyzePythonText(`${model}\nblock = PatchBlock(12)\ny = block(torch.randn(2, 12, 5, 6))\n`);
  assert.equal(called.hints.some((h) => h.shapes.some((s) => String(s).includes('?'))), false);
});

test('a rank only tested (`if x.dim() == 4:`), not asserted, seeds nothing', () => {
  const text = `import torch
import torch.nn as nn


class Either(nn.Module):
    def __init__(self, num_features):
        super().__init__()
        self.register_buffer('running_var', torch.ones(num_features))

    def forward(self, x):
        if x.dim() == 4:
            s = x.square().mean(dim=(2, 3), keepdim=True).expand(x.shape)
        else:
            s = x.square().mean(dim=1, keepdim=True).expand(x.shape)
        y = x / s
        return y
`;
  const r = analyzePythonText(text);
  assert.deepEqual(r.diagnostics, []);
  assert.deepEqual(r.hints.filter((h) => h.name === 'y' || h.name === 's'), []);
});

test('x.type(a dtype the analysis cannot read) keeps x\'s shape, its dtype unknown (only x.type() gives a string)', () => {
  // improved-diffusion's UNet: `h = x.type(self.inner_dtype)`, a property over its parameters.
  const text = `import torch
import precision

x = torch.randn(4, 3, 8, 8)
h = x.type(precision.inner_dtype)
name = x.type()
`;
  const r = analyzePythonText(text);
  const h = r.hints.find((x) => x.name === 'h');
  assert.deepEqual(h?.shapes.map(String), ['4,3,8,8']);
  assert.deepEqual(h?.dtypes?.filter((d) => d !== undefined) ?? [], []);
  assert.equal(r.hints.find((x) => x.name === 'name' && x.kind === undefined), undefined);
});

const TWO_ENCODERS = `import torch
from torch import nn

class ConvEncoder(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.stem = nn.Conv2d(3, dim, 3)
        self.head = nn.Linear(dim, dim)

    def forward(self, x):
        return self.head(self.stem(x).mean(dim=(2, 3)))

class TokenEncoder(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.stem = nn.Linear(16, dim)
        self.head = nn.Linear(dim, dim)

    def forward(self, x):
        return self.head(self.stem(x))

class Probe(nn.Module):
    def __init__(self, encoder, num_classes):
        super().__init__()
        self.encoder = encoder
        self.fc = nn.Linear(num_classes, num_classes)

    def forward(self, x):
        h = self.encoder.stem(x)
        z = self.encoder.head(h)
        return z
`;

test('a wrapped model two classes of the file could be (both set what the wrapper reads) is not chosen: no hint in the wrapper', () => {
  const r = analyzePythonText(TWO_ENCODERS);
  const probe = TWO_ENCODERS.indexOf('class Probe');
  assert.deepEqual(r.hints.filter((h) => h.range.start > probe).map((h) => `${h.name} ${hintLabel(h)}`), []);
  assert.deepEqual(r.diagnostics, []);
});

test('a wrapper that runs a model two classes of the file fit takes the first, and its hints say so and name the other', () => {
  const text = `import torch
from torch import nn

class TokenModel(nn.Module):
    def __init__(self, num_tokens, max_seq_len):
        super().__init__()
        self.max_seq_len = max_seq_len
        self.emb = nn.Embedding(num_tokens, 8)

    def forward(self, x):
        return self.emb(x)

class FeatureModel(nn.Module):
    def __init__(self, dim_in, max_seq_len):
        super().__init__()
        self.max_seq_len = max_seq_len
        self.proj = nn.Linear(dim_in, 8)

    def forward(self, x):
        return self.proj(x)

class Wrapper(nn.Module):
    def __init__(self, net):
        super().__init__()
        self.net = net
        self.max_seq_len = net.max_seq_len

    def forward(self, x):
        out = self.net(x)
        return out
`;
  const r = analyzePythonText(text);
  const out = r.hints.find((h) => h.name === 'out');
  assert.ok(out?.assumption?.includes('a TokenModel assumed') && out.assumption.includes('FeatureModel too'), out?.assumption);
});

test('a slice past the cls token of patch tokens (`x[:, 1:]` of [b, (h // p)*(w // p) + 1, dim]) states no condition: every size meets it', () => {
  const text = `import torch
from torch import nn
from einops.layers.torch import Rearrange

class ViT(nn.Module):
    def __init__(self, *, patch_size, dim):
        super().__init__()
        self.to_patch_embedding = nn.Sequential(
            Rearrange('b c (h p1) (w p2) -> b (h w) (p1 p2 c)', p1 = patch_size, p2 = patch_size),
            nn.Linear(3 * patch_size * patch_size, dim),
        )
        self.cls_token = nn.Parameter(torch.randn(1, 1, dim))

    def forward(self, img):
        b, _, h, w = img.shape
        x = self.to_patch_embedding(img)
        cls_tokens = self.cls_token.expand(b, -1, -1)
        x = torch.cat((cls_tokens, x), dim = 1)
        patches = x[:, 1:]
        return patches
`;
  const r = analyzePythonText(text);
  assert.deepEqual(r.hints.filter((h) => h.name === 'patches').map((h) => hintLabel(h)), ['[b, (h // patch_size)*(w // patch_size), dim]']);
  assert.deepEqual(r.diagnostics.filter((d) => d.code === 'slice-bounds').map((d) => d.message), []);
});

test('the image size a flatten into a written-down Linear fixes is put in the input, with no warning; the hover says which sizes fit', () => {
  const r = analyzePythonText(fixture('uncalled/image_size_from_linear.py'));
  assert.deepEqual(r.diagnostics.map((d) => d.message), []);
  const firstOf = (name: string, line: string) => r.hints.find((h) => h.name === name && h.range.start > fixture('uncalled/image_size_from_linear.py').indexOf(line));
  // PyTorch's tutorial CIFAR net: 32 of the sizes 32 to 35 that make 16 * 5 * 5.
  const cifar = firstOf('x', 'class CifarNet');
  assert.equal(cifar && hintLabel(cifar), '[B, 3, 32, 32]');
  assert.match(cifar?.assumption ?? '', /H = W = 32, a square size that .* holds for \(32 to 35 fit\)/);
  const mnist = firstOf('x', 'class MnistNet');
  assert.equal(mnist && hintLabel(mnist), '[B, 1, 28, 28]');
  const images = firstOf('images', 'class Encoder');
  assert.equal(images && hintLabel(images), '[B, in_channels, 64, 64]');
  const ladder = firstOf('x', 'class LadderEncoder');
  assert.equal(ladder && hintLabel(ladder), '[B, in_channels, img_size, img_size]');
});

test('a Linear no square size fits keeps its input symbolic and states its condition', () => {
  const text = `import torch
import torch.nn as nn


class Odd(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 8, 3)
        self.fc = nn.Linear(8 * 7 * 5, 10)

    def forward(self, x):
        h = self.conv(x).flatten(1)
        return self.fc(h)
`;
  const r = analyzePythonText(text);
  assert.equal(r.hints.find((h) => h.name === 'x') && hintLabel(r.hints.find((h) => h.name === 'x')!), '[B, 3, H, W]');
  assert.deepEqual(r.diagnostics.map((d) => d.severity), ['warning']);
});

test('a @torch.jit.script_method forward of a torch.jit.ScriptModule gives the hints its plain Python gives (script_module.py, traced by PyTorch)', () => {
  const plain = fixture('script_module.py');
  const scripted = plain.replace(/\n    def forward\(self, x\):/g, '\n    @torch.jit.script_method\n    def forward(self, x):');
  assert.notEqual(scripted, plain);
  const labels = (text: string) => analyzePythonText(text).hints.map((h) => `${h.name} ${hintLabel(h)}`);
  const want = labels(plain);
  assert.ok(want.some((l) => l.startsWith('logits ')), 'the plain file is hinted to its end');
  assert.deepEqual(labels(scripted), want);
});

test('a class with a forward whose base comes from a library that is not installed (mmcv\'s BaseModule) is a module: the hints nn.Module would give', () => {
  const block = (base: string) => `import torch
import torch.nn as nn
from mmcv.runner import BaseModule


class Projection(${base}):
    def __init__(self, in_channels, out_channels, init_cfg=None):
        super().__init__()
        self.conv = nn.Conv2d(in_channels, out_channels, 1)
        self.norm = nn.BatchNorm2d(out_channels)

    def forward(self, x):
        y = self.norm(self.conv(x))
        return y
`;
  const labels = (text: string) => analyzePythonText(text).hints.map((h) => `${h.name} ${hintLabel(h)}`);
  const want = labels(block('nn.Module'));
  assert.ok(want.some((l) => l.startsWith('y ')));
  assert.deepEqual(labels(block('BaseModule')), want);
  // A class with no forward is not made a module by an unknown base.
  assert.deepEqual(labels(block('BaseModule').replace('def forward', 'def run')), []);
});

test('forward(self, *inputs) that reads inputs[0] is called with the inputs it reads: no "tuple index out of range" from an empty call', () => {
  const text = `import torch
import torch.nn as nn


class Fuse(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.conv = nn.Conv2d(c, c, 1)

    def forward(self, *inputs):
        x = inputs[0]
        if len(inputs) == 2:
            x = x + inputs[1]
        return self.conv(x)
`;
  assert.deepEqual(analyzePythonText(text).diagnostics.map((d) => d.message), []);
});

test('a seed of a rank the code rejects before a raise (`if cos.dim() != 3: raise`) is not kept: no 4-d cos beside a 4-d query', () => {
  const text = `import torch
import torch.nn as nn


def apply_rope(x, cos, sin):
    if cos.dim() != 3:
        raise ValueError("cos must be three-dimensional")
    extra = x.dim() - cos.dim()
    if extra > 0:
        cos = cos.view(cos.shape[0:1] + (1,) * extra + cos.shape[1:])
        sin = sin.view(sin.shape[0:1] + (1,) * extra + sin.shape[1:])
    half = x.size(-1) // 2
    rotated = torch.cat((-x[..., half:], x[..., :half]), dim=-1)
    return x * cos + rotated * sin


class RopeAttention(nn.Module):
    def __init__(self, dim=64, n_head=4):
        super().__init__()
        self.n_head = n_head
        self.qkv = nn.Linear(dim, 3 * dim)

    def forward(self, x, cos, sin):
        B, T, C = x.size()
        q, k, v = self.qkv(x).split(C, dim=-1)
        q = q.view(B, T, self.n_head, C // self.n_head).transpose(1, 2)
        q = apply_rope(q, cos, sin)
        return q
`;
  const r = analyzePythonText(text);
  assert.deepEqual(r.diagnostics.filter((d) => d.severity === 'error'), []);
  const cos = r.hints.filter((h) => h.name === 'cos');
  assert.ok(cos.every((h) => h.shapes.every((s) => s.length === 3)), cos.map(hintLabel).join('; '));
});

// Optional inputs tried as given (analysis.ts seedGivenOptionals): only a run that goes through,
// with every given input described by the code, leaves hints, and it reports nothing.
const optionalInputsSource = `
import torch
from torch import nn
import torch.nn.functional as F
from transformers import AutoConfig

def exists(val):
    return val is not None

class Denoiser(nn.Module):
    def __init__(self, dim, channels=3, lowres_cond=False, max_len=16):
        super().__init__()
        self.init_conv = nn.Conv2d(channels * (1 + int(lowres_cond)), dim, 3, padding=1)
        # (A width with no name: a default argument's would stand for itself, see unknown_default_width.py.)
        self.text_to_cond = nn.Linear(AutoConfig.from_pretrained('t5').d_model, dim)
        self.null_text = nn.Parameter(torch.randn(1, max_len, dim))

    def forward(self, x, lowres_img=None, text_embeds=None):
        assert x.ndim == 4
        if exists(lowres_img):
            stacked = torch.cat((x, lowres_img), dim=1)
            x = stacked
        x = self.init_conv(x)
        if exists(text_embeds):
            keep = torch.zeros(x.shape[0], 1, 1, dtype=torch.bool)
            tokens = self.text_to_cond(text_embeds)
            tokens = torch.where(keep, tokens, self.null_text)
        return x
`;

test('an optional input the model as built cannot take (a concatenation the first conv sizes without it) is not hinted', () => {
  const r = analyzePythonText(optionalInputsSource);
  assert.deepEqual(r.hints.find((h) => h.name === 'x')?.shapes.map(String), ['B,3,H,W']);
  assert.equal(r.hints.find((h) => h.name === 'stacked'), undefined, 'lowres_img would need 3 - C channels, C being 3');
  assert.equal(r.hints.find((h) => h.name === 'lowres_img'), undefined);
  assert.equal(r.hints.find((h) => h.name === 'val'), undefined, 'nor exists() on it');
  assert.deepEqual(r.diagnostics, []);
});

test('an optional input no op describes (a Linear of unknown width) leaves the lines it reaches unhinted', () => {
  const r = analyzePythonText(optionalInputsSource);
  assert.deepEqual(r.hints.find((h) => h.name === 'keep')?.shapes.map(String) ?? [], [], 'the run stands on an input still unknown');
  assert.equal(r.hints.find((h) => h.name === 'tokens'), undefined);
});

test('a size read off an input nothing describes (`heads = attn.shape[1]`) shows no name of the seeding', () => {
  const text = `
import torch
from torch import nn

class TokenSampler(nn.Module):
    def forward(self, attn, value):
        heads, device = attn.shape[1], attn.device
        scores = attn[..., 0, 1:].sum(dim=1)
        return scores
`;
  const r = analyzePythonText(text);
  assert.equal(r.hints.find((h) => h.name === 'heads'), undefined);
});

test('a callable chosen by a condition not known here (`f if use_ddp else g`) runs each choice as a path that may not run: a failure of one is a warning, the other gives the hint', () => {
  const text = `import os
import torch
from einops import rearrange


def squeeze_one(x):
    return rearrange(x, '1 ... -> ...')


def keep(x):
    return x


class Sampler:
    def __init__(self, use_ddp):
        self.sample_fn = squeeze_one if use_ddp else keep

    def run(self, x):
        return self.sample_fn(x)


flag = os.environ.get("DDP") == "1"
y = Sampler(flag).run(torch.randn(8, 3))
`;
  const r = analyzePythonText(text);
  assert.deepEqual(r.diagnostics.map((d) => d.severity), ['warning']);
  // The path that runs keeps the input: what the same call gives with the flag known to be off.
  const off = analyzePythonText(text.replace('flag = os.environ.get("DDP") == "1"', 'flag = False'));
  assert.deepEqual(r.hints.filter((h) => h.name === 'y').map(hintLabel), off.hints.filter((h) => h.name === 'y').map(hintLabel));
  assert.equal(off.hints.filter((h) => h.name === 'y').length, 1);
});

// Python's own index and unpacking failures under what the analysis assumed (a [B, dim] candidate
// beside [B, N, dim]; a default `widths=()` every real caller replaces) are the assumption's: no warning.
const WINDOW_BLOCK = `import torch
import torch.nn as nn


class Attention(nn.Module):
    def __init__(self, dim, num_heads=8):
        super().__init__()
        self.num_heads = num_heads
        self.qkv = nn.Linear(dim, dim * 3)
        self.proj = nn.Linear(dim, dim)

    def forward(self, x, H, W):
        B, N, C = x.shape
        qkv = self.qkv(x).reshape(B, N, 3, self.num_heads, C // self.num_heads).permute(2, 0, 3, 1, 4)
        q, k, v = qkv.unbind(0)
        attn = (q @ k.transpose(-2, -1)).softmax(dim=-1)
        x = (attn @ v).transpose(1, 2).reshape(B, N, C)
        return self.proj(x)


class Block(nn.Module):
    def __init__(self, dim, num_heads, mlp_ratio=4.0):
        super().__init__()
        self.norm1 = nn.LayerNorm(dim)
        self.attn = Attention(dim, num_heads=num_heads)
        self.norm2 = nn.LayerNorm(dim)
        self.mlp = nn.Sequential(nn.Linear(dim, int(dim * mlp_ratio)), nn.GELU(), nn.Linear(int(dim * mlp_ratio), dim))

    def forward(self, x, H, W):
        def _inner_forward(x):
            x = x + self.attn(self.norm1(x), H, W)
            x = x + self.mlp(self.norm2(x))
            return x

        return _inner_forward(x)
`;

const STAGED_NET = `import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self, in_chans=3, widths=(), depths=(), num_classes=1000):
        super().__init__()
        self.stem = nn.Conv2d(in_chans, widths[0], 3, stride=2, padding=1)
        stages = []
        for i in range(1, len(widths)):
            stages += [nn.Conv2d(widths[i - 1], widths[i], 3, stride=2, padding=1) for _ in range(depths[i])]
        self.stages = nn.Sequential(*stages)
        self.head = nn.Linear(widths[-1], num_classes)

    def forward(self, x):
        x = self.stages(self.stem(x))
        return self.head(x.mean((2, 3)))
`;

test('an unpacking of x.shape that fails only on an assumed candidate of another rank is not reported, and the run it stopped leaves no hint', () => {
  const r = analyzePythonText(WINDOW_BLOCK);
  assert.deepEqual(r.diagnostics.filter((d) => d.code === 'python-unpack').map((d) => d.message), []);
  assert.deepEqual(r.diagnostics.filter((d) => d.severity === 'error'), []);
  // (Block's seeding took [B, dim] from its first LayerNorm: no hint of it in Block or Attention.)
  assert.deepEqual(r.hints.filter((h) => h.shapes.some((s) => String(s) === 'B,dim')).map((h) => h.name), []);
  // (Block's own seeding reaches Attention: `H, W`, read only as sizes, are sizes.)
  // (Block's run reaches Attention with H and W beside its known input: Block's own heads.)
  assert.deepEqual(r.hints.filter((h) => h.name === 'attn').map((h) => String(h.shapes[0])), ['B,num_heads,N,N']);
});

test('an index into a default `()` that every real caller replaces is not reported under assumed arguments; a real call keeps it', () => {
  const r = analyzePythonText(STAGED_NET);
  assert.deepEqual(r.diagnostics.filter((d) => d.code === 'python-index').map((d) => d.message), []);
  const called = analyzePythonText(`${STAGED_NET}\nnet = Net()\ny = net(torch.randn(2, 3, 32, 32))\n`);
  assert.deepEqual(called.diagnostics.filter((d) => d.code === 'python-index').map((d) => d.message), ['tuple index out of range']);
});

test('a constructor argument that is a list or a size (`levels: List[int] | int`) is neither: no scalar tensor(levels), no repeat(-1)', () => {
  const text = `
from typing import List
import torch
from torch import nn

class LatentQuant(nn.Module):
    def __init__(self, levels: List[int] | int, dim: int, codebook_dim: int = -1):
        super().__init__()
        lv = torch.tensor(levels, dtype=torch.int32)
        if isinstance(levels, int):
            lv = lv.repeat(codebook_dim)
        self.register_buffer('_levels', lv, persistent=False)
        self.codebook_dim = codebook_dim if codebook_dim > 0 else len(lv)
        self.project_in = nn.Linear(dim, self.codebook_dim)

    def forward(self, z):
        z = self.project_in(z)
        return z
`;
  const r = analyzePythonText(text);
  assert.deepEqual(r.hints.filter((h) => h.name === 'lv'), []);
  assert.deepEqual(r.hints.filter((h) => h.name === 'z').flatMap((h) => h.shapes.map(String)), []);
  // Annotated a list alone, its length is a size of its own.
  const listed = analyzePythonText(text.replace('levels: List[int] | int', 'levels: List[int]'));
  assert.deepEqual(listed.hints.filter((h) => h.name === 'lv').flatMap((h) => h.shapes.map(String)), ['len(levels)']);
  // A negative count makes no shape (PyTorch: "Trying to create tensor with negative dimension -3: [-3]").
  const negative = analyzePythonText('import torch\nx = torch.zeros(3)\ny = x.repeat(-1)\nz = x.repeat(2)\n');
  assert.equal(negative.hints.find((h) => h.name === 'y'), undefined);
  assert.deepEqual(negative.hints.find((h) => h.name === 'z')?.shapes.map(String), ['6']);
});

const uncalled = (name: string): string => fixture(path.join('uncalled', name));
const labelsIn = (text: string, from: string, to: string): string[] => {
  const [start, end] = [text.indexOf(from), text.indexOf(to)];
  return analyzePythonText(text).hints.filter((h) => h.range.start > start && h.range.start < end).map((h) => `${h.name}: ${hintLabel(h)}`);
};

test('stages built over a count nobody gave (`n = (depth - 4) // 6` blocks) read as when the count is given', () => {
  const text = uncalled('counted_stages.py');
  const given = text.replace('def __init__(self, depth, num_classes', 'def __init__(self, depth=16, num_classes');
  // (From its forward on: `n` itself reads as the count given.)
  const forward = (t: string): string[] => labelsIn(t, 'def forward(self, x):\n        out = self.conv1(x)', 'class Pyramid');
  const counted = forward(text);
  assert.ok(counted.filter((l) => l.startsWith('out')).length >= 6, counted.join('\n'));
  assert.deepEqual(counted, forward(given));
});

test('a loop over a count nobody gave that halves the size each time leaves no hint after it, and no diagnostic', () => {
  const text = uncalled('counted_stages.py');
  const r = analyzePythonText(text);
  assert.deepEqual(r.diagnostics, []);
  const after = text.indexOf('for down in self.downs');
  assert.deepEqual(r.hints.filter((h) => h.range.start > after).map((h) => h.name), []);
});

const FIRST_BLOCK_RAISES = `import torch
from torch import nn


class Block(nn.Module):
    def __init__(self, cin, cout):
        super().__init__()
        self.conv = nn.Conv2d(cin, cout, 3, padding=1)

    def forward(self, x):
        h = self.conv(x)
        return x + h


class Net(nn.Module):
    def __init__(self, depth, width=8):
        super().__init__()
        self.stem = nn.Conv2d(3, 4, 3, padding=1)
        self.blocks = nn.Sequential(*[Block(4 if i == 0 else width, width) for i in range(depth)])
        self.head = nn.Conv2d(width, 2, 1)

    def forward(self, img):
        x = self.stem(img)
        x = self.blocks(x)
        y = self.head(x)
        return y
`;

test('runs over assumed counts that stop at a mismatch (the first block adds 4 and 8 channels) keep nothing', () => {
  const r = analyzePythonText(FIRST_BLOCK_RAISES);
  assert.deepEqual(r.diagnostics.filter((d) => d.severity === 'error'), []);
  // (Net's run stops in its first block whatever the count: Block's and Net's later names show only Block's own seeding.)
  assert.deepEqual(r.hints.filter((h) => h.assumption?.includes('Net.forward') && h.name !== 'img' && !(h.name === 'x' && hintLabel(h) === '[B, 4, H, W]')).map((h) => `${h.name}: ${hintLabel(h)}`), []);
});

test('a flag computed from the input (`is_img = x.ndim >= 4`) decides like the test it stands for: its other branch is not run as configuration', () => {
  const model = (test: string, flag: string): string => `import torch
from torch import nn
from einops import rearrange

class Quantizer(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.project_in = nn.Linear(dim, dim)

    def forward(self, x):
${flag}        if ${test}:
            x = rearrange(x, 'b d ... -> b ... d')
        out = self.project_in(x)
        return out
`;
  const hints = (text: string): string[] => analyzePythonText(text).hints.map((h) => `${text.slice(0, h.range.start).split('\n').length} ${hintLabel(h)}`);
  // (The flag's line shifts the rest by one: compare line numbers after it.)
  const direct = hints(model('x.ndim >= 4', '')).map((h) => h.replace(/^(\d+)/, (n) => String(Number(n) >= 11 ? Number(n) + 1 : n)));
  const stored = hints(model('is_img', '        is_img = x.ndim >= 4\n'));
  assert.ok(direct.length >= 3, `hints: ${direct}`);
  assert.deepEqual(stored, direct);
});

const GRID_INPUTS_AS_TENSORS = `import torch
import torch.nn as nn


class Cell(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.fc = nn.Linear(dim, dim)

    def forward(self, x, h):
        h = torch.tanh(self.fc(x) + h)
        return h


class Pair(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.fc = nn.Linear(dim, dim)

    def forward(self, inputs):
        x, mask = inputs
        y = self.fc(x) * mask
        return y


class Scaled(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.fc = nn.Linear(dim, dim)

    def forward(self, x, hw_shape):
        H, W = hw_shape
        y = self.fc(x) * hw_shape.float().mean()
        return y
`;

test('inputs read as tensors are not sizes by their use: a hidden state h, a pair of tensors unpacked, a shape also read as a tensor', () => {
  const r = analyzePythonText(GRID_INPUTS_AS_TENSORS);
  assert.deepEqual(r.diagnostics.filter((d) => d.severity === 'error'), []);
  // No size was made of them: no hint names a size after them.
  assert.deepEqual(r.hints.filter((h) => h.shapes.some((s) => /\bh\b|inputs|hw_shape/.test(String(s)))).map((h) => h.name), []);
  // Scaled's hw_shape is read as a tensor (`.float()`): unpacked, it is not a tuple of sizes H, W.
  assert.deepEqual(r.hints.filter((h) => h.name === 'H' || h.name === 'W').map((h) => hintLabel(h)), []);
});

const WEIGHT_NAMED_W = `import torch
import torch.nn as nn


class Mix(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.fc = nn.Linear(dim, dim)

    def forward(self, x, W):
        y = self.fc(x) @ W
        return y
`;

test('a lone `W` input is no side of a grid (it may be a weight matrix): no size is made of it', () => {
  const r = analyzePythonText(WEIGHT_NAMED_W);
  assert.deepEqual(r.diagnostics.filter((d) => d.severity === 'error'), []);
  assert.deepEqual(r.hints.filter((h) => h.shapes.some((s) => /\bW\b/.test(String(s))) && h.name === 'W').length, 0);
});

test('a helper testing an input (`exists(labels)`) reads the configuration as `labels is not None` does: equal hints', () => {
  const source = (test: string): string => fixture('uncalled/loss_flag_branches.py').replace('if return_loss and not exists(labels):', `if ${test}:`);
  const hints = (text: string): string[] => analyzePythonText(text).hints.map((h) => `${h.name}:${h.shapes.map(String).join('|')}`);
  const withHelper = hints(source('return_loss and not exists(labels)'));
  assert.ok(withHelper.includes('labels:B,T - 1'), withHelper.join(' '));
  assert.deepEqual(withHelper, hints(source('return_loss and labels is None')));
});

test('a slice of an input nobody gives (`x[:, :1]`) read by a LayerNorm says nothing of the input: no hint, no warning', () => {
  const text = `import torch
from torch import nn


class Pooler(nn.Module):
    def __init__(self, n_state, n_embd):
        super().__init__()
        self.ln = nn.LayerNorm(n_state)
        self.proj = nn.Linear(n_state, n_embd)

    def forward(self, x):
        x = self.ln(x[:, :1])
        return self.proj(x[:, 0])
`;
  const r = analyzePythonText(text);
  assert.equal(r.hints.find((h) => h.name === 'x'), undefined);
  assert.deepEqual(r.diagnostics, []);
});

test('a slice from a negative size (x[:, -n:]) hints as the same slice written from the end (x[:, x.shape[1] - n:])', () => {
  const model = (slice: string): string => `import torch
from torch import nn

class Tail(nn.Module):
    def __init__(self, dim, keep):
        super().__init__()
        self.keep = keep
        self.proj = nn.Linear(dim, dim)

    def forward(self, x):
        n = self.keep
        y = self.proj(x)[${slice}]
        return y
`;
  const hintsOf = (slice: string): string[] => analyzePythonText(model(slice)).hints.filter((h) => h.name === 'y').map((h) => hintLabel(h));
  const fromEnd = hintsOf(':, x.shape[1] - n:');
  assert.equal(fromEnd.length, 1);
  assert.deepEqual(hintsOf(':, -n:'), fromEnd);
});

test('an asserted pair of inputs that no run can give (each needs a pretrained encoder) leaves forward without hints and without alarms', () => {
  const r = analyzePythonText(`import torch
from torch import nn
from text_encoders import encode_text, encode_image

def exists(val):
    return val is not None

class Prior(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.net = nn.Linear(dim, dim)

    def forward(self, text=None, image=None):
        assert exists(text) ^ exists(image)
        if exists(text):
            embed = encode_text(text)
        else:
            embed = encode_image(image)
        out = self.net(embed)
        return out
`);
  assert.deepEqual(r.diagnostics, []);
  assert.deepEqual(r.hints.filter((h) => h.name === 'out' || h.name === 'embed'), []);
});

test('an input indexing what the other inputs made (`h[mask]`) is no token ids: only a table of the model\'s own sizes is one', () => {
  const text = `import torch
from torch import nn


class Pick(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.proj = nn.Linear(dim, dim)

    def forward(self, x, mask):
        h = self.proj(x)
        picked = h[mask]
        return picked
`;
  const r = analyzePythonText(text);
  assert.deepEqual(r.diagnostics, []);
  assert.deepEqual(r.hints.filter((h) => h.name === 'mask' || h.name === 'picked'), []);
});

test('a None default the constructor replaces before counting it (`if full_attn is None: full_attn = ...`) keeps its default: the model builds with it', () => {
  const text = `import torch
from torch import nn


class Stages(nn.Module):
    def __init__(self, dim=8, full_attn=None):
        super().__init__()
        if full_attn is None:
            full_attn = (False, True)
        assert len(full_attn) == 2
        self.full_attn = full_attn
        self.proj = nn.Linear(dim, dim)

    def forward(self, x):
        y = self.proj(x)
        return y
`;
  const r = analyzePythonText(text);
  assert.equal(r.hints.filter((h) => h.name === 'y').length, 1);
  assert.deepEqual(r.diagnostics, []);
});

const LAYERS_FAMILY = (subclassForward: string): string => `import torch
from torch import nn


class Layers(nn.Module):
    def __init__(self, dim, depth=2):
        super().__init__()
        self.dim = dim
        self.layers = nn.ModuleList([nn.Linear(dim, dim) for _ in range(depth)])

    def forward(self, x):
        for layer in self.layers:
            x = layer(x)
        return x


class Pooled(Layers):
    def __init__(self, **kwargs):
        super().__init__(depth=3, **kwargs)
${subclassForward}

class Wrapper(nn.Module):
    def __init__(self, layers, num_classes=10):
        super().__init__()
        self.layers = layers
        self.head = nn.Linear(layers.dim, num_classes)

    def forward(self, x):
        h = self.layers(x)
        logits = self.head(h)
        return logits
`;

test('a wrapper argument read once and called is the root of the one family that fits only when no subclass has a forward of its own', () => {
  const hintOf = (text: string): string[] | undefined => analyzePythonText(text).hints.find((h) => h.name === 'h')?.shapes.map(String);
  // Pooled only changes Layers' defaults: the wrapper runs Layers' forward either way.
  assert.deepEqual(hintOf(LAYERS_FAMILY('')), ['B,dim']);
  // Pooled's own forward gives another shape: which one the user wraps is not said.
  const own = LAYERS_FAMILY('\n    def forward(self, x):\n        return super().forward(x).mean(1)\n');
  assert.equal(hintOf(own), undefined);
});

test('a scale factor of sizes whose product with the input size may round either way (`w0 / M`, no offset) gives no size; with DINO\'s offset of 0.1 it does', () => {
  const withOffset = fixture('uncalled/offset_interpolation.py');
  const noOffset = withOffset.replace('sx = float(w0 + self.interpolate_offset) / M', 'sx = w0 / M').replace('sy = float(h0 + self.interpolate_offset) / M', 'sy = h0 / M');
  assert.notEqual(noOffset, withOffset);
  const resized = (text: string): string[] | undefined => {
    const r = analyzePythonText(text);
    const line = text.split('\n').findIndex((l) => l.includes('patch_pos_embed = nn.functional.interpolate('));
    const lineStart = text.split('\n').slice(0, line).join('\n').length + 1;
    return r.hints.find((h) => h.name === 'patch_pos_embed' && h.range.start >= lineStart && h.range.start < lineStart + 60)?.shapes.map(String);
  };
  assert.deepEqual(resized(withOffset), ['1,32,w // 16,h // 16']);
  assert.equal(resized(noOffset), undefined);
});

test('timm\'s own build_model_with_cfg, read from a workspace that holds timm, builds the model class as the stand-in does: the same hints', () => {
  const copied = fixture('uncalled/registry_factories.py');
  // Its registry is filled by decorators all over timm: here it looks empty, and the body would raise.
  const own = copied.replace('from timm.models._builder import build_model_with_cfg\n', `
_pretrained_cfgs = {}


def build_model_with_cfg(model_cls, variant, pretrained, pretrained_cfg=None, model_cfg=None, kwargs_filter=None, **kwargs):
    if variant not in _pretrained_cfgs:
        raise RuntimeError(f'Invalid model {variant}')
    return model_cls(**kwargs)
`);
  assert.notEqual(own, copied);
  const hintsOf = (text: string): string[] => {
    const lines = text.split('\n');
    const body = lines.findIndex((l) => l.startsWith('class InvertedResidual'));
    const offset = lines.slice(0, body).join('\n').length;
    return analyzePythonText(text).hints.filter((h) => h.range.start > offset).map((h) => `${text.slice(0, h.range.start).split('\n').length - body} ${h.name}: ${hintLabel(h)}`);
  };
  const expected = hintsOf(copied);
  assert.ok(expected.length > 10);
  assert.deepEqual(hintsOf(own), expected);
});

test('an untaken `if self.drop_rate > 0:` path reads the rate as a number not known: dropout keeps its hint, a size computed from the rate is not known', () => {
  const text = `import torch
from torch import nn
import torch.nn.functional as F


class Layer(nn.Module):
    def __init__(self, dim=8, drop_rate=0.):
        super().__init__()
        self.fc = nn.Linear(dim, dim)
        self.drop_rate = drop_rate

    def forward(self, x):
        y = self.fc(x)
        if self.drop_rate > 0:
            dropped = F.dropout(y, p=self.drop_rate, training=self.training)
            keep = int(y.shape[0] * (1 - self.drop_rate))
            kept = y[:keep]
        return y
`;
  const hints = analyzePythonText(text).hints;
  const at = (name: string): string[] | undefined => hints.find((h) => h.name === name)?.shapes.map(String);
  assert.deepEqual(at('dropped'), at('y'));
  assert.ok(at('y'));
  assert.equal(at('keep'), undefined);
  // (Its rows are a size not known: `?`, never the B of the path not taken.)
  assert.ok(at('kept') === undefined || at('kept')!.every((s) => s.startsWith('?,')), String(at('kept')));
});

test('a table read at a size nobody gave gives a size only where every entry is one (`channels[size]`); a table of other things stays unknown', () => {
  const model = (table: string): string => `import torch
from torch import nn


class Block(nn.Module):
    def __init__(self, size):
        super().__init__()
        table = ${table}
        self.conv = nn.Conv2d(3, table[size], 1)

    def forward(self, x):
        y = self.conv(x)
        return y
`;
  const sizes = analyzePythonText(model('{4: 512, 8: 256}'));
  assert.deepEqual(sizes.hints.filter((h) => h.name === 'y').map((h) => h.shapes.map(String)), [['B,table[size],H,W']]);
  assert.deepEqual(sizes.diagnostics, []);
  // (A mix of a size and a name: nothing to read a channel count from.)
  const mixed = analyzePythonText(model('{4: 512, 8: "wide"}'));
  assert.deepEqual(mixed.hints.filter((h) => h.name === 'y'), []);
  assert.deepEqual(mixed.diagnostics.filter((d) => d.severity === 'error'), []);
});

test('an untaken branch on a float input runs only for a probability: `if scale != 1.:` around an interpolation keeps no hint of the unscaled size', () => {
  const text = `import torch
from torch import nn
import torch.nn.functional as F


class Resampler(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.proj = nn.Conv2d(dim, dim, 1)

    def forward(self, x, scale=1., drop_prob=0.):
        x = self.proj(x)
        if scale != 1.:
            x = F.interpolate(x, scale_factor=scale)
        if drop_prob > 0.:
            keep = torch.rand(x.shape[0], device=x.device) >= drop_prob
            x = x * keep[:, None, None, None]
        return x
`;
  const r = analyzePythonText(text);
  const lineOf = (h: { range: { start: number } }): number => text.slice(0, h.range.start).split('\n').length;
  assert.deepEqual(r.hints.filter((h) => lineOf(h) === 14), [], 'the interpolation under scale != 1. is not run with scale = 1.');
  assert.equal(r.hints.filter((h) => h.name === 'keep').length, 1, 'the dropout mask under drop_prob > 0. is');
  assert.deepEqual(r.diagnostics, []);
});

test("a docstring's shape seeds only an input the code says nothing of: the code's own unpacking and layers come first, and prose or `...` give no shape", () => {
  const text = `import torch
from torch import nn


class Stale(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.proj = nn.Conv2d(dim, dim, 1)

    def forward(self, x):
        """x: input features with shape of (B, N, C)"""
        b, c, h, w = x.shape
        y = self.proj(x)
        return y


class Vague(nn.Module):
    def forward(self, x, y):
        """
        Args:
            x (Tensor): a tensor of any size (...), scaled.
            y (Tensor): the same shape as x.
        """
        out = x * 2
        return out + y
`;
  const r = analyzePythonText(text);
  const y = r.hints.find((h) => h.name === 'y' && h.shapes.length > 0 && text.slice(h.range.start - 8, h.range.start).includes('    '));
  const stale = analyzePythonText(`import torch
from torch import nn


class Detect(nn.Module):
    def forward(self, loc_data, prior_data):
        """
        Args:
            loc_data: (tensor) Loc preds from loc layers
                Shape: [batch,num_priors*4]
            prior_data: (tensor) Prior boxes and variances from priorbox layers
                Shape: [1,num_priors,4]
        """
        num = loc_data.size(0)
        boxes = loc_data.view(num, prior_data.size(0), 4)
        return boxes
`);
  assert.deepEqual(stale.hints.map((h) => h.name), [], 'a docstring the code contradicts (a view that cannot hold) leaves nothing');
  assert.equal(y && hintLabel(y), '[b, dim, h, w]', "the stale docstring's rank is not used");
  assert.deepEqual(r.hints.filter((h) => h.name === 'out'), [], 'no shape from prose');
  assert.deepEqual(r.diagnostics.filter((d) => d.severity === 'error'), []);
});

test('an input the code inverts (`~padding`) is seeded as booleans whatever its name: no complaint that floats have no bitwise not', () => {
  const text = `import torch
from torch import nn


class Rows(nn.Module):
    def forward(self, padding):
        keep = ~padding
        rows = keep.cumsum(1, dtype=torch.float32)
        out = rows[:, :, :, None] * 2
        return out
`;
  const r = analyzePythonText(text);
  assert.deepEqual(r.diagnostics, []);
  assert.deepEqual(r.hints.find((h) => h.name === 'padding')?.dtypes, ['bool']);
  assert.equal(r.hints.find((h) => h.name === 'out')?.shapes[0]?.length, 4);
});
