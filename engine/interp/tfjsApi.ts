// The `@tensorflow/tfjs` module (and -node, -node-gpu, -layers, -core) as the interpreter sees it:
// `tf.*` ops from the op registry (`tfjs.*` declarations), `tf.layers.*` factories onto the Keras
// catalogue, models (tf.sequential, tf.model, tf.input), the memory and gradient helpers that
// run their function (tf.tidy, tf.variableGrads...), and the chained methods of TF.js tensors.
// TF.js's sources are never read or run.
import { Dim } from '../shape/dim';
import { numel } from '../shape/shape';
import type { TensorValue, Value } from '../value';
import { NONE, UNKNOWN } from '../value';
import { applyFunction, constructModule } from '../ops/apply';
import { autoLayerName, TFJS_LAYERS, tfjsConfigToKwargs } from '../ops/keras';
import type { KerasLayerOp } from '../ops/keras/layer';
import { lookupOp } from '../ops/registry';
import type { FunctionOp, OpDecl } from '../ops/op';
import { registerTensorAttrs, type AttrSource } from './attrSource';
import type { Host } from './host';
import type { Range } from './ir';
import { BuiltinObj, DictObj, OpRefObj, PyModuleObj, obj, refOf, type CallArgs } from './objects';
import { makeInput } from './keras/graph';
import { configSyntax, KerasLayerObj, registerLayer } from './keras/layer';
import { KerasModelObj, makeFunctional, makeSequential } from './keras/model';
import type { KerasApi, LayerMember, ModelMember } from './keras/names';
import { kerasLayerBase } from './keras/custom';
import { isSymbolic, kerasRun, uid } from './keras/state';
import { configOf, dictValue, int, shapeFrom, shapeValue, str } from './keras/values';
import { reshapeFixes } from './keras/fixes';
import './keras/insight';

const MODULES = new Set(['@tensorflow/tfjs', '@tensorflow/tfjs-node', '@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-layers', '@tensorflow/tfjs-core']);

const LAYER_MEMBERS: readonly LayerMember[] = [
  'apply', 'call', 'name', 'getClassName', 'getConfig', 'countParams', 'weights', 'trainableWeights', 'nonTrainableWeights',
  'getWeights', 'setWeights', 'output', 'input', 'outputShape', 'inputShape', 'built', 'trainable', 'dispose', 'build', 'computeOutputShape',
];
const MODEL_ONLY: readonly ModelMember[] = ['add', 'pop', 'predict', 'predictOnBatch', 'fit', 'fitDataset', 'evaluate', 'compile', 'summary', 'layers', 'getLayer', 'inputs', 'outputs', 'save', 'trainOnBatch'];

/** TF.js names its members as the semantics do (camelCase). */
export const TFJS_API: KerasApi = {
  dialect: 'tfjs',
  framework: 'tfjs',
  layerMembers: new Map(LAYER_MEMBERS.map((m) => [m, m])),
  modelMembers: new Map([...LAYER_MEMBERS, ...MODEL_ONLY].map((m) => [m, m])),
  layerLabel: (factory) => `tf.layers.${factory}`,
};

function builtin(name: string, impl: (args: readonly Value[], site: Range, host: Host) => Value): Value {
  return obj(new BuiltinObj(name, ({ args }: CallArgs, site, host) => impl(args, site, host)));
}

/** A namespace of the `tf` object (`tf`, `tf.layers`, `tf.train`...), its members made on first read. */
class TfNamespace implements AttrSource {
  private readonly members = new Map<string, Value>();
  constructor(readonly path: string, private readonly resolve: (name: string) => Value | undefined) {}
  attr(_host: Host, name: string): Value {
    let v = this.members.get(name);
    if (v === undefined) {
      v = this.resolve(name) ?? UNKNOWN;
      this.members.set(name, v);
    }
    return v;
  }
}

// ---- tensors ------------------------------------------------------------------------------

/** A TensorBuffer (tf.buffer(shape), x.bufferSync()): values set one by one, then toTensor(). */
class TensorBuffer implements AttrSource {
  constructor(readonly shape: readonly Dim[], readonly dtype: TensorValue['dtype']) {}
  attr(_host: Host, name: string): Value {
    switch (name) {
      case 'shape': return shapeValue(this.shape);
      case 'rank': return int(this.shape.length);
      case 'size': return int(numel(this.shape));
      case 'dtype': return this.dtype ? str(this.dtype) : UNKNOWN;
      case 'set': return builtin('TensorBuffer.set', () => NONE);
      case 'get': return builtin('TensorBuffer.get', () => UNKNOWN);
      case 'toTensor': return builtin('TensorBuffer.toTensor', () => ({ kind: 'tensor', shape: this.shape, dtype: this.dtype, framework: 'tfjs' }));
      default: return UNKNOWN;
    }
  }
}

/** Chained methods whose op is not `tfjs.<name>`. */
const CHAINED: Readonly<Record<string, string>> = {
  resizeBilinear: 'tfjs.image.resizeBilinear',
  resizeNearestNeighbor: 'tfjs.image.resizeNearestNeighbor',
};

function chainedOp(name: string): string | undefined {
  for (const full of [`tfjs.Tensor.${name}`, CHAINED[name] ?? `tfjs.${name}`]) {
    const op = lookupOp(full);
    if (op && op.kind === 'function') return full;
  }
  return undefined;
}

/** `x.reshape(...)` / `tf.reshape(x, ...)`: a wrong size also gets fixes at the written shape. */
function reshapeCall(host: Host, args: readonly Value[], site: Range, shapeArgIndex: number): Value {
  const exprs = host.callArgExprs;
  const op = lookupOp('tfjs.reshape') as FunctionOp;
  const r = applyFunction(op, args);
  if (!r.ok && r.error.code === 'view-size') {
    host.raiseOpError(r.error, site, 'tf.reshape', undefined, undefined, reshapeFixes(args[0], args[1], exprs?.[shapeArgIndex]));
  }
  return host.callOp('tfjs.reshape', { args, kwargs: {} }, site);
}

function tensorAttr(host: Host, t: TensorValue, name: string): Value | undefined {
  switch (name) {
    case 'shape': return t.shape ? shapeValue(t.shape) : UNKNOWN;
    case 'rank': return t.shape ? int(t.shape.length) : UNKNOWN;
    case 'size': return t.shape && !t.shape.some((d) => d.isNone) ? int(numel(t.shape)) : UNKNOWN;
    case 'dtype': return t.dtype ? str(t.dtype) : UNKNOWN;
    default: break;
  }
  // A symbolic tensor (tf.input, layer.apply on one) has no ops.
  if (isSymbolic(host, t)) return UNKNOWN;
  switch (name) {
    case 'print': case 'dispose': case 'assign':
      return builtin(`Tensor.${name}`, () => NONE);
    case 'buffer': case 'bufferSync':
      return builtin(`Tensor.${name}`, () => (t.shape ? obj(new TensorBuffer(t.shape, t.dtype)) : UNKNOWN));
    case 'dataSync': case 'arraySync': case 'data': case 'array': case 'toString': case 'isDisposed':
      return builtin(`Tensor.${name}`, () => UNKNOWN);
    case 'read': case 'variable':
      return builtin(`Tensor.${name}`, () => t);
    case 'reshape':
      return builtin('Tensor.reshape', (args, site, h) => reshapeCall(h, [t, ...args], site, 0));
    default: {
      const op = chainedOp(name);
      return op ? builtin(`Tensor.${name}`, (args, site, h) => h.callOp(op, { args: [t, ...args], kwargs: {} }, site)) : UNKNOWN;
    }
  }
}

registerTensorAttrs('tfjs', tensorAttr);

// ---- layers -------------------------------------------------------------------------------

/** What the catalogue takes for a config value: a layer passed to a wrapper is its module. */
function catalogueArg(v: Value): Value {
  const layer = refOf(v, KerasLayerObj);
  return layer ? { kind: 'object', ref: layer.module } : v;
}

/** The model input a first layer asks for (tfjs-layers Layer constructor, Dense's inputDim, Embedding's default). */
function batchInputShape(factory: string, config: ReadonlyMap<string, Value>): Dim[] | undefined {
  const batch = config.get('batchSize');
  const b = batch?.kind === 'int' ? batch.dim : Dim.none();
  const explicit = shapeFrom(config.get('batchInputShape'));
  if (explicit) return explicit;
  const shape = shapeFrom(config.get('inputShape'));
  if (shape) return [b, ...shape];
  const inputDim = config.get('inputDim');
  if (factory === 'dense' && inputDim?.kind === 'int') return [b, inputDim.dim];
  if (factory === 'embedding') {
    const len = config.get('inputLength');
    if (!len || len.kind === 'none') return [b, Dim.none()];
    const dims = len.kind === 'int' ? [len.dim] : shapeFrom(len);
    return dims ? [b, ...dims] : undefined;
  }
  return undefined;
}

function layerFactory(factory: string, op: KerasLayerOp): Value {
  return obj(new BuiltinObj(`tf.layers.${factory}`, ({ args }: CallArgs, site, host) => {
    const exprs = host.callArgExprs;
    const config = configOf(args[0]);
    const given = config?.get('name');
    // The name is taken whatever happens next, as TF.js' Layer constructor takes it first.
    const name = given?.kind === 'str' ? given.value : autoLayerName('tfjs', op.keras.className, kerasRun(host).counters);
    if (!config) return UNKNOWN;
    const values: Record<string, Value> = {};
    for (const [k, v] of config) values[k] = catalogueArg(v);
    values.name = str(name);
    const built = constructModule(op, [], tfjsConfigToKwargs(factory, values), 'tfjs');
    if (!built.ok) return host.raiseOpError(built.error, site, `tf.layers.${factory}`, undefined);
    if (!built.module) return UNKNOWN;
    const layer = new KerasLayerObj(TFJS_API, factory, op, built.module, name, config, exprs?.[0], site, batchInputShape(factory, config));
    registerLayer(host, layer);
    return obj(layer);
  }));
}

function layersMember(name: string): Value | undefined {
  const op = TFJS_LAYERS.get(name);
  if (op) return layerFactory(name, op);
  if (name === 'Layer') return obj(kerasLayerBase(TFJS_API));
  if (name === 'input') return rootMember('input');
  return undefined;
}

// ---- models, inputs, helpers ---------------------------------------------------------------

/** tf.input({shape, batchShape, name, dtype}) (tfjs-layers/src/engine/input_layer.ts Input). */
function input(host: Host, config: Value | undefined, site: Range): Value {
  const exprs = host.callArgExprs;
  const c = configOf(config);
  if (!c) return UNKNOWN;
  const shape = c.get('shape');
  const batch = c.get('batchShape');
  const has = (v: Value | undefined): boolean => v !== undefined && v.kind !== 'none';
  const fail = (message: string, exception = 'Error'): never => host.raiseOpError({ code: 'keras-input', exception, message }, site, 'tf.input', undefined);
  if (!has(batch) && !has(shape)) fail('Please provide to Input either a `shape` or a `batchShape` argument. Note that `shape` does not include the batch dimension.');
  if (has(batch) && has(shape)) fail('Please provide either a `shape` or `batchShape` argument to Input, but not both.', 'ValueError');
  const dims = has(batch) ? shapeFrom(batch) : shapeFrom(shape);
  const given = c.get('name');
  const name = given?.kind === 'str' ? given.value : uid(host, 'input');
  if (!dims) return UNKNOWN;
  const dtype = c.get('dtype');
  const d = dtype?.kind === 'str' && (dtype.value === 'int32' || dtype.value === 'bool') ? dtype.value : 'float32';
  return makeInput(host, name, has(batch) ? dims : [Dim.none(), ...dims], d, 'tfjs', configSyntax(exprs?.[0]));
}

/** tf.grad(f)(x) and friends run `f` (for its hints) and give gradients shaped like their inputs. */
function gradient(kind: 'grad' | 'grads' | 'valueAndGrad' | 'valueAndGrads'): Value {
  return builtin(`tf.${kind}`, ([f]) => builtin(`tf.${kind}(f)`, (args, site, host) => {
    const xs = kind === 'grads' || kind === 'valueAndGrads' ? (args[0]?.kind === 'list' ? args[0].items : []) : [args[0] ?? UNKNOWN];
    const value = f ? host.call(f, { args: [...xs], kwargs: {} }, site) : UNKNOWN;
    const grads = xs.map((x) => (x.kind === 'tensor' ? x : UNKNOWN));
    if (kind === 'grad') return grads[0] ?? UNKNOWN;
    if (kind === 'grads') return { kind: 'list', items: grads };
    return dictValue([['value', value], [kind === 'valueAndGrad' ? 'grad' : 'grads', kind === 'valueAndGrad' ? grads[0] ?? UNKNOWN : { kind: 'list', items: grads }]]);
  }));
}

/** An optimizer (tf.train.adam()): `minimize(f)` runs `f`; the rest does nothing to shapes. */
class Optimizer implements AttrSource {
  attr(_host: Host, name: string): Value {
    if (name === 'minimize') {
      return builtin('minimize', ([f, returnCost], site, host) => {
        const cost = f ? host.call(f, { args: [], kwargs: {} }, site) : UNKNOWN;
        return returnCost?.kind === 'bool' && returnCost.value ? cost : NONE;
      });
    }
    if (name === 'applyGradients' || name === 'dispose') return builtin(name, () => NONE);
    return UNKNOWN;
  }
}

const REDUCTION = new Map<string, Value>([['NONE', int(0)], ['MEAN', int(1)], ['SUM', int(2)], ['SUM_BY_NONZERO_WEIGHTS', int(3)]]);

function opValue(op: OpDecl, name: string): Value {
  return obj(new OpRefObj(op, name));
}

/** Members of `tf` that are not ops. */
function rootMember(name: string): Value | undefined {
  switch (name) {
    case 'layers': return obj(new TfNamespace('tf.layers', layersMember));
    case 'image': return obj(new TfNamespace('tf.image', (n) => { const op = lookupOp(`tfjs.image.${n}`); return op ? opValue(op, `tf.image.${n}`) : undefined; }));
    case 'losses': return obj(new TfNamespace('tf.losses', (n) => { const op = lookupOp(`tfjs.losses.${n}`); return op ? opValue(op, `tf.losses.${n}`) : undefined; }));
    case 'train': return obj(new TfNamespace('tf.train', () => builtin('tf.train.optimizer', () => obj(new Optimizer()))));
    case 'initializers': case 'regularizers': case 'constraints':
      // Their objects only configure weights: a name stands for them.
      return obj(new TfNamespace(`tf.${name}`, (n) => builtin(`tf.${name}.${n}`, () => str(n))));
    case 'Reduction': return obj(new PyModuleObj('tf.Reduction', REDUCTION));
    case 'util': return obj(new TfNamespace('tf.util', (n) => (n === 'sizeFromShape' ? builtin(n, ([s]) => { const d = shapeFrom(s); return d ? int(numel(d)) : UNKNOWN; }) : builtin(`tf.util.${n}`, () => UNKNOWN))));
    case 'serialization': return obj(new TfNamespace('tf.serialization', (n) => builtin(`tf.serialization.${n}`, () => NONE)));
    case 'sequential': return builtin('tf.sequential', ([c], site, host) => makeSequential(host, TFJS_API, c, site));
    case 'model': return builtin('tf.model', ([c], site, host) => makeFunctional(host, TFJS_API, c, site));
    case 'input': return builtin('tf.input', ([c], site, host) => input(host, c, site));
    case 'reshape': return builtin('tf.reshape', (args, site, host) => reshapeCall(host, args, site, 1));
    case 'tidy': return builtin('tf.tidy', ([a, b], site, host) => {
      const fn = a?.kind === 'str' ? b : a;
      return fn ? host.call(fn, { args: [], kwargs: {} }, site) : UNKNOWN;
    });
    case 'keep': case 'variable': return builtin(`tf.${name}`, ([x]) => x ?? UNKNOWN);
    case 'buffer': return builtin('tf.buffer', ([shape, dtype]) => {
      const dims = shapeFrom(shape);
      const d = dtype?.kind === 'str' && (dtype.value === 'int32' || dtype.value === 'bool') ? dtype.value : 'float32';
      return dims && !dims.some((x) => x.isNone) ? obj(new TensorBuffer(dims, d)) : UNKNOWN;
    });
    case 'customGrad': return builtin('tf.customGrad', ([f]) => f ?? UNKNOWN);
    case 'variableGrads': return builtin('tf.variableGrads', ([f], site, host) => dictValue([['value', f ? host.call(f, { args: [], kwargs: {} }, site) : UNKNOWN], ['grads', obj(new DictObj())]]));
    case 'grad': case 'grads': case 'valueAndGrad': case 'valueAndGrads': return gradient(name);
    case 'dispose': case 'disposeVariables': case 'nextFrame': case 'ready': case 'setBackend': case 'enableProdMode': case 'enableDebugMode': case 'print':
      return builtin(`tf.${name}`, () => NONE);
    case 'Sequential': case 'LayersModel': return obj(new BuiltinObj(`tf.${name}`, () => UNKNOWN));
    default: return undefined;
  }
}

function tfMember(name: string): Value | undefined {
  const special = rootMember(name);
  if (special) return special;
  const op = lookupOp(`tfjs.${name}`);
  if (op && op.kind === 'function') return opValue(op, `tf.${name}`);
  return undefined;
}

let root: Value | undefined;

/** The module value for `@tensorflow/tfjs` and its siblings; undefined for other names. */
export function tfjsModule(name: string): Value | undefined {
  if (!MODULES.has(name)) return undefined;
  root ??= obj(new TfNamespace('tf', (n) => (n === 'default' ? root : tfMember(n))));
  return root;
}

export function isTfjsModel(v: Value): boolean {
  return refOf(v, KerasModelObj) !== undefined;
}
