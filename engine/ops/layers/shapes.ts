// Identity, Flatten and Unflatten: modules that only rearrange the shape.
import { identityLowering, reshapeLowering } from '../common/onnx';
import { Dim } from '../../shape/dim';
import type { Shape } from '../../shape/shape';
import { constIntArg, intsArg, sequenceArg, tensor, tensorArg, wrapDim } from '../args';
import { defineModule, fail, giveUp, requireEqual, type OpContext } from '../op';
import { elementwise, listText, prod } from './common';

/** Identity: [*] -> [*]; it accepts and ignores any constructor arguments. */
export const Identity = defineModule({
  names: ['torch.nn.Identity'],
  init: '*args, **kwargs',
  forward: 'input',
  unknownRankOk: true,
  params: () => [],
  onnx: identityLowering,
  rule: (_self, { input }) => elementwise(input),
});

/** torch.flatten(start, end): [N, C, H, W] -> [N, C*H*W] with the defaults of nn.Flatten. */
export function flattenShape(shape: Shape, start: number, end: number): Shape {
  // A scalar flattens to [1] (PyTorch wraps dims as if the rank were 1).
  if (shape.length === 0) {
    wrapDim(start, 0);
    wrapDim(end, 0);
    return [Dim.of(1)];
  }
  const s = wrapDim(start, shape.length);
  const e = wrapDim(end, shape.length);
  if (s > e) fail('flatten-dims', 'RuntimeError', 'flatten() has invalid args: start_dim cannot come after end_dim');
  if (s === e) return shape;
  return [...shape.slice(0, s), prod(shape.slice(s, e + 1)), ...shape.slice(e + 1)];
}

export const Flatten = defineModule({
  names: ['torch.nn.Flatten'],
  init: 'start_dim=1, end_dim=-1',
  forward: 'input',
  params: () => [],
  onnx: reshapeLowering,
  rule(self, { input }) {
    const x = tensorArg(input);
    return tensor(flattenShape(x.shape, constIntArg(self.start_dim), constIntArg(self.end_dim)), x.dtype);
  },
});

/** Tensor.unflatten(dim, sizes): [N, 12] with (3, 4) at dim 1 -> [N, 3, 4]; one size may be -1. */
export function unflattenShape(ctx: OpContext, shape: Shape, dimArg: number, sizes: readonly Dim[]): Shape {
  const d = wrapDim(dimArg, shape.length);
  const size = shape[d];
  const inferred = sizes.map((s, i) => (s.value === -1 ? i : -1)).filter((i) => i >= 0);
  const mismatch = (): never =>
    fail('unflatten-sizes', 'RuntimeError', `unflatten: Provided sizes ${listText(sizes)} don't multiply up to the size of dim ${d} (${size}) in the input tensor`);
  if (inferred.length > 1) fail('unflatten-infer', 'RuntimeError', 'unflatten got an unexpected error:\nonly one dimension can be inferred');
  let out = [...sizes];
  if (inferred.length === 1) {
    const known = prod(sizes.filter((_, i) => i !== inferred[0]));
    if (known.value === 0) mismatch();
    const q = size.floordiv(known);
    const r = size.mod(known);
    if (q === undefined || r === undefined) return giveUp('unflatten: division by zero');
    if (r.value === undefined) return giveUp('unflatten: divisibility of a symbolic size');
    if (r.value !== 0) mismatch();
    out[inferred[0]] = q;
  } else {
    requireEqual(ctx, prod(sizes), size, () => ({
      code: 'unflatten-sizes',
      exception: 'RuntimeError',
      message: `unflatten: Provided sizes ${listText(sizes)} don't multiply up to the size of dim ${d} (${size}) in the input tensor`,
    }));
  }
  out = out.map((s) => s);
  return [...shape.slice(0, d), ...out, ...shape.slice(d + 1)];
}

export const Unflatten = defineModule({
  names: ['torch.nn.Unflatten'],
  init: 'dim, unflattened_size',
  forward: 'input',
  onnx: reshapeLowering,
  params: () => [],
  rule(self, { input }, ctx) {
    const x = tensorArg(input);
    sequenceArg(self.unflattened_size); // named sizes ((name, size) pairs) are not modelled
    return tensor(unflattenShape(ctx, x.shape, constIntArg(self.dim), intsArg(self.unflattened_size)), x.dtype);
  },
});
