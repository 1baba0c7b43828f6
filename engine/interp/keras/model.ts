// Keras / TF.js models: a Sequential grows by `add` (its first layer gets an input layer from its
// inputShape, each later layer is applied to the current output, so shape errors raise at the
// `add`), a functional model is the graph between its inputs and outputs. `predict` checks the data
// as the framework does (rank 1 becomes [n, 1]; "Error when checking ...") and replays the graph on
// it; `fit` / `evaluate` check inputs and targets; a model applied to symbolic tensors is a layer.
import type { Shape } from '../../shape/shape';
import { Dim } from '../../shape/dim';
import type { TensorValue, Value } from '../../value';
import { NONE, UNKNOWN } from '../../value';
import type { OpError } from '../../ops/op';
import { jsShape, jsonShape } from '../../ops/keras/dialect';
import { autoLayerName } from '../../ops/keras/naming';
import type { AttrSource } from '../attrSource';
import type { Host } from '../host';
import type { Range } from '../ir';
import { BuiltinObj, refOf, type CallArgs } from '../objects';
import type { Fix } from '../record';
import { addNode, containerLayers, execute, InputLayerRecord, makeInput, producerOf, sourceInputs, type GraphNode } from './graph';
import { KerasLayerObj } from './layer';
import type { KerasApi } from './names';
import { applicableLayer, isSymbolic, kerasRun, registerLayerFinder, tensorsOf, uid, type ApplicableLayer, type GraphLayer } from './state';
import { autocast, configOf, dictValue, int, method, shapeFrom, shapeValue, str, tagged } from './values';

/** One predict / apply / fit of a model, for hovers and the summary. */
export interface ModelCallRecord {
  readonly site: Range;
  readonly inputs: readonly Value[];
  readonly output: Value;
  /** The slice of the run's op trace (kerasRun(host).trace) this call ran, for the sample forward pass. */
  readonly trace?: { readonly start: number; readonly end: number; readonly feeds: readonly Value[] };
}

/** Fixes for a model-level failure (predict's input check), supplied by the framework API. */
export type ModelFixer = (host: Host, model: KerasModelObj, error: OpError, data: readonly TensorValue[]) => Fix[];

function valueError(message: string, code = 'keras-model', exception = 'ValueError'): OpError {
  return { code, exception, message };
}

export class KerasModelObj extends BuiltinObj implements AttrSource, ApplicableLayer {
  readonly nodes: GraphNode[] = [];
  readonly calls: ModelCallRecord[] = [];
  inputs: TensorValue[] = [];
  outputs: TensorValue[] = [];
  /** A Sequential's layers in `add` order. */
  readonly added: GraphLayer[] = [];
  /**
   * Keras 3 layers added before the Sequential knows its input (no `input_shape`, no `Input`):
   * built by `build(shape)` or by the first data the model is called on (sequential.py build).
   */
  readonly deferred: ApplicableLayer[] = [];
  /** A functional model's layers in the framework's order (its graph is fixed when it is made). */
  graph: { layers: GraphLayer[]; nodeDepth: Map<GraphNode, number> } | undefined;
  lossNames: string[] = [];
  /** Where compile's loss string is written (Keras Python), for the fixes that change it. */
  lossSyntax: Range | undefined;
  metricCount = 0;
  compiled = false;
  /** Where `summary()` was called, for the hover. */
  readonly summarySites: Range[] = [];
  /** Calls that raised the framework's error (predict's input check): the hover answers there too. */
  readonly failedSites: Range[] = [];
  foreign = false;
  static fixer: ModelFixer | undefined;
  /** Keras 3's fit / evaluate checks (pyFit.ts), set by the Python API. */
  static pyFit: ((host: Host, model: KerasModelObj, x: Value, y: Value | undefined, site: Range, member: string, kwargs: Readonly<Record<string, Value>>) => void) | undefined;
  /** Keras 3's predict (pyFit.ts): the data through the model with its checks. */
  static pyPredict: ((host: Host, model: KerasModelObj, x: Value, site: Range, kwargs: Readonly<Record<string, Value>>, ran?: (feeds: readonly Value[], output: Value) => void) => Value) | undefined;

  constructor(
    readonly api: KerasApi,
    readonly kind: 'sequential' | 'functional',
    readonly layerName: string,
    readonly constructedAt: Range | undefined,
  ) {
    super(layerName, (args: CallArgs, site, host) => (args.args[0] ? this.apply(host, args.args[0], site) : UNKNOWN));
  }

  get className(): string {
    return this.kind === 'sequential' ? 'Sequential' : 'Model';
  }

  value(): Value {
    return { kind: 'object', ref: this };
  }

  /** The layers `model.layers` lists: a Sequential's own, or the graph's (input layers included). */
  layers(host: Host): GraphLayer[] {
    if (this.kind === 'sequential') return [...this.added, ...this.deferred];
    this.graph ??= containerLayers(host, this.outputs);
    return this.graph.layers;
  }

  /**
   * A model's first inbound node is its own, from its inputs to its outputs (TF.js' Container
   * makes it); applying the model adds more.
   */
  setOwnNode(): void {
    const own: GraphNode = { layer: this, inputs: this.inputs, inputValue: this.inputs.length === 1 ? this.inputs[0] : { kind: 'list', items: this.inputs }, outputs: this.outputs, outputValue: this.outputs.length === 1 ? this.outputs[0] : { kind: 'list', items: this.outputs } };
    if (this.nodes.length === 0) this.nodes.push(own);
    else this.nodes[0] = own;
  }

  /** The input layers that feed the model (their names and shapes are what predict checks). */
  inputLayers(host: Host): InputLayerRecord[] {
    return this.inputs.map((t) => producerOf(host, t)?.node.layer).filter((l): l is InputLayerRecord => l instanceof InputLayerRecord);
  }

  paramCounts(): { trainable: number; nonTrainable: number } | undefined {
    return this.countWith(undefined);
  }

  countWith(host: Host | undefined): { trainable: number; nonTrainable: number } | undefined {
    let trainable = 0;
    let nonTrainable = 0;
    const layers = host ? this.layers(host) : this.kind === 'sequential' ? this.added : this.graph?.layers ?? [];
    for (const l of layers) {
      const c = l.paramCounts();
      if (!c) return undefined;
      trainable += c.trainable;
      nonTrainable += c.nonTrainable;
    }
    return { trainable, nonTrainable };
  }

  // ---- building ---------------------------------------------------------------------------

  /** Sequential.add (tfjs-layers/src/models.ts add): shape errors raise here. */
  add(host: Host, item: Value, site: Range): void {
    try {
      this.addLayer(host, item, site);
    } catch (e) {
      // A failed add leaves the model in a state the analysis does not follow: nothing after it
      // is known (and no second error cascades from the first).
      this.added.push(UNKNOWN_LAYER);
      this.outputs = [];
      throw e;
    }
  }

  private addLayer(host: Host, item: Value, site: Range): void {
    // Keras 3: `keras.Input(...)` in a Sequential is its input layer (sequential.py add, lines 90-94).
    const origin = item.kind === 'tensor' && this.outputs.length === 0 && this.deferred.length === 0 ? producerOf(host, item) : undefined;
    if (origin && origin.node.layer instanceof InputLayerRecord && item.kind === 'tensor') {
      this.inputs = [item];
      this.outputs = [item];
      return;
    }
    const layer = applicableLayer(item);
    if (!layer) {
      // Not a layer we model: the model's shapes from here on are unknown.
      this.outputs = [];
      this.inputs = [];
      this.added.push(UNKNOWN_LAYER);
      return;
    }
    if (this.added.includes(UNKNOWN_LAYER)) return;
    const fail = (message: string): never => host.raiseOpError(valueError(message), site, `${this.layerName}.add`, undefined);
    if (layer instanceof KerasModelObj) {
      if (layer.outputs.length !== 1) fail('All layers in a Sequential model should have a single output tensor. For multi-output layers, use the functional API.');
      if (layer.inputs.length !== 1) fail('All layers in a Sequential model should have a single input tensor. For multi-input layers, use the functional API.');
    }
    if (this.api.dialect === 'keras' && this.outputs.length === 0 && (this.deferred.length > 0 || (layer.nodes.length === 0 && !(layer as ApplicableLayer).batchInputShape))) {
      this.deferred.push(layer);
      return;
    }
    if (this.outputs.length === 0) {
      if (layer.nodes.length === 0) {
        const batchShape = (layer as ApplicableLayer).batchInputShape;
        if (!batchShape) fail('The first layer in a Sequential model must get an `inputShape` or `batchInputShape` argument.');
        const x = makeInput(host, this.inputLayerName(host, `${layer.layerName}_input`), batchShape!, 'float32', this.api.framework);
        layer.apply(host, x, site);
      }
      if (layer instanceof KerasModelObj) {
        this.outputs = layer.outputs;
        this.inputs = layer.inputs;
      } else {
        if (layer.nodes.length !== 1) fail(`A layer added to a Sequential model must not already be connected somewhere else. LayersModel received layer ${layer.layerName} which has ${layer.nodes.length} pre-existing inbound connections.`);
        const outs = layer.nodes[0].outputs;
        if (outs.length !== 1) fail('All layers in a Sequential model should have a single output tensor. For multi-output layers, use the functional API.');
        this.checkShape(host, layer, site);
        this.outputs = [outs[0]];
        this.inputs = sourceInputs(host, outs[0]);
      }
    } else {
      const out = layer.apply(host, this.outputs[0], site);
      const outs = tensorsOf(out);
      if (out.kind !== 'tensor') {
        if (outs.length > 1) host.raiseOpError(valueError('All layers in a Sequential model should have a single output tensor. For multi-output layers, use the functional API.', 'keras-model', 'TypeError'), site, `${this.layerName}.add`, undefined);
        this.outputs = [];
      } else {
        this.checkShape(host, layer, site);
        this.outputs = [out];
      }
    }
    this.added.push(layer);
    if (this.outputs.length > 0) this.setOwnNode();
  }

  private checkShape(host: Host, layer: GraphLayer, site: Range): void {
    const node = layer.nodes[0];
    const shape = node?.outputs[0]?.shape;
    if (shape && shape.some((d) => d.value !== undefined && d.value < 0)) {
      const inShape = node.inputs[0]?.shape;
      host.raiseOpError(valueError(`Negative dimension size caused by adding layer ${layer.layerName} with input shape [${inShape ? jsShape(inShape) : ''}]`), site, `${this.layerName}.add`, undefined);
    }
  }

  /** The input layer a Sequential makes: TF.js names it after the first layer, Keras 3 auto-names an InputLayer. */
  private inputLayerName(host: Host, tfjsName: string): string {
    return this.api.dialect === 'keras' ? autoLayerName('keras', 'InputLayer', kerasRun(host).counters) : tfjsName;
  }

  /** Keras 3 Sequential.build(input_shape): an input layer, then the deferred layers on it. */
  buildFrom(host: Host, batchShape: Shape, site: Range): void {
    if (this.deferred.length === 0 || this.outputs.length > 0) return;
    const layers = this.deferred.splice(0);
    const x = makeInput(host, this.inputLayerName(host, ''), batchShape, 'float32', this.api.framework);
    this.inputs = [x];
    this.outputs = [x];
    for (const l of layers) this.add(host, l.value(), site);
  }

  /** Keras 3 builds a deferred Sequential from the first data it sees (batch axis left free). */
  private buildFromData(host: Host, x: Value, site: Range): void {
    if (this.deferred.length === 0) return;
    const first = tensorsOf(x)[0];
    if (first?.shape && first.shape.length > 0) this.buildFrom(host, [Dim.none(), ...first.shape.slice(1)], site);
  }

  // ---- running ----------------------------------------------------------------------------

  /** Data as predict / fit take it: one tensor, or a list with one per input. */
  private dataList(x: Value): TensorValue[] | undefined {
    const items = x.kind === 'list' || x.kind === 'tuple' ? x.items : [x];
    if (items.some((t) => t.kind !== 'tensor' || !t.shape)) return undefined;
    return items as TensorValue[];
  }

  /** ensureTensorsRank2OrHigher: a rank-1 tensor is read as [n, 1]. */
  private rank2(ts: readonly TensorValue[]): TensorValue[] {
    return ts.map((t) => (t.shape && t.shape.length === 1 ? { ...t, shape: [t.shape[0], Dim.of(1)] } : t));
  }

  /** training.ts checkInputData (predict's check; prefix '' as predict passes it). */
  private checkInputData(host: Host, data: readonly TensorValue[], asList: boolean, site: Range, fixData: readonly TensorValue[]): void {
    const layers = this.inputLayers(host);
    const names = layers.map((l) => l.layerName);
    const shapes = layers.map((l) => l.batchShape);
    const fail = (message: string): never => {
      const error = valueError(message, 'keras-input-shape');
      host.raiseOpError(error, site, `${this.layerName}.predict`, undefined, undefined, KerasModelObj.fixer?.(host, this, error, fixData) ?? []);
    };
    if (asList && data.length !== names.length) {
      fail(`Error when checking model : the Array of Tensors that you are passing to your model is not the size the the model expected. Expected to see ${names.length} Tensor(s), but instead got ${data.length} Tensors(s).`);
    }
    if (!asList && names.length > 1) fail(`The model expects ${names.length}  Tensors, but only received one Tensor. Found: array with shape ${jsonShape(data[0].shape!)}.`);
    names.forEach((name, i) => {
      const array = data[i].shape!;
      const ref = shapes[i];
      if (array.length !== ref.length) fail(`Error when checking : expected ${name} to have ${ref.length} dimension(s), but got array with shape ${jsonShape(array)}`);
      for (let j = 1; j < ref.length; j++) {
        if (!ref[j].isNone && ref[j].equals(array[j]) === 'no') {
          fail(`Error when checking : expected ${name} to have shape ${jsonShape(ref)} but got array with shape ${jsonShape(array)}.`);
        }
      }
    });
  }

  /** training.ts standardizeInputData (fit / evaluate, with prefix 'input' or 'target'). */
  private standardize(host: Host, x: Value, names: readonly string[], shapes: readonly (Shape | undefined)[], prefix: string, site: Range, member: string): TensorValue[] | undefined {
    const data = this.dataList(x);
    if (!data) return undefined;
    const code = prefix === 'target' ? 'keras-target-shape' : 'keras-input-shape';
    const fail = (message: string): never => host.raiseOpError(valueError(message, code), site, `${this.layerName}.${member}`, undefined, undefined, KerasModelObj.fixer?.(host, this, valueError(message, code), data) ?? []);
    const asList = x.kind === 'list' || x.kind === 'tuple';
    if (asList && data.length !== names.length) {
      return undefined; // TF.js prints the tensors' data here, which the analysis does not know
    }
    if (!asList && names.length > 1) fail(`The model ${prefix} expects ${names.length} Tensor(s), but only received one Tensor. Found: Tensor with shape ${jsShape(data[0].shape!)}`);
    const arrays = this.rank2(data);
    names.forEach((name, i) => {
      const ref = shapes[i];
      if (!ref) return;
      const array = arrays[i].shape!;
      if (array.length !== ref.length) fail(`Error when checking ${prefix}: expected ${name} to have ${ref.length} dimension(s). but got array with shape ${jsShape(array)}`);
      for (let j = 1; j < ref.length; j++) {
        if (!ref[j].isNone && ref[j].equals(array[j]) === 'no') {
          const each = jsShape(ref.slice(1));
          fail(`${prefix} expected a batch of elements where each example has shape [${each}] (i.e.,tensor shape [*,${each}]) but the ${prefix} received an input with ${array[0]} examples, each with shape [${jsShape(array.slice(1))}] (tensor shape [${jsShape(array)}])`);
        }
      }
    });
    return arrays;
  }

  private built(host: Host, site: Range, member: string): boolean {
    if (this.added.includes(UNKNOWN_LAYER) || this.deferred.length > 0) return false;
    if (this.kind === 'sequential' && this.outputs.length === 0) {
      if (this.added.length > 0) return false;
      host.raiseOpError(valueError('Sequential model cannot be built: model is empty. Add some layers first.', 'keras-model', 'TypeError'), site, `${this.layerName}.${member}`, undefined);
    }
    return this.outputs.length > 0;
  }

  /** model.predict(x): the input check, then the graph on real tensors. */
  predict(host: Host, x: Value, site: Range, kwargs: Readonly<Record<string, Value>> = {}): Value {
    this.buildFromData(host, x, site);
    if (!this.built(host, site, 'predict')) return UNKNOWN;
    const data = this.dataList(x);
    if (!data) return UNKNOWN;
    if (this.api.dialect === 'keras') {
      // The sample forward pass replays the batches the step saw (the graph's own tensors).
      const start = kerasRun(host).trace.length;
      let ran: { feeds: readonly Value[]; output: Value } | undefined;
      const out = KerasModelObj.pyPredict?.(host, this, x, site, kwargs, (feeds, output) => (ran = { feeds, output })) ?? UNKNOWN;
      if (!host.inForeignCode) {
        const r = ran as { feeds: readonly Value[]; output: Value } | undefined;
        const traced = r && out.kind !== 'unknown' ? { start, end: kerasRun(host).trace.length, feeds: r.feeds } : undefined;
        this.calls.push({ site, inputs: data, output: r?.output ?? out, trace: traced });
      }
      return out;
    }
    const arrays = this.rank2(data);
    try {
      this.checkInputData(host, arrays, x.kind === 'list' || x.kind === 'tuple', site, data);
    } catch (e) {
      if (!host.inForeignCode) this.failedSites.push(site);
      throw e;
    }
    const start = kerasRun(host).trace.length;
    const outs = execute(host, this.inputs, arrays, this.outputs, site).map((v) => tagged(v, this.api.framework));
    const out: Value = outs.length === 1 ? outs[0] : { kind: 'list', items: outs };
    if (!host.inForeignCode) this.calls.push({ site, inputs: data, output: out, trace: { start, end: kerasRun(host).trace.length, feeds: arrays } });
    return out;
  }

  /** Run the graph on `inputs` (no checks but the layers' own): model.apply on real tensors, and inside other graphs. */
  run(host: Host, inputs: Value, site: Range): Value {
    return this.runOn(host, inputs, tensorsOf(inputs), site);
  }

  private runOn(host: Host, inputs: Value, feeds: readonly TensorValue[], site: Range): Value {
    this.buildFromData(host, inputs, site);
    if (!this.built(host, site, 'apply')) return UNKNOWN;
    const outs = execute(host, this.inputs, feeds, this.outputs, site).map((v) => tagged(v, this.api.framework));
    return outs.length === 1 ? outs[0] : { kind: 'list', items: outs };
  }

  /** model.apply(x): on symbolic tensors the model is a layer of a bigger graph. */
  apply(host: Host, inputs: Value, site: Range): Value {
    const symbolic = tensorsOf(inputs).every((t) => isSymbolic(host, t));
    // Keras Python's Layer.__call__ casts float arrays to float32 (autocast in values.ts).
    const feeds = !symbolic && this.api.dialect === 'keras' ? tensorsOf(inputs).map(autocast) : tensorsOf(inputs);
    const start = kerasRun(host).trace.length;
    const out = this.runOn(host, inputs, feeds, site);
    if (symbolic && out.kind !== 'unknown') return addNode(host, this, inputs, out).outputValue;
    else if (!host.inForeignCode && out.kind !== 'unknown') this.calls.push({ site, inputs: tensorsOf(inputs), output: out, trace: { start, end: kerasRun(host).trace.length, feeds } });
    return out;
  }

  /** fit / evaluate: inputs against the input layers, targets against the outputs. */
  private checkXY(host: Host, x: Value, y: Value | undefined, site: Range, member: string, kwargs: Readonly<Record<string, Value>> = {}): void {
    this.buildFromData(host, x, site);
    if (!this.built(host, site, member)) return;
    if (this.api.dialect === 'keras') {
      KerasModelObj.pyFit?.(host, this, x, y, site, member, kwargs);
      return;
    }
    if (!this.compiled) {
      host.raiseOpError(valueError('You must compile a model before training/testing. Use LayersModel.compile(modelCompileArgs).', 'keras-model', 'RuntimeError'), site, `${this.layerName}.${member}`, undefined);
    }
    const layers = this.inputLayers(host);
    const xs = this.standardize(host, x, layers.map((l) => l.layerName), layers.map((l) => l.batchShape), 'input', site, member);
    if (!xs || !y) return;
    const outNames = this.outputs.map((t) => producerOf(host, t)?.node.layer.layerName ?? '');
    const outShapes = this.outputs.map((t, i) => {
      const s = t.shape;
      if (!s) return undefined;
      return this.lossNames[i] === 'sparseCategoricalCrossentropy' ? [...s.slice(0, -1), Dim.of(1)] : s;
    });
    const ys = this.standardize(host, y, outNames, outShapes, 'target', site, member);
    if (!ys) return;
    const fail = (message: string): never => host.raiseOpError(valueError(message), site, `${this.layerName}.${member}`, undefined);
    const firsts = (ts: TensorValue[]): (number | undefined)[] => [...new Set(ts.map((t) => t.shape![0].value))];
    const setX = firsts(xs);
    const setY = firsts(ys);
    if (setX.length > 1 || setY.length > 1 || setX.includes(undefined) || setY.includes(undefined)) return;
    if (setX[0] !== setY[0]) fail(`Input Tensors should have the same number of samples as target Tensors. Found ${setX[0]} input sample(s) and ${setY[0]} target sample(s).`);
    ys.forEach((t, i) => {
      const loss = this.lossNames[i];
      const shape = this.outputs[i]?.shape;
      if (!shape) return;
      if (loss === 'categoricalCrossentropy' && t.shape![t.shape!.length - 1].value === 1) {
        fail(`You are passing a target array of shape ${jsShape(t.shape!)} while using a loss 'categorical_crossentropy'. 'categorical_crossentropy'expects targets to be binary matrices (1s and 0s) of shape [samples, classes].`);
      }
      if (loss === 'meanSquaredError' || loss === 'binaryCrossentropy' || loss === 'categoricalCrossentropy') {
        const yRest = t.shape!.slice(1);
        const outRest = shape.slice(1);
        yRest.forEach((d, j) => {
          const o = outRest[j];
          if (o !== undefined && !o.isNone && o.equals(d) === 'no') {
            fail(`A target Tensor with shape ${jsShape(t.shape!)} was passed for an output of shape ${jsShape(shape)}, while using a loss function that expects targets to have the same shape as the output.`);
          }
        });
      }
    });
  }

  compile(config: Value): void {
    this.compiled = true;
    const c = configOf(config);
    const loss = c?.get('loss');
    const names = (v: Value | undefined): string[] => (v?.kind === 'str' ? [v.value] : v?.kind === 'list' ? v.items.map((x) => (x.kind === 'str' ? x.value : '')) : ['']);
    this.lossNames = names(loss);
    const metrics = c?.get('metrics');
    this.metricCount = metrics?.kind === 'list' ? metrics.items.length : metrics && metrics.kind !== 'none' ? 1 : 0;
  }

  // ---- members ----------------------------------------------------------------------------

  /** Methods are made once per model and name (programs read them on every call). */
  private readonly methods = new Map<string, Value>();

  attr(host: Host, name: string): Value | undefined {
    const cached = this.methods.get(name);
    if (cached) return cached;
    const v = this.member(host, name);
    if (v && v.kind === 'object' && v.ref instanceof BuiltinObj) this.methods.set(name, v);
    return v;
  }

  private member(host: Host, name: string): Value | undefined {
    const member = this.api.modelMembers.get(name);
    if (!member) return undefined;
    const scalar = (): TensorValue => ({ kind: 'tensor', shape: [], dtype: 'float32', framework: this.api.framework });
    switch (member) {
      case 'add':
        return method(name, ([layer], site, h) => {
          if (layer) this.add(h, layer, site);
          return NONE;
        });
      case 'pop':
        return method(name, () => {
          this.added.pop();
          const last = this.added[this.added.length - 1];
          this.outputs = last ? last.nodes[0]?.outputs.slice(0, 1) ?? [] : [];
          if (this.added.length === 0) this.inputs = [];
          return NONE;
        });
      case 'predict':
      case 'predictOnBatch':
        return method(name, ([x], site, h, kwargs) => (x ? this.predict(h, x, site, kwargs) : UNKNOWN));
      case 'apply':
      case 'call':
        return method(name, ([x], site, h) => (x ? this.apply(h, x, site) : UNKNOWN));
      case 'compile':
        return method(name, ([config, loss], _site, h, kwargs) => {
          if (this.api.dialect === 'keras') {
            // compile(optimizer, loss, ...) or keywords; the loss written as one string literal.
            const exprs = h.callArgExprs ?? [];
            const at = exprs.find((a) => a.name === 'loss') ?? (exprs[1] && !exprs[1].name && !exprs[0]?.star ? exprs[1] : undefined);
            this.lossSyntax = at && !at.star && at.value.k === 'str' ? at.value.range : undefined;
            const entries = Object.entries({ ...(config ? { optimizer: config } : {}), ...(loss ? { loss } : {}), ...kwargs });
            this.compile(dictValue(entries));
            return NONE;
          }
          // TF.js: one config object.
          this.compile(config ?? (Object.keys(kwargs).length > 0 ? dictValue(Object.entries(kwargs)) : NONE));
          return NONE;
        });
      case 'fit':
      case 'trainOnBatch':
        return method(name, ([x0, y0], site, h, kwargs) => {
          // Keras Python may pass them as keywords.
          const x = x0 ?? kwargs.x;
          if (x) this.checkXY(h, x, y0 ?? kwargs.y, site, member, kwargs);
          return UNKNOWN;
        });
      case 'evaluate':
        return method(name, ([x0, y0], site, h, kwargs) => {
          const x = x0 ?? kwargs.x;
          if (x) this.checkXY(h, x, y0 ?? kwargs.y, site, member, kwargs);
          // Keras Python returns Python floats (a scalar or a list of them), not tensors.
          if (this.api.dialect === 'keras') return UNKNOWN;
          return this.metricCount > 0 ? { kind: 'list', items: Array.from({ length: this.metricCount + 1 }, scalar) } : scalar();
        });
      case 'fitDataset':
        return method(name, () => UNKNOWN);
      case 'summary':
        return method(name, (_args, site, h) => {
          if (!h.inForeignCode) this.summarySites.push(site);
          return NONE;
        });
      case 'layers':
        return { kind: 'list', items: this.layers(host).map(layerValue) };
      case 'getLayer':
        return method(name, ([key], _site, h) => {
          const layers = this.layers(h);
          if (key?.kind === 'str') {
            const l = layers.find((x) => x.layerName === key.value);
            return l ? layerValue(l) : UNKNOWN;
          }
          if (key?.kind === 'int' && key.dim.value !== undefined) {
            const l = layers[key.dim.value];
            return l ? layerValue(l) : UNKNOWN;
          }
          return UNKNOWN;
        });
      case 'inputs':
        return { kind: 'list', items: [...this.inputs] };
      case 'outputs':
        return { kind: 'list', items: [...this.outputs] };
      case 'input':
        return this.inputs.length === 1 ? this.inputs[0] : { kind: 'list', items: [...this.inputs] };
      case 'output':
        return this.outputs.length === 1 ? this.outputs[0] : { kind: 'list', items: [...this.outputs] };
      case 'outputShape':
      case 'inputShape': {
        const ts = member === 'outputShape' ? this.outputs : this.inputs;
        if (ts.length === 0 || ts.some((t) => !t.shape)) return UNKNOWN;
        return ts.length === 1 ? shapeValue(ts[0].shape!) : { kind: 'list', items: ts.map((t) => shapeValue(t.shape!)) };
      }
      case 'name':
        return str(this.layerName);
      case 'getClassName':
        return method(name, () => str(this.className));
      case 'countParams':
        return method(name, (_a, _s, h) => {
          const c = this.countWith(h);
          return c ? int(c.trainable + c.nonTrainable) : UNKNOWN;
        });
      case 'weights':
      case 'trainableWeights':
      case 'nonTrainableWeights':
      case 'getWeights':
      case 'getConfig':
        return member === 'getWeights' || member === 'getConfig' ? method(name, () => UNKNOWN) : UNKNOWN;
      case 'build':
        return method(name, ([shape], site, h, kwargs) => {
          const dims = shapeFrom(shape ?? kwargs.input_shape);
          if (dims && this.api.dialect === 'keras') this.buildFrom(h, dims, site);
          return NONE;
        });
      case 'save':
      case 'dispose':
      case 'setWeights':
        return method(name, () => NONE);
      case 'built':
        return { kind: 'bool', value: this.outputs.length > 0 };
      case 'trainable':
        return UNKNOWN;
      default:
        return undefined;
    }
  }

  setAttr(host: Host, name: string, value: Value): boolean {
    if (this.api.modelMembers.get(name) === 'trainable' && value.kind === 'bool') {
      for (const l of this.layers(host)) if (l instanceof KerasLayerObj) l.setTrainable(value.value);
      return true;
    }
    return false;
  }
}

/** What the program holds for a layer of a model (an input layer is not modelled as a value). */
function layerValue(l: GraphLayer): Value {
  return 'value' in l && typeof (l as ApplicableLayer).value === 'function' ? (l as ApplicableLayer).value() : UNKNOWN;
}

registerLayerFinder((v) => refOf(v, KerasModelObj) ?? refOf(v, KerasLayerObj));

/** A layer the analysis does not model, added to a Sequential: everything after it is unknown. */
const UNKNOWN_LAYER: GraphLayer = {
  layerName: '?',
  className: '?',
  nodes: [],
  paramCounts: () => undefined,
  run: () => UNKNOWN,
};

/** `tf.sequential({layers, name})`. */
export function makeSequential(host: Host, api: KerasApi, config: Value | undefined, site: Range): Value {
  // TF.js' Sequential constructor runs the Layer and Container constructors first: they take
  // names from the 'Sequential' and 'sequential' counters before its own 'sequential_' one.
  uid(host, 'Sequential');
  uid(host, 'sequential');
  const c = configOf(config);
  const given = c?.get('name');
  const name = given?.kind === 'str' ? given.value : uid(host, 'sequential_');
  const model = new KerasModelObj(api, 'sequential', name, site);
  registerModel(host, model);
  const layers = c?.get('layers');
  if (layers && layers.kind === 'list') for (const l of layers.items) model.add(host, l, site);
  else if (layers && layers.kind !== 'none') model.add(host, UNKNOWN, site);
  if (!c) model.add(host, UNKNOWN, site);
  return { kind: 'object', ref: model };
}

/** `tf.model({inputs, outputs, name})`: the graph between them. */
export function makeFunctional(host: Host, api: KerasApi, config: Value | undefined, site: Range): Value {
  uid(host, 'Model');
  const c = configOf(config);
  const given = c?.get('name');
  const name = given?.kind === 'str' ? given.value : uid(host, 'model');
  const asList = (v: Value | undefined): TensorValue[] | undefined => {
    if (!v) return undefined;
    const items = v.kind === 'list' || v.kind === 'tuple' ? v.items : [v];
    return items.every((t) => t.kind === 'tensor' && isSymbolic(host, t)) ? (items as TensorValue[]) : undefined;
  };
  const inputs = asList(c?.get('inputs'));
  const outputs = asList(c?.get('outputs'));
  const model = new KerasModelObj(api, 'functional', name, site);
  registerModel(host, model);
  if (!inputs || !outputs) {
    model.added.push(UNKNOWN_LAYER);
    return { kind: 'object', ref: model };
  }
  if (new Set(inputs).size !== inputs.length) {
    host.raiseOpError(valueError(`The list of inputs passed to the model is redundant. All inputs should only appear once. Found: ${inputs.map((t) => producerOf(host, t)?.node.layer.layerName ?? '').join(',')}`), site, 'model', undefined);
  }
  // Every tensor the outputs need must come from the given inputs, else the values are unknown.
  const reachable = new Set(outputs.flatMap((t) => sourceInputs(host, t)));
  if ([...reachable].some((t) => !inputs.includes(t)) || inputs.some((t) => !(producerOf(host, t)?.node.layer instanceof InputLayerRecord))) {
    model.added.push(UNKNOWN_LAYER);
    return { kind: 'object', ref: model };
  }
  model.inputs = inputs;
  model.outputs = outputs;
  model.graph = containerLayers(host, outputs);
  model.setOwnNode();
  return { kind: 'object', ref: model };
}

export function registerModel(host: Host, model: KerasModelObj): void {
  if (host.inForeignCode) model.foreign = true;
  else kerasRun(host).models.push(model);
}

/** A model or layer value, when `v` is one. */
export function kerasObject(v: Value): KerasModelObj | KerasLayerObj | undefined {
  return refOf(v, KerasModelObj) ?? refOf(v, KerasLayerObj);
}
