// ONNX lowering of Flux's layers and Julia's array functions for the sample forward pass. A
// Julia array is column-major: its data, read row-major, is the array with its axes reversed
// (Flux's (W, H, C, N) is ONNX's (N, C, H, W)). So each lowering reinterprets its inputs with the
// axes reversed (a Reshape, no copy), computes in ONNX's layout, and reinterprets its output back
// to the Julia dimensions the shape rule gave. Weights reverse the same way: Flux's Conv weight
// (kw, kh, in, out) is ONNX's (out, in, kh, kw), Dense's (out, in) is (in, out) for x * W.
// Flux's Conv is a true convolution (NNlib flips the kernel unless flipkernel, which CrossCor
// sets: NNlib src/impl/conv_direct.jl `kproj`), so its kernel is flipped before ONNX's Conv.
import type { Value } from '../../value';
import { float, type InitRandom, type OnnxCall, type OnnxGraph, type ParamInit } from '../lowering';
import { boolArg, isNone, strArg } from '../args';
import { filled } from '../common/init';
import { convGeometry, padPairs } from './convGeometry';
import { constTuple } from './julia';

const reversed = (xs: readonly number[]): number[] => [...xs].reverse();
const count = (s: readonly number[]): number => s.reduce((a, b) => a * b, 1);

/** The input with its axes reversed: ONNX's row-major view of Julia's column-major data. */
export function rowMajor(g: OnnxGraph, v: Value): string {
  const x = g.input(v);
  if (v.kind !== 'tensor') return x;
  const shape = g.shape(v);
  return shape.length <= 1 ? x : g.op('Reshape', [x, g.ints(reversed(shape))]);
}

/** An ONNX result in reversed axes, given back the Julia dimensions of the call's output. */
export function juliaDims(g: OnnxGraph, x: string, out: Value): string {
  const shape = g.shape(out);
  return shape.length <= 1 ? x : g.op('Reshape', [x, g.ints(shape)]);
}

export function param(g: OnnxGraph, name: string): string {
  const shape = g.paramShape(name);
  const p = g.param(name);
  return shape.length <= 1 ? p : g.op('Reshape', [p, g.ints(reversed(shape))]);
}

function float32(g: OnnxGraph, v: Value, x: string): string {
  return g.dtype(v) === 'float32' ? x : g.op('Cast', [x], { to: 1 });
}

/** An NNlib activation (or Base function) applied elementwise; undefined for identity. */
export function activation(g: OnnxGraph, name: string | undefined, x: string): string {
  switch (name) {
    case undefined: case 'identity': return x;
    case 'relu': return g.op('Relu', [x]);
    case 'σ': case 'sigmoid': case 'sigmoid_fast': return g.op('Sigmoid', [x]);
    case 'tanh': case 'tanh_fast': return g.op('Tanh', [x]);
    case 'leakyrelu': return g.op('LeakyRelu', [x], { alpha: float(0.01) });
    case 'elu': return g.op('Elu', [x], { alpha: float(1) });
    case 'celu': return g.op('Celu', [x], { alpha: float(1) });
    case 'selu': return g.op('Selu', [x]);
    case 'softplus': return g.op('Softplus', [x]);
    case 'softsign': return g.op('Softsign', [x]);
    case 'relu6': return g.op('Clip', [x, g.scalar(0), g.scalar(6)]);
    case 'hardtanh': return g.op('Clip', [x, g.scalar(-1), g.scalar(1)]);
    case 'hardσ': return g.op('HardSigmoid', [x], { alpha: float(1 / 6), beta: float(0.5) });
    case 'hardswish': return g.op('Mul', [x, g.op('HardSigmoid', [x], { alpha: float(1 / 6), beta: float(0.5) })]);
    case 'swish': return g.op('Mul', [x, g.op('Sigmoid', [x])]);
    case 'lisht': return g.op('Mul', [x, g.op('Tanh', [x])]);
    case 'mish': return g.op('Mul', [x, g.op('Tanh', [g.op('Softplus', [x])])]);
    case 'logσ': return g.op('Neg', [g.op('Softplus', [g.op('Neg', [x])])]);
    case 'tanhshrink': return g.op('Sub', [x, g.op('Tanh', [x])]);
    case 'softshrink': return g.op('Shrink', [x], { lambd: float(0.5) });
    case 'trelu': return g.op('ThresholdedRelu', [x], { alpha: float(1) });
    default: return g.noKernel(`no kernel for the activation ${name} yet`);
  }
}

/** The activation a layer was built with (`σ` or `λ`), by name. */
export function layerActivation(self: Readonly<Record<string, Value>>, key: string, dflt?: string): string | undefined {
  const v = self[key];
  if (v === undefined || isNone(v)) return dflt;
  const n = v.kind === 'object' ? (v.ref as { name?: unknown }).name : undefined;
  return typeof n === 'string' ? n : undefined;
}

/** Dense: (in, N...) -> (out, N...), `x * W` in ONNX's layout with W read as (in, out). */
export function lowerDense(g: OnnxGraph, call: OnnxCall): string {
  const x = call.args.x;
  const self = call.self!;
  const wShape = g.paramShape('weight');
  let y = g.op('MatMul', [float32(g, x, rowMajor(g, x)), param(g, 'weight')]);
  if (g.hasParam('bias')) y = g.op('Add', [y, g.param('bias')]);
  g.flops(2 * count(g.shape(x)) * wShape[0]);
  const act = isObject(self.ch) ? layerActivation(self, 'σ') : layerActivation(self, 'σ2');
  return juliaDims(g, activation(g, act, y), call.output);
}

const isObject = (v: Value | undefined): boolean => v !== undefined && v.kind === 'object';

/** Flip the spatial axes of a weight in ONNX's layout (axes 2...). */
function flipKernel(g: OnnxGraph, w: string, rank: number): string {
  const axes = Array.from({ length: rank - 2 }, (_, i) => i + 2);
  const big = -(2 ** 62);
  return g.op('Slice', [w, g.ints(axes.map(() => -1)), g.ints(axes.map(() => big)), g.ints(axes), g.ints(axes.map(() => -1))]);
}

/** Conv, CrossCor, DepthwiseConv and ConvTranspose. */
export function lowerFluxConv(kind: 'Conv' | 'CrossCor' | 'DepthwiseConv' | 'ConvTranspose') {
  return (g: OnnxGraph, call: OnnxCall): string => {
    const self = call.self!;
    const geo = convGeometry(kind, self);
    const n = geo.kernel.length;
    const x = call.args.x;
    const pairs = padPairs(geo.pad, n);
    // ONNX's spatial axes are Flux's reversed: begins then ends.
    const pads = [...reversed(pairs.map((p) => p[0])), ...reversed(pairs.map((p) => p[1]))];
    let w = param(g, 'weight');
    if (kind !== 'CrossCor') w = flipKernel(g, w, n + 2);
    const inputs = [float32(g, x, rowMajor(g, x)), w, ...(g.hasParam('bias') ? [g.param('bias')] : [])];
    const attrs = { kernel_shape: reversed(geo.kernel), strides: reversed(geo.stride), dilations: reversed(geo.dilation), pads, group: geo.groups };
    const y = kind === 'ConvTranspose'
      ? g.op('ConvTranspose', inputs, { ...attrs, output_padding: reversed(geo.outpad) })
      : g.op('Conv', inputs, attrs);
    // Each output (input, for a transposed conv) element takes prod(k) * channels-per-group taps.
    const taps = count(geo.kernel) * g.paramShape('weight')[n];
    g.flops(2 * count(kind === 'ConvTranspose' ? g.shape(x) : g.shape(call.output)) * taps);
    return juliaDims(g, activation(g, layerActivation(self, 'σ'), y), call.output);
  };
}

/** MaxPool / MeanPool; NNlib's mean pool divides by the whole window, padding included. */
export function lowerFluxPool(kind: 'MaxPool' | 'MeanPool') {
  return (g: OnnxGraph, call: OnnxCall): string => {
    const self = call.self!;
    const kernel = constTuple(self.k);
    const n = kernel.length;
    const stride = isNone(self.stride) ? kernel : self.stride.kind === 'int' ? kernel.map(() => g.int(self.stride)) : constTuple(self.stride);
    const x = call.args.x;
    const padArg = self.pad;
    const pairs = padPairs(padArg.kind === 'int' ? kernel.flatMap(() => [g.int(padArg), g.int(padArg)]) : padArg.kind === 'tuple' ? constTuple(padArg) : samePad(kernel), n);
    const pads = [...reversed(pairs.map((p) => p[0])), ...reversed(pairs.map((p) => p[1]))];
    const attrs = { kernel_shape: reversed(kernel), strides: reversed(stride), pads };
    const y = kind === 'MaxPool' ? g.op('MaxPool', [float32(g, x, rowMajor(g, x))], attrs) : g.op('AveragePool', [float32(g, x, rowMajor(g, x))], { ...attrs, count_include_pad: 1 });
    return juliaDims(g, y, call.output);
  };
}

function samePad(kernel: readonly number[]): number[] {
  return kernel.flatMap((k) => [Math.ceil((k - 1) / 2), Math.floor((k - 1) / 2)]);
}

/** AdaptiveMaxPool / AdaptiveMeanPool: stride = in ÷ out, window = in - (out - 1) * stride (conv.jl:553-562). */
export function lowerAdaptivePool(kind: 'AdaptiveMaxPool' | 'AdaptiveMeanPool') {
  return (g: OnnxGraph, call: OnnxCall): string => {
    const out = constTuple(call.self!.out);
    const x = call.args.x;
    const insize = g.shape(x).slice(0, out.length);
    const stride = insize.map((s, i) => Math.floor(s / out[i]));
    const kernel = insize.map((s, i) => s - (out[i] - 1) * stride[i]);
    const attrs = { kernel_shape: reversed(kernel), strides: reversed(stride) };
    const y = g.op(kind === 'AdaptiveMaxPool' ? 'MaxPool' : 'AveragePool', [float32(g, x, rowMajor(g, x))], attrs);
    return juliaDims(g, y, call.output);
  };
}

export function lowerGlobalPool(kind: 'GlobalMaxPool' | 'GlobalMeanPool') {
  return (g: OnnxGraph, call: OnnxCall): string => {
    const x = call.args.x;
    return juliaDims(g, g.op(kind === 'GlobalMaxPool' ? 'GlobalMaxPool' : 'GlobalAveragePool', [float32(g, x, rowMajor(g, x))]), call.output);
  };
}

/** BatchNorm in test mode: running statistics, channel dimension N-1 (ONNX's axis 1). */
export function lowerBatchNorm(g: OnnxGraph, call: OnnxCall): string {
  const self = call.self!;
  if (!boolArg(self.track_stats)) return g.noKernel('BatchNorm without running statistics normalises with the batch: no kernel yet');
  const x = call.args.x;
  const c = g.shape(x)[g.shape(x).length - 2];
  const scale = g.hasParam('γ') ? g.param('γ') : g.constant(filled([c], 1), [c], 'float32');
  const shift = g.hasParam('β') ? g.param('β') : g.constant(filled([c], 0), [c], 'float32');
  let xr = float32(g, x, rowMajor(g, x));
  // ONNX's BatchNormalization wants at least (N, C): a 1-D input has no batch.
  const rank = g.shape(x).length;
  if (rank < 2) return g.noKernel('no kernel for BatchNorm on a vector');
  const y = g.op('BatchNormalization', [xr, scale, shift, g.param('μ'), g.param('σ²')], { epsilon: float(1e-5) });
  xr = activation(g, layerActivation(self, 'λ'), y);
  return juliaDims(g, xr, call.output);
}

/** LayerNorm over the first `length(size)` dimensions (ONNX's last ones), then the Scale. */
export function lowerLayerNorm(g: OnnxGraph, call: OnnxCall): string {
  const self = call.self!;
  const x = call.args.x;
  const rank = g.shape(x).length;
  const sizes = g.hasParam('diag.scale') ? g.paramShape('diag.scale') : undefined;
  const k = sizes ? sizes.length : g.noKernel('no kernel for LayerNorm(affine=false) yet');
  const normShape = reversed(g.shape(x).slice(0, k));
  const scale = g.op('Reshape', [g.param('diag.scale'), g.ints(normShape)]);
  const bias = g.op('Reshape', [g.param('diag.bias'), g.ints(normShape)]);
  const y = g.op('LayerNormalization', [float32(g, x, rowMajor(g, x)), scale, bias], { axis: rank - k, epsilon: float(1e-5) });
  const items = self.size.kind === 'tuple' ? self.size.items : [];
  const last = items[items.length - 1];
  const act = last && last.kind === 'object' ? (last.ref as { name?: string }).name : undefined;
  return juliaDims(g, activation(g, act, y), call.output);
}

export function lowerIdentity(g: OnnxGraph, call: OnnxCall): string {
  return g.op('Identity', [g.input(call.args.x)]);
}

/** Embedding: Julia's 1-based indices into the columns of W (out, in), ONNX's rows of (in, out). */
export function lowerEmbedding(g: OnnxGraph, call: OnnxCall): string {
  const x = call.args.x;
  if (x.kind !== 'tensor' || g.dtype(x) === 'bool') return g.noKernel('no kernel for Embedding on one-hot input yet');
  const idx = g.op('Sub', [g.inputAs(x, 'int64'), g.ints([1])]);
  const shape = g.shape(x);
  const idxRm = shape.length <= 1 ? idx : g.op('Reshape', [idx, g.ints(reversed(shape))]);
  return juliaDims(g, g.op('Gather', [param(g, 'weight'), idxRm], { axis: 0 }), call.output);
}

/** Flux's initialisation: glorot_uniform weights (utils.jl:81-84, nfan at :27-31), zero biases. */
export const glorotInit: ParamInit = (_self, p, rng: InitRandom) => {
  if (!/(^|\.)(weight|Wi|Wh)$/.test(p.name)) return undefined;
  const dims = p.shape;
  const [fanIn, fanOut] = dims.length === 2 ? [dims[1], dims[0]] : dims.length === 1 ? [1, dims[0]]
    : [count(dims.slice(0, -2)) * dims[dims.length - 2], count(dims.slice(0, -2)) * dims[dims.length - 1]];
  const bound = Math.sqrt(6 / (fanIn + fanOut));
  return rng.uniform(count(dims), -bound, bound);
};

/** BatchNorm: β zeros, γ ones, μ zeros, σ² ones (normalise.jl:273-287); LayerNorm's Scale ones. */
export const fluxNormInit: ParamInit = (_self, p) => (p.name === 'γ' || p.name === 'σ²' || p.name === 'diag.scale' ? filled(p.shape, 1) : undefined);

/** Embedding: randn32 (basic.jl:783). */
export const randnInit: ParamInit = (_self, p, rng) => rng.normal(count(p.shape), 0, 1);

/** A Flux/Julia function by the name it was called with (`NNlib.relu` -> `relu`). */
export function calledName(call: OnnxCall): string {
  return call.name.replace(/^(NNlib|Flux|MLUtils|julia)\./, '');
}

export { strArg };
