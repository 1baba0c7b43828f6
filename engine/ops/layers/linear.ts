// nn.Linear and F.linear: act on the last dimension only. [*, in] -> [*, out]
import type { Value } from '../../value';
import { isNone } from '../args';
import { weightAndBiasInit } from '../common/init';
import type { OnnxGraph } from '../lowering';
import { Dim } from '../../shape/dim';
import type { Shape } from '../../shape/shape';
import { boolArg, dtypeArg, intArg, optTensorArg, tensor, tensorArg } from '../args';
import { defineFunction, defineModule, fail, requireEqual, type OpContext } from '../op';
import { DEFAULT_FLOAT } from '../dtype';

/** `x @ W.T` with PyTorch's mm message in its own words: mat1 is x as 2-D, mat2 is W.T. */
export function inferLinearOutput(ctx: OpContext, input: Shape, inFeatures: Dim, outFeatures: Dim): Shape {
  if (input.length === 0) {
    fail('linear-in-features', 'RuntimeError', `both arguments to matmul need to be at least 1D, but they are 0D and 2D`);
  }
  const last = input[input.length - 1];
  requireEqual(ctx, last, inFeatures, () => {
    const rows = input.length === 1 ? Dim.of(1) : input.slice(0, -1).reduce((a, d) => a.mul(d), Dim.of(1));
    return {
      code: 'linear-in-features',
      exception: 'RuntimeError',
      message: `mat1 and mat2 shapes cannot be multiplied (${rows}x${last} and ${inFeatures}x${outFeatures})`,
      fixes: [{ param: 'in_features', value: last }],
    };
  });
  return [...input.slice(0, -1), outFeatures];
}

/** x @ W^T + b: Gemm for 2-D inputs, MatMul (with broadcasting) otherwise. */
function lowerLinear(g: OnnxGraph, input: Value, weight: string, wShape: number[], bias: string | undefined): string {
  const shape = g.shape(input);
  const x = g.input(input);
  const rows = shape.slice(0, -1).reduce((a, b) => a * b, 1);
  g.flops(2 * rows * wShape[0] * (wShape[1] ?? 1));
  if (shape.length === 2 && wShape.length === 2) return g.op('Gemm', bias ? [x, weight, bias] : [x, weight], { transB: 1 });
  const wt = wShape.length === 2 ? g.op('Transpose', [weight], { perm: [1, 0] }) : weight;
  const y = g.op('MatMul', [x, wt]);
  return bias ? g.op('Add', [y, bias]) : y;
}

export const Linear = defineModule({
  names: ['torch.nn.Linear'],
  init: 'in_features, out_features, bias=True, device=None, dtype=None',
  forward: 'input',
  reset: weightAndBiasInit,
  onnx: (g, call) => lowerLinear(g, call.args.input, g.param('weight'), g.paramShape('weight'), g.hasParam('bias') ? g.param('bias') : undefined),
  params(self) {
    const inF = intArg(self.in_features);
    const outF = intArg(self.out_features);
    const weight = { name: 'weight', shape: [outF, inF], dtype: DEFAULT_FLOAT };
    return boolArg(self.bias) ? [weight, { name: 'bias', shape: [outF], dtype: DEFAULT_FLOAT }] : [weight];
  },
  rule(self, { input }, ctx) {
    const x = tensorArg(input);
    const out = inferLinearOutput(ctx, x.shape, intArg(self.in_features), intArg(self.out_features));
    // float64 weights (dtype= or .double()) against a float32 input, or the other way round.
    const pd = dtypeArg(self.dtype) ?? DEFAULT_FLOAT;
    if ((x.dtype === 'float32' || x.dtype === 'float64') && (pd === 'float32' || pd === 'float64') && x.dtype !== pd) {
      fail('linear-dtype', 'RuntimeError', 'mat1 and mat2 must have the same dtype');
    }
    return tensor(out, x.dtype);
  },
});

export const linear = defineFunction({
  names: ['torch.nn.functional.linear'],
  signature: 'input, weight, bias=None',
  onnx: (g, { args }) => lowerLinear(g, args.input, g.input(args.weight), g.shape(args.weight), isNone(args.bias) ? undefined : g.input(args.bias)),
  rule(args, ctx) {
    const x = tensorArg(args.input);
    const w = tensorArg(args.weight);
    optTensorArg(args.bias);
    if (w.shape.length !== 2) return tensor([...x.shape.slice(0, -1)], x.dtype); // rare 1-D weight
    return tensor(inferLinearOutput(ctx, x.shape, w.shape[1], w.shape[0]), x.dtype);
  },
});
