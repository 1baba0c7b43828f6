// nn.Linear and F.linear: act on the last dimension only. [*, in] -> [*, out]
import { Dim } from '../../shape/dim';
import type { Shape } from '../../shape/shape';
import { boolArg, intArg, optTensorArg, tensor, tensorArg } from '../args';
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

export const Linear = defineModule({
  names: ['torch.nn.Linear'],
  init: 'in_features, out_features, bias=True, device=None, dtype=None',
  forward: 'input',
  params(self) {
    const inF = intArg(self.in_features);
    const outF = intArg(self.out_features);
    const weight = { name: 'weight', shape: [outF, inF], dtype: DEFAULT_FLOAT };
    return boolArg(self.bias) ? [weight, { name: 'bias', shape: [outF], dtype: DEFAULT_FLOAT }] : [weight];
  },
  rule(self, { input }, ctx) {
    const x = tensorArg(input);
    return tensor(inferLinearOutput(ctx, x.shape, intArg(self.in_features), intArg(self.out_features)), x.dtype);
  },
});

export const linear = defineFunction({
  names: ['torch.nn.functional.linear'],
  signature: 'input, weight, bias=None',
  rule(args, ctx) {
    const x = tensorArg(args.input);
    const w = tensorArg(args.weight);
    optTensorArg(args.bias);
    if (w.shape.length !== 2) return tensor([...x.shape.slice(0, -1)], x.dtype); // rare 1-D weight
    return tensor(inferLinearOutput(ctx, x.shape, w.shape[1], w.shape[0]), x.dtype);
  },
});
