// The `Flux`, `NNlib`, `MLUtils` and `Functors` modules as Julia code sees them: layers are the op
// declarations (engine/ops/flux) as values, containers are built here (fluxContainers.ts), and
// NNlib's functions apply their declarations to arrays. `using Flux` brings every name into scope.
// `Flux.@layer S` is a module base: a struct it marks counts as a model in summaries.
import { Dim } from '../shape/dim';
import type { Value } from '../value';
import { NONE, UNKNOWN } from '../value';
import { lookupOp } from '../ops/registry';
import { SAME_PAD, fluxTensor } from '../ops/flux/julia';
import { ACTIVATION_NAMES } from '../ops/flux/nnlib';
import type { Range } from './ir';
import type { Host } from './host';
import { BuiltinObj, DictObj, FrameworkModuleObj, LayerObj, OpRefObj, PyModuleObj, obj, refOf, type CallArgs } from './objects';
import { int, listOf, tupleOf } from './pyvalues';
import { FluxChain, FluxLazyLayer, FluxParallel, FluxSkipConnection, stripLazy, type Layers } from './fluxContainers';
import { asArray, creation, sizeOf } from './juliaArrays';
import { namedTupleItems } from './juliaValues';

type Impl = (args: CallArgs, site: Range, host: Host) => Value;
const builtin = (name: string, call: Impl, moduleBase = false): Value => obj(new BuiltinObj(name, call, moduleBase));

/** Flux's layers, by the name Julia code writes. */
export const FLUX_LAYERS = [
  'Dense', 'Embedding', 'Conv', 'CrossCor', 'DepthwiseConv', 'ConvTranspose', 'MaxPool', 'MeanPool', 'AdaptiveMaxPool', 'AdaptiveMeanPool',
  'GlobalMaxPool', 'GlobalMeanPool', 'BatchNorm', 'LayerNorm', 'Dropout', 'RNN', 'LSTM', 'GRU',
] as const;

/** A container made by code of another file is remembered as foreign (its ranges are not ours). */
function made(host: Host, c: FrameworkModuleObj): Value {
  if (host.inForeignCode) host.foreign.add(c);
  return obj(c);
}

/** Apply an NNlib/Flux function declaration to an array argument; anything else has no value here. */
function arrayFunction(opName: string, juliaName: string): Value {
  return builtin(juliaName, ({ args, kwargs }, site, host) => {
    const x = asArray(args[0]);
    if (!x || args.length !== 1) return UNKNOWN;
    return host.callOp(opName, { args: [x], kwargs }, site);
  });
}

/** `Chain(layers...)`, `Chain(name = layer, ...)`, `Chain([layers...])`. */
const chain = builtin('Chain', ({ args, kwargs }, site, host) => {
  const names = Object.keys(kwargs);
  if (names.length > 0) {
    if (args.length > 0 || names.includes('layers')) return UNKNOWN;
    return made(host, new FluxChain(names.map((k) => [k, kwargs[k]]), true, site));
  }
  const items = args.length === 1 && args[0].kind === 'list' ? args[0].items : args;
  return made(host, new FluxChain(items.map((v, i) => [String(i + 1), v]), false, site));
});

/** `Parallel(connection, layers...)`, `Parallel(connection; name = layer, ...)`. */
const parallel = builtin('Parallel', ({ args, kwargs }, site, host) => {
  const [connection, ...rest] = args;
  if (!connection) return UNKNOWN;
  const names = Object.keys(kwargs);
  if (names.length > 0 && rest.length > 0) return UNKNOWN;
  const layers: Layers = names.length > 0 ? names.map((k) => [k, kwargs[k]]) : rest.map((v, i) => [String(i + 1), v]);
  if (layers.length === 0) return UNKNOWN;
  return made(host, new FluxParallel(connection, layers, names.length > 0, site));
});

const skipConnection = builtin('SkipConnection', ({ args }, site, host) => {
  const [layers, connection] = args;
  if (!layers || !connection || args.length !== 2) return UNKNOWN;
  return made(host, new FluxSkipConnection(layers, connection, site));
});

/** `Flux.outputsize(m, (28, 28, 1, 32); padbatch=false)`: the size of `m`'s output for that input. */
const outputsize = builtin('outputsize', ({ args, kwargs }, site, host) => {
  const [m, ...sizes] = args;
  if (!m || sizes.length === 0) return UNKNOWN;
  const pad = kwargs.padbatch?.kind === 'bool' && kwargs.padbatch.value;
  const inputs: Value[] = [];
  for (const s of sizes) {
    if (s.kind !== 'tuple' || s.items.some((d) => d.kind !== 'int')) return UNKNOWN;
    const dims = s.items.map((d) => (d as { dim: Dim }).dim);
    inputs.push(fluxTensor(pad ? [...dims, Dim.of(1)] : dims, 'float32'));
  }
  const layers = m.kind === 'tuple' || m.kind === 'list' ? m.items : [m];
  let y: Value = inputs.length === 1 ? inputs[0] : tupleOf(inputs);
  for (const f of layers) y = host.call(f, { args: [y], kwargs: {} }, site);
  return sizeOf(y);
});

/** `@autosize (size...) model`: run once on an input of that size to make its lazy layers, then strip them. */
const autosize = builtin('@autosize', ({ args }, site, host) => {
  const [size, model] = args;
  if (!size || !model || size.kind !== 'tuple' || size.items.some((d) => d.kind !== 'int')) return UNKNOWN;
  const x = fluxTensor(size.items.map((d) => (d as { dim: Dim }).dim), 'float32');
  const y = host.call(model, { args: [x], kwargs: {} }, site);
  if (y.kind === 'unknown') return UNKNOWN;
  return stripLazy(model);
});

/** `#lazy(text, make)`: the frontend's lowering of a constructor call with `_` inside `@autosize`. */
export const lazyLayer = builtin('#lazy', ({ args }, site, host) => {
  const [text, make] = args;
  if (!text || text.kind !== 'str' || !make) return UNKNOWN;
  return made(host, new FluxLazyLayer(text.value, make, site));
});

/**
 * `autosizefor(Layer, x)` (outputsize.jl:264-267): the channel dimension `size(x, max(1, ndims(x)-1))`,
 * but the first dimension for Dense, Embedding and LayerNorm.
 */
export const autosizeFor = builtin('#autosizefor', ({ args }) => {
  const [layer, x] = args;
  const t = asArray(x);
  if (!t || !t.shape) return UNKNOWN;
  const op = layer ? refOf(layer, OpRefObj) : undefined;
  const first = op && ['Flux.Dense', 'Flux.Embedding', 'Flux.LayerNorm'].includes(op.op.names[0]);
  const d = first ? 1 : Math.max(1, t.shape.length - 1);
  return int(t.shape[d - 1]);
});

/** `onehotbatch(data, labels)`: a Bool (length(labels), size(data)...) array. */
const onehotbatch = builtin('onehotbatch', ({ args }, _site, host) => {
  const [data, labels] = args;
  if (!data || !labels) return UNKNOWN;
  const nLabels = labels.kind === 'str' ? labels.value.length : host.iterate(labels)?.length;
  if (nLabels === undefined) return UNKNOWN;
  const t = asArray(data);
  const dims = t?.shape ?? (data.kind === 'str' ? [Dim.of(data.value.length)] : data.kind === 'list' || data.kind === 'tuple' ? [Dim.of(data.items.length)] : undefined);
  return dims ? fluxTensor([Dim.of(nLabels), ...dims], 'bool') : UNKNOWN;
});

const onehot = builtin('onehot', ({ args }, _site, host) => {
  const labels = args[1];
  const n = labels ? (labels.kind === 'str' ? labels.value.length : host.iterate(labels)?.length) : undefined;
  return n === undefined ? UNKNOWN : fluxTensor([n], 'bool');
});

/** `onecold(y)`: the index of the largest entry of each column, (size(y)[2:end]...). */
const onecold = builtin('onecold', ({ args }) => {
  const t = asArray(args[0]);
  if (!t || !t.shape || t.shape.length < 2) return UNKNOWN;
  return fluxTensor(t.shape.slice(1), 'int64');
});

const passThrough = (name: string): Value => builtin(name, ({ args }) => args[0] ?? UNKNOWN);
const opaque = (name: string): Value => builtin(name, () => UNKNOWN);

/** NNlib's exported functions (and aliases) as Flux code uses them. */
function nnlibAttrs(): Map<string, Value> {
  const m = new Map<string, Value>();
  for (const n of ACTIVATION_NAMES) m.set(n, arrayFunction(`NNlib.${n}`, n));
  m.set('sigmoid', m.get('σ')!);
  m.set('logsigmoid', m.get('logσ')!);
  m.set('hardsigmoid', m.get('hardσ')!);
  m.set('gelu', m.get('gelu_tanh')!);
  m.set('thresholdrelu', m.get('trelu')!);
  m.set('softmax', arrayFunction('NNlib.softmax', 'softmax'));
  m.set('logsoftmax', arrayFunction('NNlib.logsoftmax', 'logsoftmax'));
  for (const n of ['batched_mul', 'conv', 'maxpool', 'meanpool', 'upsample_nearest', 'pad_zeros', 'dropout']) m.set(n, opaque(n));
  return m;
}

function mlutilsAttrs(): Map<string, Value> {
  return new Map<string, Value>([
    ['flatten', arrayFunction('MLUtils.flatten', 'MLUtils.flatten')],
    ['DataLoader', opaque('DataLoader')], ['mapobs', opaque('mapobs')], ['splitobs', opaque('splitobs')], ['shuffleobs', opaque('shuffleobs')],
  ]);
}

const LOSSES = [
  'mse', 'mae', 'msle', 'huber_loss', 'crossentropy', 'logitcrossentropy', 'binarycrossentropy', 'logitbinarycrossentropy', 'kldivergence',
  'poisson_loss', 'hinge_loss', 'squared_hinge_loss', 'dice_coeff_loss', 'tversky_loss', 'focal_loss', 'binary_focal_loss', 'siamese_contrastive_loss',
];

let fluxShared: Map<string, Value> | undefined;

function fluxAttrs(): Map<string, Value> {
  if (fluxShared) return fluxShared;
  const m = new Map<string, Value>(nnlibAttrs());
  for (const n of FLUX_LAYERS) {
    const op = lookupOp(`Flux.${n}`);
    if (op) m.set(n, obj(new OpRefObj(op, n)));
  }
  m.set('Chain', chain);
  m.set('Parallel', parallel);
  m.set('SkipConnection', skipConnection);
  m.set('SamePad', builtin('SamePad', () => obj(SAME_PAD)));
  // Not exported by Flux 0.16, so Flux prints it with its module (`Flux.flatten`).
  m.set('flatten', arrayFunction('Flux.flatten', 'Flux.flatten'));
  m.set('outputsize', outputsize);
  m.set('@autosize', autosize);
  // `@layer` and `@functor` mark a struct as a layer: as a base, they make it a module.
  m.set('@layer', builtin('@layer', () => NONE, true));
  m.set('@functor', builtin('@functor', () => NONE, true));
  for (const [n, t] of [['rand32', 'rand'], ['randn32', 'randn'], ['zeros32', 'zeros'], ['ones32', 'ones']] as const) {
    m.set(n, builtin(n, ({ args }) => creation(t, args, 'float32')));
  }
  for (const n of ['f32', 'f64', 'f16', 'cpu', 'gpu', 'testmode!', 'trainmode!', 'fmap']) m.set(n, passThrough(n));
  m.set('onehotbatch', onehotbatch);
  m.set('onehot', onehot);
  m.set('onecold', onecold);
  for (const n of [
    'params', 'trainables', 'state', 'setup', 'train!', 'gradient', 'withgradient', 'update!', 'Adam', 'AdamW', 'Descent', 'Momentum', 'RMSProp',
    'OptimiserChain', 'WeightDecay', 'ClipGrad', 'ClipNorm', 'glorot_uniform', 'glorot_normal', 'kaiming_uniform', 'kaiming_normal',
    'truncated_normal', 'orthogonal', 'identity_init', 'loadmodel!', 'destructure', 'DataLoader', 'gpu_device', 'cpu_device', 'reactant_device',
  ]) m.set(n, opaque(n));
  const losses = new Map<string, Value>(LOSSES.map((n) => [n, opaque(n)]));
  m.set('Losses', obj(new PyModuleObj('Flux.Losses', losses)));
  m.set('MLUtils', obj(new PyModuleObj('MLUtils', mlutilsAttrs())));
  m.set('NNlib', obj(new PyModuleObj('NNlib', nnlibAttrs())));
  fluxShared = m;
  return m;
}

const MODULES: Readonly<Record<string, () => Map<string, Value>>> = {
  Flux: fluxAttrs,
  NNlib: nnlibAttrs,
  MLUtils: mlutilsAttrs,
  Functors: () => new Map([['@functor', fluxAttrs().get('@functor')!], ['fmap', passThrough('fmap')]]),
  'Flux.Losses': () => new Map(LOSSES.map((n) => [n, opaque(n)])),
  OneHotArrays: () => new Map([['onehotbatch', onehotbatch], ['onehot', onehot], ['onecold', onecold]]),
  Optimisers: () => new Map(['Adam', 'AdamW', 'Descent', 'setup', 'update!', 'destructure'].map((n) => [n, opaque(n)])),
  Zygote: () => new Map(['gradient', 'withgradient', 'pullback'].map((n) => [n, opaque(n)])),
};

const modules = new Map<string, Value>();

/** The module provider for knownModules.ts: Flux and the packages Flux code imports beside it. */
export function fluxModule(name: string): Value | undefined {
  const make = MODULES[name];
  if (!make) return undefined;
  let m = modules.get(name);
  if (!m) modules.set(name, (m = obj(new PyModuleObj(name, make()))));
  return m;
}

/** A Flux container's layers as Julia's `m.layers` gives them (a tuple, or a NamedTuple when named). */
export function containerLayers(v: Value): Value | undefined {
  const r = v.kind === 'object' ? v.ref : undefined;
  if (r instanceof FluxChain || r instanceof FluxParallel) {
    if (!r.named) return tupleOf(r.layers.map(([, l]) => l));
    const d = new DictObj();
    for (const [k, l] of r.layers) d.entries.set(`s:${k}`, [{ kind: 'str', value: k }, l]);
    return obj(d);
  }
  if (r instanceof FluxSkipConnection) return r.layers;
  return undefined;
}

/** `m[i]` / `m[:name]` / `m[1:2]` on a Chain or Parallel (1-based). */
export function containerIndex(host: Host, v: Value, index: Value, site: Range): Value | undefined {
  const r = v.kind === 'object' ? v.ref : undefined;
  if (!(r instanceof FluxChain || r instanceof FluxParallel)) return undefined;
  if (index.kind === 'str') return r.layers.find(([k]) => k === index.value)?.[1] ?? UNKNOWN;
  if (index.kind === 'int') {
    const i = index.dim.value;
    return i === undefined ? UNKNOWN : r.layers[i - 1]?.[1] ?? UNKNOWN;
  }
  if (index.kind === 'list' && r instanceof FluxChain) {
    const picked: Layers = [];
    for (const it of index.items) {
      const i = it.kind === 'int' ? it.dim.value : undefined;
      const item = i === undefined ? undefined : r.layers[i - 1];
      if (!item) return UNKNOWN;
      picked.push(r.named ? item : [String(picked.length + 1), item[1]]);
    }
    return made(host, new FluxChain(picked, r.named, site));
  }
  return UNKNOWN;
}

/** A Flux layer's field (`d.weight`, `c.bias`) as Julia reads it: parameters are Flux arrays. */
export function layerField(host: Host, v: Value, name: string): Value | undefined {
  const layer = refOf(v, LayerObj);
  if (!layer || !layer.instance.op.names[0].startsWith('Flux.')) return undefined;
  const t = host.layerTensor(layer.instance, name);
  if (t && t.kind === 'tensor') return { ...t, framework: 'flux' };
  return undefined;
}

export { listOf, namedTupleItems };
