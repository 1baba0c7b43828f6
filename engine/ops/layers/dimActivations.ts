// Activations that read one dimension: PReLU (channels), GLU (halves a dim) and the softmax modules.
import type { OnnxGraph } from '../lowering';
import type { Value } from '../../value';
import { Dim } from '../../shape/dim';
import type { Shape } from '../../shape/shape';
import { DEFAULT_FLOAT } from '../dtype';
import { intArg, isNone, constIntArg, tensor, tensorArg, wrapDim } from '../args';
import { defineFunction, defineModule, fail, giveUp, requireEqual, type OpContext } from '../op';
import { sameAs } from './common';
import type { TensorValue } from '../../value';
import { numel } from '../../shape/shape';
import { floatArg } from '../args';
import { filled } from '../common/init';
import { castTo } from '../common/onnx';
import type { OnnxCall } from '../lowering';

/** max(0, x) + w * min(0, x), the slope per channel (dim 1) or shared. */
function lowerPrelu(g: OnnxGraph, call: OnnxCall, input: Value, weight: string, wShape: number[]): string {
  const dtype = g.dtype(call.output);
  const x = g.inputAs(input, dtype);
  const shape = g.shape(input);
  const n = wShape.reduce((a, b) => a * b, 1);
  // One slope per channel broadcasts along dim 1: [C] -> [C, 1, ...].
  const w = n === 1 ? g.op('Reshape', [weight, g.ints([])]) : g.op('Reshape', [weight, g.ints([n, ...shape.slice(2).map(() => 1)])]);
  g.flops(2 * shape.reduce((a, b) => a * b, 1));
  const wx = g.op('Mul', [x, dtype === 'float32' ? w : castTo(g, w, dtype)]);
  return g.op('Where', [g.op('Greater', [x, g.scalar(0, dtype)]), x, wx]);
}

/** a * sigmoid(b) for the two halves of `dim`. */
function lowerGlu(g: OnnxGraph, input: Value, dim: number): string {
  const shape = g.shape(input);
  const axis = wrapDim(dim, shape.length);
  const half = shape[axis] / 2;
  const [a, b] = g.node('Split', [g.input(input), g.ints([half, half])], { axis }, 2);
  g.flops(2 * shape.reduce((p, q) => p * q, 1));
  return g.op('Mul', [a, g.op('Sigmoid', [b])]);
}

/** prelu: one slope, or one per channel (dim 1; a 1-D input counts as one channel). [*] -> [*] */
function preluRule(ctx: OpContext, input: Shape, weight: Shape): void {
  if (weight.length > 1) {
    fail('prelu-weight', 'RuntimeError', `prelu: Expected \`weight\` to be a scalar or 1D tensor, but got ndim = ${weight.length}`);
  }
  const n = numel(weight);
  if (n.value === 1) return;
  if (input.length === 0) fail('prelu-scalar', 'RuntimeError', 'Not allow zero-dim input tensor.');
  const channels = input.length >= 2 ? input[1] : Dim.of(1);
  requireEqual(ctx, n, channels, () => ({
    code: 'prelu-channels',
    exception: 'RuntimeError',
    message: `Mismatch of parameter numbers and input channel size. Found parameter numbers = ${n} and channel size = ${channels}.`,
    fixes: [{ param: 'num_parameters', value: channels }],
  }));
}

export const PReLU = defineModule({
  names: ['torch.nn.PReLU'],
  init: 'num_parameters=1, init=0.25, device=None, dtype=None',
  forward: 'input',
  params: (self) => [{ name: 'weight', shape: [intArg(self.num_parameters)], dtype: DEFAULT_FLOAT }],
  reset: (self, p) => filled(p.shape, floatArg(self.init)),
  onnx: (g, call) => lowerPrelu(g, call, call.args.input, g.param('weight'), g.paramShape('weight')),
  rule(self, { input }, ctx) {
    const x = tensorArg(input);
    preluRule(ctx, x.shape, [intArg(self.num_parameters)]);
    return sameAs(x);
  },
});

export const prelu = defineFunction({
  names: ['torch.nn.functional.prelu'],
  signature: 'input, weight',
  onnx(g, call) {
    return lowerPrelu(g, call, call.args.input, g.input(call.args.weight), g.shape(call.args.weight));
  },
  rule(args, ctx) {
    const x = tensorArg(args.input);
    preluRule(ctx, x.shape, tensorArg(args.weight).shape);
    return sameAs(x);
  },
});

/** glu halves `dim`: [N, 2k] -> [N, k]. */
function gluRule(x: { shape: Shape; dtype: TensorValue['dtype'] }, dimArg: number): TensorValue {
  if (x.shape.length === 0) fail('glu-scalar', 'RuntimeError', 'glu does not support scalars because halving size must be even');
  const d = wrapDim(dimArg, x.shape.length);
  const size = x.shape[d];
  const half = size.floordiv(2)!;
  const even = size.mod(2)!.value;
  if (even === undefined) return giveUpOdd();
  if (even !== 0) fail('glu-odd', 'RuntimeError', `Halving dimension must be even, but dimension ${d} is size ${size}`);
  const out = [...x.shape];
  out[d] = half;
  return tensor(out, x.dtype);
}

function giveUpOdd(): never {
  // A symbolic size may be odd (a run-time error) or even: no hint rather than a guess.
  return giveUp('glu: parity of a symbolic size');
}

export const GLU = defineModule({
  names: ['torch.nn.GLU'],
  init: 'dim=-1',
  forward: 'input',
  params: () => [],
  onnx: (g, call) => lowerGlu(g, call.args.input, constIntArg(call.self!.dim)),
  rule: (self, { input }) => gluRule(tensorArg(input), constIntArg(self.dim)),
});

export const glu = defineFunction({
  names: ['torch.nn.functional.glu'],
  signature: 'input, dim=-1',
  onnx: (g, call) => lowerGlu(g, call.args.input, constIntArg(call.args.dim)),
  rule: (args) => gluRule(tensorArg(args.input), constIntArg(args.dim)),
});

/** nn.Softmax's implicit dim (`_get_softmax_dim`): 0 for 0-, 1- and 3-D inputs, else 1. */
function softmaxDim(rank: number, dim: number | undefined): number {
  if (dim !== undefined) return dim;
  return rank === 0 || rank === 1 || rank === 3 ? 0 : 1;
}

function lowerSoftmax(g: OnnxGraph, input: Value, op: 'Softmax' | 'LogSoftmax', axis: number, negate: boolean): string {
  const rank = g.shape(input).length;
  let x = g.input(input);
  if (negate) x = g.op('Neg', [x]);
  g.flops(3 * g.shape(input).reduce((a, b) => a * b, 1));
  if (rank === 0) return g.op('Squeeze', [g.op(op, [g.op('Unsqueeze', [x, g.ints([0])])], { axis: 0 }), g.ints([0])]);
  return g.op(op, [x], { axis });
}

function softmaxModule(name: string) {
  return defineModule({
    names: [`torch.nn.${name}`],
    init: 'dim=None',
    forward: 'input',
    params: () => [],
    onnx(g, call) {
      const rank = g.shape(call.args.input).length;
      const axis = wrapDim(softmaxDim(rank, isNone(call.self!.dim) ? undefined : constIntArg(call.self!.dim)), rank);
      return lowerSoftmax(g, call.args.input, name === 'LogSoftmax' ? 'LogSoftmax' : 'Softmax', axis, name === 'Softmin');
    },
    rule(self, { input }) {
      const x = tensorArg(input);
      wrapDim(softmaxDim(x.shape.length, isNone(self.dim) ? undefined : constIntArg(self.dim)), x.shape.length);
      return sameAs(x);
    },
  });
}

export const Softmax = softmaxModule('Softmax');
export const Softmin = softmaxModule('Softmin');
export const LogSoftmax = softmaxModule('LogSoftmax');

/** Softmax over channels of [C, H, W] or [N, C, H, W]. */
export const Softmax2d = defineModule({
  names: ['torch.nn.Softmax2d'],
  init: '',
  forward: 'input',
  params: () => [],
  onnx: (g, call) => lowerSoftmax(g, call.args.input, 'Softmax', g.shape(call.args.input).length - 3, false),
  rule(_self, { input }) {
    const x = tensorArg(input);
    if (x.shape.length !== 3 && x.shape.length !== 4) fail('softmax2d-rank', 'AssertionError', 'Softmax2d requires a 3D or 4D tensor as input');
    return sameAs(x);
  },
});
