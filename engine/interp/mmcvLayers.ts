// OpenMMLab's mmcv layer bricks, as detection and segmentation code imports them (`from mmcv.cnn
// import ConvModule, Linear, build_norm_layer`, `from mmcv.runner import BaseModule, ModuleList`)
// when mmcv is not in the workspace: each brick is the torch layer it builds from its config dict,
// so that a block made of them has shapes. Asked only when an import does not resolve.
// Source: open-mmlab/mmcv, mmcv/cnn/bricks at 838fcad (norm.py: NORM_LAYERS and build_norm_layer,
// `cfg_.setdefault('eps', 1e-5)`, GN built with `num_channels=`), activation.py (the torch
// activations registered under their own names), conv.py (build_conv_layer: None is Conv2d,
// 'Conv' is Conv2d), wrappers.py (Conv2d, Linear, ... subclass the torch layers with the same
// arguments), conv_module.py (ConvModule: conv, norm and activation in its `order`; `bias='auto'` is
// `norm_cfg is None`; a norm before the conv normalises the input channels).
// A config whose type is not a torch layer here (a plugin, 'DCNv2', 'Swish') gives Unknown.
import type { Value } from '../value';
import { NONE, UNKNOWN } from '../value';
import { BuiltinObj, DictObj, PyModuleObj, obj, refOf, type CallArgs } from './objects';
import { bool, str, tupleOf } from './pyvalues';
import type { Range } from './ir';
import type { Host } from './host';
import { resolveTorchAttr } from './torchApi';

const NORMS: Readonly<Record<string, readonly [string, string]>> = {
  BN: ['BatchNorm2d', 'bn'], BN1d: ['BatchNorm1d', 'bn'], BN2d: ['BatchNorm2d', 'bn'], BN3d: ['BatchNorm3d', 'bn'],
  SyncBN: ['SyncBatchNorm', 'bn'], GN: ['GroupNorm', 'gn'], LN: ['LayerNorm', 'ln'],
  IN: ['InstanceNorm2d', 'in'], IN1d: ['InstanceNorm1d', 'in'], IN2d: ['InstanceNorm2d', 'in'], IN3d: ['InstanceNorm3d', 'in'],
};
const ACTIVATIONS = new Set(['ReLU', 'LeakyReLU', 'PReLU', 'RReLU', 'ReLU6', 'ELU', 'Sigmoid', 'Tanh', 'GELU', 'SiLU']);
const CONVS: Readonly<Record<string, string>> = { Conv: 'Conv2d', Conv1d: 'Conv1d', Conv2d: 'Conv2d', Conv3d: 'Conv3d' };
/** The wrappers (wrappers.py) that are their torch layer for shapes. */
const WRAPPERS = ['Conv2d', 'Conv3d', 'ConvTranspose2d', 'ConvTranspose3d', 'MaxPool2d', 'MaxPool3d', 'Linear'];

/** A config dict's entries by string key, or undefined when it is not a dict known in full. */
function cfgOf(v: Value | undefined): Map<string, Value> | undefined {
  const d = v ? refOf(v, DictObj) : undefined;
  if (!d || d.open || d.maybe) return undefined;
  const out = new Map<string, Value>();
  for (const [k, val] of d.entries.values()) {
    if (k.kind !== 'str') return undefined;
    out.set(k.value, val);
  }
  return out;
}

function torchLayer(name: string, args: readonly Value[], kwargs: Record<string, Value>, site: Range, host: Host): Value {
  const layer = resolveTorchAttr('torch.nn', name);
  return layer.kind === 'unknown' ? UNKNOWN : host.call(layer, { args, kwargs }, site);
}

/** The config's type and its other entries as keywords, or undefined when the type is not a string. */
function typeAndRest(cfg: Map<string, Value>): [string, Record<string, Value>] | undefined {
  const t = cfg.get('type');
  if (t?.kind !== 'str') return undefined;
  const rest: Record<string, Value> = {};
  for (const [k, v] of cfg) if (k !== 'type') rest[k] = v;
  return [t.value, rest];
}

/** build_norm_layer(cfg, num_features, postfix=''): (name, layer). */
function buildNorm(cfgValue: Value | undefined, features: Value | undefined, postfix: Value | undefined, site: Range, host: Host): Value {
  const cfg = cfgOf(cfgValue);
  const tr = cfg && typeAndRest(cfg);
  const norm = tr && NORMS[tr[0]];
  if (!tr || !norm || !features) return UNKNOWN;
  const [, rest] = tr;
  delete rest.requires_grad;
  rest.eps ??= { kind: 'float', value: 1e-5 };
  const layer = tr[0] === 'GN'
    ? ('num_groups' in rest ? torchLayer(norm[0], [], { ...rest, num_channels: features }, site, host) : UNKNOWN)
    : torchLayer(norm[0], [features], rest, site, host);
  const fix = postfix?.kind === 'str' ? postfix.value : postfix?.kind === 'int' && postfix.dim.value !== undefined ? String(postfix.dim.value) : postfix ? undefined : '';
  return tupleOf([fix === undefined ? UNKNOWN : str(norm[1] + fix), layer]);
}

function buildActivation(cfgValue: Value | undefined, site: Range, host: Host): Value {
  const cfg = cfgOf(cfgValue);
  const tr = cfg && typeAndRest(cfg);
  return tr && ACTIVATIONS.has(tr[0]) ? torchLayer(tr[0], [], tr[1], site, host) : UNKNOWN;
}

function buildConv(cfgValue: Value | undefined, args: readonly Value[], kwargs: Record<string, Value>, site: Range, host: Host): Value {
  let type = 'Conv2d';
  let rest: Record<string, Value> = {};
  if (cfgValue && cfgValue.kind !== 'none') {
    const cfg = cfgOf(cfgValue);
    const tr = cfg && typeAndRest(cfg);
    if (!tr || !CONVS[tr[0]]) return UNKNOWN;
    [type, rest] = [CONVS[tr[0]], tr[1]];
  }
  return torchLayer(type, args, { ...rest, ...kwargs }, site, host);
}

const CONV_MODULE_PARAMS = ['in_channels', 'out_channels', 'kernel_size', 'stride', 'padding', 'dilation', 'groups', 'bias',
  'conv_cfg', 'norm_cfg', 'act_cfg', 'inplace', 'with_spectral_norm', 'padding_mode', 'order'];

/** ConvModule(...): the Sequential of its conv, norm and activation, in its `order`. */
function convModule({ args, kwargs }: CallArgs, site: Range, host: Host): Value {
  if (args.length > CONV_MODULE_PARAMS.length || Object.keys(kwargs).some((k) => !CONV_MODULE_PARAMS.includes(k))) return UNKNOWN;
  const a: Record<string, Value> = { ...kwargs };
  args.forEach((v, i) => { a[CONV_MODULE_PARAMS[i]] = v; });
  if (!a.in_channels || !a.out_channels || !a.kernel_size) return UNKNOWN;
  // The order, a permutation of the three (conv_module.py asserts it).
  const order = a.order ? (a.order.kind === 'tuple' ? a.order.items.map((x) => (x.kind === 'str' ? x.value : '')) : []) : ['conv', 'norm', 'act'];
  if (order.length !== 3 || !['conv', 'norm', 'act'].every((n) => order.includes(n))) return UNKNOWN;
  // A padding layer of its own or spectral norm: not this simple chain.
  if (a.padding_mode && !(a.padding_mode.kind === 'str' && (a.padding_mode.value === 'zeros' || a.padding_mode.value === 'circular'))) return UNKNOWN;
  if (a.with_spectral_norm && !(a.with_spectral_norm.kind === 'bool' && !a.with_spectral_norm.value)) return UNKNOWN;
  const normCfg = a.norm_cfg ?? NONE;
  const actCfg = a.act_cfg ?? dictOf([['type', str('ReLU')]]);
  if (normCfg.kind !== 'none' && !cfgOf(normCfg)) return UNKNOWN;
  if (actCfg.kind !== 'none' && !cfgOf(actCfg)) return UNKNOWN;
  let bias = a.bias ?? str('auto');
  if (bias.kind === 'str' && bias.value === 'auto') bias = bool(normCfg.kind === 'none');
  const convKw: Record<string, Value> = { bias };
  for (const k of ['stride', 'padding', 'dilation', 'groups', 'padding_mode']) if (a[k]) convKw[k] = a[k];
  const layers: Value[] = [];
  for (const step of order) {
    if (step === 'conv') layers.push(buildConv(a.conv_cfg, [a.in_channels, a.out_channels, a.kernel_size], convKw, site, host));
    else if (step === 'norm' && normCfg.kind !== 'none') {
      // A norm after the conv normalises its output channels, one before it the input's.
      const built = buildNorm(normCfg, order.indexOf('norm') > order.indexOf('conv') ? a.out_channels : a.in_channels, undefined, site, host);
      layers.push(built.kind === 'tuple' ? built.items[1] : UNKNOWN);
    } else if (step === 'act' && actCfg.kind !== 'none') {
      const cfg = cfgOf(actCfg)!;
      const type = cfg.get('type');
      if (type?.kind === 'str' && !['Tanh', 'PReLU', 'Sigmoid', 'HSigmoid', 'Swish', 'GELU'].includes(type.value) && !cfg.has('inplace')) cfg.set('inplace', a.inplace ?? bool(true));
      layers.push(buildActivation(dictOf([...cfg]), site, host));
    }
  }
  if (layers.some((l) => l.kind === 'unknown')) return UNKNOWN;
  return host.call(resolveTorchAttr('torch.nn', 'Sequential'), { args: layers, kwargs: {} }, site);
}

function dictOf(entries: readonly (readonly [string, Value])[]): Value {
  const d = new DictObj();
  for (const [k, v] of entries) d.entries.set(`s:${k}`, [str(k), v]);
  return obj(d);
}

/** mmcv.runner's containers: torch's, with an `init_cfg` keyword that only initialisation reads. */
function container(name: string): Value {
  return obj(new BuiltinObj(`mmcv.runner.${name}`, (args: CallArgs, site: Range, host: Host) => {
    const { init_cfg: _init, ...kwargs } = args.kwargs;
    return host.call(resolveTorchAttr('torch.nn', name), { ...args, kwargs }, site);
  }));
}

function cnnAttrs(): Map<string, Value> {
  const m = new Map<string, Value>();
  for (const w of WRAPPERS) m.set(w, resolveTorchAttr('torch.nn', w));
  m.set('build_norm_layer', obj(new BuiltinObj('mmcv.cnn.build_norm_layer', ({ args, kwargs }, site, host) =>
    buildNorm(args[0] ?? kwargs.cfg, args[1] ?? kwargs.num_features, args[2] ?? kwargs.postfix, site, host))));
  m.set('build_activation_layer', obj(new BuiltinObj('mmcv.cnn.build_activation_layer', ({ args, kwargs }, site, host) =>
    buildActivation(args[0] ?? kwargs.cfg, site, host))));
  m.set('build_conv_layer', obj(new BuiltinObj('mmcv.cnn.build_conv_layer', ({ args, kwargs }, site, host) => {
    const { cfg, ...rest } = kwargs;
    return args.length > 0 ? buildConv(args[0], args.slice(1), rest, site, host) : buildConv(cfg, [], rest, site, host);
  })));
  m.set('ConvModule', obj(new BuiltinObj('mmcv.cnn.ConvModule', convModule)));
  return m;
}

let shared: Map<string, Value> | undefined;

function makeModules(): Map<string, Value> {
  const mods = new Map<string, Value>();
  const cnn = cnnAttrs();
  for (const p of ['mmcv.cnn', 'mmcv.cnn.bricks']) mods.set(p, obj(new PyModuleObj(p, cnn)));
  const submodules: Readonly<Record<string, readonly string[]>> = {
    norm: ['build_norm_layer'], activation: ['build_activation_layer'], conv: ['build_conv_layer'],
    conv_module: ['ConvModule'], wrappers: WRAPPERS,
  };
  for (const [sub, names] of Object.entries(submodules)) {
    const p = `mmcv.cnn.bricks.${sub}`;
    mods.set(p, obj(new PyModuleObj(p, new Map(names.map((n) => [n, cnn.get(n)!])))));
  }
  const runner = new Map<string, Value>(['Sequential', 'ModuleList', 'ModuleDict'].map((n) => [n, container(n)]));
  for (const p of ['mmcv.runner', 'mmcv.runner.base_module']) mods.set(p, obj(new PyModuleObj(p, runner)));
  // mmcv/utils/misc.py `_ntuple(n)`: an iterable as it is (a list stays a list, a string a string), anything else repeated n times.
  const utils = new Map<string, Value>();
  for (const n of [1, 2, 3, 4]) {
    utils.set(`to_${n}tuple`, obj(new BuiltinObj(`mmcv.utils.to_${n}tuple`, ({ args }) => {
      const x = args[0];
      if (!x) return UNKNOWN;
      if (x.kind === 'tuple' || (x.kind === 'list' && !x.open) || x.kind === 'str') return x;
      if (x.kind === 'int' || x.kind === 'float' || x.kind === 'bool' || x.kind === 'none') return tupleOf(Array(n).fill(x));
      return UNKNOWN;
    })));
  }
  mods.set('mmcv.utils', obj(new PyModuleObj('mmcv.utils', utils)));
  return mods;
}

/** A stand-in for an mmcv module the workspace does not hold; undefined for any other name. */
export function mmcvFallbackModule(name: string): Value | undefined {
  if (!name.startsWith('mmcv.')) return undefined;
  return (shared ??= makeModules()).get(name);
}
