// keras.layers.Flatten, Reshape, Permute and RepeatVector. The batch axis is never touched.
// Flatten [N, 7, 7, 64] -> [N, 3136]; Reshape((-1, 4)) [N, 8, 2] -> [N, 4, 4];
// Permute((2, 1)) [N, 3, 4] -> [N, 4, 3]; RepeatVector(3) [N, 5] -> [N, 3, 5].
import { Dim } from '../../shape/dim';
import { numel, type Shape } from '../../shape/shape';
import type { Value } from '../../value';
import { constIntArg, isNone, sequenceArg, tensor } from '../args';
import { solveReshape } from '../common/reshape';
import { giveUp } from '../op';
import { dataFormatArg } from './args';
import { jsShape, jsonValue, kerasFail, pyShape, pyValue, type KerasCtx } from './dialect';
import { defineLayer } from './layer';
import { lowerFlatten, lowerPermute, lowerRepeatVector, lowerToOutputShape } from './lowerKeras';

/**
 * keras.layers.Flatten. Keras 3 takes any rank >= 1 and gives None when a non-batch size is
 * unknown (keras/src/layers/reshaping/flatten.py:39, 61-75). TF.js wants rank >= 3 and refuses
 * unknown non-batch sizes (tfjs-layers/src/layers/core.ts Flatten): its Flatten was written for
 * images, and a rank-2 input there is an error, not a no-op.
 */
export const Flatten = defineLayer({
  className: 'Flatten', tfjs: ['flatten'],
  init: 'data_format=None',
  call: 'inputs',
  check: (self, k) => void (k.dialect === 'keras' && dataFormatArg(self.data_format, k)),
  inputSpec: (_self, k) => [{ minNdim: k.dialect === 'tfjs' ? 3 : 1 }],
  output(_self, x, k) {
    const shape = x.shapes[0];
    const rest = shape.slice(1);
    if (rest.some((d) => d.isNone)) {
      if (k.dialect === 'keras') return tensor([shape[0], Dim.none()]);
      kerasFail('keras-flatten', `The shape of the input to "Flatten" is not fully defined (got ${jsShape(rest)}). Make sure to pass a complete "input_shape" or "batch_input_shape" argument to the first layer in your model.`);
    }
    return tensor([shape[0], numel(rest)]);
  },
  onnx: lowerFlatten,
});

function targetShape(v: Value): Dim[] {
  return sequenceArg(v).map((d) => (isNone(d) ? Dim.of(-1) : Dim.of(constIntArg(d))));
}

/**
 * Keras validates target_shape when the layer is made (keras/src/ops/operation_utils.py
 * validate_reshape_shape, lines 313-343, called from reshape.py:41); TF.js only turns negative
 * sizes into unknowns (core.ts Reshape constructor).
 */
function checkTarget(v: Value, k: KerasCtx): void {
  if (k.dialect === 'tfjs') return;
  const dims = targetShape(v);
  const shown = pyShape(dims);
  if (dims.some((d) => d.value! < -1)) {
    kerasFail('keras-reshape', `Each dimension in \`target_shape\` must be a non-negative integer, or \`-1\` for a single unknown dimension. Received: target_shape=${shown}.`);
  }
  if (dims.filter((d) => d.value === -1).length > 1) {
    kerasFail('keras-reshape', `There must be at most one unknown dimension (-1) in \`target_shape\`. Received: target_shape=${shown}.`);
  }
}

/**
 * keras.layers.Reshape. The two frameworks differ on when the -1 is solved and when a size
 * mismatch is caught:
 * - Keras 3 solves it as soon as the non-batch sizes are known, so a symbolic model already has
 *   the size and a mismatch fails when the layer is called on the model's input
 *   (operation_utils.compute_reshape_output_shape, lines 345-400).
 * - TF.js' computeOutputShape gives up on the -1 whenever any size, the batch included, is
 *   unknown (core.ts Reshape.computeOutputShape), so a symbolic model shows None there and a
 *   mismatch only fails at predict() on real tensors (fixUnknownDimension).
 */
export const Reshape = defineLayer({
  className: 'Reshape', tfjs: ['reshape'],
  init: 'target_shape',
  call: 'inputs',
  check: (self, k) => checkTarget(self.target_shape, k),
  output(self, x, k) {
    const shape = x.shapes[0];
    const target = targetShape(self.target_shape);
    if (k.dialect === 'tfjs') {
      const unknown = (d: Dim): Dim => (d.value !== undefined && d.value < 0 ? Dim.none() : d);
      if (shape.some((d) => d.isNone)) return tensor([shape[0], ...target.map(unknown)]);
      const sizes = target.map((d) => (d.value !== undefined && d.value < 0 ? Dim.of(-1) : d));
      return tensor([shape[0], ...solveReshape(k.op, sizes, numel(shape.slice(1)), (p) => ({
        code: 'keras-reshape', exception: 'ValueError',
        message: p === 'several-unknown' ? 'Can only specifiy one unknown dimension.' : 'Total size of new array must be unchanged.',
      }))]);
    }
    const rest = shape.slice(1);
    if (rest.some((d) => d.isNone)) return tensor([shape[0], ...target.map((d) => (d.value === -1 ? Dim.none() : d))]);
    return tensor([shape[0], ...solveReshape(k.op, target, numel(rest), (p) => ({
      code: 'keras-reshape', exception: 'ValueError',
      // keras/src/ops/operation_utils.py:392 and 376
      message: p === 'not-divisible'
        ? `The total size of the tensor must be unchanged, however, the input size cannot by divided by the specified dimensions in target_shape. Received: input_shape=${pyShape(rest)}, target_shape=${pyShape(target)}`
        : `The total size of the tensor must be unchanged. Received: input_shape=${pyShape(rest)}, target_shape=${pyShape(target)}`,
    }))]);
  },
  onnx: lowerToOutputShape,
});

/** Permutation of the non-batch axes, 1-based. */
function dimsArg(v: Value, k: KerasCtx): number[] {
  const dims = sequenceArg(v).map(constIntArg);
  const sorted = k.dialect === 'tfjs'
    // TF.js compares `dims.slice().sort()` (a string sort) with 1..n (core.ts Permute).
    ? [...dims].sort((a, b) => (String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0))
    : [...dims].sort((a, b) => a - b);
  if (sorted.some((d, i) => d !== i + 1)) {
    if (k.dialect === 'tfjs') kerasFail('keras-config', `Invalid permutation \`dims\`: ${jsonValue(v)} \`dims\` must contain consecutive integers starting from 1.`, 'Error');
    // keras/src/layers/reshaping/permute.py:40
    kerasFail('keras-config', `Invalid permutation argument \`dims\` for Permute Layer. The set of indices in \`dims\` must be consecutive and start from 1. Received dims=${pyValue(v)}`);
  }
  return dims;
}

/** keras.layers.Permute: input rank len(dims) + 1 (permute.py:45; core.ts Permute). */
export const Permute = defineLayer({
  className: 'Permute', tfjs: ['permute'],
  init: 'dims',
  call: 'inputs',
  check: (self, k) => void dimsArg(self.dims, k),
  inputSpec: (self, k) => [{ ndim: dimsArg(self.dims, k).length + 1 }],
  output(self, x, k) {
    const shape: Shape = x.shapes[0];
    return tensor([shape[0], ...dimsArg(self.dims, k).map((d) => shape[d])]);
  },
  onnx: lowerPermute,
});

/** keras.layers.RepeatVector: [N, F] -> [N, n, F] (repeat_vector.py:28-44; core.ts RepeatVector). */
export const RepeatVector = defineLayer({
  className: 'RepeatVector', tfjs: ['repeatVector'],
  init: 'n',
  call: 'inputs',
  check(self, k) {
    if (k.dialect === 'tfjs') return;
    if (self.n.kind !== 'int') {
      // keras/src/layers/reshaping/repeat_vector.py:32; Python names the type of what was passed.
      const typeName = self.n.kind === 'float' ? 'float' : self.n.kind === 'bool' ? 'bool' : self.n.kind === 'str' ? 'str' : undefined;
      if (typeName === undefined) giveUp('n');
      kerasFail('keras-config', `Expected an integer value for \`n\`, got <class '${typeName}'>.`, 'TypeError');
    }
    const n = constIntArg(self.n);
    if (n <= 0) kerasFail('keras-config', `Argument \`n\` should be a positive integer. Received: n=${n}`);
  },
  inputSpec: () => [{ ndim: 2 }],
  output(self, x) {
    const shape = x.shapes[0];
    return tensor([shape[0], Dim.of(constIntArg(self.n)), shape[1]]);
  },
  onnx: lowerRepeatVector,
});

export const reshapingLayers = [Flatten, Reshape, Permute, RepeatVector];
