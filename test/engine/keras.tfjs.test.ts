// TF.js config -> Keras keyword arguments (engine/ops/keras/tfjs.ts). The oracle test runs every
// TF.js golden through this translation; these cases pin the rules that are not plain renames.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Dim } from '../../engine/shape/dim';
import type { Value } from '../../engine/value';
import { KERAS_LAYERS, TFJS_LAYERS, tfjsConfigToKwargs } from '../../engine/ops/keras';

const str = (value: string): Value => ({ kind: 'str', value });
const int = (n: number): Value => ({ kind: 'int', dim: Dim.of(n) });
const plain = (kw: Record<string, Value>) => Object.fromEntries(Object.entries(kw).map(([k, v]) => [k, v.kind === 'int' ? v.dim.value : v.kind === 'str' || v.kind === 'bool' ? v.value : v.kind === 'tuple' ? v.items.map((x) => (x.kind === 'int' ? x.dim.value : x.kind)) : v.kind]));

test('camelCase keys become snake_case, TF.js spellings of values Keras ones', () => {
  assert.deepEqual(plain(tfjsConfigToKwargs('conv2d', { filters: int(8), kernelSize: int(3), useBias: { kind: 'bool', value: false }, dataFormat: str('channelsFirst'), inputShape: int(0), kernelInitializer: str('glorotUniform') })),
    { filters: 8, kernel_size: 3, use_bias: false, data_format: 'channels_first', input_shape: 0, kernel_initializer: 'glorot_uniform' });
  assert.deepEqual(plain(tfjsConfigToKwargs('simpleRNN', { units: int(4), returnSequences: { kind: 'bool', value: true }, batchInputShape: int(0) })), { units: 4, return_sequences: true, batch_input_shape: 0 });
  // Activation names stay TF.js' own: its registry is camelCase (activations.ts), Keras' snake_case.
  assert.deepEqual(plain(tfjsConfigToKwargs('dense', { units: int(2), activation: str('hardSigmoid') })), { units: 2, activation: 'hardSigmoid' });
});

test('renamed, dropped and ignored keys', () => {
  // Keras 3's LeakyReLU calls alpha negative_slope (leaky_relu.py:38).
  assert.deepEqual(plain(tfjsConfigToKwargs('leakyReLU', { alpha: { kind: 'float', value: 0.1 } })), { negative_slope: 'float' });
  assert.deepEqual(plain(tfjsConfigToKwargs('dense', { units: int(2), weights: str('w'), inputDType: str('int32') })), { units: 2 });
  // TF.js' 1-D pools have no data format and pool channels-last whatever is passed.
  assert.deepEqual(plain(tfjsConfigToKwargs('maxPooling1d', { poolSize: int(2), dataFormat: str('channelsFirst') })), { pool_size: 2 });
});

test("TF.js' own defaults where they differ from Keras 3's and shapes depend on them", () => {
  assert.deepEqual(plain(tfjsConfigToKwargs('gru', { units: int(4) })), { units: 4, reset_after: false, recurrent_activation: 'hardSigmoid' });
  // And where the sample forward pass's numbers depend on them (recurrent.ts LSTMCell, advanced_activations.ts Softmax).
  assert.deepEqual(plain(tfjsConfigToKwargs('lstm', { units: int(4) })), { units: 4, recurrent_activation: 'hardSigmoid', unit_forget_bias: false });
  assert.deepEqual(plain(tfjsConfigToKwargs('softmax', {})), { axis: 1 });
  assert.deepEqual(plain(tfjsConfigToKwargs('averagePooling2d', {})), { pool_size: [2, 2] });
  assert.deepEqual(plain(tfjsConfigToKwargs('averagePooling2d', { poolSize: int(3) })), { pool_size: 3 });
});

test('every TF.js factory maps to a catalogue layer of the same class', () => {
  const classes = new Map(KERAS_LAYERS.map((op) => [op.keras.className, op]));
  for (const [factory, op] of TFJS_LAYERS) assert.equal(classes.get(op.keras.className), op, factory);
  assert.ok(TFJS_LAYERS.size >= 55, `${TFJS_LAYERS.size} factories`);
});
