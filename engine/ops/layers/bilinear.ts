// nn.Bilinear and F.bilinear: x1^T A x2 + b over the last dimension. [*, in1], [*, in2] -> [*, out]
import type { Dim } from '../../shape/dim';
import type { Shape } from '../../shape/shape';
import { DEFAULT_FLOAT } from '../dtype';
import { boolArg, intArg, optTensorArg, tensor, tensorArg } from '../args';
import { defineFunction, defineModule, fail, giveUp, requireEqual, type OpContext } from '../op';

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
  rule(args, ctx) {
    const a = tensorArg(args.input1);
    const b = tensorArg(args.input2);
    const w = tensorArg(args.weight);
    optTensorArg(args.bias);
    if (w.shape.length !== 3) return giveUp('bilinear: weight must be 3-D');
    return tensor(bilinearShape(ctx, a.shape, b.shape, w.shape[1], w.shape[2], w.shape[0]), a.dtype);
  },
});
