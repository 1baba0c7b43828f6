// clamp / clip: min and max are scalars or tensors that broadcast with the input; the dtype is
// result_type(input, min, max). [B, C] with max [C] -> [B, C]
import type { Value } from '../../value';
import { isNone, tensor } from '../args';
import { defineFunction, fail } from '../op';
import { broadcastOperands } from './elementwise';
import { resultType } from './promote';

export const clamp = defineFunction({
  names: ['torch.clamp', 'torch.Tensor.clamp', 'torch.clip', 'torch.Tensor.clip'],
  signature: 'input, min=None, max=None, *, out=None',
  onnx(g, call) {
    const out = g.dtype(call.output);
    let x = g.inputAs(call.args.input, out);
    // clamp(min, max) = min(max(x, lo), hi), with tensor bounds broadcasting.
    if (!isNone(call.args.min)) x = g.op('Max', [x, g.inputAs(call.args.min, out)]);
    if (!isNone(call.args.max)) x = g.op('Min', [x, g.inputAs(call.args.max, out)]);
    const shape = g.shape(call.output);
    return g.op('Expand', [x, g.ints(shape)]);
  },
  rule(args, ctx) {
    const bounds = [args.min, args.max].filter((v) => !isNone(v)) as Value[];
    if (bounds.length === 0) fail('clamp-bounds', 'RuntimeError', "torch.clamp: At least one of 'min' or 'max' must not be None");
    const operands = [args.input, ...bounds];
    return tensor(broadcastOperands(ctx, operands), resultType(operands));
  },
});

export const clampOps = [clamp];
