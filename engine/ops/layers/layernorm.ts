// LayerNorm, GroupNorm and LocalResponseNorm (modules and functions): [N, *] -> [N, *].
import type { Value } from '../../value';
import { floatArg, isNone } from '../args';
import { normInit } from '../common/init';
import { float, type OnnxGraph } from '../lowering';
import type { BoundArgs } from '../signature';
import { channelAffine, normalizeOver } from './lowerNorm';
import { Dim } from '../../shape/dim';
import type { Shape } from '../../shape/shape';
import { DEFAULT_FLOAT } from '../dtype';
import { boolArg, intArg, intsArg, optTensorArg, tensorArg, wrapDim } from '../args';
import { defineFunction, defineModule, fail, requireEqual, type OpContext, type OpDecl } from '../op';
import { listText, prod, sameAs } from './common';

/** normalized_shape must be the input's trailing dimensions. */
export function layerNormCheck(ctx: OpContext, input: Shape, ns: readonly Dim[]): void {
  if (ns.length === 0) {
    fail('layernorm-shape', 'RuntimeError', 'Expected normalized_shape to be at least 1-dimensional, i.e., containing at least one element, but got normalized_shape = []');
  }
  const message = `Given normalized_shape=${listText(ns)}, expected input with shape [*${ns.map((d) => `, ${d}`).join('')}], but got input of size${listText(input)}`;
  if (input.length < ns.length) fail('layernorm-shape', 'RuntimeError', message);
  const tail = input.slice(input.length - ns.length);
  tail.forEach((d, i) =>
    requireEqual(ctx, d, ns[i], () => ({ code: 'layernorm-shape', exception: 'RuntimeError', message, fixes: [{ param: 'normalized_shape', value: d }] })));
}

/** weight/bias of F.layer_norm must have exactly normalized_shape. */
export function affineCheck(ctx: OpContext, name: string, shape: Shape | undefined, ns: readonly Dim[]): void {
  if (shape === undefined) return;
  const message = `Expected ${name} to be of same shape as normalized_shape, but got ${name} of shape ${listText(shape)} and normalized_shape = ${listText(ns)}`;
  if (shape.length !== ns.length) fail('layernorm-weight', 'RuntimeError', message);
  shape.forEach((d, i) => requireEqual(ctx, d, ns[i], () => ({ code: 'layernorm-weight', exception: 'RuntimeError', message })));
}

/** LayerNormalization over the last `n` axes (opset 17), with ones/zeros when not affine. */
function lowerLayerNorm(g: OnnxGraph, input: Value, n: number, weight: string | undefined, bias: string | undefined, eps: number): string {
  const shape = g.shape(input);
  const normShape = shape.slice(shape.length - n);
  const count = normShape.reduce((a, b) => a * b, 1);
  g.flops(5 * shape.reduce((a, b) => a * b, 1));
  const scale = weight ?? g.constant(new Float32Array(count).fill(1), normShape, 'float32');
  const inputs = [g.input(input), scale];
  if (bias) inputs.push(bias);
  return g.op('LayerNormalization', inputs, { axis: -n, epsilon: float(eps) });
}

/** GroupNorm: statistics per (sample, group) over [C/G, *spatial], then the per-channel affine. */
function lowerGroupNorm(g: OnnxGraph, input: Value, groups: number, weight: string | undefined, bias: string | undefined, eps: number): string {
  const shape = g.shape(input);
  const grouped = g.op('Reshape', [g.input(input), g.ints([shape[0], groups, -1])]);
  const normalized = g.op('Reshape', [normalizeOver(g, grouped, [2], eps), g.ints(shape)]);
  g.flops(5 * shape.reduce((a, b) => a * b, 1));
  return channelAffine(g, normalized, shape.length, weight, bias);
}

/** LocalResponseNorm, PyTorch's form: x / (k + alpha/n * sum of squares over n channels)^beta. */
function lowerLrn(g: OnnxGraph, input: Value, a: BoundArgs): string {
  const shape = g.shape(input);
  if (shape.length < 3) return g.noKernel('local_response_norm on a rank < 3 input');
  // PyTorch pads size//2 channels before and (size-1)//2 after; ONNX LRN centres the same way.
  const size = g.int(a.size);
  if (size % 2 === 0) return g.noKernel('local_response_norm with an even size (its window is not centred as in ONNX)');
  // onnxruntime's LRN takes 4-D [N, C, H, W]: fold the spatial dims into one.
  const rest = shape.slice(2).reduce((p, q) => p * q, 1);
  const x = g.op('Reshape', [g.input(input), g.ints([shape[0], shape[1], rest, 1])]);
  const y = g.op('LRN', [x], { size, alpha: float(floatArg(a.alpha)), beta: float(floatArg(a.beta)), bias: float(floatArg(a.k)) });
  return g.op('Reshape', [y, g.ints(shape)]);
}

export const LayerNorm = defineModule({
  names: ['torch.nn.LayerNorm'],
  // `bias` came in PyTorch 2.1 (`nn.LayerNorm(dim, bias=False)`, lucidrains' newer models): not in
  // the 1.13 oracle; torch/nn/modules/normalization.py of 2.1, and its documentation
  // https://pytorch.org/docs/stable/generated/torch.nn.LayerNorm.html (no bias parameter when False).
  init: 'normalized_shape, eps=1e-05, elementwise_affine=True, bias=True, device=None, dtype=None',
  forward: 'input',
  reset: normInit,
  onnx(g, call) {
    const self = call.self!;
    const n = g.hasParam('weight') ? g.paramShape('weight').length : intsArg(self.normalized_shape).length;
    return lowerLayerNorm(g, call.args.input, n, g.hasParam('weight') ? g.param('weight') : undefined,
      g.hasParam('bias') ? g.param('bias') : undefined, floatArg(self.eps));
  },
  params(self) {
    const ns = intsArg(self.normalized_shape);
    if (!boolArg(self.elementwise_affine)) return [];
    const weight = { name: 'weight', shape: ns, dtype: DEFAULT_FLOAT };
    return boolArg(self.bias) ? [weight, { name: 'bias', shape: ns, dtype: DEFAULT_FLOAT }] : [weight];
  },
  rule(self, { input }, ctx) {
    const x = tensorArg(input);
    layerNormCheck(ctx, x.shape, intsArg(self.normalized_shape));
    return sameAs(x);
  },
});

export const layer_norm = defineFunction({
  names: ['torch.nn.functional.layer_norm'],
  signature: 'input, normalized_shape, weight=None, bias=None, eps=1e-05',
  onnx: (g, { args }) => lowerLayerNorm(g, args.input, intsArg(args.normalized_shape).length,
    isNone(args.weight) ? undefined : g.input(args.weight), isNone(args.bias) ? undefined : g.input(args.bias), floatArg(args.eps)),
  rule(args, ctx) {
    const x = tensorArg(args.input);
    const ns = intsArg(args.normalized_shape);
    affineCheck(ctx, 'weight', optTensorArg(args.weight)?.shape, ns);
    affineCheck(ctx, 'bias', optTensorArg(args.bias)?.shape, ns);
    layerNormCheck(ctx, x.shape, ns);
    return sameAs(x);
  },
});

/** group_norm: C must split into num_groups; weight and bias hold C values. */
function groupNormCheck(ctx: OpContext, input: Shape, groups: Dim, weight: Shape | undefined, bias: Shape | undefined, fix: boolean): void {
  wrapDim(1, input.length); // input.size(1)
  const [n, c] = input;
  const perGroup = n.mul(c).floordiv(groups);
  if (perGroup === undefined) fail('groupnorm-zero-groups', 'ZeroDivisionError', 'integer division or modulo by zero');
  // _verify_batch_size multiplies size[0] and size[2:] of [N*C // G, G, *]: G itself is left out.
  const count = prod([perGroup, ...input.slice(2)]).value;
  if (count === 1) {
    fail('batchnorm-one-value', 'ValueError', `Expected more than 1 value per channel when training, got input size ${listText([perGroup, groups, ...input.slice(2)])}`);
  }
  requireEqual(ctx, c.mod(groups)!, Dim.of(0), () => ({
    code: 'groupnorm-channels', exception: 'RuntimeError',
    message: `Expected number of channels in input to be divisible by num_groups, but got input of shape ${listText(input)} and num_groups=${groups}`,
  }));
  for (const [name, shape] of [['weight', weight], ['bias', bias]] as const) {
    if (shape === undefined) continue;
    const message = `Expected ${name} to be a vector of size equal to the number of channels in input, but got ${name} of shape ${listText(shape)} and input of shape ${listText(input)}`;
    if (shape.length !== 1) fail('groupnorm-weight', 'RuntimeError', message);
    requireEqual(ctx, shape[0], c, () => ({
      code: 'groupnorm-weight', exception: 'RuntimeError', message, fixes: fix ? [{ param: 'num_channels', value: c }] : undefined,
    }));
  }
}

export const GroupNorm = defineModule({
  names: ['torch.nn.GroupNorm'],
  init: 'num_groups, num_channels, eps=1e-05, affine=True, device=None, dtype=None',
  forward: 'input',
  reset: normInit,
  onnx: (g, call) => lowerGroupNorm(g, call.args.input, g.int(call.self!.num_groups),
    g.hasParam('weight') ? g.param('weight') : undefined, g.hasParam('bias') ? g.param('bias') : undefined, floatArg(call.self!.eps)),
  check(self, ctx) {
    const g = intArg(self.num_groups);
    const c = intArg(self.num_channels);
    const r = c.mod(g);
    if (r === undefined) fail('groupnorm-zero-groups', 'ZeroDivisionError', 'integer modulo by zero');
    requireEqual(ctx, r, Dim.of(0), () => ({ code: 'groupnorm-groups', exception: 'ValueError', message: 'num_channels must be divisible by num_groups' }));
  },
  params(self) {
    const c = intArg(self.num_channels);
    return boolArg(self.affine) ? [{ name: 'weight', shape: [c], dtype: DEFAULT_FLOAT }, { name: 'bias', shape: [c], dtype: DEFAULT_FLOAT }] : [];
  },
  rule(self, { input }, ctx) {
    const x = tensorArg(input);
    const c = intArg(self.num_channels);
    const w = boolArg(self.affine) ? [c] : undefined;
    groupNormCheck(ctx, x.shape, intArg(self.num_groups), w, w, true);
    return sameAs(x);
  },
});

export const group_norm = defineFunction({
  names: ['torch.nn.functional.group_norm'],
  signature: 'input, num_groups, weight=None, bias=None, eps=1e-05',
  onnx: (g, { args }) => lowerGroupNorm(g, args.input, g.int(args.num_groups),
    isNone(args.weight) ? undefined : g.input(args.weight), isNone(args.bias) ? undefined : g.input(args.bias), floatArg(args.eps)),
  rule(args, ctx) {
    const x = tensorArg(args.input);
    groupNormCheck(ctx, x.shape, intArg(args.num_groups), optTensorArg(args.weight)?.shape, optTensorArg(args.bias)?.shape, false);
    return sameAs(x);
  },
});

function lrnCheck(input: Shape): void {
  if (input.length < 3) {
    // PyTorch's message carries the indentation of its source line.
    fail('lrn-rank', 'ValueError', `Expected 3D or higher dimensionality                          input (got ${input.length} dimensions)`);
  }
}

export const LocalResponseNorm = defineModule({
  names: ['torch.nn.LocalResponseNorm'],
  init: 'size, alpha=0.0001, beta=0.75, k=1.0',
  forward: 'input',
  params: () => [],
  onnx: (g, call) => lowerLrn(g, call.args.input, call.self!),
  rule(_self, { input }) {
    const x = tensorArg(input);
    lrnCheck(x.shape);
    return sameAs(x);
  },
});

export const local_response_norm = defineFunction({
  names: ['torch.nn.functional.local_response_norm'],
  signature: 'input, size, alpha=0.0001, beta=0.75, k=1.0',
  onnx: (g, { args }) => lowerLrn(g, args.input, args),
  rule(args) {
    const x = tensorArg(args.input);
    lrnCheck(x.shape);
    return sameAs(x);
  },
});

export const layerNormOps: readonly OpDecl[] = [LayerNorm, layer_norm, GroupNorm, group_norm, LocalResponseNorm, local_response_norm];
