// Layers written by the user (`class MyLayer extends tf.layers.Layer`): the framework's Layer base
// class. Its constructor names the layer (TF.js: snake_case of the static className + the class's
// counter); its members — apply, addWeight, countParams, name... — serve what the subclass does not
// define. Applied to symbolic tensors it runs the subclass's build and computeOutputShape, to real
// ones its build and call, as TF.js's Layer.apply does.
import { Dim } from '../../shape/dim';
import { numel, type Shape } from '../../shape/shape';
import type { TensorValue, Value } from '../../value';
import { NONE, UNKNOWN } from '../../value';
import { autoLayerName } from '../../ops/keras';
import { registerBaseClass } from '../attrSource';
import type { Host } from '../host';
import type { Param, Range, Stmt } from '../ir';
import { BuiltinObj, ClassObj, DictObj, FunctionObj, InstanceObj, obj, refOf } from '../objects';
import { Scope } from '../scope';
import { addNode, type GraphNode } from './graph';
import type { KerasApi } from './names';
import { isSymbolic, kerasRun, registerLayerFinder, tensorsOf, type ApplicableLayer } from './state';
import { configOf, dictValue, int, method, shapeFrom, shapeValue, str, tagged } from './values';

/** A weight a user layer made (`add_weight` / `addWeight`). */
export interface Weight {
  readonly name: string;
  readonly shape: Shape;
  readonly trainable: boolean;
}

/** Trainable and non-trainable parameter counts of weights (all non-trainable in a frozen layer); undefined when a size is symbolic. */
export function weightCounts(weights: readonly Weight[], layerTrainable = true): { trainable: number; nonTrainable: number } | undefined {
  let trainable = 0;
  let nonTrainable = 0;
  for (const w of weights) {
    const n = numel(w.shape).value;
    if (n === undefined) return undefined;
    if (w.trainable && layerTrainable) trainable += n;
    else nonTrainable += n;
  }
  return { trainable, nonTrainable };
}

/** The framework state of one user layer instance. */
export class CustomLayer implements ApplicableLayer {
  readonly nodes: GraphNode[] = [];
  readonly weights: Weight[] = [];
  built = false;
  trainable = true;
  constructor(
    readonly api: KerasApi,
    readonly instance: InstanceObj,
    readonly layerName: string,
    readonly className: string,
    readonly config: ReadonlyMap<string, Value>,
  ) {}

  value(): Value {
    return obj(this.instance);
  }

  /** A user layer also takes inputShape / batchInputShape through its config (Layer's constructor). */
  get batchInputShape(): Dim[] | undefined {
    const batch = shapeFrom(this.config.get('batchInputShape'));
    if (batch) return batch;
    const shape = shapeFrom(this.config.get('inputShape'));
    return shape ? [Dim.none(), ...shape] : undefined;
  }

  paramCounts(): { trainable: number; nonTrainable: number } | undefined {
    return weightCounts(this.weights, this.trainable);
  }

  private self(): Value {
    return obj(this.instance);
  }

  /** Does the user's class (not the framework base) define `name`? */
  private defines(name: string): boolean {
    for (const c of this.instance.cls.mro()) {
      if (bases.has(c)) return false;
      if (c.attrs.has(name)) return true;
    }
    return false;
  }

  private callOwn(host: Host, name: string, args: Value[], site: Range): Value {
    return host.call(host.getAttr(this.self(), name, site), { args, kwargs: {} }, site);
  }

  private shapeArg(inputs: Value): Value {
    const shapes = tensorsOf(inputs).map((t) => (t.shape ? shapeValue(t.shape) : UNKNOWN));
    return inputs.kind === 'tensor' ? shapes[0] ?? UNKNOWN : { kind: 'list', items: shapes };
  }

  run(host: Host, inputs: Value, site: Range, symbolic = false, executing = false): Value {
    if (!this.built) {
      if (this.defines('build')) this.callOwn(host, 'build', [this.shapeArg(inputs)], site);
      this.built = true;
    }
    if (!symbolic) {
      // A model's graph hands call() an array even for one input (tfjs-layers executor.ts).
      const given: Value = executing && inputs.kind === 'tensor' ? { kind: 'list', items: [inputs] } : inputs;
      return tagged(this.defines('call') ? this.callOwn(host, 'call', [given, obj(new DictObj())], site) : inputs, this.api.framework);
    }
    if (!this.defines('computeOutputShape')) return inputs;
    const shape = this.callOwn(host, 'computeOutputShape', [this.shapeArg(inputs)], site);
    const dtype = tensorsOf(inputs)[0]?.dtype;
    const one = shapeFrom(shape);
    if (one) return { kind: 'tensor', shape: one, dtype, framework: this.api.framework } as TensorValue;
    if (shape.kind === 'list' && shape.items.every((s) => shapeFrom(s))) {
      return { kind: 'list', items: shape.items.map((s) => ({ kind: 'tensor', shape: shapeFrom(s)!, dtype, framework: this.api.framework }) as Value) };
    }
    return UNKNOWN;
  }

  apply(host: Host, inputs: Value, site: Range): Value {
    const tensors = tensorsOf(inputs);
    if (tensors.length === 0) return UNKNOWN;
    const symbolic = tensors.every((t) => isSymbolic(host, t));
    const out = this.run(host, inputs, site, symbolic);
    if (symbolic && out.kind !== 'unknown') return addNode(host, this, inputs, out).outputValue;
    return out;
  }

  attr(host: Host, name: string): Value | undefined {
    const member = this.api.layerMembers.get(name) ?? (name === 'addWeight' || name === 'add_weight' ? 'addWeight' : undefined);
    switch (member) {
      case 'apply': return method(name, ([x], site, h) => (x ? this.apply(h, x, site) : UNKNOWN));
      case 'call': return method(name, ([x]) => x ?? UNKNOWN);
      case 'computeOutputShape': return method(name, ([s]) => s ?? UNKNOWN);
      case 'build': return method(name, () => NONE);
      case 'name': return str(this.layerName);
      case 'getClassName': return method(name, () => str(this.className));
      case 'getConfig': return method(name, () => dictValue([...this.config, ['name', str(this.layerName)]]));
      case 'countParams': return method(name, () => {
        const c = this.paramCounts();
        return c ? int(c.trainable + c.nonTrainable) : UNKNOWN;
      });
      case 'built': return { kind: 'bool', value: this.built };
      case 'trainable': return { kind: 'bool', value: this.trainable };
      case 'dispose': case 'setWeights': return method(name, () => NONE);
      case 'weights': case 'trainableWeights': case 'nonTrainableWeights': case 'getWeights': {
        const ws = this.weights.filter((w) => member === 'weights' || member === 'getWeights' || (member === 'trainableWeights') === (w.trainable && this.trainable));
        const list: Value = { kind: 'list', items: ws.map((w): Value => ({ kind: 'tensor', shape: w.shape, dtype: 'float32', framework: this.api.framework })) };
        return member === 'getWeights' ? method(name, () => list) : list;
      }
      case 'output': return this.nodes.length === 1 ? this.nodes[0].outputValue : UNKNOWN;
      case 'input': return this.nodes.length === 1 ? this.nodes[0].inputValue : UNKNOWN;
      case 'addWeight':
        // addWeight(name, shape, dtype?, initializer?, regularizer?, trainable = true, ...)
        return method(name, ([wname, shape, , , , trainable]) => {
          const dims = shapeFrom(shape);
          if (!dims) return UNKNOWN;
          this.weights.push({ name: wname?.kind === 'str' ? wname.value : 'weight', shape: dims, trainable: !(trainable?.kind === 'bool' && !trainable.value) });
          return { kind: 'tensor', shape: dims, dtype: 'float32', framework: this.api.framework };
        });
      default: return undefined;
    }
  }
}

const bases = new Set<ClassObj>();
const byApi = new Map<KerasApi, ClassObj>();
const layers = new WeakMap<InstanceObj, CustomLayer>();

export function customLayerOf(v: Value): CustomLayer | undefined {
  const inst = refOf(v, InstanceObj);
  return inst ? layers.get(inst) : undefined;
}

registerLayerFinder(customLayerOf);

/** `super(config)` in the subclass's constructor: name the layer as the framework does. */
function initLayer(api: KerasApi, host: Host, self: Value, config: Value | undefined): Value {
  const inst = refOf(self, InstanceObj);
  if (!inst || layers.has(inst)) return NONE;
  const c = configOf(config) ?? new Map<string, Value>();
  const staticName = inst.cls.lookup('className')?.value;
  const className = staticName?.kind === 'str' ? staticName.value : inst.cls.name;
  const given = c.get('name');
  const name = given?.kind === 'str' ? given.value : autoLayerName(api.dialect, className, kerasRun(host).counters);
  const layer = new CustomLayer(api, inst, name, className, c);
  layers.set(inst, layer);
  if (!host.foreign.has(inst)) kerasRun(host).layers.push(layer);
  return NONE;
}

/**
 * The base class. Its `__init__` is a two-statement function calling a builtin with the instance
 * (constructors reach a base class only through a function the interpreter runs).
 */
export function kerasLayerBase(api: KerasApi): ClassObj {
  let cls = byApi.get(api);
  if (cls) return cls;
  const at: Range = { start: 0, end: 0 };
  const scope = new Scope(undefined, undefined);
  scope.vars.set('__layer_init__', obj(new BuiltinObj('Layer.constructor', ({ args }, _site, host) => initLayer(api, host, args[0] ?? UNKNOWN, args[1]))));
  const params: Param[] = [
    { name: 'self', kind: 'positional-or-keyword', range: at },
    { name: 'config', kind: 'positional-or-keyword', default: { k: 'none', range: at }, range: at },
    { name: 'rest', kind: 'var-positional', range: at },
  ];
  const body: Stmt[] = [{
    k: 'return',
    value: { k: 'call', fn: { k: 'name', id: '__layer_init__', range: at }, args: [{ value: { k: 'name', id: 'self', range: at }, range: at }, { value: { k: 'name', id: 'config', range: at }, range: at }], range: at },
    range: at,
  }];
  cls = new ClassObj('Layer', [], false, undefined, at);
  cls.attrs.set('__init__', obj(new FunctionObj('__init__', params, body, scope, new Map([['config', NONE]]), at, undefined, cls, new Map())));
  registerBaseClass(cls, (host, self, name) => {
    const inst = refOf(self, InstanceObj);
    const layer = inst ? layers.get(inst) : undefined;
    return layer?.attr(host, name);
  });
  bases.add(cls);
  byApi.set(api, cls);
  return cls;
}
