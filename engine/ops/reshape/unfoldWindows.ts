// Tensor.unfold(dimension, size, step): every window of `size` along one axis, as a view (local
// attention's look-around, overlapping frames of a signal). Not nn.Unfold (im2col, conv/fold.ts).
// [2, 5, 4] -> unfold(1, 3, 1) -> [2, 3, 4, 3]: the axis holds the windows, a last axis their items.
import { Dim } from '../../shape/dim';
import { constIntArg, intArg, tensorArg, wrapDim } from '../args';
import { windowOutput } from '../common/window';
import { defineFunction, fail, giveUp } from '../op';
import { assumeAtLeast, tensor } from './helpers';

export const unfoldWindows = defineFunction({
  names: ['torch.Tensor.unfold'],
  signature: 'input, dimension, size, step',
  rule(args, ctx) {
    const x = tensorArg(args.input);
    // A 0-d tensor unfolds as one of a single item (PyTorch: [] -> [1]).
    const rank = Math.max(x.shape.length, 1);
    const dim = wrapDim(constIntArg(args.dimension), rank);
    const length = x.shape.length === 0 ? Dim.of(1) : x.shape[dim];
    const size = intArg(args.size);
    const step = intArg(args.step);
    if (size.value !== undefined && size.value < 0) giveUp('negative window size');
    if (length.value !== undefined && size.value !== undefined && size.value > length.value) {
      fail('unfold-size', 'RuntimeError', `maximum size for tensor at dimension ${dim} is ${length.value} but size is ${size.value}`);
    }
    if (step.value !== undefined && step.value <= 0) fail('unfold-step', 'RuntimeError', `step is ${step.value} but must be > 0`);
    assumeAtLeast(ctx, 'unfold-size', length, size);
    if (step.value === undefined) giveUp('step not known');
    const windows = windowOutput(length, size, step, Dim.of(0), Dim.of(1));
    if (x.shape.length === 0) return tensor([size], x.dtype);
    const out = [...x.shape];
    out[dim] = windows;
    return tensor([...out, size], x.dtype);
  },
});
