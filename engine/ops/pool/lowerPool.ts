// ONNX lowering of pooling. Sizes come from our output shapes: ceil mode becomes explicit end
// padding (ONNX's ceil rule differs from PyTorch's), average pooling divides by PyTorch's own
// divisor map, and adaptive pooling with uneven windows uses constant averaging matrices.
import type { Value } from '../../value';
import type { Lowered, OnnxCall, OnnxGraph } from '../lowering';
import { squeeze, unsqueeze } from '../common/onnx';

export interface WindowArgs {
  readonly kernel: readonly number[];
  /** Empty: the kernel size. */
  readonly stride: readonly number[];
  readonly padding: readonly number[];
  readonly dilation: readonly number[];
}

function expand(list: readonly number[], n: number, fallback?: readonly number[]): number[] {
  if (list.length === 0 && fallback) return expand(fallback, n);
  return list.length === 1 ? new Array<number>(n).fill(list[0]) : [...list];
}

/** The traced output tensors of a pool (the values, then indices if any). */
function outputs(call: OnnxCall): Value[] {
  const v = call.output;
  return v.kind === 'tuple' || v.kind === 'list' ? [...v.items] : [v];
}

/** Input with a batch axis: [N, C, *n] (adds N and/or C for unbatched or 1-d forms). */
function batchedInput(g: OnnxGraph, input: Value, n: number): { x: string; lead: number[] } {
  const shape = g.shape(input);
  const missing = n + 2 - shape.length;
  let x = g.input(input);
  const lead = Array.from({ length: missing }, (_, i) => i);
  if (missing > 0) x = unsqueeze(g, x, lead);
  return { x, lead };
}

function unbatched(g: OnnxGraph, y: string, lead: number[]): string {
  return lead.length > 0 ? squeeze(g, y, lead) : y;
}

/** Per spatial dim: PyTorch's pads and the end padding that reaches our output size. */
function windowPads(inSizes: readonly number[], outSizes: readonly number[], k: number[], s: number[], p: number[], d: number[]): { begins: number[]; ends: number[] } {
  const ends = inSizes.map((len, i) => Math.max(p[i], (outSizes[i] - 1) * s[i] + d[i] * (k[i] - 1) + 1 - len - p[i]));
  return { begins: [...p], ends };
}

export function lowerMaxPool(g: OnnxGraph, call: OnnxCall, n: number, input: Value, w: WindowArgs, withIndices: boolean): Lowered {
  const [out, idxOut] = outputs(call);
  const outShape = g.shape(out);
  const inShape = g.shape(input);
  const k = expand(w.kernel, n);
  const s = expand(w.stride, n, w.kernel);
  const p = expand(w.padding, n);
  const d = expand(w.dilation, n);
  const spatialIn = inShape.slice(inShape.length - n);
  const spatialOut = outShape.slice(outShape.length - n);
  const { begins, ends } = windowPads(spatialIn, spatialOut, k, s, p, d);
  const batched = batchedInput(g, input, n);
  const lead = batched.lead;
  const f64 = g.dtype(input) === 'float64';
  const x = f64 ? g.op('Cast', [batched.x], { to: 1 }) : batched.x;
  const back = (y: string): string => (f64 ? g.op('Cast', [y], { to: 11 }) : y);
  const attrs = { kernel_shape: k, strides: s, pads: [...begins, ...ends], dilations: d, ceil_mode: 0 };
  g.flops(outShape.reduce((a, b) => a * b, 1) * k.reduce((a, b) => a * b, 1));
  if (!withIndices || idxOut === undefined) return unbatched(g, back(g.op('MaxPool', [x], attrs)), lead);
  const [y, idx] = g.node('MaxPool', [x], attrs, 2);
  // ONNX indexes the whole N*C*H*W tensor; PyTorch each plane.
  const plane = spatialIn.reduce((a, b) => a * b, 1);
  const local = g.op('Mod', [idx, g.scalar(plane, 'int64')]);
  return [unbatched(g, back(y), lead), unbatched(g, local, lead)];
}

export interface AvgArgs extends WindowArgs {
  readonly ceil: boolean;
  readonly countIncludePad: boolean;
  readonly divisorOverride: number | undefined;
}

export function lowerAvgPool(g: OnnxGraph, call: OnnxCall, n: number, input: Value, w: AvgArgs, transform?: (x: string) => string): string {
  const [out] = outputs(call);
  const outShape = g.shape(out);
  const inShape = g.shape(input);
  const k = expand(w.kernel, n);
  const s = expand(w.stride, n, w.kernel);
  const p = expand(w.padding, n);
  const spatialIn = inShape.slice(inShape.length - n);
  const spatialOut = outShape.slice(outShape.length - n);
  const ones = new Array<number>(n).fill(1);
  const { begins, ends } = windowPads(spatialIn, spatialOut, k, s, p, ones);
  const batched = batchedInput(g, input, n);
  const lead = batched.lead;
  const f64 = g.dtype(input) === 'float64';
  let x = f64 ? g.op('Cast', [batched.x], { to: 1 }) : batched.x;
  if (transform) x = transform(x);
  // Zero-pad explicitly, so every window has k elements: AveragePool then yields sum / prod(k).
  const padded = begins.some((b) => b > 0) || ends.some((e) => e > 0)
    ? g.op('Pad', [x, g.ints([0, 0, ...begins, 0, 0, ...ends]), g.scalar(0)], { mode: 'constant' })
    : x;
  let y = g.op('AveragePool', [padded], { kernel_shape: k, strides: s, ceil_mode: 0 });
  const factor = divisorFactors(spatialIn, spatialOut, k, s, p, w);
  if (factor.some((f) => f !== 1)) y = g.op('Mul', [y, g.constant(Float32Array.from(factor), [1, 1, ...spatialOut], 'float32')]);
  g.flops(outShape.reduce((a, b) => a * b, 1) * k.reduce((a, b) => a * b, 1));
  if (f64) y = g.op('Cast', [y], { to: 11 });
  return unbatched(g, y, lead);
}

/** prod(k) / divisor for each output position, with PyTorch's avg_pool divisor rule. */
function divisorFactors(inSizes: number[], outSizes: number[], k: number[], s: number[], p: number[], w: AvgArgs): number[] {
  const n = inSizes.length;
  const kProd = k.reduce((a, b) => a * b, 1);
  const total = outSizes.reduce((a, b) => a * b, 1);
  const out = new Array<number>(total);
  const idx = new Array<number>(n).fill(0);
  for (let flat = 0; flat < total; flat++) {
    let rem = flat;
    for (let i = n - 1; i >= 0; i--) {
      idx[i] = rem % outSizes[i];
      rem = Math.floor(rem / outSizes[i]);
    }
    let poolSize = 1;
    let inside = 1;
    for (let i = 0; i < n; i++) {
      let start = idx[i] * s[i] - p[i];
      let end = Math.min(start + k[i], inSizes[i] + p[i]);
      poolSize *= end - start;
      start = Math.max(start, 0);
      end = Math.min(end, inSizes[i]);
      inside *= end - start;
    }
    const divisor = w.divisorOverride ?? (w.countIncludePad ? poolSize : inside);
    out[flat] = kProd / divisor;
  }
  return out;
}

/** LPPool: PyTorch computes (sign(a) * relu(|a|) * prod(k)) ^ (1/p) with a = avg_pool(x^p). */
export function lowerLpPool(g: OnnxGraph, call: OnnxCall, n: number, input: Value, normType: number, w: AvgArgs): string {
  const k = expand(w.kernel, n);
  const kProd = k.reduce((a, b) => a * b, 1);
  const dtype = g.dtype(input);
  const avg = lowerAvgPool(g, call, n, input, { ...w, padding: [0], countIncludePad: true, divisorOverride: undefined },
    (x) => g.op('Pow', [x, g.scalar(normType)]));
  const summed = g.op('Mul', [g.op('Mul', [g.op('Sign', [avg]), g.op('Relu', [g.op('Abs', [avg])])]), g.scalar(kProd, dtype)]);
  return g.op('Pow', [summed, g.scalar(1 / normType, dtype)]);
}

/** PyTorch's adaptive window of output index o: [floor(o*in/out), ceil((o+1)*in/out)). */
function adaptiveWindow(o: number, inSize: number, outSize: number): [number, number] {
  return [Math.floor((o * inSize) / outSize), Math.ceil(((o + 1) * inSize) / outSize)];
}

export function lowerAdaptiveAvg(g: OnnxGraph, call: OnnxCall, n: number, input: Value): string {
  const [out] = outputs(call);
  const outShape = g.shape(out);
  const inShape = g.shape(input);
  const rank = inShape.length;
  const spatialIn = inShape.slice(rank - n);
  const spatialOut = outShape.slice(rank - n);
  g.flops(inShape.reduce((a, b) => a * b, 1));
  let x = g.input(input);
  if (spatialOut.every((o) => o === 1)) {
    return g.op('ReduceMean', [x], { axes: spatialIn.map((_, i) => rank - n + i), keepdims: 1 });
  }
  if (spatialIn.every((len, i) => len % spatialOut[i] === 0)) {
    const k = spatialIn.map((len, i) => len / spatialOut[i]);
    const { x: bx, lead } = batchedInput(g, input, n);
    if (g.dtype(input) === 'float64') {
      const y = g.op('AveragePool', [g.op('Cast', [bx], { to: 1 })], { kernel_shape: k, strides: k });
      return unbatched(g, g.op('Cast', [y], { to: 11 }), lead);
    }
    return unbatched(g, g.op('AveragePool', [bx], { kernel_shape: k, strides: k }), lead);
  }
  // Uneven windows: one constant averaging matrix per spatial axis, applied with MatMul.
  for (let i = 0; i < n; i++) {
    const axis = rank - n + i;
    const inSize = spatialIn[i];
    const outSize = spatialOut[i];
    if (inSize === outSize) continue;
    const m = new Float32Array(inSize * outSize); // [in, out]: x @ m averages the last axis
    for (let o = 0; o < outSize; o++) {
      const [a, b] = adaptiveWindow(o, inSize, outSize);
      for (let j = a; j < b; j++) m[j * outSize + o] = 1 / (b - a);
    }
    const mat = g.constant(m, [inSize, outSize], g.dtype(input) === 'float64' ? 'float64' : 'float32');
    if (axis === rank - 1) {
      x = g.op('MatMul', [x, mat]);
    } else {
      const perm = Array.from({ length: rank }, (_, j) => j);
      perm[axis] = rank - 1;
      perm[rank - 1] = axis;
      x = g.op('Transpose', [g.op('MatMul', [g.op('Transpose', [x], { perm }), mat])], { perm });
    }
  }
  return x;
}

/** Adaptive max pooling: one MaxPool when the windows are even, else a window per output. */
export function lowerAdaptiveMax(g: OnnxGraph, call: OnnxCall, n: number, input: Value, withIndices: boolean): Lowered {
  const [out] = outputs(call);
  const outShape = g.shape(out);
  const inShape = g.shape(input);
  const rank = inShape.length;
  const spatialIn = inShape.slice(rank - n);
  const spatialOut = outShape.slice(rank - n);
  g.flops(inShape.reduce((a, b) => a * b, 1));
  if (spatialIn.every((len, i) => len % spatialOut[i] === 0)) {
    const k = spatialIn.map((len, i) => len / spatialOut[i]);
    return lowerMaxPool(g, call, n, input, { kernel: k, stride: k, padding: [0], dilation: [1] }, withIndices);
  }
  if (withIndices) return g.noKernel('adaptive max pooling with uneven windows and indices');
  // Uneven windows (rare, small outputs): a ReduceMax per output position, then concat.
  let x = g.input(input);
  for (let i = 0; i < n; i++) {
    const axis = rank - n + i;
    const pieces: string[] = [];
    for (let o = 0; o < spatialOut[i]; o++) {
      const [a, b] = adaptiveWindow(o, spatialIn[i], spatialOut[i]);
      const slice = g.op('Slice', [x, g.ints([a]), g.ints([b]), g.ints([axis])]);
      pieces.push(g.op('ReduceMax', [slice], { axes: [axis], keepdims: 1 }));
    }
    x = g.op('Concat', pieces, { axis });
  }
  return x;
}

