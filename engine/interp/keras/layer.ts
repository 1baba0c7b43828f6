// A Keras / TF.js layer object: built from a catalogue declaration, applied to symbolic tensors
// (a graph node, the output symbolic too) or to real ones (the layer's rule on their shapes),
// built by its first call as the frameworks build it, with the members programs read (`name`,
// `outputShape`, `countParams()`...). Calling it as a function is Keras Python's `layer(x)`.
import type { Dim } from '../../shape/dim';
import { numel, type Shape } from '../../shape/shape';
import type { TensorValue, Value } from '../../value';
import { NONE, UNKNOWN } from '../../value';
import type { ModuleInstance } from '../../ops/apply';
import type { OpError } from '../../ops/op';
import { callLayer } from '../../ops/keras';
import type { KerasLayerOp } from '../../ops/keras/layer';
import type { AttrSource } from '../attrSource';
import type { Host } from '../host';
import type { Arg, Range } from '../ir';
import { BuiltinObj, type CallArgs } from '../objects';
import type { Fix } from '../record';
import { addNode, type GraphNode } from './graph';
import type { KerasApi } from './names';
import { isSymbolic, kerasRun, tensorsOf, traceLayerCall, type ApplicableLayer } from './state';
import { dictValue, int, method, shapeFrom, shapeValue, str, tagged } from './values';

/** How a config object was written (`{units: 10, inputShape: [784]}`): ranges for fixes. */
export interface ConfigSyntax {
  /** The `{...}` literal. */
  readonly object: Range;
  readonly props: ReadonlyMap<string, { readonly value: Range; readonly whole: Range }>;
}

export function configSyntax(arg: Arg | undefined): ConfigSyntax | undefined {
  if (!arg || arg.star || arg.value.k !== 'dict') return undefined;
  const props = new Map<string, { value: Range; whole: Range }>();
  for (const e of arg.value.entries) {
    if (e.key?.k === 'str') props.set(e.key.value, { value: e.value.range, whole: { start: e.key.range.start, end: e.value.range.end } });
  }
  return { object: arg.value.range, props };
}

/** One call of a layer, for hovers: where, with what shapes, giving what. */
export interface LayerCallRecord {
  readonly site: Range;
  readonly inputShapes: readonly (Shape | undefined)[];
  readonly outputShapes: readonly (Shape | undefined)[];
  readonly symbolic: boolean;
}

/** Fixes for a failed layer call, supplied by the framework API (fixes.ts). */
export type LayerFixer = (host: Host, layer: KerasLayerObj, error: OpError, input: Value) => Fix[];

export class KerasLayerObj extends BuiltinObj implements AttrSource, ApplicableLayer {
  readonly nodes: GraphNode[] = [];
  readonly calls: LayerCallRecord[] = [];
  /** Set when code of another file made it (its ranges are not this file's). */
  foreign = false;
  static fixer: LayerFixer | undefined;

  constructor(
    readonly api: KerasApi,
    /** The factory or class as the program wrote it (`dense`, `Dense`). */
    readonly factory: string,
    readonly op: KerasLayerOp,
    public module: ModuleInstance,
    readonly layerName: string,
    /** The config as written, in the framework's own keys. */
    readonly config: ReadonlyMap<string, Value>,
    /** The config argument as written (its syntax is read when a fix is offered). */
    private readonly configArg: Arg | undefined,
    readonly constructedAt: Range | undefined,
    /** What the layer says its model input is (inputShape / batchInputShape / inputDim). */
    readonly batchInputShape: readonly Dim[] | undefined,
  ) {
    super(layerName, (args: CallArgs, site, host) => (args.args[0] ? this.apply(host, args.args[0], site, restOf(args)) : UNKNOWN));
    this.unbuilt = module;
  }

  private written: ConfigSyntax | undefined | null = null;

  /** The layer as constructed, before its first call built it (fixes try other inputs on it). */
  readonly unbuilt: ModuleInstance;

  /** Whether the layer, unbuilt, takes an input of this shape (a fix is offered only then). */
  accepts(shape: Shape, dtype = 'float32'): boolean {
    const input: Value = { kind: 'tensor', shape, dtype, framework: this.api.framework } as TensorValue;
    return callLayer(this.unbuilt, [input], {}, { dialect: this.api.dialect }).result.ok;
  }

  /** Keras Python writes its config as call arguments: the frontend API says where each one is. */
  setSyntax(syntax: ConfigSyntax): void {
    this.written = syntax;
  }

  /** How the config was written, made on first read (only fixes need it). */
  get syntax(): ConfigSyntax | undefined {
    if (this.written === null) this.written = configSyntax(this.configArg);
    return this.written;
  }

  get className(): string {
    return this.op.keras.className;
  }

  value(): Value {
    return { kind: 'object', ref: this };
  }

  get label(): string {
    return this.api.layerLabel(this.factory);
  }

  paramCounts(): { trainable: number; nonTrainable: number } | undefined {
    const count = (ws: ModuleInstance['params']): number | undefined => {
      let n = 0;
      for (const w of ws) {
        const k = numel(w.shape).value;
        if (k === undefined) return undefined;
        n += k;
      }
      return n;
    };
    const trainable = count(this.module.params);
    const nonTrainable = count(this.module.buffers);
    return trainable === undefined || nonTrainable === undefined ? undefined : { trainable, nonTrainable };
  }

  /** `layer.apply(x)`: symbolic inputs add a graph node, real ones just give the output. */
  apply(host: Host, inputs: Value, site: Range, rest?: CallArgs): Value {
    const tensors = tensorsOf(inputs);
    if (tensors.length === 0) return UNKNOWN;
    const symbolic = tensors.map((t) => isSymbolic(host, t));
    if (symbolic.some(Boolean) && !symbolic.every(Boolean)) {
      host.raiseOpError({ code: 'keras-apply', exception: 'ValueError', message: 'Arguments to apply() must be all SymbolicTensors or all Tensors' }, site, this.label, undefined);
    }
    const out = this.run(host, inputs, site, symbolic[0], false, rest);
    if (symbolic[0] && out.kind !== 'unknown') return addNode(host, this, inputs, out, rest).outputValue;
    return out;
  }

  /** The layer's output for `inputs` as its rule computes it (the layer is built by its first call). */
  run(host: Host, inputs: Value, site: Range, symbolic = false, _executing = false, rest?: CallArgs): Value {
    const r = callLayer(this.module, [inputs, ...(rest?.args ?? [])], rest?.kwargs ?? {}, { dialect: this.api.dialect });
    this.module = r.module;
    if (!r.result.ok) {
      const fixes = KerasLayerObj.fixer?.(host, this, r.result.error, inputs) ?? [];
      host.raiseOpError(r.result.error, site, this.label, undefined, inputs, fixes);
    }
    const out = tagged(host.report(r.result, site, this.label, undefined, inputs), this.api.framework);
    if (!symbolic) traceLayerCall(host, this.module, r.result, out, site, this.layerName);
    if (!host.inForeignCode) {
      this.calls.push({ site, inputShapes: tensorsOf(inputs).map((t) => t.shape), outputShapes: tensorsOf(out).map((t) => t.shape), symbolic });
    }
    return out;
  }

  /** `layer.trainable = false` freezes its weights (they move to the non-trainable ones). */
  setTrainable(trainable: boolean): void {
    const args = { ...this.module.args, trainable: { kind: 'bool', value: trainable } as Value };
    const op = this.module.op;
    this.module = { op, args, params: op.params(args), buffers: op.buffers?.(args) ?? [] };
  }

  /** The output shape TF.js reports: the same on every node, else unknown ('multiple'). */
  outputShapes(): readonly (readonly Shape[])[] {
    return this.nodes.map((n) => n.outputs.map((t) => t.shape!).filter(Boolean));
  }

  /** Methods are made once per layer and name (programs read them on every call). */
  private readonly methods = new Map<string, Value>();

  attr(host: Host, name: string): Value | undefined {
    const cached = this.methods.get(name);
    if (cached) return cached;
    const v = this.member(host, name);
    if (v && v.kind === 'object' && v.ref instanceof BuiltinObj) this.methods.set(name, v);
    return v;
  }

  private member(host: Host, name: string): Value | undefined {
    const member = this.api.layerMembers.get(name);
    if (!member) return undefined;
    switch (member) {
      case 'apply':
      case 'call':
        return method(name, ([x], site, h) => (x ? this.apply(h, x, site) : UNKNOWN));
      case 'name':
        return str(this.layerName);
      case 'getClassName':
        return method(name, () => str(this.className));
      case 'getConfig':
        return method(name, () => dictValue([...this.config, ['name', str(this.layerName)]]));
      case 'countParams': {
        return method(name, () => {
          const c = this.paramCounts();
          return c ? int(c.trainable + c.nonTrainable) : UNKNOWN;
        });
      }
      case 'weights':
      case 'trainableWeights':
      case 'nonTrainableWeights':
      case 'getWeights': {
        const ws = member === 'trainableWeights' ? this.module.params : member === 'nonTrainableWeights' ? this.module.buffers : [...this.module.params, ...this.module.buffers];
        const list: Value = { kind: 'list', items: ws.map((w): TensorValue => ({ kind: 'tensor', shape: w.shape, dtype: w.dtype, framework: this.api.framework })) };
        return member === 'getWeights' ? method(name, () => list) : list;
      }
      case 'output':
      case 'input': {
        // A layer with one inbound node has one input and output (TF.js' `layer.output`).
        if (this.nodes.length !== 1) return UNKNOWN;
        const n = this.nodes[0];
        return member === 'output' ? n.outputValue : n.inputValue;
      }
      case 'outputShape':
      case 'inputShape': {
        if (this.nodes.length === 0) return UNKNOWN;
        const shapes = this.nodes.map((n) => tensorsOf(member === 'outputShape' ? n.outputValue : n.inputValue).map((t) => t.shape));
        const first = JSON.stringify(shapes[0].map((s) => s?.map((d) => d.toJSON())));
        if (shapes.some((s) => JSON.stringify(s.map((x) => x?.map((d) => d.toJSON()))) !== first) || shapes[0].some((s) => !s)) return UNKNOWN;
        const list = shapes[0].map((s) => shapeValue(s!));
        return list.length === 1 ? list[0] : { kind: 'list', items: list };
      }
      case 'built':
        return { kind: 'bool', value: this.module.params.length + this.module.buffers.length > 0 || this.calls.length > 0 };
      case 'trainable': {
        const t = this.module.args.trainable;
        return t ?? { kind: 'bool', value: true };
      }
      case 'dispose':
      case 'setWeights':
        return method(name, () => NONE);
      case 'build':
        return method(name, () => NONE);
      case 'computeOutputShape':
        return method(name, ([shape], site, h) => {
          const dims = shapeFrom(shape);
          if (!dims) return UNKNOWN;
          const out = this.run(h, { kind: 'tensor', shape: dims, dtype: 'float32' }, site);
          const shapes = tensorsOf(out).map((t) => (t.shape ? shapeValue(t.shape) : UNKNOWN));
          return shapes.length === 1 ? shapes[0] : { kind: 'list', items: shapes };
        });
      default:
        return undefined;
    }
  }

  setAttr(_host: Host, name: string, value: Value): boolean {
    if (this.api.layerMembers.get(name) === 'trainable' && value.kind === 'bool') {
      this.setTrainable(value.value);
      return true;
    }
    return false;
  }
}

/**
 * What a call passes after the input: Keras Python's MultiHeadAttention takes `(query, value)`
 * and keywords (`use_causal_mask=True`); `training` and `mask` do not change shapes. TF.js
 * passes one input and a kwargs object, which the rules do not read.
 */
function restOf(args: CallArgs): CallArgs | undefined {
  const { training: _t, mask: _m, ...kwargs } = args.kwargs;
  if (args.args.length <= 1 && Object.keys(kwargs).length === 0) return undefined;
  return { args: args.args.slice(1), kwargs };
}

export function registerLayer(host: Host, layer: KerasLayerObj): void {
  if (host.inForeignCode) layer.foreign = true;
  else kerasRun(host).layers.push(layer);
}
