// Keras Python's layer classes (`keras.layers.Dense(10, activation='relu', input_shape=(784,))`)
// onto the Keras catalogue: the catalogue's signatures are Keras 3's own, so positional and keyword
// arguments bind as written; the layer object and its semantics are the ones TF.js uses (layer.ts).
import { Dim } from '../../shape/dim';
import type { Value } from '../../value';
import { UNKNOWN } from '../../value';
import { constructModule } from '../../ops/apply';
import { autoLayerName, KERAS_LAYERS } from '../../ops/keras';
import type { KerasLayerOp } from '../../ops/keras/layer';
import { BuiltinObj, obj, refOf, type CallArgs } from '../objects';
import { KerasLayerObj, registerLayer } from './layer';
import type { KerasApi, LayerMember, ModelMember } from './names';
import { kerasRun } from './state';
import { shapeFrom, str } from './values';

/** Python member name -> the semantics' member kind. */
const LAYER_MEMBERS: readonly [string, LayerMember][] = [
  ['__call__', 'apply'], ['call', 'call'], ['name', 'name'], ['get_config', 'getConfig'], ['count_params', 'countParams'],
  ['weights', 'weights'], ['trainable_weights', 'trainableWeights'], ['non_trainable_weights', 'nonTrainableWeights'],
  ['get_weights', 'getWeights'], ['set_weights', 'setWeights'], ['output', 'output'], ['input', 'input'],
  ['output_shape', 'outputShape'], ['input_shape', 'inputShape'], ['built', 'built'], ['trainable', 'trainable'],
  ['build', 'build'], ['compute_output_shape', 'computeOutputShape'],
];
const MODEL_ONLY: readonly [string, ModelMember][] = [
  ['add', 'add'], ['pop', 'pop'], ['predict', 'predict'], ['predict_on_batch', 'predictOnBatch'], ['fit', 'fit'],
  ['evaluate', 'evaluate'], ['compile', 'compile'], ['summary', 'summary'], ['layers', 'layers'], ['get_layer', 'getLayer'],
  ['inputs', 'inputs'], ['outputs', 'outputs'], ['save', 'save'], ['train_on_batch', 'trainOnBatch'], ['test_on_batch', 'trainOnBatch'],
];

/** Keras Python names members in snake_case; shapes print as tuples with None. */
export const KERAS_PY_API: KerasApi = {
  dialect: 'keras',
  framework: 'keras',
  layerMembers: new Map(LAYER_MEMBERS),
  modelMembers: new Map<string, ModelMember>([...LAYER_MEMBERS, ...MODEL_ONLY]),
  layerLabel: (cls) => `keras.layers.${cls}`,
};

/** Class name (and alias: Convolution2D, MaxPool2D) -> declaration. */
export const PY_LAYERS: ReadonlyMap<string, KerasLayerOp> = new Map(
  KERAS_LAYERS.flatMap((op) => op.names.filter((n) => n.startsWith('keras.layers.')).map((n) => [n.slice('keras.layers.'.length), op] as [string, KerasLayerOp])),
);

/**
 * What the catalogue takes for an argument: a layer passed to a wrapper is its module; an
 * activation given as a function (`tf.nn.relu`, `keras.activations.relu`) is its name.
 */
function catalogueArg(v: Value): Value {
  const layer = refOf(v, KerasLayerObj);
  if (layer) return { kind: 'object', ref: layer.module };
  const fn = refOf(v, BuiltinObj);
  if (fn?.name.startsWith('activation:')) return str(fn.name.slice('activation:'.length));
  return v;
}

/**
 * The model input a first layer asks for: Keras 3's Layer pops `input_shape` / `input_dim`
 * (keras/src/layers/layer.py:285-296) and Sequential builds `InputLayer(shape=...)` from it
 * (keras/src/models/sequential.py:84-86); tf.keras also takes batch_input_shape and batch_size.
 */
function batchInputShape(config: ReadonlyMap<string, Value>): Dim[] | undefined {
  const explicit = shapeFrom(config.get('batch_input_shape'));
  if (explicit) return explicit;
  const batch = config.get('batch_size');
  const b = batch?.kind === 'int' ? batch.dim : Dim.none();
  const shape = shapeFrom(config.get('input_shape'));
  if (shape) return [b, ...shape];
  const dim = config.get('input_dim');
  if (dim?.kind === 'int') return [b, dim.dim];
  return undefined;
}

/** `keras.layers.<className>`: a class whose call builds a layer object. */
export function layerClass(className: string, op: KerasLayerOp, api: KerasApi = KERAS_PY_API): Value {
  const params = op.init.params;
  return obj(new BuiltinObj(`keras.layers.${className}`, ({ args, kwargs }: CallArgs, site, host) => {
    const exprs = host.callArgExprs;
    const given = kwargs.name;
    const name = given?.kind === 'str' ? given.value : autoLayerName('keras', op.keras.className, kerasRun(host).counters);
    // The config as written: positional arguments under their parameter names, then keywords.
    const config = new Map<string, Value>();
    args.forEach((a, i) => config.set(params[i]?.name ?? `arg${i}`, a));
    for (const [k, v] of Object.entries(kwargs)) config.set(k, v);
    const kw: Record<string, Value> = {};
    for (const [k, v] of Object.entries(kwargs)) kw[k] = catalogueArg(v);
    kw.name = str(name);
    const built = constructModule(op, args.map(catalogueArg), kw, 'keras');
    if (!built.ok) return host.raiseOpError(built.error, site, `keras.layers.${className}`, undefined);
    if (!built.module) return UNKNOWN;
    const layer = new KerasLayerObj(api, className, op, built.module, name, config, undefined, site, batchInputShape(config));
    // Where each argument is written (`Dense(64)`'s units), for fixes that change a value in place.
    if (exprs && !exprs.some((a) => a.star)) {
      const props = new Map(exprs.map((a, i) => [a.name ?? params[i]?.name ?? '', { value: a.value.range, whole: a.range }]));
      layer.setSyntax({ object: site, props });
    }
    registerLayer(host, layer);
    return obj(layer);
  }));
}

/** Keras' functional merge helpers: `layers.concatenate([a, b], axis=-1)` is `Concatenate(axis=-1)([a, b])`. */
export function mergeFunction(fn: string, className: string): Value | undefined {
  const op = PY_LAYERS.get(className);
  if (!op) return undefined;
  const cls = layerClass(className, op);
  return obj(new BuiltinObj(`keras.layers.${fn}`, ({ args, kwargs }: CallArgs, site, host) => {
    const [inputs, ...rest] = args;
    const layer = host.call(cls, { args: rest, kwargs }, site);
    return inputs ? host.call(layer, { args: [inputs], kwargs: {} }, site) : UNKNOWN;
  }));
}

export const MERGE_FUNCTIONS: readonly [string, string][] = [
  ['add', 'Add'], ['subtract', 'Subtract'], ['multiply', 'Multiply'], ['average', 'Average'], ['maximum', 'Maximum'],
  ['minimum', 'Minimum'], ['concatenate', 'Concatenate'], ['dot', 'Dot'],
];
