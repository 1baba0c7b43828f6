// What one analysis run knows about Keras / TF.js objects: the frameworks' global name counters
// (TF.js' getUid prefixes, Keras' auto_name), which tensors are symbolic and who produced them,
// and every layer and model built (for hovers). Kept per running interpreter (the Host), never in
// the objects, so library code analysed once can be shared.
import type { Dim } from '../../shape/dim';
import type { TensorValue, Value } from '../../value';
import type { Host } from '../host';
import type { Range } from '../ir';
import type { CallArgs } from '../objects';
import type { GraphNode } from './graph';
import type { ModuleInstance, OpResult } from '../../ops/apply';
import type { TraceNode } from '../../ops/trace';

/** The objects a model graph is made of (layers, models used as layers, input layers). */
export interface GraphLayer {
  readonly layerName: string;
  readonly className: string;
  /** Symbolic calls of this layer, in order (TF.js' inboundNodes). */
  readonly nodes: GraphNode[];
  /** countParams(): trainable and non-trainable weights. */
  paramCounts(): { trainable: number; nonTrainable: number } | undefined;
  /**
   * Its outputs for `inputs` (a tensor or a list), no graph recorded; raises the framework's errors
   * at `site`. `executing`: run by a model's graph, which TF.js does with an array of inputs.
   */
  run(host: Host, inputs: Value, site: Range, symbolic?: boolean, executing?: boolean, rest?: CallArgs): Value;
}

/** A layer a program can apply and add to a Sequential (framework layers, user layers, models). */
export interface ApplicableLayer extends GraphLayer {
  apply(host: Host, inputs: Value, site: Range): Value;
  /** The model input a first layer asks for (its inputShape / batchInputShape). */
  readonly batchInputShape?: readonly Dim[];
  /** The value the program holds for this layer (`model.layers[i]`). */
  value(): Value;
}

/** Layer kinds register how to find their object behind a value (a user layer's instance). */
const finders: ((v: Value) => ApplicableLayer | undefined)[] = [];

export function registerLayerFinder(find: (v: Value) => ApplicableLayer | undefined): void {
  finders.push(find);
}

export function applicableLayer(v: Value): ApplicableLayer | undefined {
  for (const f of finders) {
    const l = f(v);
    if (l) return l;
  }
  return undefined;
}

export interface ProducedBy {
  readonly node: GraphNode;
  readonly index: number;
}

export interface KerasRun {
  /** TF.js' getUid prefixes and the per-class layer counters (one map, keys never collide). */
  readonly counters: Map<string, number>;
  /** Symbolic tensors (tf.input, layer.apply on symbolic inputs) and the node that made each. */
  readonly producers: Map<TensorValue, ProducedBy>;
  /** Layers and models made by code of the analysed file, in order. */
  readonly layers: object[];
  readonly models: object[];
  /**
   * Every layer call on real (not symbolic) tensors, in order: the op trace a model's predict /
   * apply slices for its sample forward pass, with who made each tensor and each layer's name.
   */
  readonly trace: TraceNode[];
  readonly traceProducers: Map<TensorValue, TraceNode>;
  readonly layerPaths: Map<ModuleInstance, string>;
}

const runs = new WeakMap<Host, KerasRun>();

export function kerasRun(host: Host): KerasRun {
  let run = runs.get(host);
  // A Map, not a WeakMap: the run ends with the analysis, and weak tables cost every collection.
  if (!run) runs.set(host, (run = { counters: new Map(), producers: new Map(), layers: [], models: [], trace: [], traceProducers: new Map(), layerPaths: new Map() }));
  return run;
}

/** Record a successful layer call on real tensors in the run's op trace (its output as the program got it). */
export function traceLayerCall(host: Host, module: ModuleInstance, result: OpResult, output: Value, site: Range, path: string): void {
  if (!result.ok || !result.args) return;
  const run = kerasRun(host);
  const node: TraceNode = { index: run.trace.length, op: module.op, name: module.op.names[0], module, training: false, args: result.args, output, site, foreign: host.inForeignCode || undefined };
  run.trace.push(node);
  if (!run.layerPaths.has(module)) run.layerPaths.set(module, path);
  for (const t of tensorsOf(output)) run.traceProducers.set(t, node);
}

/** TF.js' getUid(prefix): `prefix` + the prefix's next count. */
export function uid(host: Host, prefix: string): string {
  const counters = kerasRun(host).counters;
  const n = (counters.get(prefix) ?? 0) + 1;
  counters.set(prefix, n);
  return `${prefix}${n}`;
}

export function isSymbolic(host: Host, v: Value): boolean {
  return v.kind === 'tensor' && kerasRun(host).producers.has(v);
}

/** The tensors of a layer's input or output: one tensor, or the tensors of a list. */
export function tensorsOf(v: Value): TensorValue[] {
  if (v.kind === 'tensor') return [v];
  if (v.kind === 'list' || v.kind === 'tuple') return v.items.flatMap(tensorsOf);
  return [];
}
