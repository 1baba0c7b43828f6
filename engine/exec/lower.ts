// The lowering driver: a ModelRun's op trace plus weights in, an ONNX model out. Each trace node
// is lowered by its declaration's `onnx` function; tensors are matched by object identity. Sizes
// come from our shape rules (symbolic dims take `symbolicDimSize`), never from ONNX inference.
// The parameters' values are made only when asked for (makeParams): lowering a model whose
// session already exists costs no weights, and the executor can feed them as inputs.
import type { Dim } from '../shape/dim';
import type { DType } from '../ops/dtype';
import type { ModuleInstance } from '../ops/apply';
import type { ConcreteParam, InitRandom, Lowered, OnnxAttr, OnnxElemType, OnnxGraph } from '../ops/lowering';
import type { ModelRun, TraceNode } from '../ops/trace';
import type { TensorValue, Value } from '../value';
import { encodeModelLayout, rawBytes, type ModelLayout, type NodeData, type OnnxElem, type TensorData, type ValueInfo } from './onnxModel';
import { joinChunks } from './protobuf';
import { SeededRandom, type FloatAlloc } from './random';
import { defaultInit } from './defaultInit';
import { layerRecipe } from './paramRecipe';

/** Numeric data of one tensor, in PyTorch's layout. */
export interface TensorArray {
  readonly shape: readonly number[];
  readonly dtype: DType;
  readonly data: Float32Array | BigInt64Array | Uint8Array | Float64Array | Int32Array;
}

export interface LowerOptions {
  /** The value every symbolic dimension takes. */
  readonly symbolicDimSize: number;
  /** Weights by state_dict name; missing ones get PyTorch's default initialisation. */
  readonly weights?: ReadonlyMap<string, TensorArray>;
  /** Input data by position; missing ones are drawn from the seeded generator. */
  readonly inputs?: readonly (TensorArray | undefined)[];
  readonly seed?: number;
  /** Previews run in eval mode (dropout off, running statistics) unless this says 'as-traced'. */
  readonly mode?: 'eval' | 'as-traced';
}

/** One row of the per-layer table. */
export interface LayerRow {
  readonly index: number;
  /** `features.0` for a layer, else the function's name. */
  readonly name: string;
  /** `Conv2d`, `relu`, `view`. */
  readonly type: string;
  /** -1 for a size that depends on the data (known after the run). */
  readonly outputShapes: readonly (readonly number[])[];
  /** Parameters of the layer (counted at its first call only). */
  readonly params: number;
  readonly flops: number;
  /** ONNX names of its outputs, to time or inspect them. */
  readonly onnxOutputs: readonly string[];
  readonly site: { readonly start: number; readonly end: number };
  /** The site is in another file (the op ran in imported code). */
  readonly foreign?: boolean;
}

export interface TensorSize {
  readonly what: string;
  readonly shape: readonly number[];
  readonly bytes: number;
}

export interface MemoryEstimate {
  readonly weightBytes: number;
  /** Peak of the activations alive at once, in trace order. */
  readonly peakActivationBytes: number;
  readonly totalBytes: number;
  readonly largest: TensorSize | undefined;
}

export interface NamedArray extends TensorArray {
  readonly name: string;
}

/** A parameter the model reads (an initializer named by its state_dict name). */
export interface ParamSpec {
  readonly name: string;
  readonly shape: readonly number[];
  readonly dtype: DType;
}

export interface LoweredModel {
  /** The whole model, parameters as initializers (makes the parameters on first use). */
  readonly bytes: Uint8Array;
  /** The model without its parameters' data: as inputs, or as placeholders in `params` order. */
  readonly layout: ModelLayout;
  readonly params: readonly ParamSpec[];
  /**
   * The parameters' values in `params` order: new arrays each call, the same numbers each time.
   * `alloc` gives the memory of the random ones (most of the weights).
   */
  makeParams(alloc?: FloatAlloc): NamedArray[];
  /**
   * Everything the parameters' values depend on besides `layout` (the seed, each layer's
   * declaration, arguments and shapes): equal layouts and recipes mean equal weights. Undefined
   * when that cannot be said (loaded weights, an argument with no faithful text).
   */
  readonly paramRecipe: string | undefined;
  /** Milliseconds spent encoding `layout` (part of the lowering; reported by the benchmarks). */
  readonly encodeMs: number;
  readonly inputs: readonly NamedArray[];
  /** Shapes have -1 for sizes that depend on the data. */
  readonly outputs: readonly { readonly name: string; readonly shape: readonly number[]; readonly dtype: DType }[];
  readonly layers: readonly LayerRow[];
  readonly totalParams: number;
  readonly totalFlops: number;
  readonly memory: MemoryEstimate;
  /** Every layer parameter and buffer used, by state_dict name (loaded or initialised; made on first use). */
  readonly weights: ReadonlyMap<string, TensorArray>;
}

export type LowerResult =
  | { readonly ok: true; readonly model: LoweredModel }
  | { readonly ok: false; readonly missing: readonly string[]; readonly reason: string };

/** Thrown by `noKernel` inside a lowering. */
class NoKernel extends Error {
  constructor(readonly what: string, reason?: string) {
    super(reason ?? `no kernel for ${what} yet`);
  }
}

const ELEM: Partial<Record<DType, OnnxElem>> = {
  float32: 'float32', float64: 'float64', float16: 'float16', int64: 'int64', int32: 'int32', int16: 'int16',
  int8: 'int8', uint8: 'uint8', bool: 'bool',
};

export function onnxElem(dtype: DType): OnnxElem {
  const e = ELEM[dtype];
  if (!e) throw new NoKernel(dtype, `no ${dtype} tensors in the forward pass yet`);
  return e;
}

export function bytesPerElement(dtype: DType): number {
  switch (dtype) {
    case 'float64': case 'int64': case 'complex64': return 8;
    case 'complex128': return 16;
    case 'float16': case 'bfloat16': case 'int16': return 2;
    case 'bool': case 'uint8': case 'int8': return 1;
    default: return 4;
  }
}

export function elementCount(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/** The ops of a trace that have no lowering, by the name they were called with. */
export function missingKernels(nodes: readonly TraceNode[]): string[] {
  const out = new Set<string>();
  for (const n of nodes) if (!n.op.onnx) out.add(n.name);
  return [...out];
}

/** Tensors inside a value (tuples, lists, dicts), in order. */
export function tensorsIn(v: Value, out: TensorValue[] = []): TensorValue[] {
  if (v.kind === 'tensor') out.push(v);
  else if (v.kind === 'tuple' || v.kind === 'list') for (const i of v.items) tensorsIn(i, out);
  else if (v.kind === 'dict') for (const [, i] of v.entries) tensorsIn(i, out);
  return out;
}

export function lowerRun(run: ModelRun, opts: LowerOptions): LowerResult {
  const missing = missingKernels(run.nodes);
  if (missing.length > 0) return { ok: false, missing, reason: missing.map((m) => `no kernel for ${m} yet`).join('; ') };
  try {
    return { ok: true, model: new Lowerer(run, opts).lower() };
  } catch (e) {
    if (e instanceof NoKernel) return { ok: false, missing: [e.what], reason: e.message };
    throw e;
  }
}

class Lowerer {
  private readonly names = new Map<TensorValue, string>();
  private readonly nodes: NodeData[] = [];
  private readonly initializers: TensorData[] = [];
  /** Parameters read by the graph, by state_dict name, in the order they were first read. */
  private readonly paramRefs = new Map<string, { readonly spec: ParamSpec; readonly value: (made: MadeParams) => TensorArray }>();
  private readonly graphInputs: NamedArray[] = [];
  /** Sample inputs and constants (torch.randn in forward). */
  readonly rng: SeededRandom;
  /** Layers whose parameters are read, in the order they were first read (the order they are made in). */
  private readonly layersRead = new Set<ModuleInstance>();
  private readonly env: Record<string, number>;
  private readonly counted = new Set<ModuleInstance>();
  private readonly unnamed = new Map<ModuleInstance, string>();
  private readonly freeParams = new Map<string, number>();
  private counter = 0;
  private weightBytes = 0;

  constructor(private readonly run: ModelRun, private readonly opts: LowerOptions) {
    this.rng = new SeededRandom(opts.seed ?? 0);
    const size = opts.symbolicDimSize;
    // Every symbol takes the same value; `?` (data-dependent) has none.
    this.env = new Proxy({}, { get: (_t, key) => (key === '?' ? undefined : size), has: () => true }) as Record<string, number>;
  }

  dim(d: Dim): number {
    const v = d.value ?? d.evaluate(this.env);
    if (v === undefined) throw new NoKernel('a data-dependent size', 'a size depends on the data (it is known only when the code runs)');
    return v;
  }

  shapeOf(t: TensorValue): number[] {
    if (!t.shape) throw new NoKernel('a tensor of unknown rank', 'a tensor of unknown rank cannot be run');
    return t.shape.map((d) => this.dim(d));
  }

  /** Sizes for reports: a data-dependent size (`?`) is -1; onnxruntime finds it when it runs. */
  reportedShape(t: TensorValue): number[] {
    if (!t.shape) throw new NoKernel('a tensor of unknown rank', 'a tensor of unknown rank cannot be run');
    return t.shape.map((d) => d.value ?? d.evaluate(this.env) ?? -1);
  }

  fresh(hint: string): string {
    return `${hint}_${this.counter++}`;
  }

  lower(): LoweredModel {
    this.run.inputs.forEach((v, i) => tensorsIn(v).forEach((t, j) => this.addInput(t, `input${i}${j ? `_${j}` : ''}`, this.opts.inputs?.[i])));
    const layers: LayerRow[] = [];
    for (const node of this.run.nodes) layers.push(this.lowerNode(node));
    const outputs: ValueInfo[] = [];
    const outputInfo: { name: string; shape: number[]; dtype: DType }[] = [];
    tensorsIn(this.run.output).forEach((t, i) => {
      const name = `output${i}`;
      const dtype = t.dtype ?? 'float32';
      this.nodes.push({ opType: 'Identity', inputs: [this.nameOf(t)], outputs: [name] });
      const shape = this.reportedShape(t);
      outputs.push({ name, elem: onnxElem(dtype), dims: shape.includes(-1) ? undefined : shape });
      outputInfo.push({ name, shape, dtype });
    });
    if (outputs.length === 0) throw new NoKernel('a model without tensor output', 'the model returns no tensor');
    const refs = [...this.paramRefs.values()];
    const params = refs.map((r) => r.spec);
    const t0 = performance.now();
    const layout = encodeModelLayout({
      name: 'forward',
      nodes: this.nodes,
      initializers: this.initializers,
      inputs: this.graphInputs.map((i) => ({ name: i.name, elem: onnxElem(i.dtype), dims: i.shape })),
      outputs,
    }, params.map((p) => ({ name: p.name, dims: p.shape, elem: onnxElem(p.dtype) })));
    const encodeMs = performance.now() - t0;
    const make = (alloc?: FloatAlloc): MadeParams => this.makeLayerParams(alloc);
    let made: MadeParams | undefined;
    let bytes: Uint8Array | undefined;
    return {
      layout,
      params,
      makeParams: (alloc) => {
        const m = make(alloc);
        return refs.map((r) => ({ name: r.spec.name, ...r.value(m) }));
      },
      paramRecipe: this.paramRecipe(),
      encodeMs,
      get bytes() {
        // Tests and tools read the whole model; the executor builds it from `layout` itself.
        bytes ??= joinChunks(layout.paramsAsInitializers, (i) => rawBytes(refs[i].value((made ??= make())).data));
        return bytes;
      },
      get weights() {
        return stateDict((made ??= make()));
      },
      inputs: this.graphInputs,
      outputs: outputInfo,
      layers,
      totalParams: layers.reduce((a, l) => a + l.params, 0) + [...this.freeParams.values()].reduce((a, b) => a + b, 0),
      totalFlops: layers.reduce((a, l) => a + l.flops, 0),
      memory: this.memory(layers),
    };
  }

  /** Each layer's initial parameters and buffers, made in the order the graph first read them. */
  private makeLayerParams(alloc?: FloatAlloc): MadeParams {
    // A stream of its own: the weights do not depend on how many sample values were drawn.
    const rng = new SeededRandom(paramSeed(this.opts.seed ?? 0), alloc);
    const made: MadeParams = new Map();
    for (const m of this.layersRead) {
      const path = this.modulePath(m);
      made.set(m, { path, values: initialParameters(m, (d) => this.dim(d), rng, path, this.opts.weights) });
    }
    return made;
  }

  private paramRecipe(): string | undefined {
    // Loaded weights are data, not a recipe.
    if (this.opts.weights && this.opts.weights.size > 0) return undefined;
    const out = [`seed ${this.opts.seed ?? 0}`];
    for (const m of this.layersRead) {
      const r = layerRecipe(m, this.modulePath(m), (d) => d.value ?? d.evaluate(this.env));
      if (r === undefined) return undefined;
      out.push(r);
    }
    return out.join('\n');
  }

  private addInput(t: TensorValue, name: string, given: TensorArray | undefined): void {
    const shape = this.shapeOf(t);
    const dtype = t.dtype ?? 'float32';
    const data = given?.data ?? this.randomInput(t, shape, dtype);
    this.graphInputs.push({ name, shape, dtype, data });
    this.names.set(t, name);
  }

  /** A seeded sample input: standard normal floats; ints within every consumer's range. */
  private randomInput(t: TensorValue, shape: number[], dtype: DType): TensorArray['data'] {
    const n = elementCount(shape);
    if (dtype === 'float32') return this.rng.normal(n, 0, 1);
    if (dtype === 'int64') return this.rng.integers(n, 0, this.intInputBound(t));
    // TF.js' integer tensors (token ids) are int32.
    if (dtype === 'int32') return Int32Array.from(this.rng.integers(n, 0, this.intInputBound(t)), Number);
    if (dtype === 'bool') return Uint8Array.from(this.rng.uniform(n, 0, 1), (x) => (x < 0.5 ? 1 : 0));
    throw new NoKernel(`${dtype} inputs`, `no ${dtype} sample inputs yet`);
  }

  /** Index inputs (token ids) must stay below each consumer's table size (num_embeddings). */
  private intInputBound(t: TensorValue): number {
    const bounds: number[] = [];
    for (const node of this.run.nodes) {
      if (!Object.values(node.args).some((a) => a === t)) continue;
      const n = node.module?.args.num_embeddings;
      if (n && n.kind === 'int') bounds.push(this.dim(n.dim));
      // A Keras Embedding's table size (other Keras layers' input_dim is their input's size).
      const vocabulary = node.module?.params.find((p) => p.name === 'embeddings')?.shape[0];
      if (vocabulary) bounds.push(this.dim(vocabulary));
      const w = node.args.weight;
      if (w && w.kind === 'tensor' && w.shape?.[0]) bounds.push(this.dim(w.shape[0]));
    }
    return bounds.length > 0 ? Math.min(...bounds) : 10;
  }

  /** The ONNX name of a traced tensor; tensors from outside the call become initializers. */
  nameOf(t: TensorValue): string {
    if (this.run.changedInPlace?.(t)) throw new NoKernel('an in-place change', 'a tensor is changed in place (x.mul_(...)), which the forward pass does not replay yet');
    const known = this.names.get(t);
    if (known !== undefined) return known;
    const held = this.run.tensorPaths.get(t);
    if (held && held.kind === 'parameter' && !this.freeParams.has(held.path)) {
      // nn.Parameter attributes count in parameters(), as PyTorch counts them.
      this.freeParams.set(held.path, elementCount(this.shapeOf(t)));
    }
    if (held) {
      const given = this.opts.weights?.get(held.path);
      if (given) return this.param(held.path, given, () => given);
    }
    const producer = this.run.producerOf(t);
    if (producer && producer.op.onnx) {
      this.lowerNode(producer);
      const name = this.names.get(t);
      if (name !== undefined) return name;
    }
    throw new NoKernel(held?.path ?? 'a tensor made outside the model', `${held?.path ?? 'a tensor'} was made outside the traced call and cannot be rebuilt`);
  }

  private param(name: string, spec: Omit<ParamSpec, 'name'>, value: (made: MadeParams) => TensorArray): string {
    if (!this.paramRefs.has(name)) {
      const shape = [...spec.shape];
      onnxElem(spec.dtype);
      this.paramRefs.set(name, { spec: { name, shape, dtype: spec.dtype }, value });
      this.weightBytes += elementCount(shape) * bytesPerElement(spec.dtype);
    }
    return name;
  }

  private modulePath(m: ModuleInstance): string {
    let p = this.run.modulePaths.get(m) ?? this.unnamed.get(m);
    if (p === undefined) {
      // A layer outside the model tree (built inside forward): a stable made-up name.
      p = `layer${this.unnamed.size}`;
      this.unnamed.set(m, p);
    }
    return p;
  }


  private lowerNode(node: TraceNode): LayerRow {
    const module = node.module;
    const graph = new NodeGraph(this, node);
    const lowered = node.op.onnx!(graph, {
      name: node.name, args: node.args, self: module?.args, output: node.output,
      training: this.opts.mode === 'as-traced' ? node.training : false,
    });
    const outs = tensorsIn(node.output);
    const onnxOutputs: string[] = [];
    bindOutputs(node.output, lowered, (t, name) => {
      this.names.set(t, name);
      onnxOutputs.push(name);
    });
    let params = 0;
    if (module && !this.counted.has(module)) {
      this.counted.add(module);
      for (const p of module.params) params += elementCount(p.shape.map((d) => this.dim(d)));
    }
    return {
      index: node.index,
      name: module ? this.modulePath(module) : shortName(node.name),
      type: shortName(node.name),
      outputShapes: outs.map((t) => this.reportedShape(t)),
      params,
      flops: graph.flopCount,
      onnxOutputs,
      site: node.site,
      foreign: node.foreign,
    };
  }

  /** Called by NodeGraph. */
  paramName(module: ModuleInstance, name: string): string {
    const p = [...module.params, ...module.buffers].find((q) => q.name === name);
    if (!p) throw new NoKernel(`parameter ${name}`, `the layer has no parameter ${name}`);
    this.layersRead.add(module);
    const prefix = this.modulePath(module);
    const full = prefix ? `${prefix}.${name}` : name;
    const given = this.opts.weights?.get(full);
    // A loaded weight keeps its own shape and type (PyTorch's state_dict), as initialParameters does.
    const spec = given ?? { shape: p.shape.map((d) => this.dim(d)), dtype: p.dtype };
    return this.param(full, spec, (made) => {
      const v = made.get(module)?.values.get(name);
      if (!v) throw new Error(`parameter ${full} was not made`);
      return v;
    });
  }

  hasParam(module: ModuleInstance, name: string): boolean {
    return module.params.some((p) => p.name === name) || module.buffers.some((p) => p.name === name);
  }

  /** A tensor made by a lowering (not traced) standing for an ONNX name. */
  bindName(t: TensorValue, name: string): void {
    this.names.set(t, name);
  }

  emit(node: NodeData): void {
    this.nodes.push(node);
  }

  constant(name: string, value: TensorArray): string {
    this.initializers.push({ name, dims: value.shape, elem: onnxElem(value.dtype), raw: rawBytes(value.data) });
    return name;
  }

  noKernel(what: string, reason?: string): never {
    throw new NoKernel(what, reason);
  }

  private memory(layers: readonly LayerRow[]): MemoryEstimate {
    // Liveness in trace order: a tensor lives from its producer to its last consumer.
    const lastUse = new Map<TensorValue, number>();
    this.run.nodes.forEach((node, i) => {
      for (const a of Object.values(node.args)) for (const t of tensorsIn(a)) lastUse.set(t, i);
    });
    for (const t of tensorsIn(this.run.output)) lastUse.set(t, Infinity);
    const sizeOf = (t: TensorValue): number => {
      try {
        return elementCount(this.shapeOf(t)) * bytesPerElement(t.dtype ?? 'float32');
      } catch {
        return 0;
      }
    };
    let live = this.graphInputs.reduce((a, i) => a + i.data.byteLength, 0);
    let peak = live;
    let largest: TensorSize | undefined;
    const alive: TensorValue[] = [];
    this.run.nodes.forEach((node, i) => {
      const row = layers[i];
      for (const t of tensorsIn(node.output)) {
        const bytes = sizeOf(t);
        live += bytes;
        alive.push(t);
        if (!largest || bytes > largest.bytes) largest = { what: `${row?.name ?? node.name} (${row?.type ?? node.name})`, shape: this.reportedShape(t), bytes };
      }
      peak = Math.max(peak, live);
      for (let k = alive.length - 1; k >= 0; k--) {
        if ((lastUse.get(alive[k]) ?? -1) <= i) {
          live -= sizeOf(alive[k]);
          alive.splice(k, 1);
        }
      }
    });
    for (const inp of this.graphInputs) {
      if (!largest || inp.data.byteLength > largest.bytes) largest = { what: `input ${inp.name}`, shape: inp.shape, bytes: inp.data.byteLength };
    }
    return { weightBytes: this.weightBytes, peakActivationBytes: peak, totalBytes: this.weightBytes + peak, largest };
  }
}

/** The OnnxGraph a lowering sees for one trace node. */
class NodeGraph implements OnnxGraph {
  flopCount = 0;

  get random(): InitRandom {
    return this.l.rng;
  }

  constructor(private readonly l: Lowerer, private readonly traced: TraceNode) {}

  input(v: Value, dtype?: DType): string {
    if (v.kind === 'tensor') return this.l.nameOf(v);
    if (v.kind === 'int') return this.scalar(this.l.dim(v.dim), dtype ?? 'int64');
    if (v.kind === 'float') return this.scalar(v.value, dtype ?? 'float32');
    if (v.kind === 'bool') return this.scalar(v.value ? 1 : 0, dtype ?? 'bool');
    return this.noKernel(`an argument of kind ${v.kind}`);
  }

  inputAs(v: Value, dtype: DType): string {
    if (v.kind !== 'tensor') return this.input(v, dtype);
    const name = this.l.nameOf(v);
    const from = v.dtype ?? 'float32';
    return from === dtype ? name : this.op('Cast', [name], { to: onnxDtypeCode(dtype) });
  }

  param(name: string): string {
    const m = this.traced.module;
    if (!m) return this.noKernel(`parameter ${name} outside a layer`);
    return this.l.paramName(m, name);
  }

  paramShape(name: string): number[] {
    const m = this.traced.module;
    const p = m && [...m.params, ...m.buffers].find((q) => q.name === name);
    if (!p) return this.noKernel(`parameter ${name}`);
    return p.shape.map((d) => this.l.dim(d));
  }

  hasParam(name: string): boolean {
    return this.traced.module !== undefined && this.l.hasParam(this.traced.module, name);
  }

  shape(v: Value): number[] {
    if (v.kind !== 'tensor') return this.noKernel('a shape of a non-tensor');
    return this.l.shapeOf(v);
  }

  dtype(v: Value): DType {
    return v.kind === 'tensor' ? v.dtype ?? 'float32' : v.kind === 'float' ? 'float32' : v.kind === 'bool' ? 'bool' : 'int64';
  }

  int(v: Value): number {
    if (v.kind === 'int') return this.l.dim(v.dim);
    if (v.kind === 'bool') return v.value ? 1 : 0;
    return this.noKernel(`an int argument of kind ${v.kind}`);
  }

  node(opType: string, inputs: readonly string[], attrs?: Readonly<Record<string, OnnxAttr>>, outputs = 1): string[] {
    const outs = Array.from({ length: outputs }, () => this.l.fresh(`n${this.traced.index}_${opType}`));
    this.l.emit({ opType, inputs, outputs: outs, attrs, name: outs[0] });
    return outs;
  }

  op(opType: string, inputs: readonly string[], attrs?: Readonly<Record<string, OnnxAttr>>): string {
    return this.node(opType, inputs, attrs, 1)[0];
  }

  constant(values: ArrayLike<number> | ArrayLike<bigint>, dims: readonly number[], dtype: OnnxElemType): string {
    return this.l.constant(this.l.fresh(`c${this.traced.index}`), { shape: dims, dtype, data: typedArray(values, dtype) });
  }

  ints(values: readonly number[]): string {
    return this.constant(values, [values.length], 'int64');
  }

  scalar(value: number, dtype: DType = 'float32'): string {
    return this.constant([value], [], onnxElem(dtype) as OnnxElemType);
  }

  flops(n: number): void {
    this.flopCount += n;
  }

  noKernel(reason?: string): never {
    return this.l.noKernel(this.traced.name, reason ? `no kernel for ${this.traced.name} yet (${reason})` : undefined);
  }

  bind(v: Value, name: string): void {
    if (v.kind === 'tensor') this.l.bindName(v, name);
  }
}

/** The ONNX TensorProto.DataType code, for Cast's `to`. */
export function onnxDtypeCode(dtype: DType): number {
  const codes: Record<OnnxElem, number> = { float32: 1, uint8: 2, int8: 3, int16: 5, int32: 6, int64: 7, bool: 9, float16: 10, float64: 11 };
  return codes[onnxElem(dtype)];
}

function typedArray(values: ArrayLike<number> | ArrayLike<bigint>, dtype: OnnxElemType): TensorArray['data'] {
  const nums = (): number[] => Array.from(values as ArrayLike<number | bigint>, Number);
  switch (dtype) {
    case 'float32': return values instanceof Float32Array ? values : Float32Array.from(nums());
    case 'float64': return Float64Array.from(nums());
    case 'int64': return BigInt64Array.from(Array.from(values as ArrayLike<number | bigint>, (x) => BigInt(typeof x === 'bigint' ? x : Math.trunc(x))));
    case 'int32': return Int32Array.from(nums());
    case 'bool': case 'uint8': return Uint8Array.from(nums(), (x) => (dtype === 'bool' ? (x ? 1 : 0) : x));
    default: throw new NoKernel(`${dtype} constants`);
  }
}

function toDtype(values: Float32Array, shape: readonly number[], dtype: DType): TensorArray {
  if (dtype === 'float32') return { shape, dtype, data: values };
  if (dtype === 'int64') return { shape, dtype, data: BigInt64Array.from(values, (x) => BigInt(Math.trunc(x))) };
  return { shape, dtype, data: typedArray(values, onnxElem(dtype) as OnnxElemType) };
}

/** Initial parameters and buffers of each layer the graph reads, with the layer's path. */
type MadeParams = Map<ModuleInstance, { readonly path: string; readonly values: Map<string, TensorArray> }>;

function stateDict(made: MadeParams): Map<string, TensorArray> {
  const out = new Map<string, TensorArray>();
  for (const { path, values } of made.values()) {
    for (const [name, v] of values) out.set(path ? `${path}.${name}` : name, v);
  }
  return out;
}

/** The parameters' generator seed for a run's seed (another stream than the sample inputs'). */
function paramSeed(seed: number): number {
  return (Math.imul(seed >>> 0, 0x2545f491) ^ 0x6a09e667) >>> 0;
}

/**
 * A layer's parameters and buffers in named_parameters() then named_buffers() order: the loaded
 * weight of that state_dict name, else the layer's `reset` (PyTorch's reset_parameters).
 */
export function initialParameters(
  m: ModuleInstance, dim: (d: Dim) => number, rng: InitRandom, prefix = '', weights?: ReadonlyMap<string, TensorArray>,
): Map<string, TensorArray> {
  const values = new Map<string, TensorArray>();
  const all: ConcreteParam[] = [...m.params, ...m.buffers].map((p) => ({ name: p.name, shape: p.shape.map(dim), dtype: p.dtype }));
  for (const p of all) {
    const given = weights?.get(prefix ? `${prefix}.${p.name}` : p.name);
    if (given) {
      values.set(p.name, given);
      continue;
    }
    const init = m.op.reset ? m.op.reset(m.args, p, rng, all) : defaultInit(p, rng);
    values.set(p.name, toDtype(init ?? new Float32Array(elementCount(p.shape)), p.shape, p.dtype));
  }
  return values;
}

/** Pair each tensor of a traced output with the lowered ONNX name at the same position. */
function bindOutputs(v: Value, lowered: Lowered, bind: (t: TensorValue, name: string) => void): void {
  if (v.kind === 'tensor') {
    if (typeof lowered === 'string') bind(v, lowered);
    return;
  }
  if ((v.kind === 'tuple' || v.kind === 'list') && Array.isArray(lowered)) {
    v.items.forEach((item, i) => bindOutputs(item, (lowered as readonly Lowered[])[i], bind));
  }
}

/** `torch.nn.Conv2d` -> `Conv2d`, `torch.Tensor.view` -> `view`. */
export function shortName(qualified: string): string {
  return qualified.slice(qualified.lastIndexOf('.') + 1);
}
