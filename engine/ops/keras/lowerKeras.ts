// ONNX lowering helpers of the Keras catalogue (Keras Python and TF.js): the activations by their
// names in each framework, channels-last <-> ONNX's channels-first transposes, TensorFlow's 'same'
// padding, and the lowerings of the simple layers (Dense, Activation, dropout, Flatten...).
// Activations: tfjs-layers/src/activations.ts and keras/src/activations/activations.py.
import type { Value } from '../../value';
import { float, type OnnxCall, type OnnxGraph } from '../lowering';
import { constIntArg, isNone, sequenceArg } from '../args';
import type { KerasCtx } from './dialect';
import type { DataFormat } from './args';

const count = (s: readonly number[]): number => s.reduce((a, b) => a * b, 1);

/** The input as float32 (ONNX's Conv, pools and most kernels are float32 only). */
export function floatInput(g: OnnxGraph, v: Value): string {
  return g.inputAs(v, 'float32');
}

/** A named activation applied elementwise (softmax families on the last axis). */
export function kerasActivation(g: OnnxGraph, v: Value | undefined, x: string, k: KerasCtx): string {
  if (v === undefined || isNone(v)) return x;
  if (v.kind !== 'str') return g.noKernel('an activation given as an object');
  switch (v.value) {
    case 'linear': return x;
    case 'relu': return g.op('Relu', [x]);
    case 'relu6': return g.op('Clip', [x, g.scalar(0), g.scalar(6)]);
    case 'sigmoid': return g.op('Sigmoid', [x]);
    case 'tanh': return g.op('Tanh', [x]);
    case 'softmax': return g.op('Softmax', [x], { axis: -1 });
    case 'logSoftmax': case 'log_softmax': return g.op('LogSoftmax', [x], { axis: -1 });
    case 'elu': return g.op('Elu', [x], { alpha: float(1) });
    case 'selu': return g.op('Selu', [x], { alpha: float(1.6732632423543772), gamma: float(1.0507009873554805) });
    case 'softplus': return g.op('Softplus', [x]);
    case 'softsign': return g.op('Softsign', [x]);
    // TF.js: clip(0.2 x + 0.5, 0, 1) (activations.ts HardSigmoid -> K.hardSigmoid).
    case 'hardSigmoid': return g.op('HardSigmoid', [x], { alpha: float(0.2), beta: float(0.5) });
    // Keras 3: relu6(x + 3) / 6 (activations.py hard_sigmoid).
    case 'hard_sigmoid': return g.op('HardSigmoid', [x], { alpha: float(1 / 6), beta: float(0.5) });
    case 'swish': case 'silu': return g.op('Mul', [x, g.op('Sigmoid', [x])]);
    case 'mish': return g.op('Mul', [x, g.op('Tanh', [g.op('Softplus', [x])])]);
    case 'exponential': return g.op('Exp', [x]);
    case 'leaky_relu': return g.op('LeakyRelu', [x], { alpha: float(0.2) });
    // TF.js' gelu and Keras' default gelu are the erf form; TF.js' gelu_new the tanh form.
    case 'gelu': return g.op('Mul', [g.op('Mul', [x, g.scalar(0.5)]), g.op('Add', [g.scalar(1), g.op('Erf', [g.op('Div', [x, g.scalar(Math.SQRT2)])])])]);
    case 'gelu_new': {
      const cube = g.op('Mul', [g.op('Mul', [x, x]), x]);
      const inner = g.op('Mul', [g.scalar(Math.sqrt(2 / Math.PI)), g.op('Add', [x, g.op('Mul', [g.scalar(0.044715), cube])])]);
      return g.op('Mul', [g.op('Mul', [x, g.scalar(0.5)]), g.op('Add', [g.scalar(1), g.op('Tanh', [inner])])]);
    }
    default: return g.noKernel(`no kernel for the ${k.dialect === 'tfjs' ? 'TF.js' : 'Keras'} activation ${v.value} yet`);
  }
}

/** [N, *L, C] -> [N, C, *L] for a channels-last input of rank `rank`; as is for channels-first. */
export function toChannelsFirst(g: OnnxGraph, x: string, rank: number, format: DataFormat): string {
  if (format === 'channels_first' || rank < 3) return x;
  return g.op('Transpose', [x], { perm: [0, rank - 1, ...Array.from({ length: rank - 2 }, (_, i) => i + 1)] });
}

/** [N, C, *L] -> [N, *L, C] back to channels-last. */
export function fromChannelsFirst(g: OnnxGraph, x: string, rank: number, format: DataFormat): string {
  if (format === 'channels_first' || rank < 3) return x;
  return g.op('Transpose', [x], { perm: [0, ...Array.from({ length: rank - 2 }, (_, i) => i + 2), 1] });
}

/**
 * ONNX `pads` (all begins, then all ends) for TensorFlow's padding of each spatial axis: 'valid'
 * none; 'same' max((ceil(in/s) - 1) s + (k - 1) d + 1 - in, 0), the odd one at the end
 * (tensorflow/core/framework/kernel_shape_util.cc GetWindowedOutputSizeVerbose); 'causal' (Conv1D)
 * (k - 1) d at the start.
 */
export function tfPads(padding: string, input: readonly number[], kernel: readonly number[], strides: readonly number[], dilation: readonly number[]): number[] {
  const begins: number[] = [];
  const ends: number[] = [];
  input.forEach((n, i) => {
    const span = (kernel[i] - 1) * (dilation[i] ?? 1) + 1;
    if (padding === 'same') {
      const total = Math.max((Math.ceil(n / strides[i]) - 1) * strides[i] + span - n, 0);
      begins.push(Math.floor(total / 2));
      ends.push(total - Math.floor(total / 2));
    } else if (padding === 'causal') {
      begins.push(span - 1);
      ends.push(0);
    } else {
      begins.push(0);
      ends.push(0);
    }
  });
  return [...begins, ...ends];
}

/** Dense: [N, ..., in] x kernel (in, units) + bias, then the activation. */
export function lowerDense(g: OnnxGraph, call: OnnxCall, k: KerasCtx): string {
  const x = call.args.inputs;
  let y = g.op('MatMul', [floatInput(g, x), g.param('kernel')]);
  if (g.hasParam('bias')) y = g.op('Add', [y, g.param('bias')]);
  g.flops(2 * count(g.shape(x)) * g.paramShape('kernel')[1]);
  return kerasActivation(g, call.self!.activation, y, k);
}

/** The Activation layer. */
export function lowerActivation(g: OnnxGraph, call: OnnxCall, k: KerasCtx): string {
  return kerasActivation(g, call.self!.activation, floatInput(g, call.args.inputs), k);
}

/** Dropout, noise layers and the like: the identity at inference (eval mode). */
export function lowerInferenceIdentity(g: OnnxGraph, call: OnnxCall): string {
  return g.op('Identity', [g.input(call.args.inputs)]);
}

/** Reshape to the rule's output shape (Reshape, Flatten of a channels-last input). */
export function lowerToOutputShape(g: OnnxGraph, call: OnnxCall): string {
  return g.op('Reshape', [g.input(call.args.inputs), g.ints(g.shape(call.output))]);
}

/** Flatten: a channels-first input is put channels-last first (tfjs core.ts Flatten.call; Keras flatten.py). */
export function lowerFlatten(g: OnnxGraph, call: OnnxCall): string {
  const x = call.args.inputs;
  const rank = g.shape(x).length;
  const format = call.self!.data_format;
  let y = g.input(x);
  if (format && format.kind === 'str' && format.value === 'channels_first' && rank > 2) {
    y = g.op('Transpose', [y], { perm: [0, ...Array.from({ length: rank - 2 }, (_, i) => i + 2), 1] });
  }
  return g.op('Reshape', [y, g.ints(g.shape(call.output))]);
}

/** Permute(dims): dims are 1-based axes after the batch. */
export function lowerPermute(g: OnnxGraph, call: OnnxCall): string {
  const dims = sequenceArg(call.self!.dims).map(constIntArg);
  return g.op('Transpose', [g.input(call.args.inputs)], { perm: [0, ...dims] });
}

/** RepeatVector(n): [N, F] -> [N, n, F]. */
export function lowerRepeatVector(g: OnnxGraph, call: OnnxCall): string {
  const [n, f] = g.shape(call.args.inputs);
  const times = g.int(call.self!.n);
  return g.op('Expand', [g.op('Reshape', [g.input(call.args.inputs), g.ints([n, 1, f])]), g.ints([n, times, f])]);
}

/** Inference batch norm along `axis`: (x - mean) / sqrt(var + eps) * gamma + beta. */
export function lowerBatchNorm(g: OnnxGraph, call: OnnxCall, k: KerasCtx): string {
  const x = call.args.inputs;
  const shape = g.shape(x);
  const axisArg = constIntArg(call.self!.axis);
  const axis = axisArg < 0 ? axisArg + shape.length : axisArg;
  // TF.js' CPU kernel (tfjs-backend-cpu BatchNorm.ts) reads the statistics by flat position, so
  // along another axis than the last its numbers depend on the backend.
  if (k.dialect === 'tfjs' && axis !== shape.length - 1) return g.noKernel('TF.js batch normalization along a non-last axis (its result depends on the backend)');
  const along = shape.map((d, i) => (i === axis ? d : 1));
  const p = (name: string): string => g.op('Reshape', [g.param(name), g.ints(along)]);
  const eps = call.self!.epsilon.kind === 'float' ? call.self!.epsilon.value : g.int(call.self!.epsilon);
  let y = g.op('Div', [g.op('Sub', [floatInput(g, x), p('moving_mean')]), g.op('Sqrt', [g.op('Add', [p('moving_variance'), g.scalar(eps)])])]);
  if (g.hasParam('gamma')) y = g.op('Mul', [y, p('gamma')]);
  if (g.hasParam('beta')) y = g.op('Add', [y, p('beta')]);
  g.flops(4 * count(shape));
  return y;
}

/** LayerNormalization over the trailing axes given (other axes: no kernel yet). */
export function lowerLayerNorm(g: OnnxGraph, call: OnnxCall): string {
  const x = call.args.inputs;
  const shape = g.shape(x);
  const v = call.self!.axis;
  const axes = (v.kind === 'list' || v.kind === 'tuple' ? sequenceArg(v).map(constIntArg) : [constIntArg(v)]).map((a) => (a < 0 ? a + shape.length : a)).sort((a, b) => a - b);
  const first = axes[0];
  if (axes.some((a, i) => a !== first + i) || axes[axes.length - 1] !== shape.length - 1) return g.noKernel('layer normalization over axes that are not the last ones');
  const eps = call.self!.epsilon.kind === 'float' ? call.self!.epsilon.value : g.int(call.self!.epsilon);
  // The variance is the biased one (moments), as ONNX's LayerNormalization computes it.
  // Opset 17: ReduceMean's axes are an attribute.
  const mean = g.op('ReduceMean', [floatInput(g, x)], { axes, keepdims: 1 });
  const centered = g.op('Sub', [floatInput(g, x), mean]);
  const variance = g.op('ReduceMean', [g.op('Mul', [centered, centered])], { axes, keepdims: 1 });
  let y = g.op('Div', [centered, g.op('Sqrt', [g.op('Add', [variance, g.scalar(eps)])])]);
  const paramShape = shape.slice(first);
  if (g.hasParam('gamma')) y = g.op('Mul', [y, g.op('Reshape', [g.param('gamma'), g.ints(paramShape)])]);
  if (g.hasParam('beta')) y = g.op('Add', [y, g.op('Reshape', [g.param('beta'), g.ints(paramShape)])]);
  return y;
}

/** Embedding: a lookup of integer ids in the (input_dim, output_dim) table. */
export function lowerEmbedding(g: OnnxGraph, call: OnnxCall): string {
  const ids = g.inputAs(call.args.inputs, 'int64');
  return g.op('Reshape', [g.op('Gather', [g.param('embeddings'), ids], { axis: 0 }), g.ints(g.shape(call.output))]);
}
