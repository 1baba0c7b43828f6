// What hovers show for Keras / TF.js code: each layer built (its config as written, its weights in
// the framework's layout beside PyTorch's, its parameter count and calls) and each model (its
// summary as the framework prints it, parameter totals, where it was built and called).
import type { Shape } from '../../shape/shape';
import type { Value } from '../../value';
import { kerasParamCount } from '../../ops/keras';
import { kerasSummary, tfjsSummary } from '../../ops/keras/summary';
import type { Host } from '../host';
import type { Range } from '../ir';
import type { ModuleInstance } from '../../ops/apply';
import type { ModelRun } from '../../ops/trace';
import { registerInsightProvider, type Insight, type LayerInsight, type ModelInsight } from '../insight';
import { CustomLayer } from './custom';
import { KerasLayerObj } from './layer';
import { KerasModelObj } from './model';
import { kerasRun } from './state';
import { summaryModel } from './summaryData';
import { torchCounterpart } from './torchLayout';

/** A config value as the program wrote it: `[28, 28, 1]`, `'relu'`, `10`, `true`, `null`. */
export function jsRepr(v: Value): string {
  switch (v.kind) {
    case 'int': return v.dim.toString();
    case 'float': return String(v.value);
    case 'bool': return String(v.value);
    case 'str': return `'${v.value}'`;
    case 'none': return 'null';
    case 'list':
    case 'tuple': return `[${v.items.map(jsRepr).join(', ')}]`;
    case 'object': {
      const r = v.ref;
      if (r instanceof KerasLayerObj) return r.layerName;
      return '…';
    }
    default: return '…';
  }
}

/** The same as Python writes it: `(3, 3)`, `'relu'`, `None`, `True`. */
export function pythonRepr(v: Value): string {
  switch (v.kind) {
    case 'bool': return v.value ? 'True' : 'False';
    case 'none': return 'None';
    case 'list': return `[${v.items.map(pythonRepr).join(', ')}]`;
    case 'tuple': return v.items.length === 1 ? `(${pythonRepr(v.items[0])},)` : `(${v.items.map(pythonRepr).join(', ')})`;
    default: return jsRepr(v);
  }
}

function layerInsight(layer: KerasLayerObj): LayerInsight {
  const repr = layer.api.dialect === 'keras' ? pythonRepr : jsRepr;
  const args = [...layer.config].map(([name, v]) => ({ name, value: repr(v) }));
  if (!layer.config.has('name')) args.push({ name: 'name', value: `'${layer.layerName}'` });
  return {
    range: layer.constructedAt!,
    op: layer.label,
    args,
    params: layer.module.params,
    buffers: layer.module.buffers,
    paramCount: kerasParamCount(layer.module),
    uses: layer.calls.map((c) => ({ site: c.site, inputShapes: [...c.inputShapes], outputShapes: [...c.outputShapes] })),
    keras: undefined,
    style: layer.api.framework,
    counterpart: torchCounterpart(layer.className, layer.module),
  };
}

function customInsight(layer: CustomLayer): LayerInsight | undefined {
  const range = layer.instance.constructedAt;
  if (!range) return undefined;
  const counts = layer.paramCounts();
  return {
    range,
    op: layer.className,
    args: [...layer.config].map(([name, v]) => ({ name, value: jsRepr(v) })),
    params: layer.weights.map((w) => ({ name: w.name, shape: w.shape, dtype: 'float32' })),
    buffers: [],
    paramCount: counts ? counts.trainable + counts.nonTrainable : undefined,
    uses: [],
    keras: undefined,
    style: layer.api.framework,
  };
}

function modelInsight(host: Host, model: KerasModelObj): ModelInsight {
  const summary = summaryModel(host, model);
  const outputs = (s: Shape | readonly Shape[] | undefined): Shape[] => (s === undefined ? [] : s.length > 0 && Array.isArray(s[0]) ? [...(s as readonly Shape[])] : [s as Shape]);
  return {
    name: model.layerName,
    classRange: undefined,
    constructedAt: model.constructedAt,
    rows: (summary?.layers ?? []).map((l) => ({ path: l.name, type: l.className, depth: 1, outputShapes: outputs(l.outputShape), params: l.params })),
    totalParams: summary ? summary.trainableParams + summary.nonTrainableParams : undefined,
    runs: model.calls.flatMap((c) => (c.trace ? [modelRun(host, c.site, c.trace, c.output)] : [])),
    style: model.api.framework,
    summary: summary ? (model.api.dialect === 'tfjs' ? tfjsSummary(summary) : kerasSummary(summary)) : undefined,
    callSites: [...model.calls.map((c) => c.site), ...model.summarySites, ...model.failedSites],
  };
}

/** A predict / apply of a model as the executor replays it: the layer calls it ran, by layer name. */
function modelRun(host: Host, site: Range, trace: { start: number; end: number; feeds: readonly Value[] }, output: Value): ModelRun {
  const run = kerasRun(host);
  const nodes = run.trace.slice(trace.start, trace.end);
  const modulePaths = new Map<ModuleInstance, string>();
  for (const n of nodes) if (n.module) modulePaths.set(n.module, run.layerPaths.get(n.module) ?? n.module.op.names[0]);
  return { site, inputs: trace.feeds, output, nodes, modulePaths, tensorPaths: new Map(), producerOf: (t) => run.traceProducers.get(t) };
}

function kerasInsight(host: Host): Insight {
  const run = kerasRun(host);
  const layers: LayerInsight[] = [];
  for (const l of run.layers) {
    if (l instanceof KerasLayerObj && l.constructedAt) layers.push(layerInsight(l));
    else if (l instanceof CustomLayer) {
      const c = customInsight(l);
      if (c) layers.push(c);
    }
  }
  const models = run.models.filter((m): m is KerasModelObj => m instanceof KerasModelObj).map((m) => modelInsight(host, m));
  return { layers, models };
}

registerInsightProvider(kerasInsight);
