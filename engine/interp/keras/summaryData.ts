// The rows of `model.summary()` for a Keras / TF.js model (the catalogue's summary.ts prints
// them): each layer's name, class, input shapes per inbound node, output shape ('multiple' when its
// nodes disagree), parameter count, and for non-sequential graphs the `layer[node][tensor]` it
// receives; the sequential-like test and the trainable / non-trainable totals.
import type { Shape } from '../../shape/shape';
import { sameShape } from '../../shape/shape';
import type { SummaryLayer, SummaryModel } from '../../ops/keras/summary';
import type { Host } from '../host';
import { containerLayers, InputLayerRecord, producerOf, type GraphNode } from './graph';
import type { KerasModelObj } from './model';
import type { GraphLayer } from './state';

function outputShape(layer: GraphLayer): Shape | readonly Shape[] | undefined {
  const per = layer.nodes.map((n) => n.outputs.map((t) => t.shape));
  if (per.length === 0 || per.some((p) => p.some((s) => !s))) return undefined;
  const first = per[0] as Shape[];
  const same = per.every((p) => p.length === first.length && p.every((s, i) => sameShape(s, first[i])));
  if (!same) return undefined;
  return first.length === 1 ? first[0] : first;
}

function connections(host: Host, layer: GraphLayer, relevant: ReadonlySet<GraphNode>): string[] {
  const out: string[] = [];
  for (const node of layer.nodes) {
    if (relevant.size > 0 && !relevant.has(node)) continue;
    for (const t of node.inputs) {
      const p = producerOf(host, t);
      if (!p) continue;
      out.push(`${p.node.layer.layerName}[${p.node.layer.nodes.indexOf(p.node)}][${p.index}]`);
    }
  }
  return out;
}

/** TF.js' isModelSequentialLike: one node per depth with one inbound layer, and no shared layer. */
function sequentialLike(layers: readonly GraphLayer[], nodeDepth: ReadonlyMap<GraphNode, number>): boolean {
  const byDepth = new Map<number, GraphNode[]>();
  for (const [node, depth] of nodeDepth) byDepth.set(depth, [...(byDepth.get(depth) ?? []), node]);
  const nodes = new Set<GraphNode>();
  for (const depth of [...byDepth.keys()].sort((a, b) => a - b)) {
    const ns = byDepth.get(depth)!;
    if (ns.length > 1 || (ns.length === 1 && ns[0].inputs.length > 1)) return false;
    ns.forEach((n) => nodes.add(n));
  }
  return layers.every((l) => l.nodes.filter((n) => nodes.has(n)).length <= 1);
}

export function summaryModel(host: Host, model: KerasModelObj): SummaryModel | undefined {
  let layers: GraphLayer[];
  let like = true;
  let relevant = new Set<GraphNode>();
  if (model.kind === 'sequential') layers = [...model.added];
  else {
    const graph = model.graph ?? containerLayers(host, model.outputs);
    layers = graph.layers;
    like = sequentialLike(layers, graph.nodeDepth);
    relevant = new Set(graph.nodeDepth.keys());
  }
  let trainable = 0;
  let nonTrainable = 0;
  const rows: SummaryLayer[] = [];
  for (const layer of layers) {
    const counts = layer.paramCounts();
    if (!counts) return undefined;
    trainable += counts.trainable;
    nonTrainable += counts.nonTrainable;
    rows.push({
      name: layer.layerName,
      className: layer.className,
      // An input layer's node lists its own batch shape as its input.
      inputShapes: layer instanceof InputLayerRecord ? [[layer.batchShape]] : layer.nodes.map((n) => n.inputs.map((t) => t.shape!).filter(Boolean)),
      outputShape: outputShape(layer),
      params: counts.trainable + counts.nonTrainable,
      connections: like ? undefined : connections(host, layer, relevant),
    });
  }
  return { name: model.layerName, layers: rows, trainableParams: trainable, nonTrainableParams: nonTrainable, sequentialLike: like };
}
