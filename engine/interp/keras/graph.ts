// The layer graph behind functional and sequential models: an input layer per `Input`, a node per
// symbolic call (its layer, input and output tensors), and what models do with it — list their
// layers in the frameworks' order (by depth, then traversal order: TF.js' Container), find the
// inputs a tensor depends on, and replay the graph on real inputs (predict, model.apply).
import type { Dim } from '../../shape/dim';
import type { DType } from '../../ops/dtype';
import type { Framework, TensorValue, Value } from '../../value';
import { NONE, UNKNOWN } from '../../value';
import { fail } from '../../ops/op';
import type { Host } from '../host';
import type { Range } from '../ir';
import { kerasRun, tensorsOf, type GraphLayer } from './state';
import type { CallArgs } from '../objects';
import type { ConfigSyntax } from './layer';

export interface GraphNode {
  readonly layer: GraphLayer;
  /** The symbolic tensors the layer was applied to (flattened) and the value as passed. */
  readonly inputs: readonly TensorValue[];
  readonly inputValue: Value;
  readonly outputs: readonly TensorValue[];
  readonly outputValue: Value;
  /** Call arguments after the first (MultiHeadAttention's value, key); their tensors are inputs too. */
  readonly rest?: CallArgs;
}

/** The layer behind `Input(...)` / `tf.input(...)`: one node, its output the symbolic input. */
export class InputLayerRecord implements GraphLayer {
  readonly className = 'InputLayer';
  readonly nodes: GraphNode[] = [];
  /** How `Input({shape})` was written, for fixes (absent for a Sequential's own input layer). */
  syntax: ConfigSyntax | undefined;
  constructor(readonly layerName: string, readonly batchShape: readonly Dim[], readonly dtype: DType | undefined) {}

  paramCounts(): { trainable: number; nonTrainable: number } {
    return { trainable: 0, nonTrainable: 0 };
  }

  run(): Value {
    return fail('keras-input', 'ValueError', `Cannot pass any input to an InputLayer's apply() method. InputLayer name: ${this.layerName}`);
  }
}

/** A symbolic input tensor with its input layer. */
export function makeInput(host: Host, layerName: string, batchShape: readonly Dim[], dtype: DType | undefined, framework: Framework, syntax?: ConfigSyntax): TensorValue {
  const layer = new InputLayerRecord(layerName, batchShape, dtype);
  layer.syntax = syntax;
  const t: TensorValue = { kind: 'tensor', shape: batchShape, dtype, framework };
  const node: GraphNode = { layer, inputs: [], inputValue: NONE, outputs: [t], outputValue: t };
  layer.nodes.push(node);
  kerasRun(host).producers.set(t, { node, index: 0 });
  return t;
}

/** Record a symbolic call: its outputs become symbolic tensors produced by the new node. */
export function addNode(host: Host, layer: GraphLayer, inputValue: Value, output: Value, rest?: CallArgs): GraphNode {
  const restTensors = rest ? [...rest.args, ...Object.values(rest.kwargs)].flatMap(tensorsOf) : [];
  const inputs = [...tensorsOf(inputValue), ...restTensors];
  // An output that is an input object (a layer returning its input) is a new tensor of this node:
  // the graph must not loop back on itself. Callers return `node.outputValue`.
  const outputValue = mapTensors(output, (t) => (inputs.includes(t) ? { ...t } : t));
  const node: GraphNode = { layer, inputs, inputValue, outputs: tensorsOf(outputValue), outputValue, ...(rest ? { rest } : {}) };
  layer.nodes.push(node);
  const producers = kerasRun(host).producers;
  node.outputs.forEach((t, index) => producers.set(t, { node, index }));
  return node;
}

export function producerOf(host: Host, t: TensorValue): { node: GraphNode; index: number } | undefined {
  return kerasRun(host).producers.get(t);
}

/** The model inputs a tensor depends on (TF.js' getSourceInputs), in discovery order. */
export function sourceInputs(host: Host, t: TensorValue): TensorValue[] {
  const out: TensorValue[] = [];
  const seen = new Set<GraphNode>();
  const visit = (x: TensorValue): void => {
    const p = producerOf(host, x);
    if (!p) return;
    if (p.node.layer instanceof InputLayerRecord) {
      if (!out.includes(x)) out.push(x);
      return;
    }
    if (seen.has(p.node)) return;
    seen.add(p.node);
    p.node.inputs.forEach(visit);
  };
  visit(t);
  return out;
}

/** The value `v` with each tensor replaced (same nesting: a tensor or a list of them). */
function mapTensors(v: Value, f: (t: TensorValue) => Value): Value {
  if (v.kind === 'tensor') return f(v);
  if (v.kind === 'list' || v.kind === 'tuple') return { kind: v.kind, items: v.items.map((x) => mapTensors(x, f)) } as Value;
  return v;
}

/**
 * Run the graph from `inputs` (fed with `feeds`) to `outputs` on real tensors, each node's layer
 * applied once (TF.js' execute). A tensor no input reaches gives Unknown.
 */
export function execute(host: Host, inputs: readonly TensorValue[], feeds: readonly Value[], outputs: readonly TensorValue[], site: Range): Value[] {
  const done = new Map<GraphNode, Value[]>();
  const evaluate = (t: TensorValue): Value => {
    const i = inputs.indexOf(t);
    if (i >= 0) return feeds[i] ?? UNKNOWN;
    const p = producerOf(host, t);
    if (!p || p.node.layer instanceof InputLayerRecord) return UNKNOWN;
    let outs = done.get(p.node);
    if (!outs) {
      const input = mapTensors(p.node.inputValue, evaluate);
      const r = p.node.rest;
      const rest = r ? { args: r.args.map((v) => mapTensors(v, evaluate)), kwargs: Object.fromEntries(Object.entries(r.kwargs).map(([k, v]) => [k, mapTensors(v, evaluate)])) } : undefined;
      outs = tensorsOf(p.node.layer.run(host, input, site, false, true, rest));
      done.set(p.node, outs);
    }
    return outs[p.index] ?? UNKNOWN;
  };
  return outputs.map(evaluate);
}

/**
 * The layers of the graph between `inputs` and `outputs` as TF.js' Container orders them: nodes by
 * decreasing depth from the outputs, layers at the depth of their deepest node, ties in the order
 * the recursive traversal from the outputs first met them.
 */
export function containerLayers(host: Host, outputs: readonly TensorValue[]): { layers: GraphLayer[]; nodeDepth: Map<GraphNode, number> } {
  const order = new Map<GraphLayer, number>();
  const finished = new Set<GraphNode>();
  const decreasing: GraphNode[] = [];
  const build = (t: TensorValue): void => {
    const p = producerOf(host, t);
    if (!p || finished.has(p.node)) return;
    if (!order.has(p.node.layer)) order.set(p.node.layer, order.size);
    p.node.inputs.forEach(build);
    finished.add(p.node);
    decreasing.push(p.node);
  };
  outputs.forEach(build);
  const nodeDepth = new Map<GraphNode, number>();
  const layerDepth = new Map<GraphLayer, number>();
  for (const node of [...decreasing].reverse()) {
    let depth = nodeDepth.get(node) ?? 0;
    depth = Math.max(depth, layerDepth.get(node.layer) ?? 0);
    layerDepth.set(node.layer, depth);
    nodeDepth.set(node, depth);
    for (const x of node.inputs) {
      const p = producerOf(host, x);
      if (p) nodeDepth.set(p.node, Math.max(depth + 1, nodeDepth.get(p.node) ?? 0));
    }
  }
  const byDepth = new Map<number, GraphLayer[]>();
  for (const [layer, depth] of layerDepth) byDepth.set(depth, [...(byDepth.get(depth) ?? []), layer]);
  const layers = [...byDepth.keys()].sort((a, b) => b - a).flatMap((d) => byDepth.get(d)!.sort((a, b) => order.get(a)! - order.get(b)!));
  return { layers, nodeDepth };
}
