// The model's entry point: keras.Input(shape=(28, 28, 1)) is a tensor [None, 28, 28, 1];
// keras.layers.InputLayer holds one. TF.js: tf.input({shape}) and tf.layers.inputLayer({inputShape}).
import { Dim } from '../../shape/dim';
import type { Shape } from '../../shape/shape';
import type { TensorValue, Value } from '../../value';
import { constIntArg, isNone, sequenceArg } from '../args';
import { DTYPES, type DType } from '../dtype';
import { defineFunction, giveUp, type OpContext } from '../op';
import type { BoundArgs } from '../signature';
import { dialectOf, kerasFail } from './dialect';
import { defineLayer } from './layer';

function dims(v: Value): Dim[] {
  return sequenceArg(v).map((d) => (isNone(d) ? Dim.none() : Dim.of(constIntArg(d))));
}

/** A dtype given by name (`'int32'`); unknown names leave the dtype unknown. */
function dtypeOf(v: Value | undefined): DType | undefined {
  if (v === undefined || isNone(v)) return 'float32';
  if (v.kind !== 'str') return undefined;
  return (DTYPES as readonly string[]).includes(v.value) ? (v.value as DType) : undefined;
}

function tensorOf(shape: Shape, dtype: DType | undefined): TensorValue {
  return { kind: 'tensor', shape, dtype };
}

/**
 * The batch shape an InputLayer is given.
 * Keras: keras/src/layers/core/input_layer.py:24-95 (input_shape / batch_input_shape are old
 * names of shape / batch_shape). TF.js: tfjs-layers/src/engine/input_layer.ts InputLayer.
 */
function batchShape(self: BoundArgs, ctx: OpContext): Shape {
  const tfjs = dialectOf(ctx) === 'tfjs';
  const shape = !isNone(self.shape) ? self.shape : self.input_shape;
  const batch = !isNone(self.batch_shape) ? self.batch_shape : self.batch_input_shape;
  const size = isNone(self.batch_size) ? Dim.none() : Dim.of(constIntArg(self.batch_size));
  if (tfjs) {
    if (!isNone(shape) && !isNone(batch)) kerasFail('keras-config', 'Only provide the inputShape OR batchInputShape argument to inputLayer, not both at the same time.');
    if (isNone(batch)) {
      if (isNone(shape)) kerasFail('keras-config', 'An InputLayer should be passed either a `batchInputShape` or an `inputShape`.');
      return [size, ...dims(shape)];
    }
    if (!isNone(self.batch_size)) kerasFail('keras-config', 'Cannot specify batchSize if batchInputShape is specified when creating an InputLayer.');
    return dims(batch);
  }
  if (!isNone(self.input_tensor)) giveUp('input_tensor');
  // keras/src/layers/core/input_layer.py:80, 85, 89
  if (!isNone(shape) && !isNone(batch)) kerasFail('keras-config', 'You cannot pass both `shape` and `batch_shape` at the same time.');
  if (!isNone(self.batch_size) && !isNone(batch)) kerasFail('keras-config', 'You cannot pass both `batch_size` and `batch_shape` at the same time.');
  if (isNone(shape) && isNone(batch)) kerasFail('keras-config', 'You must pass a `shape` argument.');
  return isNone(shape) ? dims(batch) : [size, ...dims(shape)];
}

export const InputLayer = defineLayer({
  className: 'InputLayer', tfjs: ['inputLayer'],
  init: 'shape=None, batch_size=None, dtype=None, sparse=None, ragged=None, batch_shape=None, input_tensor=None, optional=False, name=None, *, input_shape=None, batch_input_shape=None',
  call: '',
  check: (self, k) => void batchShape(self, k.op),
  output: (self, _x, k) => tensorOf(batchShape(self, k.op), dtypeOf(self.dtype)),
});

/**
 * keras.Input / keras.layers.Input (input_layer.py:147) and TF.js' tf.input({shape,
 * batchShape}): the symbolic tensor a functional model starts from.
 */
export const Input = defineFunction({
  names: ['keras.Input', 'keras.layers.Input'],
  signature: 'shape=None, batch_size=None, dtype=None, sparse=None, ragged=None, batch_shape=None, name=None, tensor=None, optional=False',
  rule(args, ctx) {
    const self: BoundArgs = { ...args, input_tensor: args.tensor, input_shape: { kind: 'none' }, batch_input_shape: { kind: 'none' } };
    return tensorOf(batchShape(self, ctx), dtypeOf(args.dtype));
  },
});

export const inputLayers = [InputLayer];
