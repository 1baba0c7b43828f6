// Activation layers: ReLU, LeakyReLU, ELU, Softmax, ThresholdedReLU (same shape) and PReLU,
// whose learned slope `alpha` has the input's shape without the batch, 1 on shared axes.
import { Dim } from '../../shape/dim';
import type { Value } from '../../value';
import { floatArg, isNone, sequenceArg, constIntArg } from '../args';
import { kerasFail, pyValue, type KerasCtx } from './dialect';
import type { InputSpec } from './inputSpec';
import { defineLayer } from './layer';
import { sameShape } from './core';
import { float, type OnnxCall, type OnnxGraph } from '../lowering';
import { floatInput } from './lowerKeras';

function optFloat(v: Value): number | undefined {
  return isNone(v) ? undefined : floatArg(v);
}

/** keras.layers.ReLU (keras/src/layers/activations/relu.py:40-58 for the checks). */
export const ReLU = defineLayer({
  className: 'ReLU', tfjs: ['reLU'],
  init: 'max_value=None, negative_slope=0.0, threshold=0.0',
  call: 'inputs',
  check(self, k) {
    if (k.dialect === 'tfjs') return;
    const max = optFloat(self.max_value);
    if (max !== undefined && max < 0) kerasFail('keras-config', `max_value of a ReLU layer cannot be a negative value. Received: max_value=${pyValue(self.max_value)}`);
    const slope = optFloat(self.negative_slope);
    if (slope === undefined || slope < 0) kerasFail('keras-config', `negative_slope of a ReLU layer cannot be None or a negative value. Received: negative_slope=${pyValue(self.negative_slope)}`);
    const threshold = optFloat(self.threshold);
    if (threshold === undefined || threshold < 0) kerasFail('keras-config', `threshold of a ReLU layer cannot be None or a negative value. Received: threshold=${pyValue(self.threshold)}`);
  },
  output: (_self, x) => sameShape(x),
  onnx: lowerReLU,
});

/**
 * keras.layers.LeakyReLU. Keras 3 calls the slope negative_slope and still takes the old
 * `alpha` keyword (keras/src/layers/activations/leaky_relu.py:38-50); TF.js calls it alpha.
 */
export const LeakyReLU = defineLayer({
  className: 'LeakyReLU', tfjs: ['leakyReLU'],
  init: 'negative_slope=0.3, *, alpha=None',
  call: 'inputs',
  check(self, k) {
    if (k.dialect === 'tfjs') return;
    const v = isNone(self.alpha) ? self.negative_slope : self.alpha;
    const slope = optFloat(v);
    if (slope === undefined || slope < 0) {
      kerasFail('keras-config', `The negative_slope value of a Leaky ReLU layer cannot be None or negative value. Expected a float. Received: negative_slope=${pyValue(v)}`);
    }
  },
  output: (_self, x) => sameShape(x),
  onnx: lowerLeakyReLU,
});

/** keras.layers.ELU; TF.js only implements alpha = 1 (advanced_activations.ts ELU). */
export const ELU = defineLayer({
  className: 'ELU', tfjs: ['elu'],
  init: 'alpha=1.0',
  call: 'inputs',
  check(self, k) {
    const alpha = optFloat(self.alpha);
    if (k.dialect === 'tfjs' && alpha !== undefined && alpha !== 1) {
      kerasFail('keras-unsupported', `Non-default alpha value (${alpha}) is not supported by the ELU layer yet.`, 'NotImplementedError');
    }
  },
  output: (_self, x) => sameShape(x),
  onnx: lowerELU,
});

export const Softmax = defineLayer({
  className: 'Softmax', tfjs: ['softmax'],
  init: 'axis=-1',
  call: 'inputs, mask=None',
  output: (_self, x) => sameShape(x),
  onnx: lowerSoftmax,
});

/** tf.keras' ThresholdedReLU (Keras 3 dropped it; TF.js keeps it). */
export const ThresholdedReLU = defineLayer({
  className: 'ThresholdedReLU', tfjs: ['thresholdedReLU'],
  init: 'theta=1.0',
  call: 'inputs',
  output: (_self, x) => sameShape(x),
  onnx: lowerThresholdedReLU,
});

function sharedAxes(v: Value): number[] | undefined {
  if (isNone(v)) return undefined;
  return v.kind === 'list' || v.kind === 'tuple' ? sequenceArg(v).map(constIntArg) : [constIntArg(v)];
}

/**
 * keras.layers.PReLU: alpha has the input shape without the batch, 1 on each shared axis.
 * The rebuilt spec differs: Keras pins the axes that are not shared, and only when some are
 * (keras/src/layers/activations/prelu.py:54-72); TF.js pins every axis whenever sharedAxes is set
 * (advanced_activations.ts PReLU.build).
 */
export const PReLU = defineLayer({
  className: 'PReLU', tfjs: ['prelu'],
  init: "alpha_initializer='Zeros', alpha_regularizer=None, alpha_constraint=None, shared_axes=None",
  call: 'inputs',
  build(self, x, k: KerasCtx) {
    const shape = x.shapes[0];
    const shared = sharedAxes(self.shared_axes);
    const param: Dim[] = shape.slice(1);
    for (const i of shared ?? []) param[i - 1] = Dim.of(1);
    const axes: [number, Dim][] = [];
    if (shared && (k.dialect === 'tfjs' || shared.length > 0)) {
      for (let i = 1; i < shape.length; i++) if (k.dialect === 'tfjs' || !shared.includes(i)) axes.push([i, shape[i]]);
    }
    const spec: InputSpec = { ndim: shape.length, axes };
    return { weights: [{ name: 'alpha', shape: param }], inputSpec: [spec] };
  },
  output: (_self, x) => sameShape(x),
  onnx: lowerPReLU,
});

// ---------------------------------------------------------------------------------------------
// Lowerings (inference). ReLU: min(max(x, 0), max_value) with Keras' slope below the threshold.

function lowerReLU(g: OnnxGraph, call: OnnxCall): string {
  const self = call.self!;
  const x = floatInput(g, call.args.inputs);
  const max = optFloat(self.max_value);
  const slope = optFloat(self.negative_slope) ?? 0;
  const threshold = optFloat(self.threshold) ?? 0;
  if (slope !== 0 || threshold !== 0) return g.noKernel('ReLU with a negative slope or a threshold');
  const y = g.op('Relu', [x]);
  return max === undefined ? y : g.op('Clip', [y, g.scalar(0), g.scalar(max)]);
}

function lowerLeakyReLU(g: OnnxGraph, call: OnnxCall): string {
  const self = call.self!;
  const slope = optFloat(isNone(self.alpha) ? self.negative_slope : self.alpha);
  if (slope === undefined) return g.noKernel('a slope that is not a number');
  return g.op('LeakyRelu', [floatInput(g, call.args.inputs)], { alpha: float(slope) });
}

function lowerELU(g: OnnxGraph, call: OnnxCall): string {
  return g.op('Elu', [floatInput(g, call.args.inputs)], { alpha: float(optFloat(call.self!.alpha) ?? 1) });
}

function lowerSoftmax(g: OnnxGraph, call: OnnxCall, k: KerasCtx): string {
  const axis = call.self!.axis;
  if (axis.kind !== 'int') return g.noKernel('softmax over several axes');
  const rank = g.shape(call.args.inputs).length;
  const a = g.int(axis) < 0 ? g.int(axis) + rank : g.int(axis);
  // tfjs-core softmax.ts: "Softmax along a non-last dimension is not yet supported".
  if (k.dialect === 'tfjs' && a !== rank - 1) return g.noKernel('TF.js runs softmax only along the last axis');
  return g.op('Softmax', [floatInput(g, call.args.inputs)], { axis: a });
}

function lowerThresholdedReLU(g: OnnxGraph, call: OnnxCall): string {
  return g.op('ThresholdedRelu', [floatInput(g, call.args.inputs)], { alpha: float(optFloat(call.self!.theta) ?? 1) });
}

/** PReLU: alpha has the input's shape without the batch (1 on shared axes), broadcast. */
function lowerPReLU(g: OnnxGraph, call: OnnxCall): string {
  return g.op('PRelu', [floatInput(g, call.args.inputs), g.param('alpha')]);
}

export const activationLayers = [ReLU, LeakyReLU, ELU, Softmax, ThresholdedReLU, PReLU];
