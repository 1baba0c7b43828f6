// The sliding-window output size shared by convolutions, pools, unfold and their transposes
// (PyTorch's conv_output_size / pooling_output_shape), symbolic-aware.
import { Dim, type DimLike } from '../../shape/dim';

/**
 * floor((L + 2*pad - dilation*(k - 1) - 1) / stride) + 1, or with ceil_mode PyTorch's pooling
 * rule: ceil instead of floor, then one less if the last window would start inside the
 * right padding ((out - 1) * stride >= L + pad).
 */
export function slidingWindowOutput(
  length: DimLike, kernel: number, stride: number, padLeft: number, padRight: number, dilation = 1, ceilMode = false,
): Dim {
  const L = Dim.of(length);
  if (!ceilMode) return windowOutput(L, Dim.of(kernel), Dim.of(stride), Dim.of(padLeft + padRight), Dim.of(dilation));
  const span = L.add(padLeft + padRight).sub(dilation * (kernel - 1) + 1);
  let out = span.add(stride - 1).floordiv(stride)!.add(1);
  const lastStart = out.sub(1).mul(stride);
  const limit = L.add(padLeft);
  const past = lastStart.sub(limit).value;
  if (past !== undefined) {
    if (past >= 0) out = out.sub(1);
  } else if (L.isKnown === false) {
    // Symbolic: keep PyTorch's correction as a min() that simplifies once L is known.
    out = Dim.min(out, limit.sub(1).floordiv(stride)!.add(1));
  }
  return out;
}

/**
 * The same rule on sizes that may all be symbolic (a patch embedding's kernel = stride = P):
 * (L + pad - dilation*(k - 1) - 1) // stride + 1, `pad` being both sides together.
 */
export function windowOutput(length: Dim, kernel: Dim, stride: Dim, pad: Dim, dilation: Dim): Dim {
  const span = length.add(pad).sub(dilation.mul(kernel.sub(1))).sub(1);
  const q = span.floordiv(stride);
  if (!q) throw new Error('stride 0');
  return q.add(1);
}

/** Transposed convolution: (L - 1)*stride - 2*pad + dilation*(k - 1) + output_padding + 1. */
export function transposedWindowOutput(
  length: DimLike, kernel: number, stride: number, pad: number, dilation: number, outputPadding: number,
): Dim {
  return Dim.of(length).sub(1).mul(stride).sub(2 * pad).add(dilation * (kernel - 1) + outputPadding + 1);
}

/**
 * TensorFlow's 'same' padding: as many windows as strides fit, ceil(L / stride), whatever the
 * kernel (the padding is whatever makes that true). It is the unpadded rule with a 1-wide window,
 * floor((L - 1) / stride) + 1, which is how Keras writes it (keras/src/ops/operation_utils.py).
 */
export function sameWindowOutput(length: DimLike, stride: number): Dim {
  return slidingWindowOutput(length, 1, stride, 0, 0);
}

/**
 * A window count with the rounding TF.js's conv_util applies to `(L + padTotal - k) / stride + 1`
 * (explicit and numeric padding): truncation by default (toward zero, so a window larger than the
 * input gives a negative size TF.js then rejects), or floor / ceil / round as dimRoundingMode says.
 * Truncation and floor of a non-negative span are the unpadded sliding-window rule.
 */
export function roundedWindowOutput(length: DimLike, kernel: number, stride: number, padTotal: number, mode: 'trunc' | 'floor' | 'ceil' | 'round'): Dim | undefined {
  const L = Dim.of(length);
  const span = L.add(padTotal - kernel);
  const n = span.value;
  if (n === undefined) return mode === 'trunc' || mode === 'floor' ? slidingWindowOutput(L, kernel, stride, padTotal, 0) : undefined;
  const x = n / stride + 1;
  return Dim.of(mode === 'trunc' ? Math.trunc(x) : mode === 'floor' ? Math.floor(x) : mode === 'ceil' ? Math.ceil(x) : Math.round(x));
}
