// The non-'zeros' padding modes of nn.ConvNd: the module pads with F.pad(mode) before a
// padding-free convolution, so F.pad's rank rules and error messages come first.
// [N, C, H, W] with pads (l, r, t, b) -> [N, C, H + t + b, W + l + r]
import type { Dim } from '../../shape/dim';
import { formatShape, type Shape } from '../../shape/shape';
import { fail } from '../op';

/**
 * F.pad(input, pads, mode) for 'reflect', 'replicate' and 'circular'; `pads` is in F.pad's
 * order (last dimension first, left then right).
 */
export function padNonConstant(input: Shape, pads: readonly number[], mode: string): Shape {
  const rank = input.length;
  if (pads.length > rank * 2) fail('pad-length', 'RuntimeError', 'Padding length too large');
  const n = pads.length / 2;
  if (!(rank === n + 1 || rank === n + 2)) {
    fail('pad-rank', 'NotImplementedError', 'Only 2D, 3D, 4D, 5D padding with non-constant padding are supported for now');
  }
  if (mode === 'reflect') checkReflect(input, pads);
  if (mode === 'circular') checkCircular(input, pads);
  const out = [...input];
  for (let j = 0; j < n; j++) {
    const axis = rank - 1 - j;
    out[axis] = input[axis].add(pads[2 * j] + pads[2 * j + 1]);
  }
  return out;
}

/** reflection_pad{1,2,3}d: each pad must be smaller than its dimension, width first. */
function checkReflect(input: Shape, pads: readonly number[]): void {
  const rank = input.length;
  const n = pads.length / 2;
  for (let j = 0; j < n; j++) {
    const axis = rank - 1 - j;
    const size = input[axis].value;
    const [l, r] = [pads[2 * j], pads[2 * j + 1]];
    if (size === undefined || (l < size && r < size)) continue;
    // reflection_pad2d prints the input's rank; the 1-D and 3-D kernels print its sizes.
    const of = n === 2 ? String(rank) : formatShape(input);
    fail('pad-reflect-size', 'RuntimeError',
      `Argument #${4 + 2 * j}: Padding size should be less than the corresponding input dimension, but got: padding (${l}, ${r}) at dimension ${axis} of input ${of}`);
  }
}

/** _pad_circular: needs a batch dimension, and wraps around at most once. */
function checkCircular(input: Shape, pads: readonly number[]): void {
  const ndim = input.length - 2;
  if (pads.length + 4 !== input.length * 2) {
    fail('pad-circular-rank', 'RuntimeError', `Invalid padding size, expected ${ndim * 2} but got ${pads.length}`);
  }
  for (let i = 0; i < ndim; i++) {
    const l = pads[2 * (ndim - i - 1)];
    const r = pads[2 * (ndim - i - 1) + 1];
    const size: Dim = input[2 + i];
    const v = size.value;
    if (v !== undefined && (l > v || r > v)) fail('pad-circular-wrap', 'RuntimeError', 'Padding value causes wrapping around more than once.');
  }
}
