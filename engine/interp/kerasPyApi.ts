// The `keras` (Keras 3) and `tensorflow` (tf.keras) modules as the Python interpreter sees them:
// `keras.layers.*` classes onto the Keras catalogue (keras/pyLayers.ts), the model constructors
// (keras/pyModels.ts), a few tf ops (keras/pyTf.ts), and every alias path programs import them by
// (`from tensorflow.keras.layers import Dense`, `from keras import layers`). Neither is ever run.
import type { Value } from '../value';
import { UNKNOWN } from '../value';
import { BuiltinObj, PyModuleObj, obj, type CallArgs } from './objects';
import { layerClass, mergeFunction, MERGE_FUNCTIONS, PY_LAYERS } from './keras/pyLayers';
import { functional, pyInput, pySequential } from './keras/pyModels';
import { pyKerasBase } from './keras/pySubclass';
import { kerasOps, tfOps } from './keras/pyTf';
import { toCategorical } from './numpyApi';
import { fromTensorSlices } from './keras/tfData';
import './keras/pyTensor';
import './keras/pyFit';
import './keras/pyOps';
import './keras/insight';

/** Activation functions Keras and tf.nn name: passed to a layer they stand for their name. */
const ACTIVATIONS = ['relu', 'relu6', 'sigmoid', 'softmax', 'tanh', 'elu', 'selu', 'gelu', 'silu', 'swish', 'softplus', 'softsign', 'leaky_relu', 'hard_sigmoid', 'exponential', 'linear', 'mish', 'log_softmax'];

function activation(name: string): Value {
  // Called on a tensor, an activation keeps its shape.
  return obj(new BuiltinObj(`activation:${name}`, ({ args }: CallArgs) => (args[0]?.kind === 'tensor' ? args[0] : UNKNOWN)));
}

/** A callable whose result the analysis does not model (optimizers, callbacks, load_model...). */
function opaque(name: string): Value {
  return obj(new BuiltinObj(name, () => UNKNOWN));
}

/** A module whose every member is opaque except those given. */
function moduleOf(path: string, members: Iterable<[string, Value]>): Value {
  return obj(new PyModuleObj(path, new Map(members)));
}

function makeModules(): Map<string, Value> {
  const m = new Map<string, Value>();
  const layerEntries: [string, Value][] = [...PY_LAYERS].map(([cls, op]) => [cls, layerClass(cls, op)]);
  for (const [fn, cls] of MERGE_FUNCTIONS) {
    const f = mergeFunction(fn, cls);
    if (f) layerEntries.push([fn, f]);
  }
  // keras.Model(inputs, outputs) is a functional model; `class M(keras.Model)` extends the Model base.
  const model = new BuiltinObj('keras.Model', functional);
  model.baseClass = pyKerasBase('Model');
  const pyFunctional = obj(model);
  const layerBase = obj(pyKerasBase('Layer'));
  layerEntries.push(['Input', pyInput], ['Layer', layerBase]);
  const layers = moduleOf('keras.layers', layerEntries);
  const models = moduleOf('keras.models', [['Sequential', pySequential], ['Model', pyFunctional], ['load_model', opaque('keras.models.load_model')]]);
  const activations = moduleOf('keras.activations', ACTIVATIONS.map((a) => [a, activation(a)]));
  const utils = moduleOf('keras.utils', [['to_categorical', toCategorical]]);
  const ops = moduleOf('keras.ops', kerasOps());
  const keras = moduleOf('keras', [
    ['utils', utils], ['ops', ops],
    ['layers', layers], ['models', models], ['activations', activations],
    ['Input', pyInput], ['Sequential', pySequential], ['Model', pyFunctional], ['Layer', layerBase],
  ]);
  const nn = moduleOf('tensorflow.nn', ACTIVATIONS.map((a) => [a, activation(a)]));
  const dataset = obj(new BuiltinObj('tf.data.Dataset', () => UNKNOWN, false, new Map([['from_tensor_slices', fromTensorSlices]])));
  const data = moduleOf('tensorflow.data', [['Dataset', dataset]]);
  const tf = moduleOf('tensorflow', [['keras', keras], ['nn', nn], ['data', data], ...tfOps()]);
  for (const root of ['keras', 'tensorflow.keras', 'tf_keras']) {
    m.set(root, keras);
    m.set(`${root}.layers`, layers);
    m.set(`${root}.models`, models);
    m.set(`${root}.activations`, activations);
    m.set(`${root}.utils`, utils);
    m.set(`${root}.ops`, ops);
  }
  m.set('tensorflow', tf);
  m.set('tensorflow.nn', nn);
  m.set('tensorflow.data', data);
  return m;
}

let shared: Map<string, Value> | undefined;

/** The module value for `keras`, `tensorflow` and their submodules; undefined for any other name. */
export function kerasPyModule(name: string): Value | undefined {
  const root = name.split('.')[0];
  if (root !== 'keras' && root !== 'tensorflow' && root !== 'tf_keras') return undefined;
  return (shared ??= makeModules()).get(name) ?? (name.includes('.') ? moduleOf(name, []) : undefined);
}
