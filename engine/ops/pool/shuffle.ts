// nn.PixelShuffle/PixelUnshuffle, nn.ChannelShuffle and their functionals.
// pixel_shuffle: [*, C*r*r, H, W] -> [*, C, H*r, W*r]; channel_shuffle keeps the shape.
import { Dim } from '../../shape/dim';
import type { Shape } from '../../shape/shape';
import type { Value } from '../../value';
import { constIntArg, tensor, tensorArg } from '../args';
import { defineFunction, defineModule, fail, requireEqual, type OpContext } from '../op';
import { sizesText } from './poolShape';

/** `d % m == 0`, PyTorch's error when it is known not to be, an assumption when open. */
function requireDivisible(ctx: OpContext, d: Dim, m: number, code: string, message: string): Dim {
  requireEqual(ctx, d.mod(m)!, Dim.of(0), () => ({ code, exception: 'RuntimeError', message }));
  return d.floordiv(m)!;
}

function pixelShuffle(ctx: OpContext, input: Value, r: number): Value {
  const x = tensorArg(input);
  const s = x.shape;
  if (s.length < 3) fail('pixel-shuffle-rank', 'RuntimeError', `pixel_shuffle expects input to have at least 3 dimensions, but got input with ${s.length} dimension(s)`);
  if (r <= 0) fail('pixel-shuffle-factor', 'RuntimeError', `pixel_shuffle expects a positive upscale_factor, but got ${r}`);
  const [c, h, w] = s.slice(-3);
  const oc = requireDivisible(ctx, c, r * r, 'pixel-shuffle-channels',
    `pixel_shuffle expects its input's 'channel' dimension to be divisible by the square of upscale_factor, but input.size(-3)=${c} is not divisible by ${r * r}`);
  return tensor([...s.slice(0, -3), oc, h.mul(r), w.mul(r)], x.dtype);
}

function pixelUnshuffle(ctx: OpContext, input: Value, r: number): Value {
  const x = tensorArg(input);
  const s = x.shape;
  if (s.length < 3) fail('pixel-unshuffle-rank', 'RuntimeError', `pixel_unshuffle expects input to have at least 3 dimensions, but got input with ${s.length} dimension(s)`);
  if (r <= 0) fail('pixel-unshuffle-factor', 'RuntimeError', `pixel_unshuffle expects a positive downscale_factor, but got ${r}`);
  const [c, h, w] = s.slice(-3);
  const oh = requireDivisible(ctx, h, r, 'pixel-unshuffle-height',
    `pixel_unshuffle expects height to be divisible by downscale_factor, but input.size(-2)=${h} is not divisible by ${r}`);
  const ow = requireDivisible(ctx, w, r, 'pixel-unshuffle-width',
    `pixel_unshuffle expects width to be divisible by downscale_factor, but input.size(-1)=${w} is not divisible by ${r}`);
  return tensor([...s.slice(0, -3), c.mul(r * r), oh, ow], x.dtype);
}

function channelShuffle(ctx: OpContext, input: Value, groups: number): Value {
  const x = tensorArg(input);
  const s: Shape = x.shape;
  if (s.length <= 2) fail('channel-shuffle-rank', 'RuntimeError', `channel_shuffle expects input with > 2 dims, but got input with sizes ${sizesText(s)}`);
  if (groups <= 0) fail('channel-shuffle-groups', 'RuntimeError', `Number of groups to divide channels in must be positive. Value of groups:${groups}`);
  requireDivisible(ctx, s[1], groups, 'channel-shuffle-groups', `Number of channels must be divisible by groups. Got ${s[1]} channels and ${groups} groups.`);
  return tensor(s, x.dtype);
}

export const shuffleOps = [
  defineModule({
    names: ['torch.nn.PixelShuffle'],
    init: 'upscale_factor',
    forward: 'input',
    params: () => [],
    rule: (self, { input }, ctx) => pixelShuffle(ctx, input, constIntArg(self.upscale_factor)),
  }),
  defineFunction({
    names: ['torch.nn.functional.pixel_shuffle', 'torch.pixel_shuffle'],
    signature: 'input, upscale_factor',
    rule: (a, ctx) => pixelShuffle(ctx, a.input, constIntArg(a.upscale_factor)),
  }),
  defineModule({
    names: ['torch.nn.PixelUnshuffle'],
    init: 'downscale_factor',
    forward: 'input',
    params: () => [],
    rule: (self, { input }, ctx) => pixelUnshuffle(ctx, input, constIntArg(self.downscale_factor)),
  }),
  defineFunction({
    names: ['torch.nn.functional.pixel_unshuffle', 'torch.pixel_unshuffle'],
    signature: 'input, downscale_factor',
    rule: (a, ctx) => pixelUnshuffle(ctx, a.input, constIntArg(a.downscale_factor)),
  }),
  defineModule({
    names: ['torch.nn.ChannelShuffle'],
    init: 'groups',
    forward: 'input',
    params: () => [],
    rule: (self, { input }, ctx) => channelShuffle(ctx, input, constIntArg(self.groups)),
  }),
  defineFunction({
    names: ['torch.nn.functional.channel_shuffle', 'torch.channel_shuffle'],
    signature: 'input, groups',
    rule: (a, ctx) => channelShuffle(ctx, a.input, constIntArg(a.groups)),
  }),
];
