// nn.CircularPad1d/2d/3d (PyTorch 2.1+; not in the 1.13 oracle), from the documentation
// https://pytorch.org/docs/stable/generated/torch.nn.CircularPad2d.html: the input wraps around,
// [N, C, H, W] + (left, right, top, bottom) -> [N, C, H + top + bottom, W + left + right]; the
// batch dim is optional. A padding may not exceed the size it wraps ("padding size should be less
// than or equal to the corresponding input dimension"); negative paddings crop.
// Error texts: the layer's _check_input_dim (pytorch/pytorch torch/nn/modules/padding.py) and
// _pad_circular_symint (aten/src/ATen/native/PadNd.cpp), whose words 1.13's F.pad circular shares.
import { Dim } from '../../shape/dim';
import { tensor, tensorArg } from '../args';
import { padTorch } from '../common/onnx';
import { defineModule, fail, giveUp, type OpContext, type OpDecl } from '../op';
import type { Shape } from '../../shape/shape';
import { layerPads } from './pad';

/** A padding wider than a symbolic size would wrap twice: the size must be at least the padding. */
function requireAtLeast(ctx: OpContext, size: Dim, pad: number): void {
  if (pad <= 0 || size.provablyAtLeast(Dim.of(pad))) return;
  ctx.assumptions.push({ code: 'pad-circular-wrap', lhs: size, rhs: Dim.of(pad), relation: '>=', message: `needs ${size} >= ${pad}` });
}

function circularShape(ctx: OpContext, n: number, x: Shape, pads: readonly number[]): Shape {
  if (x.length !== n + 1 && x.length !== n + 2) {
    fail('pad-rank', 'ValueError', `expected ${n + 1}D or ${n + 2}D input (got ${x.length}D input)`);
  }
  const lead = x.length - n;
  const out = x.slice(0, lead);
  for (let i = 0; i < n; i++) {
    // pads lists (left, right) of the last dim first.
    const [l, r] = [pads[2 * (n - 1 - i)], pads[2 * (n - 1 - i) + 1]];
    const size = x[lead + i];
    const s = size.value;
    if (s !== undefined && !(l <= s && r <= s)) fail('pad-circular-wrap', 'RuntimeError', 'Padding value causes wrapping around more than once.');
    requireAtLeast(ctx, size, Math.max(l, r));
    const padded = size.add(l + r);
    if (padded.value !== undefined && padded.value < 0) fail('pad-negative', 'RuntimeError', 'Negative padding value is resulting in an empty dimension');
    out.push(padded);
  }
  return out;
}

function circularPadLayer(n: number) {
  return defineModule({
    names: [`torch.nn.CircularPad${n}d`],
    init: 'padding',
    forward: 'input',
    params: () => [],
    onnx(g, call) {
      const input = call.args.input;
      return padTorch(g, g.input(input), g.shape(input), layerPads(call.self!.padding, n), 'circular', 0, g.dtype(input));
    },
    rule(self, { input }, ctx) {
      const x = tensorArg(input);
      const pads = layerPads(self.padding, n);
      if (pads.length !== 2 * n) giveUp('a padding tuple of the wrong length');
      return tensor(circularShape(ctx, n, x.shape, pads), x.dtype);
    },
  });
}

export const circularPadOps: readonly OpDecl[] = [circularPadLayer(1), circularPadLayer(2), circularPadLayer(3)];
