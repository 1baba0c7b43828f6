// nn.PixelShuffle/PixelUnshuffle, nn.ChannelShuffle and their functionals.
// pixel_shuffle: [*, C*r*r, H, W] -> [*, C, H*r, W*r]; channel_shuffle keeps the shape.
import { Dim } from '../../shape/dim';
import type { Shape } from '../../shape/shape';
import type { Value } from '../../value';
import { constIntArg, tensor, tensorArg } from '../args';
import { defineFunction, defineModule, fail, requireEqual, type OpContext } from '../op';
import { sizesText } from './poolShape';
import type { OnnxGraph } from '../lowering';
import { reshapeTo } from '../common/onnx';

/** Leading dims folded into one batch dim: [*, C, H, W] -> [B, C, H, W]. */
function batched(g: OnnxGraph, input: Value): { x: string; b: number; c: number; h: number; w: number } {
  const s = g.shape(input);
  const [c, h, w] = s.slice(-3);
  const b = s.slice(0, -3).reduce((p, q) => p * q, 1);
  return { x: reshapeTo(g, g.input(input), [b, c, h, w]), b, c, h, w };
}

/** [B, C r r, H, W] -> [B, C, r, r, H, W] -> [B, C, H, r, W, r] -> [*, C, H r, W r]. */
function lowerPixelShuffle(g: OnnxGraph, input: Value, r: number, out: Value): string {
  const { x, b, c, h, w } = batched(g, input);
  const oc = c / (r * r);
  const t = g.op('Transpose', [reshapeTo(g, x, [b, oc, r, r, h, w])], { perm: [0, 1, 4, 2, 5, 3] });
  return reshapeTo(g, t, g.shape(out));
}

/** [B, C, H, W] -> [B, C, H/r, r, W/r, r] -> [B, C, r, r, H/r, W/r] -> [*, C r r, H/r, W/r]. */
function lowerPixelUnshuffle(g: OnnxGraph, input: Value, r: number, out: Value): string {
  const { x, b, c, h, w } = batched(g, input);
  const t = g.op('Transpose', [reshapeTo(g, x, [b, c, h / r, r, w / r, r])], { perm: [0, 1, 3, 5, 2, 4] });
  return reshapeTo(g, t, g.shape(out));
}

/** [N, C, *] -> [N, groups, C/groups, *] -> swap the two -> [N, C, *]. */
function lowerChannelShuffle(g: OnnxGraph, input: Value, groups: number): string {
  const s = g.shape(input);
  const rest = s.slice(2).reduce((p, q) => p * q, 1);
  const grouped = reshapeTo(g, g.input(input), [s[0], groups, s[1] / groups, rest]);
  return reshapeTo(g, g.op('Transpose', [grouped], { perm: [0, 2, 1, 3] }), s);
}

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
    onnx: (g, call) => lowerPixelShuffle(g, call.args.input, constIntArg(call.self!.upscale_factor), call.output),
    rule: (self, { input }, ctx) => pixelShuffle(ctx, input, constIntArg(self.upscale_factor)),
  }),
  defineFunction({
    names: ['torch.nn.functional.pixel_shuffle', 'torch.pixel_shuffle'],
    signature: 'input, upscale_factor',
    onnx: (g, call) => lowerPixelShuffle(g, call.args.input, constIntArg(call.args.upscale_factor), call.output),
    rule: (a, ctx) => pixelShuffle(ctx, a.input, constIntArg(a.upscale_factor)),
  }),
  defineModule({
    names: ['torch.nn.PixelUnshuffle'],
    init: 'downscale_factor',
    forward: 'input',
    params: () => [],
    onnx: (g, call) => lowerPixelUnshuffle(g, call.args.input, constIntArg(call.self!.downscale_factor), call.output),
    rule: (self, { input }, ctx) => pixelUnshuffle(ctx, input, constIntArg(self.downscale_factor)),
  }),
  defineFunction({
    names: ['torch.nn.functional.pixel_unshuffle', 'torch.pixel_unshuffle'],
    signature: 'input, downscale_factor',
    onnx: (g, call) => lowerPixelUnshuffle(g, call.args.input, constIntArg(call.args.downscale_factor), call.output),
    rule: (a, ctx) => pixelUnshuffle(ctx, a.input, constIntArg(a.downscale_factor)),
  }),
  defineModule({
    names: ['torch.nn.ChannelShuffle'],
    init: 'groups',
    forward: 'input',
    params: () => [],
    onnx: (g, call) => lowerChannelShuffle(g, call.args.input, constIntArg(call.self!.groups)),
    rule: (self, { input }, ctx) => channelShuffle(ctx, input, constIntArg(self.groups)),
  }),
  defineFunction({
    names: ['torch.nn.functional.channel_shuffle', 'torch.channel_shuffle'],
    signature: 'input, groups',
    onnx: (g, call) => lowerChannelShuffle(g, call.args.input, constIntArg(call.args.groups)),
    rule: (a, ctx) => channelShuffle(ctx, a.input, constIntArg(a.groups)),
  }),
];
