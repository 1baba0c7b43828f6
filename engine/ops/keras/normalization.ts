// BatchNormalization, LayerNormalization and the preprocessing layers Normalization and
// Rescaling: all keep their input's shape; they differ in weights.
// BatchNormalization on [N, H, W, C]: gamma, beta (C,) trainable; moving_mean, moving_variance (C,) not.
import type { Dim } from '../../shape/dim';
import type { Shape } from '../../shape/shape';
import type { Value } from '../../value';
import { constIntArg, isNone, sequenceArg } from '../args';
import { giveUp } from '../op';
import { flag } from './args';
import { jsonShape, kerasFail, pyShape, pyValue, type KerasCtx } from './dialect';
import { defineLayer, type Weight } from './layer';
import { sameShape } from './core';
import { lowerBatchNorm, lowerLayerNorm } from './lowerKeras';

/** keras.layers.BatchNormalization: four weights of the size of `axis`, two of them statistics. */
export const BatchNormalization = defineLayer({
  className: 'BatchNormalization', tfjs: ['batchNormalization'],
  init: "axis=-1, momentum=0.99, epsilon=0.001, center=True, scale=True, beta_initializer='zeros', gamma_initializer='ones', moving_mean_initializer='zeros', moving_variance_initializer='ones', beta_regularizer=None, gamma_regularizer=None, beta_constraint=None, gamma_constraint=None, renorm=False, renorm_clipping=None, renorm_momentum=0.99, synchronized=False",
  call: 'inputs, training=None, mask=None',
  check(self) {
    // renorm adds moving_stddev / renorm_mean / renorm_stddev, not modelled here.
    if (flag(self.renorm)) giveUp('renorm');
  },
  build(self, x, k) {
    const shape = x.shapes[0];
    const axis = constIntArg(self.axis);
    const at = axis < 0 ? axis + shape.length : axis;
    const dim = shape[at];
    if (k.dialect === 'tfjs') {
      // tfjs-layers/src/layers/normalization.ts BatchNormalization.build
      if (dim === undefined || dim.isNone) {
        kerasFail('keras-norm-axis', `Axis ${at} of input tensor should have a defined dimension but the layer received an input with shape ${jsonShape(shape)}.`);
      }
    } else if (dim === undefined) {
      return giveUp('axis out of range (Python IndexError)');
    }
    const weights: Weight[] = [];
    // keras/src/layers/normalization/batch_normalization.py:234-262, spec at 300.
    if (flag(self.scale)) weights.push({ name: 'gamma', shape: [dim] });
    if (flag(self.center)) weights.push({ name: 'beta', shape: [dim] });
    weights.push({ name: 'moving_mean', shape: [dim], trainable: false }, { name: 'moving_variance', shape: [dim], trainable: false });
    return { weights, inputSpec: [{ ndim: shape.length, axes: [[k.dialect === 'tfjs' ? at : axis, dim]] }] };
  },
  output: (_self, x) => sameShape(x),
  onnx: lowerBatchNorm,
});

function axesArg(v: Value): number[] {
  return v.kind === 'list' || v.kind === 'tuple' ? sequenceArg(v).map(constIntArg) : [constIntArg(v)];
}

/**
 * LayerNormalization's normalised axes, wrapped to [0, ndim).
 * Keras: keras/src/layers/normalization/layer_normalization.py:154-160 (canonicalize_axes, then
 * sorted). TF.js: normalization.ts LayerNormalization.build (order kept).
 */
function layerNormAxes(v: Value, ndim: number, k: KerasCtx): number[] {
  const axes = axesArg(v);
  if (k.dialect === 'tfjs') {
    const wrapped = axes.map((a) => (a < 0 ? a + ndim : a));
    for (const a of wrapped) if (a < 0 || a >= ndim) kerasFail('keras-norm-axis', `Invalid axis: ${a}`, 'Error');
    if (new Set(wrapped).size !== wrapped.length) kerasFail('keras-norm-axis', `Found duplicate axes in: ${wrapped.join(',')}`, 'Error');
    return wrapped;
  }
  const wrapped = axes.map((a) => {
    // keras/src/backend/common/backend_utils.py:353
    if (!(a >= -ndim && a < ndim)) kerasFail('keras-norm-axis', `axis ${a} is out of bounds for an array with dimension ${ndim}.`);
    return a < 0 ? a + ndim : a;
  });
  // keras/src/layers/normalization/layer_normalization.py:158
  if (new Set(wrapped).size !== wrapped.length) kerasFail('keras-norm-axis', `Duplicate axes are not allowed. Received: axis=${pyValue(v)}`);
  return [...wrapped].sort((a, b) => a - b);
}

/** keras.layers.LayerNormalization: gamma and beta of the normalised axes' sizes. */
export const LayerNormalization = defineLayer({
  className: 'LayerNormalization', tfjs: ['layerNormalization'],
  init: "axis=-1, epsilon=0.001, center=True, scale=True, beta_initializer='zeros', gamma_initializer='ones', beta_regularizer=None, gamma_regularizer=None, beta_constraint=None, gamma_constraint=None",
  call: 'inputs',
  build(self, x, k) {
    const shape = x.shapes[0];
    const param = layerNormAxes(self.axis, shape.length, k).map((a) => shape[a]);
    const weights: Weight[] = [];
    if (flag(self.scale)) weights.push({ name: 'gamma', shape: param });
    if (flag(self.center)) weights.push({ name: 'beta', shape: param });
    return { weights };
  },
  output: (_self, x) => sameShape(x),
  onnx: lowerLayerNorm,
});

/**
 * keras.layers.Normalization (preprocessing): the shape is kept; without fixed mean/variance it
 * keeps non-trainable mean, variance (the kept axes' sizes) and count (a scalar)
 * (keras/src/layers/preprocessing/normalization.py:172-214).
 */
export const Normalization = defineLayer({
  className: 'Normalization',
  init: 'axis=-1, mean=None, variance=None, invert=False',
  call: 'inputs',
  build(self, x) {
    const shape: Shape = x.shapes[0];
    const ndim = shape.length;
    const axes = isNone(self.axis) ? [] : axesArg(self.axis);
    if (axes.some((a) => a < -ndim || a >= ndim)) {
      // keras/src/layers/preprocessing/normalization.py:163
      kerasFail('keras-norm-axis', `All \`axis\` values must be in the range [-ndim, ndim). Received inputs with ndim=${ndim}, while axis=${pyAxes(axes)}`);
    }
    const keep = [...new Set(axes.map((a) => (a < 0 ? a + ndim : a)))].sort((a, b) => a - b);
    const missing = keep.find((d) => shape[d].isNone);
    if (missing !== undefined) {
      // keras/src/layers/preprocessing/normalization.py:176
      kerasFail('keras-norm-axis', `All \`axis\` values to be kept must have a known shape. Received axis=${pyAxes(axes)}, inputs.shape=${pyShape(shape)}, with unknown axis at index ${missing}`);
    }
    if (!isNone(self.mean)) return {};
    const kept: Dim[] = keep.map((d) => shape[d]);
    return { weights: [{ name: 'mean', shape: kept, trainable: false }, { name: 'variance', shape: kept, trainable: false }, { name: 'count', shape: [], trainable: false }] };
  },
  output: (_self, x) => sameShape(x),
});

/** The axis tuple as Normalization stores it: `(-1,)`, `(1, 2)`. */
function pyAxes(axes: number[]): string {
  return axes.length === 1 ? `(${axes[0]},)` : `(${axes.join(', ')})`;
}

/** keras.layers.Rescaling: same shape. */
export const Rescaling = defineLayer({
  className: 'Rescaling', tfjs: ['rescaling'],
  init: 'scale, offset=0.0',
  call: 'inputs',
  output: (_self, x) => sameShape(x),
});

/** keras.layers.UnitNormalization: same shape. */
export const UnitNormalization = defineLayer({
  className: 'UnitNormalization',
  init: 'axis=-1',
  call: 'inputs',
  output: (_self, x) => sameShape(x),
});

export const normalizationLayers = [BatchNormalization, LayerNormalization, Normalization, Rescaling, UnitNormalization];
