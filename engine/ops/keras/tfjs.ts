// TF.js' `tf.layers.<factory>(config)` onto the Keras declarations: which declaration a factory
// builds, and its camelCase config as Keras keyword arguments, so that a frontend can call
// `constructModule(decl, [], tfjsConfigToKwargs(factory, config), 'tfjs')`.
import { Dim } from '../../shape/dim';
import type { Value } from '../../value';
import type { KerasLayerOp } from './layer';

/** `useBias` -> `use_bias`, `batchInputShape` -> `batch_input_shape`. */
export function snakeCase(key: string): string {
  return key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}

/** Config keys whose Keras name is not the snake_case of the TF.js one, per factory. */
const RENAMED: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  // Keras 3 renamed LeakyReLU's alpha (keras/src/layers/activations/leaky_relu.py:38).
  leakyReLU: { alpha: 'negative_slope' },
};

/**
 * TF.js config keys with no Keras keyword and no effect on shapes: initial `weights`, and
 * `inputDType` (the dtype of the InputLayer a first layer creates).
 */
const DROPPED = new Set(['weights', 'inputDType']);

/**
 * Keys TF.js ignores for a factory: its 1-D pools take no dataFormat (tfjs-layers/src/layers/
 * pooling.ts Pooling1DLayerArgs) and always pool channels-last, while Keras' do honour it.
 */
const IGNORED: Readonly<Record<string, readonly string[]>> = {
  maxPooling1d: ['dataFormat'], averagePooling1d: ['dataFormat'], maxPool1d: ['dataFormat'], avgPool1d: ['dataFormat'], avgPooling1d: ['dataFormat'],
  globalMaxPooling1d: ['dataFormat'], globalMaxPool1d: ['dataFormat'], globalAveragePooling1d: ['dataFormat'],
};

/**
 * TF.js defaults that differ from Keras 3's where shapes depend on them: TF.js' GRU has no
 * reset_after (it keeps one bias of 3*units; Keras 3 defaults to reset_after=True, bias (2, 3*units)),
 * and its average pools default pool_size to 2 where Keras requires it (pooling.ts constructors).
 * And where numbers depend on them (the sample forward pass): the Softmax layer's axis is 1
 * (advanced_activations.ts Softmax.DEFAULT_AXIS), GRU and LSTM gate with hardSigmoid and LSTM has
 * no unit forget bias unless asked (recurrent.ts GRUCell / LSTMCell constructors).
 */
const TFJS_DEFAULTS: Readonly<Record<string, Readonly<Record<string, Value>>>> = {
  gru: { reset_after: { kind: 'bool', value: false }, recurrent_activation: { kind: 'str', value: 'hardSigmoid' } },
  lstm: { recurrent_activation: { kind: 'str', value: 'hardSigmoid' }, unit_forget_bias: { kind: 'bool', value: false } },
  softmax: { axis: int(1) },
  averagePooling1d: { pool_size: int(2) }, avgPool1d: { pool_size: int(2) }, avgPooling1d: { pool_size: int(2) },
  averagePooling2d: { pool_size: tupleOf(2, 2) }, avgPool2d: { pool_size: tupleOf(2, 2) }, avgPooling2d: { pool_size: tupleOf(2, 2) },
  averagePooling3d: { pool_size: tupleOf(2, 2, 2) }, avgPool3d: { pool_size: tupleOf(2, 2, 2) }, avgPooling3d: { pool_size: tupleOf(2, 2, 2) },
};

function int(n: number): Value {
  return { kind: 'int', dim: Dim.of(n) };
}

function tupleOf(...ns: number[]): Value {
  return { kind: 'tuple', items: ns.map(int) };
}

/**
 * String values TF.js spells in camelCase: data formats and initializer names. Activation names
 * stay as written: TF.js checks them against its own camelCase names (`hardSigmoid`, `logSoftmax`).
 */
function translateValue(key: string, v: Value): Value {
  if (v.kind !== 'str') return v;
  if (key === 'data_format') {
    if (v.value === 'channelsFirst') return { kind: 'str', value: 'channels_first' };
    if (v.value === 'channelsLast') return { kind: 'str', value: 'channels_last' };
    return v;
  }
  if (key.endsWith('_initializer')) return { kind: 'str', value: snakeCase(v.value) };
  return v;
}

/** A TF.js layer config as the Keras declaration's keyword arguments. */
export function tfjsConfigToKwargs(factory: string, config: Readonly<Record<string, Value>>): Record<string, Value> {
  const out: Record<string, Value> = {};
  const renamed = RENAMED[factory] ?? {};
  const ignored = IGNORED[factory] ?? [];
  for (const [key, value] of Object.entries(config)) {
    if (DROPPED.has(key) || ignored.includes(key)) continue;
    const name = renamed[key] ?? snakeCase(key);
    out[name] = translateValue(name, value);
  }
  for (const [key, value] of Object.entries(TFJS_DEFAULTS[factory] ?? {})) if (!(key in out)) out[key] = value;
  return out;
}

/** Factory name -> declaration, for every layer TF.js has (filled by the catalogue index). */
export function tfjsFactoryMap(layers: readonly KerasLayerOp[]): ReadonlyMap<string, KerasLayerOp> {
  const map = new Map<string, KerasLayerOp>();
  for (const op of layers) {
    for (const f of op.keras.tfjs ?? []) {
      if (map.has(f)) throw new Error(`tf.layers.${f} is declared twice`);
      map.set(f, op);
    }
  }
  return map;
}
