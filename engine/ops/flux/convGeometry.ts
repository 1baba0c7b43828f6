// What Flux's convolutions and pools share (Flux.jl src/layers/conv.jl, NNlib's ConvDims): the
// padding Flux stores (`calc_padding`, with SamePad), how Flux prints `pad`/`stride`, and the
// sliding-window size of one spatial axis. The size rule itself is the shared one
// (engine/ops/common/window.ts); Flux's spatial axes come first (WHCN), PyTorch's last.
import { Dim } from '../../shape/dim';
import type { Shape } from '../../shape/shape';
import type { Value } from '../../value';
import { slidingWindowOutput } from '../common/window';
import { giveUp } from '../op';
import { dimensionMismatch, expandInts, isObject, SamePadMarker } from './julia';

/**
 * `calc_padding` (conv.jl:48-58): an integer pad is repeated on both sides of every spatial axis,
 * a tuple is kept as written (N values: symmetric; 2N: lo/hi per axis), SamePad() pads
 * `k_eff - 1` in total, `cld` before and `fld` after.
 */
export function storedPadding(pad: Value, kernel: readonly number[], dilation: readonly number[]): number[] {
  if (isObject(pad, SamePadMarker)) {
    return kernel.flatMap((k, i) => {
      const amount = k + (k - 1) * (dilation[i] - 1) - 1;
      return [Math.ceil(amount / 2), Math.floor(amount / 2)];
    });
  }
  if (pad.kind === 'int' || pad.kind === 'bool') return expandInts(pad, 2 * kernel.length);
  const p = expandInts(pad, 2 * kernel.length);
  // NNlib accepts N or 2N values (ConvDims.jl:128); anything else fails in a way not modelled here.
  if (p.length !== kernel.length && p.length !== 2 * kernel.length) return giveUp('padding length');
  return p;
}

/** Lo and hi padding of each spatial axis, from the stored form (ConvDims.jl:131-133). */
export function padPairs(stored: readonly number[], n: number): [number, number][] {
  return Array.from({ length: n }, (_, i) => (stored.length === n ? [stored[i], stored[i]] : [stored[2 * i], stored[2 * i + 1]]));
}

/** `_maybetuple_string` (conv.jl:747-748): one number when all agree, else the tuple. */
export function maybeTupleString(values: readonly number[]): string {
  return values.every((v) => v === values[0]) ? String(values[0]) : `(${values.join(', ')}${values.length === 1 ? ',' : ''})`;
}

/** Stride or dilation: an integer or an N-tuple (`expand(Val(N), s)`). */
export function perAxis(v: Value, n: number, what: string): number[] {
  const out = expandInts(v, n);
  if (out.length !== n) return giveUp(`${what} length`);
  return out;
}

/**
 * The spatial output sizes of a convolution or pool on `x` (WHCN: spatial axes first), after
 * NNlib's check that no window is larger than the padded input (ConvDims.jl:139-149).
 */
export function windowedSizes(
  code: string, x: Shape, kernel: readonly number[], stride: readonly number[], pads: readonly [number, number][], dilation: readonly number[],
): Dim[] {
  return kernel.map((k, i) => {
    const size = x[i];
    const [lo, hi] = pads[i];
    const reach = (k - 1) * dilation[i] + 1;
    const known = size.value;
    if (known !== undefined && known + lo + hi < reach) {
      dimensionMismatch(code, `Kernel * dilation ((${k} - 1) * ${dilation[i]} + 1) cannot be larger than input + padding (${known} + ${lo} + ${hi})!`);
    }
    return slidingWindowOutput(size, k, stride[i], lo, hi, dilation[i]);
  });
}

export { Dim };
