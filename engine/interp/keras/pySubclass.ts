// Keras Python subclassing: `class MyModel(keras.Model)` / `class MyLayer(keras.layers.Layer)` with
// `__init__` and `call`. Keras 3's Layer.__call__ builds the layer on its first call (the user's
// `build(input_shape)` if it has one, add_weight creating its weights) and runs `call`; on symbolic
// inputs the subclass is one node of the functional graph. `model.build((None, 28, 28, 1))` runs
// `call` on that shape; `predict` runs it on the data. (keras/src/layers/layer.py __call__, build.)
import type { Shape } from '../../shape/shape';
import type { TensorValue, Value } from '../../value';
import { NONE, UNKNOWN } from '../../value';
import { autoLayerName } from '../../ops/keras';
import { kerasSummary, type SummaryLayer } from '../../ops/keras/summary';
import { registerBaseClass } from '../attrSource';
import type { Host } from '../host';
import { registerInsightProvider, type ModelInsight } from '../insight';
import type { Param, Range, Stmt } from '../ir';
import { BuiltinObj, ClassObj, FunctionObj, InstanceObj, obj, refOf, type CallArgs } from '../objects';
import { Scope } from '../scope';
import { addNode, type GraphNode } from './graph';
import { KerasLayerObj } from './layer';
import { KerasModelObj } from './model';
import { isSymbolic, kerasRun, registerLayerFinder, tensorsOf, type ApplicableLayer } from './state';
import { int, method, shapeFrom, str, tagged } from './values';
import { weightCounts, type Weight } from './custom';

/** The Keras state of one instance of a user subclass. */
export class PySubclassed implements ApplicableLayer {
  readonly nodes: GraphNode[] = [];
  readonly weights: Weight[] = [];
  built = false;
  readonly summarySites: Range[] = [];
  readonly callSites: Range[] = [];
  constructor(
    readonly instance: InstanceObj,
    readonly isModel: boolean,
    readonly layerName: string,
    readonly className: string,
    readonly constructedAt: Range,
  ) {}

  value(): Value {
    return obj(this.instance);
  }

  /** Layers held in attributes (directly or in lists), in assignment order: Keras' tracked layers. */
  sublayers(): ApplicableLayer[] {
    const out: ApplicableLayer[] = [];
    const visit = (v: Value): void => {
      if (v.kind === 'list' || v.kind === 'tuple') v.items.forEach(visit);
      const l = refOf(v, KerasLayerObj) ?? refOf(v, KerasModelObj) ?? pySubclassOf(v);
      if (l && !out.includes(l)) out.push(l);
    };
    for (const v of this.instance.attrs.values()) visit(v);
    return out;
  }

  paramCounts(): { trainable: number; nonTrainable: number } | undefined {
    const own = weightCounts(this.weights);
    if (!own) return undefined;
    let { trainable, nonTrainable } = own;
    for (const l of this.sublayers()) {
      const c = l.paramCounts();
      if (!c) return undefined;
      trainable += c.trainable;
      nonTrainable += c.nonTrainable;
    }
    return { trainable, nonTrainable };
  }

  /** Does the user's class (not the Keras base) define `name`? */
  private defines(name: string): boolean {
    for (const c of this.instance.cls.mro()) {
      if (pyBases.has(c)) return false;
      if (c.attrs.has(name)) return true;
    }
    return false;
  }

  private callOwn(host: Host, name: string, args: CallArgs, site: Range): Value {
    return host.call(host.getAttr(this.value(), name, site), args, site);
  }

  run(host: Host, inputs: Value, site: Range, _symbolic = false, _executing = false, rest?: CallArgs): Value {
    if (!this.built) {
      this.built = true;
      if (this.defines('build')) {
        // build(input_shape): a tuple for one input, a list of them for several; unknown when the input is.
        const ts = tensorsOf(inputs);
        const several = (inputs.kind === 'list' || inputs.kind === 'tuple') && ts.length === inputs.items.length && ts.length > 0;
        const shape: Value = inputs.kind === 'tensor' && inputs.shape ? shapeTuple(inputs.shape) : several && ts.every((t) => t.shape) ? { kind: 'list', items: ts.map((t) => shapeTuple(t.shape!)) } : UNKNOWN;
        this.callOwn(host, 'build', { args: [shape], kwargs: {} }, site);
      }
    }
    if (!this.defines('call')) return UNKNOWN;
    return tagged(this.callOwn(host, 'call', { args: [inputs, ...(rest?.args ?? [])], kwargs: rest?.kwargs ?? {} }, site), 'keras');
  }

  apply(host: Host, inputs: Value, site: Range, rest?: CallArgs): Value {
    const tensors = tensorsOf(inputs);
    const symbolic = tensors.length > 0 && tensors.every((t) => isSymbolic(host, t));
    const out = this.run(host, inputs, site, symbolic, false, rest);
    if (symbolic && out.kind !== 'unknown') return addNode(host, this, inputs, out, rest).outputValue;
    return out;
  }

  /** Keras 3's summary of a subclassed model: its tracked layers as a sequence (summary_utils.py:167-171). */
  summaryRows(): SummaryLayer[] | undefined {
    const rows: SummaryLayer[] = [];
    for (const l of this.sublayers()) {
      const c = l.paramCounts();
      // A layer's shape as computed from its build shapes (summary_utils.format_layer_shape).
      const first = l instanceof KerasLayerObj ? l.calls[0]?.outputShapes : undefined;
      const shapes = first?.every((s) => s) ? (first as Shape[]) : undefined;
      rows.push({ name: l.layerName, className: l.className, inputShapes: [], outputShape: shapes ? (shapes.length === 1 ? shapes[0] : shapes) : undefined, params: c ? c.trainable + c.nonTrainable : undefined, connections: undefined });
    }
    return rows;
  }

  attr(host: Host, name: string): Value | undefined {
    switch (name) {
      case 'name': return str(this.layerName);
      case 'built': return { kind: 'bool', value: this.built };
      case 'trainable': return { kind: 'bool', value: true };
      case 'count_params': return method(name, () => {
        const c = this.paramCounts();
        return c ? int(c.trainable + c.nonTrainable) : UNKNOWN;
      });
      case 'add_weight': return method(name, (args, _site, _h, kwargs) => {
        // add_weight(shape=None, initializer=None, dtype=None, trainable=True, ..., name=None) (layer.py:497).
        const dims = shapeFrom(kwargs.shape ?? args[0]);
        if (!dims) return UNKNOWN;
        const trainable = kwargs.trainable ?? args[3];
        const wname = kwargs.name;
        this.weights.push({ name: wname?.kind === 'str' ? wname.value : 'variable', shape: dims, trainable: !(trainable?.kind === 'bool' && !trainable.value) });
        return { kind: 'tensor', shape: dims, dtype: 'float32', framework: 'keras' } as TensorValue;
      });
      case 'build': return method(name, ([shape], site, h, kwargs) => {
        const dims = shapeFrom(shape ?? kwargs.input_shape);
        if (dims) this.run(h, { kind: 'tensor', shape: dims, dtype: 'float32', framework: 'keras' }, site);
        return NONE;
      });
      case 'call': return method(name, ([x]) => x ?? UNKNOWN);
      case 'compute_output_shape': return method(name, ([s]) => s ?? UNKNOWN);
      case 'layers': return { kind: 'list', items: this.sublayers().map((l) => l.value()) };
      default: break;
    }
    if (!this.isModel) return undefined;
    switch (name) {
      case 'predict': case 'predict_on_batch':
        return method(name, ([x], site, h) => {
          if (!h.inForeignCode) this.callSites.push(site);
          return x ? this.run(h, x, site) : UNKNOWN;
        });
      case 'summary': return method(name, (_a, site, h) => {
        if (!h.inForeignCode) this.summarySites.push(site);
        return NONE;
      });
      case 'compile': case 'fit': case 'evaluate': case 'save': case 'save_weights': case 'load_weights':
        return method(name, () => UNKNOWN);
      default: return undefined;
    }
  }
}

function shapeTuple(shape: Shape): Value {
  return { kind: 'tuple', items: shape.map((d) => (d.isNone ? NONE : int(d))) };
}

const pyBases = new Set<ClassObj>();
const states = new WeakMap<InstanceObj, PySubclassed>();

export function pySubclassOf(v: Value): PySubclassed | undefined {
  const inst = refOf(v, InstanceObj);
  return inst ? states.get(inst) : undefined;
}

registerLayerFinder(pySubclassOf);

/** The Keras state of a subclass instance, made by its `super().__init__()` (or its first use, when its __init__ calls none). */
function stateOf(host: Host, self: Value, isModel: boolean, kwargs: Readonly<Record<string, Value>>): PySubclassed | undefined {
  const inst = refOf(self, InstanceObj);
  if (!inst || !inst.constructedAt) return undefined;
  let s = states.get(inst);
  if (!s) {
    const given = kwargs.name;
    const name = given?.kind === 'str' ? given.value : autoLayerName('keras', inst.cls.name, kerasRun(host).counters);
    s = new PySubclassed(inst, isModel, name, inst.cls.name, inst.constructedAt);
    states.set(inst, s);
    if (!host.foreign.has(inst)) kerasRun(host).layers.push(s);
  }
  return s;
}

/** A Keras base method: a Python function `(self, *args, **kwargs)` that hands its arguments to `impl`. */
function baseMethod(name: string, impl: (host: Host, self: Value, args: CallArgs, site: Range) => Value): Value {
  const at: Range = { start: 0, end: 0 };
  const scope = new Scope(undefined, undefined);
  scope.vars.set('__impl__', obj(new BuiltinObj(`keras.${name}`, ({ args, kwargs }, site, host) => impl(host, args[0] ?? UNKNOWN, { args: args.slice(1), kwargs }, site))));
  const params: Param[] = [
    { name: 'self', kind: 'positional-or-keyword', range: at },
    { name: 'args', kind: 'var-positional', range: at },
    { name: 'kwargs', kind: 'var-keyword', range: at },
  ];
  const name_ = (id: string) => ({ k: 'name', id, range: at }) as const;
  const body: Stmt[] = [{
    k: 'return',
    value: { k: 'call', fn: name_('__impl__'), args: [{ value: name_('self'), range: at }, { star: '*', value: name_('args'), range: at }, { star: '**', value: name_('kwargs'), range: at }], range: at },
    range: at,
  }];
  return obj(new FunctionObj(name, params, body, scope, new Map(), at, undefined, undefined, new Map()));
}

const byKind = new Map<string, ClassObj>();

/**
 * The classes user code extends for `keras.Model` / `keras.layers.Layer`. Their `__init__` (reached
 * by `super().__init__(...)`) names the layer as Keras' Layer.__init__ does; `__call__` is Keras'
 * Layer.__call__ (build, then call).
 */
export function pyKerasBase(kind: 'Model' | 'Layer'): ClassObj {
  let cls = byKind.get(kind);
  if (cls) return cls;
  const isModel = kind === 'Model';
  cls = new ClassObj(kind, [], false, undefined, { start: 0, end: 0 });
  cls.attrs.set('__init__', baseMethod('__init__', (host, self, args) => {
    stateOf(host, self, isModel, args.kwargs);
    return NONE;
  }));
  cls.attrs.set('__call__', baseMethod('__call__', (host, self, args, site) => {
    const s = stateOf(host, self, isModel, {});
    return s && args.args[0] ? s.apply(host, args.args[0], site, { args: args.args.slice(1), kwargs: args.kwargs }) : UNKNOWN;
  }));
  registerBaseClass(cls, (host, self, name) => stateOf(host, self, isModel, {})?.attr(host, name));
  pyBases.add(cls);
  byKind.set(kind, cls);
  return cls;
}

function modelInsight(s: PySubclassed): ModelInsight | undefined {  const rows = s.summaryRows();
  const counts = s.paramCounts();
  const summary = rows && counts ? kerasSummary({ name: s.layerName, layers: rows, trainableParams: counts.trainable, nonTrainableParams: counts.nonTrainable, sequentialLike: true }) : undefined;
  return {
    name: s.layerName,
    classRange: undefined,
    constructedAt: s.constructedAt,
    rows: (rows ?? []).map((r) => ({ path: r.name, type: r.className, depth: 1, outputShapes: r.outputShape === undefined ? [] : Array.isArray(r.outputShape[0]) ? [...(r.outputShape as Shape[])] : [r.outputShape as Shape], params: r.params })),
    totalParams: counts ? counts.trainable + counts.nonTrainable : undefined,
    runs: [],
    style: 'keras',
    summary,
    callSites: [...s.callSites, ...s.summarySites],
  };
}

registerInsightProvider((host) => {
  const models: ModelInsight[] = [];
  for (const l of kerasRun(host as unknown as Host).layers) {
    if (l instanceof PySubclassed && l.isModel) {
      const m = modelInsight(l);
      if (m) models.push(m);
    }
  }
  return { layers: [], models };
});
