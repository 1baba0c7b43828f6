// detectron2's layer wrappers, as detection and segmentation code built on it imports them (`from
// detectron2.layers import Conv2d, ShapeSpec, get_norm` in Mask2Former's pixel decoders and
// transformer decoders) when detectron2 is not in the workspace. Asked only when an import does not
// resolve. Source: facebookresearch/detectron2 at d0d538a, detectron2/layers/batch_norm.py get_norm
// (None or "" is no norm; "BN" BatchNorm2d, "SyncBN" nn.SyncBatchNorm, "GN" GroupNorm(32, C); a
// callable is called with the channels) and detectron2/layers/wrappers.py (Conv2d is torch's with
// `norm=` and `activation=` keywords, applied after the convolution in that order;
// ConvTranspose2d and Linear are torch's).
// "FrozenBN" and "LN" (detectron2's own layers) and an activation that is not a torch activation
// give Unknown.
import type { Value } from '../value';
import { NONE, UNKNOWN } from '../value';
import { BuiltinObj, OpRefObj, PyModuleObj, isModuleLike, obj, refOf, type CallArgs } from './objects';
import { int } from './pyvalues';
import type { Range } from './ir';
import type { Host } from './host';
import { resolveTorchAttr } from './torchApi';

/** get_norm's names that are torch layers here; GN is built with 32 groups. */
const NORMS: Readonly<Record<string, string>> = { BN: 'BatchNorm2d', SyncBN: 'SyncBatchNorm', nnSyncBN: 'SyncBatchNorm', naiveSyncBN: 'BatchNorm2d', GN: 'GroupNorm' };

/** torch's functional activations a Conv2d's `activation=` names, as the layer that applies them (same shapes, same numbers). */
const ACTIVATION_LAYERS: Readonly<Record<string, string>> = {
  'torch.nn.functional.relu': 'ReLU', 'torch.relu': 'ReLU', 'torch.nn.functional.gelu': 'GELU', 'torch.nn.functional.silu': 'SiLU',
  'torch.sigmoid': 'Sigmoid', 'torch.nn.functional.sigmoid': 'Sigmoid', 'torch.tanh': 'Tanh', 'torch.nn.functional.tanh': 'Tanh',
  'torch.nn.functional.relu6': 'ReLU6', 'torch.nn.functional.leaky_relu': 'LeakyReLU', 'torch.nn.functional.elu': 'ELU',
};

function torchLayer(name: string, args: readonly Value[], kwargs: Record<string, Value>, site: Range, host: Host): Value {
  const layer = resolveTorchAttr('torch.nn', name);
  return layer.kind === 'unknown' ? UNKNOWN : host.call(layer, { args, kwargs }, site);
}

/** get_norm(norm, out_channels): the norm layer, None for none, Unknown for one not known here. */
function getNorm(norm: Value | undefined, channels: Value | undefined, site: Range, host: Host): Value {
  if (!norm || !channels) return UNKNOWN;
  if (norm.kind === 'none' || (norm.kind === 'str' && norm.value === '')) return NONE;
  if (norm.kind === 'str') {
    const layer = NORMS[norm.value];
    if (!layer) return UNKNOWN;
    return layer === 'GroupNorm' ? torchLayer(layer, [int(32), channels], {}, site, host) : torchLayer(layer, [channels], {}, site, host);
  }
  // A norm class or factory of the code's own (`lambda c: nn.GroupNorm(8, c)`).
  return norm.kind === 'object' ? host.call(norm, { args: [channels], kwargs: {} }, site) : UNKNOWN;
}

/** An activation as a module: a module as it is, a torch functional activation as its layer. */
function activationModule(act: Value, site: Range, host: Host): Value {
  if (isModuleLike(act)) return act;
  const op = refOf(act, OpRefObj);
  const layer = op && ACTIVATION_LAYERS[op.name];
  return layer ? torchLayer(layer, [], {}, site, host) : UNKNOWN;
}

/** Conv2d(*args, norm=None, activation=None, **kwargs): the convolution, then its norm and activation. */
function conv2d({ args, kwargs }: CallArgs, site: Range, host: Host): Value {
  const { norm = NONE, activation = NONE, ...rest } = kwargs;
  const conv = torchLayer('Conv2d', args, rest, site, host);
  if (norm.kind === 'none' && activation.kind === 'none') return conv;
  const layers = [conv];
  if (norm.kind !== 'none') layers.push(isModuleLike(norm) ? norm : UNKNOWN);
  if (activation.kind !== 'none') layers.push(activationModule(activation, site, host));
  if (layers.some((l) => !isModuleLike(l))) return UNKNOWN;
  return host.call(resolveTorchAttr('torch.nn', 'Sequential'), { args: layers, kwargs: {} }, site);
}

let shared: Map<string, Value> | undefined;

function makeModules(): Map<string, Value> {
  const attrs = new Map<string, Value>();
  attrs.set('Conv2d', obj(new BuiltinObj('detectron2.layers.Conv2d', conv2d)));
  for (const n of ['ConvTranspose2d', 'BatchNorm2d', 'Linear']) attrs.set(n, resolveTorchAttr('torch.nn', n));
  attrs.set('get_norm', obj(new BuiltinObj('detectron2.layers.get_norm', ({ args, kwargs }, site, host) =>
    getNorm(args[0] ?? kwargs.norm, args[1] ?? kwargs.out_channels, site, host))));
  const mods = new Map<string, Value>();
  mods.set('detectron2.layers', obj(new PyModuleObj('detectron2.layers', attrs)));
  const sub = (p: string, names: readonly string[]): void => void mods.set(p, obj(new PyModuleObj(p, new Map(names.map((n) => [n, attrs.get(n)!])))));
  sub('detectron2.layers.wrappers', ['Conv2d', 'ConvTranspose2d', 'BatchNorm2d', 'Linear']);
  sub('detectron2.layers.batch_norm', ['get_norm']);
  return mods;
}

/** A stand-in for a detectron2 layers module the workspace does not hold; undefined for any other name. */
export function detectron2FallbackModule(name: string): Value | undefined {
  if (!name.startsWith('detectron2.layers')) return undefined;
  return (shared ??= makeModules()).get(name);
}
