// ONNX lowering of unfold (im2col) and fold (col2im) as a grouped Conv / ConvTranspose with a
// one-hot kernel: output channel c*kh*kw + i*kw + j picks kernel offset (i, j) of channel c,
// which is exactly im2col's row order; ConvTranspose with the same kernel sums overlapping
// blocks back, which is col2im. Each output is one input value times 1, so the numbers are exact.
import type { Value } from '../../value';
import { isFloating } from '../dtype';
import type { OnnxCall, OnnxGraph } from '../lowering';
import { outShape, reshapeTo, squeeze, unsqueeze } from '../common/onnx';

export interface FoldWindow {
  readonly kernel: readonly number[];
  readonly dilation: readonly number[];
  readonly padding: readonly number[];
  readonly stride: readonly number[];
}

/** [C*kh*kw, 1, kh, kw]: row c*kk + q is 1 at offset q. */
function oneHotKernel(g: OnnxGraph, channels: number, kh: number, kw: number): string {
  const kk = kh * kw;
  const w = new Float32Array(channels * kk * kk);
  for (let c = 0; c < channels; c++) for (let q = 0; q < kk; q++) w[(c * kk + q) * kk + q] = 1;
  return g.constant(w, [channels * kk, 1, kh, kw], 'float32');
}

function asFloat32(g: OnnxGraph, input: Value): { x: string; back: (y: string) => string } {
  const dtype = g.dtype(input);
  if (!isFloating(dtype) || dtype === 'float16' || dtype === 'bfloat16') return g.noKernel(`${dtype} input`);
  const x = g.input(input);
  if (dtype === 'float32') return { x, back: (y) => y };
  return { x: g.op('Cast', [x], { to: 1 }), back: (y) => g.op('Cast', [y], { to: 11 }) };
}

/** [N, C, H, W] or [C, H, W] -> [N, C*kh*kw, L]. */
export function lowerUnfold(g: OnnxGraph, call: OnnxCall, input: Value, w: FoldWindow): string {
  const shape = g.shape(input);
  const batched = shape.length === 4;
  const [n, c] = batched ? shape : [1, shape[0]];
  const { x: x0, back } = asFloat32(g, input);
  const x = batched ? x0 : unsqueeze(g, x0, [0]);
  const [kh, kw] = w.kernel;
  const y = g.op('Conv', [x, oneHotKernel(g, c, kh, kw)], {
    kernel_shape: [kh, kw], strides: [...w.stride], dilations: [...w.dilation], pads: [...w.padding, ...w.padding], group: c,
  });
  const out = outShape(g, call);
  const flat = reshapeTo(g, y, [n, out[out.length - 2], out[out.length - 1]]);
  return back(batched ? flat : squeeze(g, flat, [0]));
}

/** [N, C*kh*kw, L] or [C*kh*kw, L] -> [N, C, oh, ow]. */
export function lowerFold(g: OnnxGraph, call: OnnxCall, input: Value, w: FoldWindow): string {
  const shape = g.shape(input);
  const batched = shape.length === 3;
  const out = outShape(g, call);
  const [c, oh, ow] = out.slice(-3);
  const [kh, kw] = w.kernel;
  const [ph, pw] = w.padding;
  // The block grid, as the shape rule checked it.
  const blocks = (size: number, i: number): number => Math.floor((size + 2 * w.padding[i] - w.dilation[i] * (w.kernel[i] - 1) - 1) / w.stride[i]) + 1;
  const [bh, bw] = [blocks(oh, 0), blocks(ow, 1)];
  const { x: x0, back } = asFloat32(g, input);
  const n = batched ? shape[0] : 1;
  const grid = reshapeTo(g, x0, [n, c * kh * kw, bh, bw]);
  let y = g.op('ConvTranspose', [grid, oneHotKernel(g, c, kh, kw)], {
    kernel_shape: [kh, kw], strides: [...w.stride], dilations: [...w.dilation], group: c,
  });
  // The full canvas is the padded output (or shorter: blocks may not reach its end); pad it to
  // oh + 2p, then crop the padding away.
  const full = (b: number, i: number): number => (b - 1) * w.stride[i] + (w.kernel[i] - 1) * w.dilation[i] + 1;
  const [fh, fw] = [full(bh, 0), full(bw, 1)];
  const [eh, ew] = [oh + 2 * ph - fh, ow + 2 * pw - fw];
  if (eh > 0 || ew > 0) y = g.op('Pad', [y, g.ints([0, 0, 0, 0, 0, 0, Math.max(eh, 0), Math.max(ew, 0)])]);
  y = g.op('Slice', [y, g.ints([ph, pw]), g.ints([ph + oh, pw + ow]), g.ints([2, 3])]);
  g.flops(n * c * kh * kw * bh * bw);
  return back(batched ? y : squeeze(g, y, [0]));
}
