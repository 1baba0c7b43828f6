// Keras' InputSpec and its compatibility check, in both dialects: the first thing a Keras or TF.js
// layer does with its input, before and again after build(), and the source of most shape errors.
import type { Dim } from '../../shape/dim';
import type { Shape } from '../../shape/shape';
import { requireEqual } from '../op';
import { jsShape, kerasFail, pyShape, type KerasCtx } from './dialect';

export interface InputSpec {
  readonly ndim?: number;
  readonly minNdim?: number;
  readonly maxNdim?: number;
  /** Axis (as the framework wrote it, e.g. -1 or 3) to the size it must have. */
  readonly axes?: readonly (readonly [number, Dim])[];
  /** A full expected shape (None matches anything); Keras' and TF.js' RNNs use it. */
  readonly shape?: Shape;
}

/**
 * Check `inputs` (the flattened tensors of the first call argument) against one spec per input.
 * Keras: keras/src/layers/input_spec.py assert_input_compatibility (lines 160-260).
 * TF.js: tfjs-layers/src/engine/topology.ts Layer.assertInputCompatibility.
 */
export function checkInputSpecs(k: KerasCtx, specs: readonly (InputSpec | undefined)[] | undefined, inputs: readonly Shape[]): void {
  if (!specs || specs.length === 0) return;
  if (inputs.length !== specs.length) {
    if (k.dialect === 'tfjs') {
      // A SymbolicTensor interpolates as [object Object].
      kerasFail('keras-input-count', `Layer ${k.name} expects ${specs.length} inputs, but it received ${inputs.length} input tensors. Input received: ${inputs.map(() => '[object Object]').join(',')}`);
    }
    // keras/src/layers/input_spec.py:172. The text goes on with "Inputs received: " and the
    // tensors' reprs, whose generated names (keras_tensor_12) cannot be known statically.
    kerasFail('keras-input-count', `Layer "${k.name}" expects ${specs.length} input(s), but it received ${inputs.length} input tensors.`);
  }
  inputs.forEach((shape, i) => {
    const spec = specs[i];
    if (spec) checkOne(k, spec, shape, i);
  });
}

function checkOne(k: KerasCtx, spec: InputSpec, shape: Shape, i: number): void {
  const ndim = shape.length;
  const tfjs = k.dialect === 'tfjs';
  // keras/src/layers/input_spec.py:198 (and 207, 215, 240, 257): "Input {i} with name '{spec.name}'
  // of layer '{name}' is incompatible with the layer: ..."; spec.name is None for built-in layers.
  const kerasHead = `Input ${i} with name 'None' of layer '${k.name}' is incompatible with the layer: `;
  if (spec.ndim !== undefined && ndim !== spec.ndim) {
    kerasFail('keras-input-ndim', tfjs
      ? `Input ${i} is incompatible with layer ${k.name}: expected ndim=${spec.ndim}, found ndim=${ndim}`
      : `${kerasHead}expected ndim=${spec.ndim}, found ndim=${ndim}. Full shape received: ${pyShape(shape)}`);
  }
  if (spec.maxNdim !== undefined && ndim > spec.maxNdim) {
    kerasFail('keras-input-ndim', tfjs
      ? `Input ${i} is incompatible with layer ${k.name}: expected max_ndim=${spec.maxNdim}, found ndim=${ndim}`
      : `${kerasHead}expected max_ndim=${spec.maxNdim}, found ndim=${ndim}`);
  }
  if (spec.minNdim !== undefined && ndim < spec.minNdim) {
    kerasFail('keras-input-ndim', tfjs
      ? `Input ${i} is incompatible with layer ${k.name}: expected min_ndim=${spec.minNdim}, found ndim=${ndim}.`
      : `${kerasHead}expected min_ndim=${spec.minNdim}, found ndim=${ndim}. Full shape received: ${pyShape(shape)}`);
  }
  for (const [axis, value] of spec.axes ?? []) {
    const at = shape[axis < 0 ? ndim + axis : axis];
    if (value.isNone || at === undefined || at.isNone) continue;
    requireEqual(k.op, at, value, () => ({
      code: 'keras-input-axis', exception: 'ValueError',
      message: tfjs
        ? `Input ${i} is incompatible with layer ${k.name}: expected axis ${axis} of input shape to have value ${value} but got shape ${jsShape(shape)}.`
        : `${kerasHead}expected axis ${axis} of input shape to have value ${value}, but received input with shape ${pyShape(shape)}`,
    }));
  }
  if (spec.shape) {
    spec.shape.forEach((want, j) => {
      const got = shape[j];
      if (want.isNone || got === undefined || got.isNone) return;
      requireEqual(k.op, got, want, () => ({
        code: 'keras-input-shape', exception: 'ValueError',
        message: tfjs
          ? `Input ${i} is incompatible with layer ${k.name}: expected shape=${jsShape(spec.shape!)}, found shape=${jsShape(shape)}.`
          : `${kerasHead}expected shape=${pyShape(spec.shape!)}, found shape=${pyShape(shape)}`,
      }));
    });
  }
}
