// The Keras catalogue in the 'keras' dialect (Keras 3 Python), where no Keras runtime exists
// here: every error text Keras raises, with the source line it comes from, and the shapes and
// weights of the layers TF.js lacks, from the examples and tests in the Keras source.
// Paths are in /work/corpus/keras-team+keras (Keras 3.16.0).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Dim } from '../../engine/shape/dim';
import type { Value } from '../../engine/value';
import { constructModule, type ModuleInstance } from '../../engine/ops/apply';
import { lookupOp } from '../../engine/ops/registry';
import { applyFunction } from '../../engine/ops/apply';
import { callLayer, isBuilt, kerasParamCount } from '../../engine/ops/keras';

type Dims = (number | null)[];
const int = (n: number): Value => ({ kind: 'int', dim: Dim.of(n) });
const float = (value: number): Value => ({ kind: 'float', value });
const str = (value: string): Value => ({ kind: 'str', value });
const bool = (value: boolean): Value => ({ kind: 'bool', value });
const tup = (...items: (Value | number)[]): Value => ({ kind: 'tuple', items: items.map((x) => (typeof x === 'number' ? int(x) : x)) });
const list = (...items: (Value | number)[]): Value => ({ kind: 'list', items: items.map((x) => (typeof x === 'number' ? int(x) : x)) });
const None: Value = { kind: 'none' };
const t = (...dims: Dims): Value => ({ kind: 'tensor', shape: dims.map((d) => (d === null ? Dim.none() : Dim.of(d))), dtype: 'float32' });

function build(layer: string, args: (Value | number)[] = [], kwargs: Record<string, Value> = {}) {
  const op = lookupOp(`keras.layers.${layer}`);
  assert.ok(op && op.kind === 'module', `no keras.layers.${layer}`);
  return constructModule(op, args.map((a) => (typeof a === 'number' ? int(a) : a)), kwargs, 'keras');
}

function layer(name: string, args: (Value | number)[] = [], kwargs: Record<string, Value> = {}): ModuleInstance {
  const b = build(name, args, kwargs);
  assert.ok(b.ok, `keras.layers.${name} failed: ${!b.ok && b.error.message}`);
  assert.ok(b.module, `keras.layers.${name} not understood`);
  return b.module;
}

const encode = (v: Value): unknown => (v.kind === 'tensor' ? v.shape?.map((d) => d.toJSON()) : v.kind === 'list' || v.kind === 'tuple' ? v.items.map(encode) : v.kind);

/** Call `m` on each argument list in turn; the outcome of the last call and the layer after it. */
function run(m: ModuleInstance, ...calls: Value[][]): { out: unknown; error?: string; module: ModuleInstance } {
  let module = m;
  let out: unknown;
  for (const args of calls) {
    const r = callLayer(module, args, {}, { dialect: 'keras' });
    module = r.module;
    if (!r.result.ok) return { out: undefined, error: r.result.error.message, module };
    out = encode(r.result.value);
  }
  return { out, module };
}

/** The message of a layer that fails when made or when called on `calls`. */
function failure(name: string, args: (Value | number)[], kwargs: Record<string, Value>, ...calls: Value[][]): string | undefined {
  const b = build(name, args, kwargs);
  if (!b.ok) return b.error.message;
  assert.ok(b.module, `keras.layers.${name} not understood`);
  return run(b.module, ...calls).error;
}

interface ErrorCase {
  /** Where Keras raises the text. */
  readonly source: string;
  readonly layer: string;
  readonly args?: (Value | number)[];
  readonly kwargs?: Record<string, Value>;
  readonly calls?: Value[][];
  readonly message: string;
}

const ERRORS: ErrorCase[] = [
  // The input spec check and the weights.
  { source: 'keras/src/layers/input_spec.py:215', layer: 'Dense', args: [10], calls: [[t(null)]],
    message: "Input 0 with name 'None' of layer 'dense' is incompatible with the layer: expected min_ndim=2, found ndim=1. Full shape received: (None,)" },
  { source: 'keras/src/layers/input_spec.py:240', layer: 'Dense', args: [10], calls: [[t(null, 784)], [t(null, 28, 28)]],
    message: "Input 0 with name 'None' of layer 'dense' is incompatible with the layer: expected axis -1 of input shape to have value 784, but received input with shape (None, 28, 28)" },
  { source: 'keras/src/layers/input_spec.py:240', layer: 'Dense', args: [4], kwargs: { name: str('my_dense') }, calls: [[t(null, 6)], [t(32, 7)]],
    message: "Input 0 with name 'None' of layer 'my_dense' is incompatible with the layer: expected axis -1 of input shape to have value 6, but received input with shape (32, 7)" },
  { source: 'keras/src/layers/input_spec.py:198', layer: 'SpatialDropout1D', args: [float(0.5)], calls: [[t(null, 4)]],
    message: "Input 0 with name 'None' of layer 'spatial_dropout1d' is incompatible with the layer: expected ndim=3, found ndim=2. Full shape received: (None, 4)" },
  { source: 'keras/src/layers/input_spec.py:198', layer: 'MaxPooling2D', calls: [[t(null, 28, 28)]],
    message: "Input 0 with name 'None' of layer 'max_pooling2d' is incompatible with the layer: expected ndim=4, found ndim=3. Full shape received: (None, 28, 28)" },
  // input_spec.py:172 goes on with "Inputs received: [<KerasTensor ... name=keras_tensor_3>]".
  { source: 'keras/src/layers/input_spec.py:172', layer: 'Dense', args: [4], calls: [[list(t(null, 6), t(null, 6))]],
    message: 'Layer "dense" expects 1 input(s), but it received 2 input tensors.' },
  { source: 'keras/src/backend/common/variables.py:239', layer: 'Dense', args: [10], calls: [[t(null, null)]],
    message: "Shapes used to initialize variables must be fully-defined (no `None` dimensions). Received: shape=(None, 10) for variable path='dense/kernel'" },
  { source: 'keras/src/backend/common/variables.py:239', layer: 'LSTM', args: [4], calls: [[t(null, 5, null)]],
    message: "Shapes used to initialize variables must be fully-defined (no `None` dimensions). Received: shape=(None, 16) for variable path='lstm/lstm_cell/kernel'" },
  // Dense and activations.
  { source: 'keras/src/layers/core/dense.py:102', layer: 'Dense', args: [0],
    message: 'Received an invalid value for `units`, expected a positive integer. Received: units=0' },
  { source: 'keras/src/activations/__init__.py:129', layer: 'Dense', args: [4], kwargs: { activation: str('nope') },
    message: 'Could not interpret activation function identifier: nope' },
  { source: 'keras/src/layers/activations/relu.py:46', layer: 'ReLU', kwargs: { max_value: int(-1) },
    message: 'max_value of a ReLU layer cannot be a negative value. Received: max_value=-1' },
  { source: 'keras/src/layers/activations/relu.py:51', layer: 'ReLU', kwargs: { negative_slope: float(-0.5) },
    message: 'negative_slope of a ReLU layer cannot be None or a negative value. Received: negative_slope=-0.5' },
  { source: 'keras/src/layers/activations/relu.py:56', layer: 'ReLU', kwargs: { threshold: float(-1) },
    message: 'threshold of a ReLU layer cannot be None or a negative value. Received: threshold=-1.0' },
  { source: 'keras/src/layers/activations/leaky_relu.py:47', layer: 'LeakyReLU', kwargs: { negative_slope: float(-0.1) },
    message: 'The negative_slope value of a Leaky ReLU layer cannot be None or negative value. Expected a float. Received: negative_slope=-0.1' },
  // Convolutions.
  { source: 'keras/src/utils/argument_validation.py:16', layer: 'Conv2D', args: [4, tup(3, 3, 3)],
    message: 'The `kernel_size` argument must be a tuple of 2 integers. Received kernel_size=(3, 3, 3)' },
  { source: 'keras/src/utils/argument_validation.py:48', layer: 'Conv2D', args: [4, tup(3, 0)],
    message: 'The `kernel_size` argument must be a tuple of 2 integers. Received kernel_size=(3, 0), including values {0} that do not satisfy `value > 0`' },
  { source: 'keras/src/backend/config.py:272', layer: 'Conv2D', args: [4, 3], kwargs: { data_format: str('nchw') },
    message: "The `data_format` argument must be one of {'channels_first', 'channels_last'}. Received: data_format=nchw" },
  { source: 'keras/src/layers/convolutional/base_conv.py:140', layer: 'Conv2D', args: [0, 3],
    message: 'Invalid value for argument `filters`. Expected a strictly positive value. Received filters=0.' },
  { source: 'keras/src/layers/convolutional/base_conv.py:146', layer: 'Conv2D', args: [4, 3], kwargs: { groups: int(0) },
    message: 'The number of groups must be a positive integer. Received: groups=0.' },
  { source: 'keras/src/layers/convolutional/base_conv.py:152', layer: 'Conv2D', args: [4, 3], kwargs: { groups: int(3) },
    message: 'The number of filters must be evenly divisible by the number of groups. Received: groups=3, filters=4.' },
  { source: 'keras/src/layers/convolutional/base_conv.py:171', layer: 'Conv2D', args: [4, 3], kwargs: { strides: int(2), dilation_rate: int(2) },
    message: '`strides > 1` not supported in conjunction with `dilation_rate > 1`. Received: strides=(2, 2) and dilation_rate=(2, 2)' },
  { source: 'keras/src/layers/convolutional/base_conv.py:188', layer: 'Conv2D', args: [4, 3], kwargs: { groups: int(2) }, calls: [[t(null, 8, 8, 3)]],
    message: 'The number of input channels must be evenly divisible by the number of groups. Received groups=2, but the input has 3 channels (full input shape is (None, 8, 8, 3)).' },
  { source: 'keras/src/ops/operation_utils.py:189', layer: 'Conv2D', args: [8, 3], calls: [[t(null, 28, 28, 3, 1)]],
    message: 'Kernel shape must have the same length as input, but received kernel of shape (3, 3, 1, 8) and input of shape (None, 28, 28, 3, 1).' },
  { source: 'keras/src/ops/operation_utils.py:226', layer: 'Conv2D', args: [8, 3], calls: [[t(null, 2, 2, 3)]],
    message: 'Computed output size would be zero or negative. Received `inputs shape=(None, 2, 2, 3)`, `kernel shape=(3, 3, 3, 8)`, `dilation_rate=[1 1]`, `strides=(1, 1)`, `padding=valid`.' },
  { source: 'keras/src/ops/operation_utils.py:226', layer: 'Conv1D', args: [4, 3], kwargs: { dilation_rate: int(4) }, calls: [[t(null, 8, 2)]],
    message: 'Computed output size would be zero or negative. Received `inputs shape=(None, 8, 2)`, `kernel shape=(3, 2, 4)`, `dilation_rate=[4]`, `strides=(1,)`, `padding=valid`.' },
  { source: 'keras/src/layers/convolutional/base_conv_transpose.py:151', layer: 'Conv2DTranspose', args: [4, 3], kwargs: { strides: int(2), output_padding: int(2) },
    message: '`output_padding` must be strictly less than `strides` for all dimensions. At dimension 0, `output_padding` is 2 but `strides` is 2. Received: output_padding=(2, 2), strides=(2, 2)' },
  { source: 'keras/src/layers/convolutional/base_depthwise_conv.py:133', layer: 'DepthwiseConv2D', args: [3], kwargs: { depth_multiplier: int(0) },
    message: 'Invalid value for argument `depth_multiplier`. Expected a strictly positive value. Received depth_multiplier=0.' },
  // Pools.
  { source: 'keras/src/ops/operation_utils.py:141', layer: 'MaxPooling2D', args: [3], calls: [[t(null, 2, 2, 1)]],
    message: 'Computed output size would be zero or negative. Received: `inputs.shape=[None 2 2 1]`, `pool_size=[3 3]`, `strides=(3, 3)`, `padding=valid`.' },
  { source: 'keras/src/ops/operation_utils.py:150', layer: 'MaxPooling2D', args: [2], kwargs: { padding: str('full') }, calls: [[t(null, 4, 4, 1)]],
    message: "Argument `padding` must be either 'valid' or 'same'. Received: padding=full" },
  // Reshaping.
  { source: 'keras/src/ops/operation_utils.py:331', layer: 'Reshape', args: [tup(-2, 4)],
    message: 'Each dimension in `target_shape` must be a non-negative integer, or `-1` for a single unknown dimension. Received: target_shape=(-2, 4).' },
  { source: 'keras/src/ops/operation_utils.py:339', layer: 'Reshape', args: [tup(-1, -1)],
    message: 'There must be at most one unknown dimension (-1) in `target_shape`. Received: target_shape=(-1, -1).' },
  { source: 'keras/src/ops/operation_utils.py:376', layer: 'Reshape', args: [tup(3, 3)], calls: [[t(null, 8)]],
    message: 'The total size of the tensor must be unchanged. Received: input_shape=(8,), target_shape=(3, 3)' },
  { source: 'keras/src/ops/operation_utils.py:392', layer: 'Reshape', args: [tup(-1, 3)], calls: [[t(null, 8)]],
    message: 'The total size of the tensor must be unchanged, however, the input size cannot by divided by the specified dimensions in target_shape. Received: input_shape=(8,), target_shape=(-1, 3)' },
  { source: 'keras/src/layers/reshaping/permute.py:40', layer: 'Permute', args: [tup(1, 3)],
    message: 'Invalid permutation argument `dims` for Permute Layer. The set of indices in `dims` must be consecutive and start from 1. Received dims=(1, 3)' },
  { source: 'keras/src/layers/reshaping/repeat_vector.py:32', layer: 'RepeatVector', args: [float(2.5)],
    message: "Expected an integer value for `n`, got <class 'float'>." },
  { source: 'keras/src/layers/reshaping/repeat_vector.py:36', layer: 'RepeatVector', args: [0],
    message: 'Argument `n` should be a positive integer. Received: n=0' },
  { source: 'keras/src/layers/reshaping/up_sampling1d.py:47', layer: 'UpSampling1D', args: [float(2)],
    message: "Expected an integer value for `size`, got <class 'float'>." },
  { source: 'keras/src/layers/reshaping/up_sampling1d.py:51', layer: 'UpSampling1D', args: [0],
    message: 'Argument `size` should be a positive integer. Received: size=0' },
  { source: 'keras/src/layers/reshaping/cropping1d.py:56', layer: 'Cropping1D', args: [tup(2, 2)], calls: [[t(null, 3, 2)]],
    message: '`cropping` parameter of `Cropping1D` layer must be smaller than the input length. Received: input_shape=(None, 3, 2), cropping=(2, 2)' },
  { source: 'keras/src/layers/reshaping/cropping2d.py:126', layer: 'Cropping2D', args: [4], calls: [[t(null, 7, 7, 2)]],
    message: 'Values in `cropping` argument should be smaller than the corresponding spatial dimension of the input. Received: input_shape=(None, 7, 7, 2), cropping=((4, 4), (4, 4))' },
  { source: 'keras/src/layers/reshaping/cropping2d.py:62', layer: 'Cropping2D', args: [-1],
    message: '`cropping` cannot be negative. Received: cropping=-1.' },
  { source: 'keras/src/layers/reshaping/cropping2d.py:69', layer: 'Cropping2D', args: [tup(1, 2, 3)],
    message: '`cropping` should have two elements. Received: cropping=(1, 2, 3).' },
  { source: 'keras/src/layers/reshaping/cropping3d.py:78', layer: 'Cropping3D', args: [tup(1, 2)],
    message: '`cropping` should have 3 elements. Received: (1, 2).' },
  { source: 'keras/src/layers/reshaping/zero_padding2d.py:79', layer: 'ZeroPadding2D', args: [tup(1, 2, 3)],
    message: '`padding` should have two elements. Received: padding=(1, 2, 3).' },
  { source: 'keras/src/layers/reshaping/zero_padding3d.py:74', layer: 'ZeroPadding3D', args: [tup(1, 2)],
    message: '`padding` should have 3 elements. Received: (1, 2).' },
  // Merging.
  { source: 'keras/src/layers/merging/base_merge.py:94', layer: 'Add', calls: [[list(t(null, 4), t(null, 5))]],
    message: 'Inputs have incompatible shapes. Received shapes (4,) and (5,)' },
  { source: 'keras/src/layers/merging/base_merge.py:94', layer: 'Multiply', calls: [[list(t(null, 5), t(null, 3, 4))]],
    message: 'Inputs have incompatible shapes. Received shapes (3, 4) and (5,)' },
  { source: 'keras/src/layers/merging/base_merge.py:104', layer: 'Add', calls: [[t(null, 4)]],
    message: 'A merge layer should be called on a list of inputs. Received: input_shape=(None, 4) (not a list of shapes)' },
  { source: 'keras/src/layers/merging/base_merge.py:118', layer: 'Maximum', calls: [[list(t(2, 3), t(3, 3))]],
    message: 'Cannot merge tensors with different batch sizes. Received tensors with shapes [(2, 3), (3, 3)]' },
  { source: 'keras/src/layers/merging/subtract.py:38', layer: 'Subtract', calls: [[list(t(null, 4), t(null, 4), t(null, 4))]],
    message: 'A `Subtract` layer should be called on exactly 2 inputs. Received: input_shape=[(None, 4), (None, 4), (None, 4)]' },
  { source: 'keras/src/layers/merging/concatenate.py:80', layer: 'Concatenate', calls: [[list(t(null, 4, 5), t(null, 3, 5))]],
    message: 'A `Concatenate` layer requires inputs with matching shapes except for the concatenation axis. Received: input_shape=[(None, 4, 5), (None, 3, 5)]' },
  { source: 'keras/src/layers/merging/concatenate.py:49', layer: 'Concatenate', calls: [[t(null, 4)]],
    message: 'A `Concatenate` layer should be called on a list of at least 1 input. Received: input_shape=(None, 4)' },
  { source: 'keras/src/layers/merging/dot.py:247', layer: 'Dot', args: [str('x')],
    message: 'Invalid type for argument `axes`: it should be a list or an int. Received: axes=x' },
  { source: 'keras/src/layers/merging/dot.py:252', layer: 'Dot', args: [tup(1, 2, 3)],
    message: 'Invalid format for argument `axes`: it should contain two elements. Received: axes=(1, 2, 3)' },
  { source: 'keras/src/layers/merging/dot.py:257', layer: 'Dot', args: [tup(1, str('a'))],
    message: "Invalid format for argument `axes`: list elements should be integers. Received: axes=(1, 'a')" },
  { source: 'keras/src/layers/merging/dot.py:272', layer: 'Dot', args: [1], calls: [[list(t(null, 4))]],
    message: 'A `Dot` layer should be called on a list of 2 inputs. Received: input_shape=[(None, 4)]' },
  { source: 'keras/src/layers/merging/dot.py:288', layer: 'Dot', args: [1], calls: [[list(t(null, 4), t(null, 5))]],
    message: 'Incompatible input shapes: axis values 4 (at axis 1) != 5 (at axis 1). Full input shapes: (None, 4), (None, 5)' },
  // Regularisation and normalisation.
  { source: 'keras/src/layers/regularization/dropout.py:45', layer: 'Dropout', args: [float(1.5)],
    message: 'Invalid value received for argument `rate`. Expected a float value between 0 and 1. Received: rate=1.5' },
  { source: 'keras/src/layers/regularization/gaussian_noise.py:32', layer: 'GaussianNoise', args: [2],
    message: 'Invalid value received for argument `stddev`. Expected a float value between 0 and 1. Received: stddev=2' },
  { source: 'keras/src/backend/common/backend_utils.py:353', layer: 'LayerNormalization', kwargs: { axis: int(3) }, calls: [[t(null, 4, 5)]],
    message: 'axis 3 is out of bounds for an array with dimension 3.' },
  { source: 'keras/src/layers/normalization/layer_normalization.py:158', layer: 'LayerNormalization', kwargs: { axis: list(1, -2) }, calls: [[t(null, 4, 5)]],
    message: 'Duplicate axes are not allowed. Received: axis=[1, -2]' },
  { source: 'keras/src/layers/preprocessing/normalization.py:163', layer: 'Normalization', kwargs: { axis: int(3) }, calls: [[t(null, 4, 5)]],
    message: 'All `axis` values must be in the range [-ndim, ndim). Received inputs with ndim=3, while axis=(3,)' },
  { source: 'keras/src/layers/preprocessing/normalization.py:176', layer: 'Normalization', calls: [[t(null, null)]],
    message: 'All `axis` values to be kept must have a known shape. Received axis=(-1,), inputs.shape=(None, None), with unknown axis at index 1' },
  { source: 'keras/src/layers/core/embedding.py:107', layer: 'Embedding', args: [0, 4],
    message: '`input_dim` must be a positive integer. Received: input_dim=0 (of type int).' },
  // Recurrent and wrappers.
  { source: 'keras/src/layers/rnn/lstm.py:111', layer: 'LSTM', args: [0],
    message: 'Received an invalid value for argument `units`, expected a positive integer, got 0.' },
  { source: 'keras/src/layers/rnn/rnn.py:282', layer: 'LSTM', args: [4], kwargs: { stateful: bool(true) }, calls: [[t(null, 5, 3)]],
    message: 'When using `stateful=True` in a RNN, the batch size must be static. Found dynamic batch size: sequence.shape=(None, 5, 3)' },
  { source: 'keras/src/layers/rnn/time_distributed.py:59', layer: 'TimeDistributed', args: [{ kind: 'object', ref: layer('Dense', [3]) }], calls: [[t(null, 5)]],
    message: '`TimeDistributed` Layer should be passed an `input_shape` with at least 3 dimensions, received: (None, 5)' },
  // Attention, text, inputs.
  { source: 'keras/src/layers/attention/attention.py:84', layer: 'Attention', kwargs: { score_mode: str('add') },
    message: "Invalid value for argument score_mode. Expected one of {'dot', 'concat'}. Received: score_mode=add" },
  // attention.py:289 goes on with "Received: inputs=<KerasTensor ...>", a generated name.
  { source: 'keras/src/layers/attention/attention.py:289', layer: 'Attention', calls: [[t(null, 3, 4)]],
    message: 'Attention layer must be called on a list of inputs, namely [query, value] or [query, value, key].' },
  { source: 'keras/src/layers/attention/attention.py:295', layer: 'Attention', calls: [[list(t(null, 3, 4), t(null, 3, 4), t(null, 3, 4), t(null, 3, 4))]],
    message: 'Attention layer accepts inputs list of length 2 or 3, namely [query, value] or [query, value, key]. Received length: 4.' },
  { source: 'keras/src/layers/attention/multi_head_attention.py:139', layer: 'MultiHeadAttention', args: [0, 2],
    message: 'Received an invalid value for argument `num_heads`, expected a positive integer. Received: num_heads=0' },
  { source: 'keras/src/layers/attention/multi_head_attention.py:283', layer: 'MultiHeadAttention', args: [2, 2], calls: [[t(null, 8, 16), t(null, 4, 16), t(null, 5, 16)]],
    message: 'All dimensions of `value` and `key`, except the last one, must be equal. Received: value_shape=(None, 4, 16) and key_shape=(None, 5, 16)' },
  { source: 'keras/src/layers/preprocessing/text_vectorization.py:306', layer: 'TextVectorization', kwargs: { output_sequence_length: str('x') },
    message: "`output_sequence_length` must be either None or an integer when `output_mode` is 'int'. Received: output_sequence_length=x" },
  { source: 'keras/src/layers/preprocessing/text_vectorization.py:313', layer: 'TextVectorization', kwargs: { output_mode: str('multi_hot'), output_sequence_length: int(5) },
    message: "`output_sequence_length` must not be set if `output_mode` is not 'int'. Received output_sequence_length=5." },
  { source: 'keras/src/layers/core/input_layer.py:80', layer: 'InputLayer', kwargs: { shape: tup(4), batch_shape: tup(None, 4) },
    message: 'You cannot pass both `shape` and `batch_shape` at the same time.' },
  { source: 'keras/src/layers/core/input_layer.py:85', layer: 'InputLayer', kwargs: { batch_size: int(2), batch_shape: tup(None, 4) },
    message: 'You cannot pass both `batch_size` and `batch_shape` at the same time.' },
  { source: 'keras/src/layers/core/input_layer.py:89', layer: 'InputLayer',
    message: 'You must pass a `shape` argument.' },
];

for (const c of ERRORS) {
  test(`${c.layer}: ${c.source}`, () => {
    assert.equal(failure(c.layer, c.args ?? [], c.kwargs ?? {}, ...(c.calls ?? [])), c.message);
  });
}

test('Bidirectional: merge_mode outside sum/mul/ave/concat/None (keras/src/layers/rnn/bidirectional.py:106)', () => {
  const inner: Value = { kind: 'object', ref: layer('LSTM', [4]) };
  assert.equal(failure('Bidirectional', [inner], { merge_mode: str('max') }),
    'Invalid merge mode. Received: max. Merge mode should be one of {"sum", "mul", "ave", "concat", None}');
});

test('every Keras text the catalogue cites has a case here', () => {
  const dir = path.join(__dirname, '../../engine/ops/keras');
  const cited = new Set<string>();
  for (const f of fs.readdirSync(dir).filter((n) => n.endsWith('.ts'))) {
    const text = fs.readFileSync(path.join(dir, f), 'utf8');
    // A cited Keras raise sits on the line above the kerasFail / message it gives.
    for (const m of text.matchAll(/\/\/ (keras\/src\/[\w/]+\.py):(\d+)\n\s*(?:.*kerasFail|.*\? `|.*: `)/g)) cited.add(`${m[1]}:${m[2]}`);
  }
  const tested = new Set([...ERRORS.map((e) => e.source), 'keras/src/layers/rnn/bidirectional.py:106']);
  const untested = [...cited].filter((c) => !tested.has(c)).sort();
  assert.deepEqual(untested, []);
  assert.ok(cited.size >= 20, `only ${cited.size} citations found`);
});

// ---------------------------------------------------------------------------------------------
// Shapes and weights of layers TF.js lacks, from the Keras source's own examples and tests.

interface ShapeCase {
  readonly source: string;
  readonly layer: string;
  readonly args?: (Value | number)[];
  readonly kwargs?: Record<string, Value>;
  readonly inputs: Value[];
  readonly output: unknown;
  readonly trainable?: number;
  readonly nonTrainable?: number;
}

const SHAPES: ShapeCase[] = [
  { source: 'keras/src/layers/convolutional/conv1d_transpose.py:95-98', layer: 'Conv1DTranspose', args: [32, 3, 2], inputs: [t(4, 10, 128)], output: [4, 21, 32], trainable: 2 },
  { source: 'keras/src/layers/convolutional/conv3d_transpose.py:107-110', layer: 'Conv3DTranspose', args: [32, 2, 2], inputs: [t(4, 10, 8, 12, 128)], output: [4, 20, 16, 24, 32] },
  { source: 'keras/src/layers/convolutional/separable_conv_test.py:18-28', layer: 'SeparableConv1D', kwargs: { depth_multiplier: int(5), filters: int(5), kernel_size: int(2), strides: int(1), padding: str('valid') }, inputs: [t(3, 5, 4)], output: [3, 4, 5], trainable: 3 },
  { source: 'keras/src/layers/convolutional/separable_conv_test.py:29-39', layer: 'SeparableConv1D', kwargs: { depth_multiplier: int(6), filters: int(6), kernel_size: int(2), strides: int(1), padding: str('same'), dilation_rate: tup(2) }, inputs: [t(3, 4, 4)], output: [3, 4, 6], trainable: 3 },
  { source: 'keras/src/layers/convolutional/separable_conv_test.py:40-50', layer: 'SeparableConv1D', kwargs: { depth_multiplier: int(6), filters: int(6), kernel_size: int(2), strides: tup(2), padding: str('valid') }, inputs: [t(3, 5, 4)], output: [3, 2, 6], trainable: 3 },
  { source: 'keras/src/layers/convolutional/depthwise_conv_test.py:170-179', layer: 'DepthwiseConv1D', kwargs: { depth_multiplier: int(5), kernel_size: int(2), strides: int(1), padding: str('valid') }, inputs: [t(3, 5, 4)], output: [3, 4, 20], trainable: 2 },
  { source: 'keras/src/layers/pooling/global_average_pooling3d.py:52-55', layer: 'GlobalAveragePooling3D', inputs: [t(2, 4, 5, 4, 3)], output: [2, 3] },
  { source: 'keras/src/layers/pooling/base_global_pooling.py:25-30 (keepdims)', layer: 'GlobalMaxPooling3D', kwargs: { keepdims: bool(true) }, inputs: [t(null, 4, 5, 4, 3)], output: [null, 1, 1, 1, 3] },
  { source: 'keras/src/layers/reshaping/up_sampling3d.py:18-22', layer: 'UpSampling3D', kwargs: { size: tup(2, 2, 2) }, inputs: [t(2, 1, 2, 1, 3)], output: [2, 2, 4, 2, 3] },
  { source: 'keras/src/layers/reshaping/zero_padding3d.py:15-19', layer: 'ZeroPadding3D', kwargs: { padding: int(2) }, inputs: [t(1, 1, 2, 2, 3)], output: [1, 5, 6, 6, 3] },
  { source: 'keras/src/layers/reshaping/cropping3d.py:14-18', layer: 'Cropping3D', kwargs: { cropping: tup(2, 4, 2) }, inputs: [t(2, 28, 28, 10, 3)], output: [2, 24, 20, 6, 3] },
  { source: 'keras/src/layers/reshaping/up_sampling1d.py:58-62 (compute_output_shape)', layer: 'UpSampling1D', args: [3], inputs: [t(null, 4, 2)], output: [null, 12, 2] },
  { source: 'keras/src/layers/reshaping/zero_padding1d.py:76-82 (channels_first pads axis 2)', layer: 'ZeroPadding1D', kwargs: { padding: tup(1, 2), data_format: str('channels_first') }, inputs: [t(null, 3, 5)], output: [null, 3, 8] },
  { source: 'keras/src/layers/reshaping/cropping1d.py:50-62', layer: 'Cropping1D', inputs: [t(null, 6, 2)], output: [null, 4, 2] },
  { source: 'keras/src/layers/regularization/spatial_dropout.py:116 (ndim=4)', layer: 'SpatialDropout2D', args: [float(0.5)], inputs: [t(null, 8, 8, 3)], output: [null, 8, 8, 3] },
  { source: 'keras/src/layers/merging/subtract.py:16-19', layer: 'Subtract', inputs: [list(t(2, 3, 4), t(2, 3, 4))], output: [2, 3, 4] },
  { source: 'keras/src/layers/merging/base_merge.py:89-124 (None beats 1)', layer: 'Add', inputs: [list(t(null, null, 5), t(null, 1, 5))], output: [null, null, 5] },
  { source: 'keras/src/layers/reshaping/flatten.py:61-75 (rank 1)', layer: 'Flatten', inputs: [t(null)], output: [null, 1] },
  { source: 'keras/src/layers/reshaping/flatten.py:61-75 (unknown size)', layer: 'Flatten', inputs: [t(null, null, 3)], output: [null, null] },
  { source: 'keras/src/layers/reshaping/flatten.py:39 (rank 2 is fine)', layer: 'Flatten', inputs: [t(null, 10)], output: [null, 10] },
  { source: 'keras/src/ops/operation_utils.py:345-400 (the -1 is solved symbolically)', layer: 'Reshape', args: [tup(-1, 4)], inputs: [t(null, 8, 2)], output: [null, 4, 4] },
  { source: 'keras/src/ops/operation_utils.py:367 (None in the input leaves -1 None)', layer: 'Reshape', args: [tup(5, -1)], inputs: [t(null, null, 10)], output: [null, 5, null] },
  { source: 'keras/src/layers/attention/attention_test.py:13-18', layer: 'Attention', inputs: [list(t(2, 3, 4), t(2, 4, 4))], output: [2, 3, 4], trainable: 0 },
  { source: 'keras/src/layers/attention/attention.py:89-108 (use_scale, concat)', layer: 'Attention', kwargs: { use_scale: bool(true), score_mode: str('concat') }, inputs: [list(t(2, 3, 4), t(2, 4, 4))], output: [2, 3, 4], trainable: 2 },
  { source: 'keras/src/layers/attention/multi_head_attention_test.py:35-48', layer: 'MultiHeadAttention', kwargs: { num_heads: int(2), key_dim: int(2) }, inputs: [t(2, 8, 16), t(2, 4, 16)], output: [2, 8, 16], trainable: 8 },
  { source: 'keras/src/layers/attention/multi_head_attention.py:827-848 (output_shape)', layer: 'MultiHeadAttention', kwargs: { num_heads: int(4), key_dim: int(8), output_shape: int(32) }, inputs: [t(null, 10, 16), t(null, 6, 24)], output: [null, 10, 32], trainable: 8 },
  { source: 'keras/src/layers/preprocessing/text_vectorization.py:376-378', layer: 'TextVectorization', kwargs: { output_sequence_length: int(20) }, inputs: [t(null)], output: [null, 20] },
  { source: 'keras/src/layers/preprocessing/text_vectorization.py:376-378 (no length)', layer: 'TextVectorization', inputs: [t(null, 1)], output: [null, null] },
  { source: 'keras/src/layers/preprocessing/normalization.py:195-214', layer: 'Normalization', inputs: [t(null, 8)], output: [null, 8], trainable: 0, nonTrainable: 3 },
];

for (const c of SHAPES) {
  test(`${c.layer} shape: ${c.source}`, () => {
    const m = layer(c.layer, c.args ?? [], c.kwargs ?? {});
    const r = run(m, c.inputs);
    assert.equal(r.error, undefined);
    assert.deepEqual(r.out, c.output);
    if (c.trainable !== undefined) assert.equal(r.module.params.length, c.trainable, 'trainable weights');
    if (c.nonTrainable !== undefined) assert.equal(r.module.buffers.length, c.nonTrainable, 'non-trainable weights');
  });
}

test('MultiHeadAttention weights in Keras order, with the counts its test expects (multi_head_attention_test.py:50-110)', () => {
  const q = t(2, 8, 16);
  const v = t(2, 4, 16);
  const names = (kwargs: Record<string, Value>) => run(layer('MultiHeadAttention', [], { num_heads: int(2), key_dim: int(2), ...kwargs }), [q, v]).module.params.map((p) => p.name);
  assert.deepEqual(names({}), ['query/kernel', 'query/bias', 'key/kernel', 'key/bias', 'value/kernel', 'value/bias', 'attention_output/kernel', 'attention_output/bias']);
  assert.equal(names({ value_dim: int(4), use_bias: bool(false) }).length, 4);
  assert.equal(names({ use_gate: bool(true) }).length, 10);
  assert.equal(names({ value_dim: int(4), use_bias: bool(false), use_gate: bool(true) }).length, 5);
  const m = run(layer('MultiHeadAttention', [], { num_heads: int(2), key_dim: int(2), value_dim: int(4) }), [q, v]).module;
  assert.deepEqual(m.params.map((p) => p.shape.map((d) => d.toJSON())), [[16, 2, 2], [2, 2], [16, 2, 2], [2, 2], [16, 2, 4], [2, 4], [2, 4, 16], [16]]);
});

test('Keras 3 GRU keeps two biases with reset_after=True (gru.py:165-171); TF.js has one', () => {
  const keras = run(layer('GRU', [8]), [t(null, 5, 3)]).module;
  assert.deepEqual(keras.params.map((p) => [p.name, p.shape.map((d) => d.toJSON())]), [['kernel', [3, 24]], ['recurrent_kernel', [8, 24]], ['bias', [2, 24]]]);
  assert.equal(kerasParamCount(keras), 3 * 24 + 8 * 24 + 48);
  const old = run(layer('GRU', [8], { reset_after: bool(false) }), [t(null, 5, 3)]).module;
  assert.deepEqual(old.params.map((p) => p.shape.map((d) => d.toJSON())), [[3, 24], [8, 24], [24]]);
});

test('Keras 3 names the depthwise weight `kernel` (base_depthwise_conv.py:148); TF.js `depthwise_kernel`', () => {
  const m = run(layer('DepthwiseConv2D', [3]), [t(null, 8, 8, 4)]).module;
  assert.deepEqual(m.params.map((p) => p.name), ['kernel', 'bias']);
});

test('a layer is unbuilt until called, built (with weights) after', () => {
  const m = layer('Dense', [10]);
  assert.equal(isBuilt(m), false);
  assert.deepEqual(m.params, []);
  const r = run(m, [t(null, 784)]);
  assert.equal(isBuilt(r.module), true);
  assert.equal(kerasParamCount(r.module), 7850);
});

test('BatchNormalization: moving statistics are non-trainable; trainable=False freezes all', () => {
  const m = run(layer('BatchNormalization'), [t(null, 8, 8, 3)]).module;
  assert.deepEqual(m.params.map((p) => p.name), ['gamma', 'beta']);
  assert.deepEqual(m.buffers.map((p) => p.name), ['moving_mean', 'moving_variance']);
  const frozen = run(layer('BatchNormalization', [], { trainable: bool(false) }), [t(null, 8, 8, 3)]).module;
  assert.deepEqual(frozen.params, []);
  assert.equal(frozen.buffers.length, 4);
});

test('Lambda gives no answer: its function is not run', () => {
  const r = callLayer(layer('Lambda', [{ kind: 'object', ref: {} }]), [t(null, 4)], {}, { dialect: 'keras' });
  assert.ok(r.result.ok);
  assert.equal(r.result.value.kind, 'unknown');
});

test('keras.Input: the batch is None unless given (input_layer.py:90-92)', () => {
  const input = lookupOp('keras.Input');
  assert.ok(input && input.kind === 'function');
  const r = applyFunction(input, [tup(28, 28, 1)]);
  assert.ok(r.ok && r.value.kind === 'tensor');
  assert.deepEqual(r.value.shape!.map((d) => d.toJSON()), [null, 28, 28, 1]);
  const sized = applyFunction(input, [], { shape: tup(5), batch_size: int(8) });
  assert.ok(sized.ok && sized.value.kind === 'tensor');
  assert.deepEqual(sized.value.shape!.map((d) => d.toJSON()), [8, 5]);
});

test('symbolic sizes flow through: Conv2D on [None, H, W, 3]', () => {
  const H = Dim.sym('H');
  const W = Dim.sym('W');
  const x: Value = { kind: 'tensor', shape: [Dim.none(), H, W, Dim.of(3)], dtype: 'float32' };
  const r = callLayer(layer('Conv2D', [16, 3], { strides: int(2), padding: str('same') }), [x], {}, { dialect: 'keras' });
  assert.ok(r.result.ok && r.result.value.kind === 'tensor');
  // ceil(H / 2), as the canonical floor form (H + 1) // 2.
  assert.deepEqual(r.result.value.shape!.map((d) => d.toString()), ['None', '(H + 1) // 2', '(W + 1) // 2', '16']);
});

