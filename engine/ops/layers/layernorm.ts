// LayerNorm, GroupNorm and LocalResponseNorm (modules and functions): [N, *] -> [N, *].
import { Dim } from '../../shape/dim';
import type { Shape } from '../../shape/shape';
import { DEFAULT_FLOAT } from '../dtype';
import { boolArg, intArg, intsArg, optTensorArg, tensorArg, wrapDim } from '../args';
import { defineFunction, defineModule, fail, requireEqual, type OpContext, type OpDecl } from '../op';
import { listText, prod, sameAs } from './common';

/** normalized_shape must be the input's trailing dimensions. */
function layerNormCheck(ctx: OpContext, input: Shape, ns: readonly Dim[]): void {
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
function affineCheck(ctx: OpContext, name: string, shape: Shape | undefined, ns: readonly Dim[]): void {
  if (shape === undefined) return;
  const message = `Expected ${name} to be of same shape as normalized_shape, but got ${name} of shape ${listText(shape)} and normalized_shape = ${listText(ns)}`;
  if (shape.length !== ns.length) fail('layernorm-weight', 'RuntimeError', message);
  shape.forEach((d, i) => requireEqual(ctx, d, ns[i], () => ({ code: 'layernorm-weight', exception: 'RuntimeError', message })));
}

export const LayerNorm = defineModule({
  names: ['torch.nn.LayerNorm'],
  init: 'normalized_shape, eps=1e-05, elementwise_affine=True, device=None, dtype=None',
  forward: 'input',
  params(self) {
    const ns = intsArg(self.normalized_shape);
    return boolArg(self.elementwise_affine)
      ? [{ name: 'weight', shape: ns, dtype: DEFAULT_FLOAT }, { name: 'bias', shape: ns, dtype: DEFAULT_FLOAT }]
      : [];
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
  rule(_self, { input }) {
    const x = tensorArg(input);
    lrnCheck(x.shape);
    return sameAs(x);
  },
});

export const local_response_norm = defineFunction({
  names: ['torch.nn.functional.local_response_norm'],
  signature: 'input, size, alpha=0.0001, beta=0.75, k=1.0',
  rule(args) {
    const x = tensorArg(args.input);
    lrnCheck(x.shape);
    return sameAs(x);
  },
});

export const layerNormOps: readonly OpDecl[] = [LayerNorm, layer_norm, GroupNorm, group_norm, LocalResponseNorm, local_response_norm];
