// A place that a run on assumed inputs (a model nobody calls) reaches once without knowing the
// shape shows no hint: the shapes its other runs gave are not all it holds. A latent-diffusion
// encoder reads its skip list `hs` at `len(hs) - 1`, not known once a loop of unknown count
// appended to it, so the level blocks' line must not show the first level's shape alone
// (PyTorch gives one per level).
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzePythonText } from '../../server/analyzeFile';
import { initPythonParser } from '../../server/frontends/python/parser';
import { LineIndex } from '../../server/lineIndex';
import { Recorder } from '../../engine/interp/record';
import { Dim } from '../../engine/shape/dim';

before(async () => initPythonParser({}));

const ENCODER = `import torch
import torch.nn as nn


class Block(nn.Module):
    def __init__(self, in_channels, out_channels):
        super().__init__()
        self.conv = nn.Conv2d(in_channels, out_channels, 3, padding=1)

    def forward(self, x):
        return self.conv(x)


class Encoder(nn.Module):
    def __init__(self, ch, in_channels, num_res_blocks, ch_mult=(1, 2, 4)):
        super().__init__()
        self.num_resolutions = len(ch_mult)
        self.num_res_blocks = num_res_blocks
        self.conv_in = nn.Conv2d(in_channels, ch, 3, padding=1)
        in_ch_mult = (1,) + tuple(ch_mult)
        self.down = nn.ModuleList()
        for i_level in range(self.num_resolutions):
            block = nn.ModuleList()
            block_in = ch * in_ch_mult[i_level]
            for i_block in range(self.num_res_blocks):
                block.append(Block(block_in, ch * ch_mult[i_level]))
                block_in = ch * ch_mult[i_level]
            down = nn.Module()
            down.block = block
            down.downsample = nn.Conv2d(block_in, block_in, 3, stride=2, padding=1)
            self.down.append(down)

    def forward(self, x):
        hs = [self.conv_in(x)]
        for i_level in range(self.num_resolutions):
            for i_block in range(self.num_res_blocks):
                h = self.down[i_level].block[i_block](hs[len(hs) - 1])
                hs.append(h)
            hs.append(self.down[i_level].downsample(hs[len(hs) - 1]))
        return hs
`;

function hintsByLine(text: string): Map<number, string[]> {
  const index = new LineIndex(text);
  const out = new Map<number, string[]>();
  for (const h of analyzePythonText(text).hints.filter((x) => x.kind === undefined)) {
    const line = index.position(h.range.start).line + 1;
    out.set(line, [...(out.get(line) ?? []), `${h.name}: ${h.shapes.map((s) => `[${s?.join(', ')}]`).join(' | ')}`]);
  }
  return out;
}

test('a level block line reached with an unknown input at a later level shows no first level alone', () => {
  const lines = ENCODER.split('\n');
  const at = (needle: string): number => lines.findIndex((l) => l.includes(needle)) + 1;
  const hints = hintsByLine(ENCODER);
  assert.deepEqual(hints.get(at('hs = [self.conv_in(x)]')), undefined, 'a list holds no tensor hint');
  assert.ok(hints.get(lines.lastIndexOf('    def forward(self, x):') + 1)?.[0].startsWith('x: [B, in_channels, H, W]'), 'the input is seeded');
  // (The runs over assumed counts of num_res_blocks, loopCounts.ts, give the line every level's
  // shape, as a given count does: never the first level's alone.)
  const line = hints.get(at('h = self.down[i_level].block[i_block](hs[len(hs) - 1])'));
  assert.equal(line?.[0].split(' | ').length, 3, String(line));
  assert.deepEqual(line, hintsByLine(ENCODER.replace('num_res_blocks, ch_mult', 'num_res_blocks=2, ch_mult')).get(at('h = self.down[i_level].block[i_block](hs[len(hs) - 1])')));
});

test('the recorder forgets a guessed place reached without a shape, and only under that guess', () => {
  const r = new Recorder();
  const place = { start: 10, end: 11 };
  r.guess = 'the arguments assumed for Encoder(...)';
  r.hint(place, 'h', [Dim.sym('B'), Dim.of(4)], 'float32', undefined);
  r.unknownAt(place);
  r.hint(place, 'h', [Dim.sym('B'), Dim.of(8)], 'float32', undefined);
  assert.deepEqual(r.allHints(), []);
  // Another class's assumed run may still say what it saw there.
  r.guess = 'the arguments assumed for Block(...)';
  r.hint(place, 'h', [Dim.sym('B'), Dim.of(4)], 'float32', undefined);
  assert.equal(r.allHints().length, 1);
  // Outside a guess (the user's own inputs), nothing is forgotten.
  r.guess = undefined;
  const other = { start: 20, end: 21 };
  r.hint(other, 'y', [Dim.of(2)], 'float32', undefined);
  r.unknownAt(other);
  assert.equal(r.allHints().length, 2);
  // A rolled-back run's loss is undone with it.
  r.guess = 'the arguments assumed for Encoder(...)';
  const third = { start: 30, end: 31 };
  r.hint(third, 'z', [Dim.of(3)], 'float32', undefined);
  const mark = r.begin();
  r.unknownAt(third);
  r.rollback(mark);
  assert.equal(r.allHints().length, 3);
});

// A loop of unknown count that reads the list's last item and appends one of another shape: the
// last item after it (and in it) is not known (PyTorch gives [2, 8], [2, 16]... by depth).
const GROW = `import torch
import torch.nn as nn


class Grow(nn.Module):
    def __init__(self, dim, depth):
        super().__init__()
        self.proj = nn.Linear(dim, dim)
        self.depth = depth

    def forward(self, x):
        hs = [self.proj(x)]
        for _ in range(self.depth):
            z = hs[-1]
            hs.append(torch.cat([z, z], -1))
        y = hs[-1]
        return y
`;

test('the last item of a list a loop appends another shape to is not known', () => {
  const lines = GROW.split('\n');
  const at = (needle: string): number => lines.findIndex((l) => l.includes(needle)) + 1;
  const hints = hintsByLine(GROW);
  assert.ok(hints.get(at('def forward(self, x):'))?.[0].startsWith('x: [B, dim]'), 'the input is seeded');
  assert.equal(hints.get(at('z = hs[-1]')), undefined);
  assert.equal(hints.get(at('y = hs[-1]')), undefined);
});

// A loop over blocks of unknown number that pops the skip list: the first pop gives the last item
// appended, the next ones older items of another shape; `y` is not known (PyTorch: [2, 4] for
// depth 2, [2, 8] for depth 1).
const POPS = `import torch
import torch.nn as nn


class Pops(nn.Module):
    def __init__(self, dim, depth):
        super().__init__()
        self.proj = nn.Linear(dim, dim)
        self.blocks = nn.ModuleList([nn.Identity() for _ in range(depth)])

    def forward(self, x):
        hs = []
        for blk in self.blocks:
            hs.append(blk(self.proj(x)))
        hs.append(torch.cat([x, x], -1))
        for blk in self.blocks:
            y = hs.pop()
        return y
`;

test('a pop in a loop of unknown count gives no hint', () => {
  const lines = POPS.split('\n');
  const at = (needle: string): number => lines.findIndex((l) => l.includes(needle)) + 1;
  const hints = hintsByLine(POPS);
  assert.ok(hints.get(at('def forward(self, x):'))?.[0].startsWith('x: [B, dim]'), 'the input is seeded');
  assert.equal(hints.get(at('y = hs.pop()')), undefined);
});
