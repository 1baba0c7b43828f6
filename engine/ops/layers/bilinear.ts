// nn.Bilinear and F.bilinear: x1^T A x2 + b over the last dimension. [*, in1], [*, in2] -> [*, out]
import type { Dim } from '../../shape/dim';
import type { Shape } from '../../shape/shape';
import { DEFAULT_FLOAT } from '../dtype';
import { boolArg, intArg, optTensorArg, tensor, tensorArg } from '../args';
import { defineFunction, defineModule, fail, giveUp, requireEqual, type OpContext } from '../op';
import type { Value } from '../../value';
import type { OnnxGraph, ParamInit } from '../lowering';
import { reshapeTo } from '../common/onnx';

/** x1 [R, in1], W [out, in1, in2], x2 [R, in2]: sum_ij x1_i W_oij x2_j (+ b_o), per row. */
function lowerBilinear(g: OnnxGraph, x1: Value, x2: Value, out: Value, weight: string, wShape: number[], bias: string | undefined): string {
  const [o, in1, in2] = wShape;
  const outShape = g.shape(out);
  const rows = outShape.slice(0, -1).reduce((a, b) => a * b, 1);
  const a = reshapeTo(g, g.input(x1), [rows, in1]);
  const b = reshapeTo(g, g.input(x2), [rows, in2]);
  // x1 @ W as [in1, out * in2], then the in2 contraction with x2.
  const w = reshapeTo(g, g.op('Transpose', [weight], { perm: [1, 0, 2] }), [in1, o * in2]);
  const t = reshapeTo(g, g.op('MatMul', [a, w]), [rows, o, in2]);
  let y = g.op('ReduceSum', [g.op('Mul', [t, g.op('Unsqueeze', [b, g.ints([1])])]), g.ints([2])], { keepdims: 0 });
  if (bias) y = g.op('Add', [y, bias]);
  g.flops(2 * rows * o * in2 * (in1 + 1));
  return reshapeTo(g, y, outShape);
}

/** PyTorch's Bilinear.reset_parameters: weight and bias uniform(+-1/sqrt(in1_features)). */
const bilinearInit: ParamInit = (_self, p, rng, all) => {
  const w = all.find((q) => q.name === 'weight');
  const bound = w && w.shape[1] > 0 ? 1 / Math.sqrt(w.shape[1]) : 0;
  return rng.uniform(p.shape.reduce((a, b) => a * b, 1), -bound, bound);
};

function bilinearShape(ctx: OpContext, a: Shape, b: Shape, in1: Dim, in2: Dim, out: Dim): Shape {
  if (a.length !== b.length) fail('bilinear-rank', 'RuntimeError', `bilinear(): input dimensions do not match: got ${a.length} and ${b.length}`);
  if (a.length === 0) return giveUp('bilinear: scalar inputs');
  // PyTorch checks the batch dimensions before the feature sizes.
  for (let i = 0; i < a.length - 1; i++) {
    requireEqual(ctx, a[i], b[i], () => ({
      code: 'bilinear-batch', exception: 'RuntimeError',
      message: `bilinear(): input batch dimensions do not match at dim ${i}: got ${a[i]} and ${b[i]}`,
    }));
  }
  const last1 = a[a.length - 1];
  const last2 = b[b.length - 1];
  requireEqual(ctx, last1, in1, () => ({
    code: 'bilinear-in1-features', exception: 'RuntimeError',
    message: `bilinear(): input1 size does not match weight size: got ${last1} but expected ${in1}`,
    fixes: [{ param: 'in1_features', value: last1 }],
  }));
  requireEqual(ctx, last2, in2, () => ({
    code: 'bilinear-in2-features', exception: 'RuntimeError',
    message: `bilinear(): input2 size does not match weight size: got ${last2} but expected ${in2}`,
    fixes: [{ param: 'in2_features', value: last2 }],
  }));
  return [...a.slice(0, -1), out];
}

export const Bilinear = defineModule({
  names: ['torch.nn.Bilinear'],
  init: 'in1_features, in2_features, out_features, bias=True, device=None, dtype=None',
  forward: 'input1, input2',
  reset: bilinearInit,
  onnx: (g, call) => lowerBilinear(g, call.args.input1, call.args.input2, call.output, g.param('weight'), g.paramShape('weight'),
    g.hasParam('bias') ? g.param('bias') : undefined),
  params(self) {
    const [in1, in2, out] = [intArg(self.in1_features), intArg(self.in2_features), intArg(self.out_features)];
    const weight = { name: 'weight', shape: [out, in1, in2], dtype: DEFAULT_FLOAT };
    return boolArg(self.bias) ? [weight, { name: 'bias', shape: [out], dtype: DEFAULT_FLOAT }] : [weight];
  },
  rule(self, { input1, input2 }, ctx) {
    const a = tensorArg(input1);
    const b = tensorArg(input2);
    const shape = bilinearShape(ctx, a.shape, b.shape, intArg(self.in1_features), intArg(self.in2_features), intArg(self.out_features));
    return tensor(shape, a.dtype);
  },
});

export const bilinear = defineFunction({
  names: ['torch.nn.functional.bilinear'],
  signature: 'input1, input2, weight, bias=None',
  onnx(g, call) {
    const a = call.args;
    return lowerBilinear(g, a.input1, a.input2, call.output, g.input(a.weight), g.shape(a.weight), a.bias.kind === 'tensor' ? g.input(a.bias) : undefined);
  },
  rule(args, ctx) {
    const a = tensorArg(args.input1);
    const b = tensorArg(args.input2);
    const w = tensorArg(args.weight);
    optTensorArg(args.bias);
    if (w.shape.length !== 3) return giveUp('bilinear: weight must be 3-D');
    return tensor(bilinearShape(ctx, a.shape, b.shape, w.shape[1], w.shape[2], w.shape[0]), a.dtype);
  },
});
