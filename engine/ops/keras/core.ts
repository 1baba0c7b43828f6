// keras.layers.Dense, Activation, the dropout/noise family, Masking and Lambda.
// Dense: [N, ..., in] -> [N, ..., units]; the others keep their input's shape (Lambda: unknown).
import { Dim } from '../../shape/dim';
import type { Value } from '../../value';
import { UNKNOWN } from '../../value';
import { floatArg, tensor } from '../args';
import { giveUp } from '../op';
import { dataFormatArg, flag, positiveInt } from './args';
import { kerasFail, pyValue, type KerasCtx } from './dialect';
import { defineLayer, type LayerInput } from './layer';
import { lowerActivation, lowerDense, lowerInferenceIdentity } from './lowerKeras';

/** The input's shape unchanged: what every shape-preserving layer outputs. */
export function sameShape(x: LayerInput): Value {
  return tensor(x.shapes[0]);
}

/** keras.layers.Dense. [N, ..., in] -> [N, ..., units]; kernel (in, units), bias (units,). */
export const Dense = defineLayer({
  className: 'Dense', tfjs: ['dense'],
  init: "units, activation=None, use_bias=True, kernel_initializer='glorot_uniform', bias_initializer='zeros', kernel_regularizer=None, bias_regularizer=None, activity_regularizer=None, kernel_constraint=None, bias_constraint=None, lora_rank=None, lora_alpha=None, quantization_config=None",
  call: 'inputs, training=None',
  check(self, k) {
    // keras/src/layers/core/dense.py:102
    positiveInt(self.units, 'units', k, `Received an invalid value for \`units\`, expected a positive integer. Received: units=${pyValue(self.units)}`);
    activationArg(self.activation, k);
  },
  // keras/src/layers/core/dense.py:121 and 158; tfjs-layers/src/layers/core.ts Dense.
  inputSpec: () => [{ minNdim: 2 }],
  build(self, x) {
    const shape = x.shapes[0];
    const inDim = shape[shape.length - 1];
    const units = Dim.of(positiveIntValue(self.units));
    const weights = [{ name: 'kernel', shape: [inDim, units] }, ...(flag(self.use_bias) ? [{ name: 'bias', shape: [units] }] : [])];
    return { weights, inputSpec: [{ minNdim: 2, axes: [[-1, inDim] as const] }] };
  },
  output(self, x) {
    const shape = x.shapes[0];
    return tensor([...shape.slice(0, -1), Dim.of(positiveIntValue(self.units))]);
  },
  onnx: lowerDense,
});

function positiveIntValue(v: Value): number {
  const n = v.kind === 'int' ? v.dim.value : undefined;
  return n === undefined ? giveUp('units') : n;
}

/** TF.js' registered activations (tfjs-layers/src/activations.ts className fields). */
const TFJS_ACTIVATIONS = new Set(['elu', 'selu', 'relu', 'relu6', 'linear', 'sigmoid', 'hardSigmoid', 'softplus', 'softsign', 'tanh', 'softmax', 'logSoftmax', 'gelu', 'gelu_new', 'mish', 'swish']);

/** Keras 3's activation names (keras/src/activations/__init__.py ALL_OBJECTS, lines 37-73). */
const KERAS_ACTIVATIONS = new Set([
  'relu', 'leaky_relu', 'relu6', 'softmax', 'celu', 'elu', 'selu', 'softplus', 'softsign', 'squareplus', 'soft_shrink', 'sparse_plus',
  'silu', 'gelu', 'glu', 'tanh', 'tanh_shrink', 'threshold', 'sigmoid', 'sparse_sigmoid', 'exponential', 'hard_sigmoid', 'hard_silu',
  'hard_tanh', 'hard_shrink', 'linear', 'mish', 'log_softmax', 'log_sigmoid', 'sparsemax', 'swish', 'hard_swish',
]);

/** An activation given by name must be one the framework knows. */
export function activationArg(v: Value | undefined, k: KerasCtx): void {
  if (v === undefined || v.kind !== 'str') return;
  if (k.dialect === 'tfjs') {
    if (TFJS_ACTIVATIONS.has(v.value)) return;
    // tfjs-layers/src/utils/generic_utils.ts deserializeKerasObject, line 243.
    kerasFail('keras-config', `Unknown activation: ${v.value}. This may be due to one of the following reasons:\n1. The activation is defined in Python, in which case it needs to be ported to TensorFlow.js or your JavaScript code.\n2. The custom activation is defined in JavaScript, but is not registered properly with tf.serialization.registerClass().`);
  }
  if (KERAS_ACTIVATIONS.has(v.value)) return;
  // keras/src/activations/__init__.py:129
  kerasFail('keras-config', `Could not interpret activation function identifier: ${v.value}`);
}

/** keras.layers.Activation: same shape. */
export const Activation = defineLayer({
  className: 'Activation', tfjs: ['activation'],
  init: 'activation',
  call: 'inputs',
  check: (self, k) => activationArg(self.activation, k),
  output: (_self, x) => sameShape(x),
  onnx: lowerActivation,
});

/** `0 <= rate <= 1` (Keras only; TF.js takes any rate). */
function checkRate(v: Value, name: string, k: KerasCtx): void {
  if (k.dialect === 'tfjs') return;
  const r = floatArg(v);
  // keras/src/layers/regularization/dropout.py:45 (gaussian_dropout.py:31, alpha_dropout.py:39,
  // gaussian_noise.py:32 for stddev).
  if (!(r >= 0 && r <= 1)) kerasFail('keras-config', `Invalid value received for argument \`${name}\`. Expected a float value between 0 and 1. Received: ${name}=${pyValue(v)}`);
}

function noiseLayer(className: string, tfjs: string[], init: string, param: string) {
  return defineLayer({
    className, tfjs, init,
    call: 'inputs, training=False',
    check: (self, k) => checkRate(self[param], param, k),
    output: (_self, x) => sameShape(x),
    // Inference: dropout and noise are off.
    onnx: lowerInferenceIdentity,
  });
}

export const Dropout = noiseLayer('Dropout', ['dropout'], 'rate, noise_shape=None, seed=None', 'rate');
export const GaussianNoise = noiseLayer('GaussianNoise', ['gaussianNoise'], 'stddev, seed=None', 'stddev');
export const GaussianDropout = noiseLayer('GaussianDropout', ['gaussianDropout'], 'rate, seed=None', 'rate');
export const AlphaDropout = noiseLayer('AlphaDropout', ['alphaDropout'], 'rate, noise_shape=None, seed=None', 'rate');

/** SpatialDropout1D/2D/3D: rank 3/4/5 (keras/src/layers/regularization/spatial_dropout.py:64,116,178). */
function spatialDropout(n: 1 | 2 | 3, tfjs: string[]) {
  return defineLayer({
    className: `SpatialDropout${n}D`, tfjs,
    init: n === 1 ? 'rate, seed=None, name=None, dtype=None' : 'rate, data_format=None, seed=None, name=None, dtype=None',
    call: 'inputs, training=False',
    check(self, k) {
      checkRate(self.rate, 'rate', k);
      if (n > 1) dataFormatArg(self.data_format, k);
    },
    inputSpec: () => [{ ndim: n + 2 }],
    output: (_self, x) => sameShape(x),
    onnx: lowerInferenceIdentity,
  });
}

export const SpatialDropout1D = spatialDropout(1, ['spatialDropout1d']);
export const SpatialDropout2D = spatialDropout(2, []);
export const SpatialDropout3D = spatialDropout(3, []);

/** keras.layers.Masking: same shape (the mask is a side channel). */
export const Masking = defineLayer({
  className: 'Masking', tfjs: ['masking'],
  init: 'mask_value=0.0',
  call: 'inputs',
  output: (_self, x) => sameShape(x),
});

/**
 * keras.layers.Lambda: the output is whatever `function` returns, which the catalogue does not
 * run; with an explicit output_shape Keras still traces the function, so the result is unknown.
 */
export const Lambda = defineLayer({
  className: 'Lambda',
  init: 'function, output_shape=None, mask=None, arguments=None',
  call: 'inputs, mask=None, training=None',
  output: () => UNKNOWN,
});

/** keras.layers.ActivityRegularization: same shape. */
export const ActivityRegularization = defineLayer({
  className: 'ActivityRegularization',
  init: 'l1=0.0, l2=0.0',
  call: 'inputs',
  output: (_self, x) => sameShape(x),
});

export const coreLayers = [Dense, Activation, Dropout, GaussianNoise, GaussianDropout, AlphaDropout, SpatialDropout1D, SpatialDropout2D, SpatialDropout3D, Masking, Lambda, ActivityRegularization];

