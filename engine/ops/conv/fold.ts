// nn.Unfold / F.unfold (im2col) and nn.Fold / F.fold (col2im), 2-D only as in PyTorch.
// unfold: [N, C, H, W] -> [N, C*kh*kw, L];  fold: [N, C*kh*kw, L] -> [N, C, oh, ow]
import { Dim } from '../../shape/dim';
import { formatShape, type Shape } from '../../shape/shape';
import type { Value } from '../../value';
import { intsArg, tensor, tensorArg, wrapDim } from '../args';
import { slidingWindowOutput } from '../common/window';
import { defineFunction, defineModule, fail, giveUp, requireEqual, type OpContext } from '../op';
import { intList } from './params';
import { lowerFold, lowerUnfold } from './lowerFold';

interface Window {
  readonly kernel: number[];
  readonly dilation: number[];
  readonly padding: number[];
  readonly stride: number[];
}

/** `_pair` in Python, then the C++ length check of each argument. */
function pairArg(v: Value, name: string): number[] {
  const xs = intList(v, 2);
  if (xs.length !== 2) fail('fold-param-length', 'RuntimeError', `It is expected ${name} equals to 2, but got size ${xs.length}`);
  return xs;
}

function windowArgs(kernel: Value, dilation: Value, padding: Value, stride: Value): Window {
  return { kernel: pairArg(kernel, 'kernel_size'), dilation: pairArg(dilation, 'dilation'), padding: pairArg(padding, 'padding'), stride: pairArg(stride, 'stride') };
}

/** The four parameter checks of im2col/col2im, each naming height and width. */
function checkWindow(w: Window, order: readonly ('kernel' | 'dilation' | 'padding' | 'stride')[]): void {
  const hw = (name: string, xs: number[]): string => `${name}_height: ${xs[0]} ${name}_width: ${xs[1]}`;
  for (const what of order) {
    if (what === 'kernel' && w.kernel.some((k) => k <= 0)) fail('fold-kernel', 'RuntimeError', `kernel size should be greater than zero, but got ${hw('kernel', w.kernel)}`);
    if (what === 'dilation' && w.dilation.some((d) => d <= 0)) fail('fold-dilation', 'RuntimeError', `dilation should be greater than zero, but got ${hw('dilation', w.dilation)}`);
    if (what === 'padding' && w.padding.some((p) => p < 0)) fail('fold-padding', 'RuntimeError', `padding should be non-negative, but got ${hw('pad', w.padding)}`);
    if (what === 'stride' && w.stride.some((s) => s <= 0)) fail('fold-stride', 'RuntimeError', `stride should be greater than zero, but got ${hw('stride', w.stride)}`);
  }
}

function blocks(size: Dim, w: Window, i: number): Dim {
  return slidingWindowOutput(size, w.kernel[i], w.stride[i], w.padding[i], w.padding[i], w.dilation[i]);
}

const pair = (xs: readonly unknown[]): string => `(${xs.join(', ')})`;
const isZero = (d: Dim): boolean => d.value === 0;

/** im2col: [N, C, H, W] or [C, H, W] -> [N, C*kh*kw, bh*bw]. */
export function unfoldShape(input: Shape, w: Window): Shape {
  checkWindow(w, ['kernel', 'dilation', 'padding', 'stride']);
  // PyTorch reads sizes 1 and 2 before checking the rank: a short input is an IndexError.
  wrapDim(1, input.length);
  wrapDim(2, input.length);
  const rank = input.length;
  const validDims = !isZero(input[1]) && !isZero(input[2]);
  if (!((rank === 3 && !isZero(input[0]) && validDims) || (rank === 4 && validDims && !isZero(input[3])))) {
    fail('unfold-input-rank', 'RuntimeError',
      `Expected 3D or 4D (batch mode) tensor with possibly 0 batch size and other non-zero dimensions for input, but got: ${formatShape(input)}`);
  }
  const [H, W] = input.slice(-2);
  const bh = blocks(H, w, 0);
  const bw = blocks(W, w, 1);
  if ((bh.value !== undefined && bh.value < 1) || (bw.value !== undefined && bw.value < 1)) {
    // PyTorch prints the height twice (sic).
    fail('unfold-too-small', 'RuntimeError',
      `Given input with spatial size ${pair([H, H])}, kernel_size=${pair(w.kernel)}, dilation=${pair(w.dilation)}, padding=${pair(w.padding)}, calculated shape of the array of sliding blocks as ${pair([bh, bw])}, but its components must be at least one.`);
  }
  const channels = input[rank - 3].mul(w.kernel[0] * w.kernel[1]);
  return [...input.slice(0, rank - 3), channels, bh.mul(bw)];
}

/** col2im: [N, C*kh*kw, L] or [C*kh*kw, L] -> [N, C, oh, ow]. */
export function foldShape(ctx: OpContext, input: Shape, outputSize: Value, w: Window): Shape {
  const out = intsArg(outputSize, 2);
  if (out.length !== 2) fail('fold-param-length', 'RuntimeError', `It is expected output_size equals to 2, but got size ${out.length}`);
  checkWindow(w, ['kernel', 'stride', 'dilation', 'padding']);
  const rank = input.length;
  const ok = (rank === 2 && !isZero(input[0]) && !isZero(input[1])) || (rank === 3 && !isZero(input[1]) && !isZero(input[2]));
  if (!ok) {
    fail('fold-input-rank', 'RuntimeError',
      `Expected 2D or 3D (batch mode) tensor for input with possibly 0 batch size and non-zero dimensions for input, but got: ${formatShape(input)}`);
  }
  const planes = input[rank - 2];
  const kk = w.kernel[0] * w.kernel[1];
  requireEqual(ctx, planes.mod(kk)!, Dim.of(0), () => ({
    code: 'fold-channels', exception: 'RuntimeError',
    message: `Expected size of input's dimension 1 to be divisible by the product of kernel_size, but got input.size(1)=${planes} and kernel_size=${pair(w.kernel)}.`,
  }));
  const bh = blocks(out[0], w, 0);
  const bw = blocks(out[1], w, 1);
  const length = input[rank - 1];
  const given = `Given output_size=${pair(out)}, kernel_size=${pair(w.kernel)}, dilation=${pair(w.dilation)}, padding=${pair(w.padding)}, stride=${pair(w.stride)}`;
  requireEqual(ctx, length, bh.mul(bw), () => ({
    code: 'fold-blocks', exception: 'RuntimeError',
    message: `${given}, expected size of input's dimension 2 to match the calculated number of sliding blocks ${bh} * ${bw} = ${bh.mul(bw)}, but got input.size(2)=${length}.`,
  }));
  if ((bh.value !== undefined && bh.value < 1) || (bw.value !== undefined && bw.value < 1)) {
    fail('fold-too-small', 'RuntimeError', `${given}, calculated shape of the array of sliding blocks as ${pair([bh, bw])}, which is too small (non-positive)`);
  }
  const channels = planes.floordiv(kk) ?? giveUp('zero kernel');
  return [...input.slice(0, rank - 2), channels, out[0], out[1]];
}

export const Unfold = defineModule({
  names: ['torch.nn.Unfold'],
  init: 'kernel_size, dilation=1, padding=0, stride=1',
  forward: 'input',
  params: () => [],
  onnx: (g, call) => lowerUnfold(g, call, call.args.input, windowArgs(call.self!.kernel_size, call.self!.dilation, call.self!.padding, call.self!.stride)),
  rule(self, { input }) {
    const x = tensorArg(input);
    return tensor(unfoldShape(x.shape, windowArgs(self.kernel_size, self.dilation, self.padding, self.stride)), x.dtype);
  },
});

export const unfold = defineFunction({
  names: ['torch.nn.functional.unfold'],
  signature: 'input, kernel_size, dilation=1, padding=0, stride=1',
  onnx: (g, call) => lowerUnfold(g, call, call.args.input, windowArgs(call.args.kernel_size, call.args.dilation, call.args.padding, call.args.stride)),
  rule(args) {
    const x = tensorArg(args.input);
    return tensor(unfoldShape(x.shape, windowArgs(args.kernel_size, args.dilation, args.padding, args.stride)), x.dtype);
  },
});

export const Fold = defineModule({
  names: ['torch.nn.Fold'],
  init: 'output_size, kernel_size, dilation=1, padding=0, stride=1',
  forward: 'input',
  params: () => [],
  onnx: (g, call) => lowerFold(g, call, call.args.input, windowArgs(call.self!.kernel_size, call.self!.dilation, call.self!.padding, call.self!.stride)),
  rule(self, { input }, ctx) {
    const x = tensorArg(input);
    return tensor(foldShape(ctx, x.shape, self.output_size, windowArgs(self.kernel_size, self.dilation, self.padding, self.stride)), x.dtype);
  },
});

export const fold = defineFunction({
  names: ['torch.nn.functional.fold'],
  signature: 'input, output_size, kernel_size, dilation=1, padding=0, stride=1',
  onnx: (g, call) => lowerFold(g, call, call.args.input, windowArgs(call.args.kernel_size, call.args.dilation, call.args.padding, call.args.stride)),
  rule(args, ctx) {
    const x = tensorArg(args.input);
    return tensor(foldShape(ctx, x.shape, args.output_size, windowArgs(args.kernel_size, args.dilation, args.padding, args.stride)), x.dtype);
  },
});
