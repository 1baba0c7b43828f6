// ONNX lowering of convolutions: Conv / ConvTranspose with PyTorch's padding rules made
// explicit (string padding, non-zero padding modes through F.pad), and unbatched inputs.
import type { Value } from '../../value';
import type { OnnxCall, OnnxGraph } from '../lowering';
import { outShape, padTorch, squeeze, unsqueeze } from '../common/onnx';
import { intList } from './params';

export interface ConvLowering {
  readonly n: number;
  readonly input: Value;
  readonly weight: string;
  readonly weightShape: readonly number[];
  readonly bias: string | undefined;
  readonly stride: Value;
  readonly padding: Value;
  readonly dilation: Value;
  readonly groups: number;
  /** F.pad pads applied first (padding_mode other than zeros). */
  readonly prePad?: { readonly pads: readonly number[]; readonly mode: string };
}

/** Conv over [N, C, *L] or [C, *L]. */
export function lowerConv(g: OnnxGraph, call: OnnxCall, c: ConvLowering): string {
  const inShape = g.shape(c.input);
  const batched = inShape.length === c.n + 2;
  let x = g.input(c.input);
  let shape = batched ? inShape : [1, ...inShape];
  if (!batched) x = unsqueeze(g, x, [0]);
  if (c.prePad) {
    x = padTorch(g, x, shape, c.prePad.pads, c.prePad.mode);
    shape = shape.map((d, i) => (i < 2 ? d : d + c.prePad!.pads[2 * (shape.length - 1 - i)] + c.prePad!.pads[2 * (shape.length - 1 - i) + 1]));
  }
  const kernel = c.weightShape.slice(2);
  const dilation = expandTo(intList(c.dilation, c.n), c.n);
  const stride = expandTo(intList(c.stride, c.n), c.n);
  let pads: number[];
  if (c.padding.kind === 'str') {
    const begins: number[] = [];
    const ends: number[] = [];
    kernel.forEach((k, i) => {
      const total = c.padding.kind === 'str' && c.padding.value === 'same' ? dilation[i] * (k - 1) : 0;
      begins.push(Math.floor(total / 2));
      ends.push(total - Math.floor(total / 2));
    });
    pads = [...begins, ...ends];
  } else {
    const p = expandTo(intList(c.padding, c.n), c.n);
    pads = [...p, ...p];
  }
  const f64 = g.dtype(c.input) === 'float64';
  const inputs = [x, c.weight, ...(c.bias ? [c.bias] : [])].map((v) => (f64 ? toFloat32(g, v) : v));
  let y = g.op('Conv', inputs, { kernel_shape: kernel, strides: stride, dilations: dilation, pads, group: c.groups });
  if (f64) y = g.op('Cast', [y], { to: 11 });
  const out = outShape(g, call);
  if (!batched) y = squeeze(g, y, [0]);
  const cinPerGroup = c.weightShape[1];
  g.flops(2 * out.reduce((a, b) => a * b, 1) * cinPerGroup * kernel.reduce((a, b) => a * b, 1));
  return y;
}

export type ConvTransposeLowering = Omit<ConvLowering, 'prePad'>;

/** ConvTranspose; the output padding is read off our output shape (covers `output_size`). */
export function lowerConvTranspose(g: OnnxGraph, call: OnnxCall, c: ConvTransposeLowering): string {
  const inShape = g.shape(c.input);
  const batched = inShape.length === c.n + 2;
  let x = g.input(c.input);
  if (!batched) x = unsqueeze(g, x, [0]);
  const kernel = c.weightShape.slice(2);
  const stride = expandTo(intList(c.stride, c.n), c.n);
  const dilation = expandTo(intList(c.dilation, c.n), c.n);
  const padding = expandTo(intList(c.padding, c.n), c.n);
  const out = outShape(g, call);
  const spatialIn = inShape.slice(inShape.length - c.n);
  const spatialOut = out.slice(out.length - c.n);
  const outputPadding = spatialOut.map((o, i) => o - ((spatialIn[i] - 1) * stride[i] - 2 * padding[i] + dilation[i] * (kernel[i] - 1) + 1));
  // Output padding as less cropping at the end (the rows it adds can hold kernel taps), then
  // zeros where the cropping runs out; onnxruntime's own output_padding differs from PyTorch's.
  const ends = padding.map((p, i) => p - outputPadding[i]);
  const zeroRows = ends.some((e) => e < 0);
  const f64 = g.dtype(c.input) === 'float64';
  const cast = (v: string): string => (f64 ? toFloat32(g, v) : v);
  // Rows past the cropping get no taps: pad them with zeros before adding the bias.
  const inputs = [cast(x), cast(c.weight), ...(c.bias && !zeroRows ? [cast(c.bias)] : [])];
  let y = g.op('ConvTranspose', inputs, {
    kernel_shape: kernel, strides: stride, dilations: dilation, pads: [...padding, ...ends.map((e) => Math.max(e, 0))], group: c.groups,
  });
  if (zeroRows) {
    const none = ends.map(() => 0);
    y = g.op('Pad', [y, g.ints([0, 0, ...none, 0, 0, ...ends.map((e) => Math.max(-e, 0))]), g.scalar(0)], { mode: 'constant' });
    if (c.bias) y = g.op('Add', [y, g.op('Unsqueeze', [cast(c.bias), g.ints(none.map((_, i) => i + 1))])]);
  }
  if (f64) y = g.op('Cast', [y], { to: 11 });
  if (!batched) y = squeeze(g, y, [0]);
  const inCount = inShape.reduce((a, b) => a * b, 1);
  g.flops(2 * inCount * c.weightShape[1] * kernel.reduce((a, b) => a * b, 1));
  return y;
}

function toFloat32(g: OnnxGraph, x: string): string {
  return g.op('Cast', [x], { to: 1 });
}

function expandTo(values: readonly number[], n: number): number[] {
  return values.length === 1 ? new Array<number>(n).fill(values[0]) : [...values];
}
