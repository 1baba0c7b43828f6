// NNlib's functions on whole arrays as Flux code calls them: the activations (NNlib applies them
// elementwise to arrays, src/activations.jl:818-820), softmax/logsoftmax along `dims` (default
// 1, the feature dimension), and flatten (Flux.jl src/layers/stateless.jl: MLUtils.flatten,
// `reshape(x, :, size(x)[end])`).
import { Dim } from '../../shape/dim';
import { intArg, tensorArg } from '../args';
import { defineFunction, giveUp } from '../op';
import { fluxTensor } from './julia';
import { lowerJuliaReshape, lowerSoftmax, lowerWholeActivation } from './lowerArrays';

/** NNlib's ACTIVATIONS (src/activations.jl:6-12) and Base's elementwise functions that keep shapes. */
export const ACTIVATION_NAMES = [
  'σ', 'hardσ', 'hardtanh', 'relu', 'leakyrelu', 'relu6', 'rrelu', 'elu', 'gelu_tanh', 'gelu_sigmoid', 'gelu_erf', 'swish', 'hardswish',
  'selu', 'celu', 'softplus', 'softsign', 'logσ', 'logcosh', 'mish', 'tanhshrink', 'softshrink', 'trelu', 'lisht', 'tanh_fast', 'sigmoid_fast',
] as const;

/** relu(x) on an array is relu.(x): the same shape, a float element type. */
export const activation = defineFunction({
  names: ACTIVATION_NAMES.map((n) => `NNlib.${n}`),
  signature: 'x',
  onnx: lowerWholeActivation,
  rule({ x }) {
    const t = tensorArg(x);
    return fluxTensor(t.shape, t.dtype === 'float64' || t.dtype === 'float16' ? t.dtype : t.dtype === 'float32' ? 'float32' : 'float64');
  },
});

/** softmax(x; dims=1) and logsoftmax: the same shape. */
export const softmax = defineFunction({
  names: ['NNlib.softmax', 'NNlib.logsoftmax'],
  signature: 'x, *, dims=1',
  onnx: lowerSoftmax,
  rule({ x, dims }) {
    const t = tensorArg(x);
    if (dims.kind === 'int') {
      const d = intArg(dims).value;
      if (d === undefined || d < 1) return giveUp('dims');
    }
    return fluxTensor(t.shape, t.dtype === 'float64' ? 'float64' : 'float32');
  },
});

/** flatten(x): (d1, ..., dn-1, N) -> (d1 * ... * dn-1, N). */
export const flatten = defineFunction({
  names: ['Flux.flatten', 'MLUtils.flatten'],
  signature: 'x',
  onnx: lowerJuliaReshape,
  rule({ x }) {
    const t = tensorArg(x);
    if (t.shape.length === 0) return giveUp('flatten of a scalar');
    const last = t.shape[t.shape.length - 1];
    return fluxTensor([t.shape.slice(0, -1).reduce((a, d) => a.mul(d), Dim.of(1)), last], t.dtype);
  },
});

export const nnlibOps = [activation, softmax, flatten];
