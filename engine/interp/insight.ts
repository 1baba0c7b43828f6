// What hovers and previews need beyond hints: every layer built (its arguments, parameter shapes
// and each use), every model instance (a summary table as torchinfo prints it) and every model
// call as a ModelRun (the slice of the op trace the executor lowers).
import type { Value, TensorValue } from '../value';
import { sameShape, type Shape, type ShapeStyle } from '../shape/shape';
import type { NamedShape } from '../ops/op';
import { parameterCount, type ModuleInstance } from '../ops/apply';
import type { ModelRun, TraceNode } from '../ops/trace';
import { kerasLayout, type KerasLayout } from '../ops/kerasLayout';
import { fluxLayouts, type WeightLayout } from '../ops/flux/layout';
import { fluxLayerLine, fluxSummary } from './fluxShow';
import type { Range } from './ir';
import type { Interpreter } from './interpreter';
import type { Host } from './host';
import { ContainerObj, FrameworkModuleObj, InstanceObj, LayerObj, isModuleLike } from './objects';

export interface LayerUse {
  readonly site: Range;
  readonly inputShapes: (Shape | undefined)[];
  /** Output shapes (one per tensor output: LSTM gives output, h_n, c_n). */
  readonly outputShapes: (Shape | undefined)[];
}

export interface LayerInsight {
  /** The constructor call (`nn.Conv2d(3, 64, 3)`). */
  readonly range: Range;
  /** Qualified name: `torch.nn.Conv2d`. */
  readonly op: string;
  /** Bound constructor arguments in signature order, Python-formatted (`kernel_size=3`). */
  readonly args: readonly { readonly name: string; readonly value: string }[];
  readonly params: readonly NamedShape[];
  readonly buffers: readonly NamedShape[];
  /** `sum(p.numel() for p in layer.parameters())`, undefined when a size is symbolic. */
  readonly paramCount: number | undefined;
  readonly uses: readonly LayerUse[];
  /** The same weights as Keras / TF.js lay them out, where the layer has a Keras twin. */
  readonly keras: KerasLayout | undefined;
  /** How the layer's own framework prints it, when that is not PyTorch (Flux: `Dense(10 => 5)  # 55 parameters`). */
  readonly display?: string;
  /** The layer's weights in its framework's layout and in its twins' (Flux, PyTorch, Keras). */
  readonly layouts?: readonly WeightLayout[];
  /** How shapes print for this layer's framework (PyTorch when absent). */
  readonly style?: ShapeStyle;
  /** The same weights as another framework lays them out (PyTorch's, for a TF.js layer). */
  readonly counterpart?: { readonly framework: string; readonly layer: string; readonly weights: readonly { readonly name: string; readonly shape: Shape }[]; readonly note: string };
}

export interface ModelSummaryRow {
  /** `features.0`; the root is ''. */
  readonly path: string;
  /** `Conv2d`, `Sequential`, or the user class name. */
  readonly type: string;
  readonly depth: number;
  /** Output shapes seen for this module in the model's calls. */
  readonly outputShapes: readonly Shape[];
  /** Parameters owned directly (a layer's own, a user module's nn.Parameter attributes). */
  readonly params: number | undefined;
}

export interface ModelInsight {
  /** Class name of the instance (`Net`), or `Sequential`. */
  readonly name: string;
  /** The class definition's name, when it is a user class. */
  readonly classRange: Range | undefined;
  /** Where the instance was built (`Net()`), or the class name for a seeded instance. */
  readonly constructedAt: Range | undefined;
  readonly rows: readonly ModelSummaryRow[];
  /** Equal to PyTorch's `sum(p.numel() for p in model.parameters())` (shared parameters once). */
  readonly totalParams: number | undefined;
  /** The model as its own framework prints it, when that is not PyTorch (Flux's REPL summary). */
  readonly display?: string;
  readonly runs: readonly ModelRun[];
  /** How shapes print for this model's framework (PyTorch when absent). */
  readonly style?: ShapeStyle;
  /** The summary as the framework prints it (`model.summary()` of TF.js / Keras), when it has one. */
  readonly summary?: readonly string[];
  /** Calls of the model that ran no traced forward pass (predict, summary): hovers answer there too. */
  readonly callSites?: readonly Range[];
}

export interface Insight {
  readonly layers: readonly LayerInsight[];
  readonly models: readonly ModelInsight[];
}

/** A framework whose layers and models are not nn.Modules (Keras / TF.js) adds its own. */
export type InsightProvider = (host: Host) => Insight;

const providers: InsightProvider[] = [];

export function registerInsightProvider(provider: InsightProvider): void {
  providers.push(provider);
}

export function collectInsight(interp: Interpreter): Insight {
  const extra = providers.map((p) => p(interp));
  const torch = collectTorchInsight(interp);
  if (extra.length === 0) return torch;
  return { layers: [...torch.layers, ...extra.flatMap((e) => e.layers)], models: [...torch.models, ...extra.flatMap((e) => e.models)] };
}

function collectTorchInsight(interp: Interpreter): Insight {
  const layers = interp.layersBuilt.filter((l) => l.constructedAt).map(layerInsight);
  const byModel = new Map<object, ModelInsight & { runs: ModelRun[] }>();
  for (const call of interp.modelCalls) {
    const ref = (call.model as { ref: object }).ref;
    let m = byModel.get(ref);
    if (!m) byModel.set(ref, (m = { ...modelInsight(interp, call.model), runs: [] }));
    m.runs.push(modelRun(interp, call));
  }
  return { layers, models: [...byModel.values()] };
}

function layerInsight(layer: LayerObj): LayerInsight {
  const { op, args } = layer.instance;
  return {
    range: layer.constructedAt!,
    op: op.names[0],
    args: op.init.params.filter((p) => args[p.name] !== undefined).map((p) => ({ name: p.name, value: pythonRepr(args[p.name]) })),
    params: layer.instance.params,
    buffers: layer.instance.buffers,
    paramCount: parameterCount(layer.instance),
    keras: kerasLayout(layer.instance),
    ...fluxExtras(layer),
    uses: layer.uses.map((u) => ({ site: u.site, inputShapes: u.inputs.filter(isTensor).map((t) => t.shape), outputShapes: tensorsIn(u.output).map((t) => t.shape) })),
  };
}

/** Flux's own line for the layer and its weights beside PyTorch's and Keras'. */
function fluxExtras(layer: LayerObj): { display?: string; layouts?: readonly WeightLayout[] } {
  const display = fluxLayerLine(layer);
  if (display === undefined) return {};
  const input = layer.uses.find((u) => u.inputs[0]?.kind === 'tensor')?.inputs[0];
  const rank = input && input.kind === 'tensor' ? input.shape?.length : undefined;
  return { display, layouts: fluxLayouts(layer.instance, rank) };
}

interface ModuleEntry {
  readonly path: string;
  readonly depth: number;
  readonly value: Value;
}

/** The module tree in `named_modules()` order (each module once, at its first path). */
function namedModules(root: Value): ModuleEntry[] {
  const out: ModuleEntry[] = [];
  const seen = new Set<object>();
  const visit = (v: Value, path: string, depth: number): void => {
    if (!isModuleLike(v) || seen.has(v.ref)) return;
    seen.add(v.ref);
    out.push({ path, depth, value: v });
    for (const [name, child] of v.ref.children()) visit(child, path ? `${path}.${name}` : name, depth + 1);
  };
  visit(root, '', 0);
  return out;
}

/**
 * `named_parameters()` / `named_buffers()`: each tensor once, at its first path, in PyTorch's
 * order (a module's own tensors, then its children's).
 */
/**
 * A sub-module we cannot see (a container a loop of unknown count filled, an attribute from code
 * we cannot follow, a layer whose parameters are guessed): the module's parameters are not all known.
 */
export function hasHiddenModules(model: Value): boolean {
  return namedModules(model).some(({ value }) => {
    // `nn.Sequential(OrderedDict(blocks))` with blocks we could not follow holds an unknown child.
    if (value.kind === 'unknown') return true;
    const r = (value as { ref: object }).ref;
    return (r instanceof ContainerObj && r.open) || (r instanceof InstanceObj && (r.unknownChildren || r.base?.paramsGuessed === true))
      || (r instanceof LayerObj && r.instance.paramsGuessed === true);
  });
}

export function namedTensors(interp: Host, root: Value, kind: 'parameter' | 'buffer'): [string, Value][] {
  const out: [string, Value][] = [];
  const seen = new Set<object>();
  for (const m of namedModules(root)) {
    const ref = (m.value as { ref: object }).ref;
    const prefix = m.path ? `${m.path}.` : '';
    const instance = ref instanceof LayerObj ? ref.instance : ref instanceof InstanceObj ? ref.base : undefined;
    if (instance) {
      for (const p of kind === 'parameter' ? instance.params : instance.buffers) {
        const t = interp.layerTensor(instance, p.name);
        if (t && !seen.has(t)) {
          seen.add(t);
          out.push([prefix + p.name, t]);
        }
      }
    }
    if (ref instanceof ContainerObj) {
      // ParameterList / ParameterDict hold their tensors directly.
      for (const [name, t] of ref.items) {
        if (t.kind !== 'tensor' || seen.has(t)) continue;
        const k = interp.parameterTensors.has(t) ? 'parameter' : interp.bufferTensors.has(t) ? 'buffer' : 'tensor';
        if (k === kind) {
          seen.add(t);
          out.push([prefix + name, t]);
        }
      }
    }
    if (ref instanceof InstanceObj) {
      for (const [name, t, k] of ownTensors(interp, ref)) {
        if (k === kind && !seen.has(t)) {
          seen.add(t);
          out.push([prefix + name, t]);
        }
      }
    }
  }
  return out;
}

function typeName(v: Value): string {
  const r = (v as { ref: object }).ref;
  if (r instanceof LayerObj) return r.instance.op.names[0].split('.').pop()!;
  if (r instanceof ContainerObj) return r.kind;
  if (r instanceof FrameworkModuleObj) return r.typeName;
  if (r instanceof InstanceObj) return r.cls.name;
  return '?';
}

/** Tensors held directly as attributes of a user module, with their state_dict kind. */
function ownTensors(interp: Host, inst: InstanceObj): [string, TensorValue, 'parameter' | 'buffer' | 'tensor'][] {
  const out: [string, TensorValue, 'parameter' | 'buffer' | 'tensor'][] = [];
  for (const [name, v] of inst.attrs) {
    if (v.kind !== 'tensor') continue;
    out.push([name, v, interp.parameterTensors.has(v) ? 'parameter' : interp.bufferTensors.has(v) ? 'buffer' : 'tensor']);
  }
  return out;
}

function modelInsight(interp: Interpreter, model: Value): ModelInsight {
  const root = (model as { ref: object }).ref;
  const rows: ModelSummaryRow[] = [];
  const counted = new Set<object>();
  for (const m of namedModules(model)) {
    const ref = (m.value as { ref: object }).ref;
    let own: number | undefined = 0;
    const outputs: Value[] = [];
    if (ref instanceof LayerObj) {
      own = parameterCount(ref.instance);
      outputs.push(...ref.uses.map((u) => u.output));
    }
    if (ref instanceof InstanceObj) {
      if (ref.base) own = parameterCount(ref.base);
      for (const [, t, kind] of ownTensors(interp, ref)) {
        if (kind !== 'parameter' || counted.has(t)) continue;
        counted.add(t);
        const n = t.shape ? numelOf(t.shape) : undefined;
        own = own === undefined || n === undefined ? undefined : own + n;
      }
    }
    // Sub-module outputs of user classes are not tracked per frame; the root's come from its calls.
    if (ref === root) outputs.push(...interp.modelCalls.filter((c) => (c.model as { ref: object }).ref === root).map((c) => c.output));
    rows.push({ path: m.path, type: typeName(m.value), depth: m.depth, outputShapes: distinctShapes(outputs), params: own });
  }
  // The total counts each parameter tensor once, as `model.parameters()` does (tied weights);
  // a sub-module we cannot see (a container a loop of unknown count filled, an attribute from
  // code we cannot follow) makes it unknown rather than too small.
  const hidden = hasHiddenModules(model);
  let total: number | undefined = hidden ? undefined : 0;
  for (const [, t] of namedTensors(interp, model, 'parameter')) {
    const n = t.kind === 'tensor' && t.shape ? numelOf(t.shape) : undefined;
    total = total === undefined || n === undefined ? undefined : total + n;
  }
  return {
    name: typeName(model),
    classRange: root instanceof InstanceObj && !interp.foreign.has(root.cls) ? root.cls.range : undefined,
    constructedAt: (root instanceof InstanceObj || root instanceof ContainerObj || root instanceof FrameworkModuleObj) && !interp.foreign.has(root) ? root.constructedAt : undefined,
    rows,
    totalParams: total,
    ...(fluxDisplay(model)),
    runs: [],
  };
}

function fluxDisplay(model: Value): { display?: string } {
  const display = fluxSummary(model);
  return display === undefined ? {} : { display };
}

/** The first tensor output of each value, each distinct shape once. */
function distinctShapes(values: readonly Value[]): Shape[] {
  const out: Shape[] = [];
  for (const v of values) {
    const s = tensorsIn(v)[0]?.shape;
    if (s && !out.some((x) => sameShape(x, s))) out.push(s);
  }
  return out;
}

function modelRun(interp: Interpreter, call: Interpreter['modelCalls'][number]): ModelRun {
  const modulePaths = new Map<ModuleInstance, string>();
  const tensorPaths = new Map<TensorValue, { path: string; kind: 'parameter' | 'buffer' | 'tensor' }>();
  for (const m of namedModules(call.model)) {
    const ref = (m.value as { ref: object }).ref;
    if (ref instanceof LayerObj) modulePaths.set(ref.instance, m.path);
    if (ref instanceof InstanceObj) {
      if (ref.base) modulePaths.set(ref.base, m.path);
      for (const [name, t, kind] of ownTensors(interp, ref)) {
        if (!tensorPaths.has(t)) tensorPaths.set(t, { path: m.path ? `${m.path}.${name}` : name, kind });
      }
    }
    if (ref instanceof ContainerObj) {
      for (const [name, t] of ref.items) {
        if (t.kind !== 'tensor' || tensorPaths.has(t)) continue;
        const kind = interp.parameterTensors.has(t) ? 'parameter' : interp.bufferTensors.has(t) ? 'buffer' : 'tensor';
        tensorPaths.set(t, { path: m.path ? `${m.path}.${name}` : name, kind });
      }
    }
  }
  const nodes: TraceNode[] = interp.trace.slice(call.traceStart, call.traceEnd);
  return {
    site: call.site,
    inputs: call.inputs,
    output: call.output,
    nodes,
    modulePaths,
    tensorPaths,
    producerOf: (t) => interp.producers.get(t),
    changedInPlace: (t) => interp.changedInPlace.has(t),
  };
}

function isTensor(v: Value): v is TensorValue {
  return v.kind === 'tensor';
}

function tensorsIn(v: Value): TensorValue[] {
  if (v.kind === 'tensor') return [v];
  if (v.kind === 'tuple' || v.kind === 'list') return v.items.flatMap(tensorsIn);
  return [];
}

function numelOf(shape: Shape): number | undefined {
  let n = 1;
  for (const d of shape) {
    if (d.value === undefined) return undefined;
    n *= d.value;
  }
  return n;
}

/** A value as Python would print it in a constructor call. */
export function pythonRepr(v: Value): string {
  switch (v.kind) {
    case 'int': return v.dim.toString();
    case 'float': return Number.isInteger(v.value) ? v.value.toFixed(1) : String(v.value);
    case 'bool': return v.value ? 'True' : 'False';
    case 'str': return `'${v.value}'`;
    case 'none': return 'None';
    case 'tuple': return v.items.length === 1 ? `(${pythonRepr(v.items[0])},)` : `(${v.items.map(pythonRepr).join(', ')})`;
    case 'list': return `[${v.items.map(pythonRepr).join(', ')}]`;
    case 'dtype': return `torch.${v.dtype}`;
    case 'tensor': return 'Tensor';
    default: return '…';
  }
}
