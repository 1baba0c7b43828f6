// nn.utils.weight_norm / spectral_norm (and their torch.nn.utils.parametrizations forms, and the
// remove_* that undo them) give back the module they were given, whose forward keeps its shapes
// (GAN discriminators' `spectral_norm(nn.Conv2d(...))`, PixelSNAIL's `weight_norm(...)`).
// spectral_norm keeps the parameter count (`weight_orig` for `weight`, u and v are buffers);
// weight_norm adds `weight_g`, which the module's declaration does not describe: its count is
// left unknown rather than told wrong.
import type { Value } from '../value';
import { UNKNOWN } from '../value';
import { InstanceObj, LayerObj, type CallArgs } from './objects';

const ADDS_PARAMETERS = new Set(['torch.nn.utils.weight_norm', 'torch.nn.utils.parametrizations.weight_norm']);

export const WEIGHT_REPARAMETRIZATIONS = [
  ...ADDS_PARAMETERS, 'torch.nn.utils.spectral_norm', 'torch.nn.utils.parametrizations.spectral_norm',
  'torch.nn.utils.remove_weight_norm', 'torch.nn.utils.remove_spectral_norm',
];

/** The module argument of `name` (one of WEIGHT_REPARAMETRIZATIONS), its parameters marked where they change. */
export function reparametrized(name: string, { args, kwargs }: CallArgs): Value {
  const m = args[0] ?? kwargs.module;
  const ref = m?.kind === 'object' ? m.ref : undefined;
  const adds = ADDS_PARAMETERS.has(name) || name === 'torch.nn.utils.remove_weight_norm';
  if (ref instanceof LayerObj) {
    if (adds && !ref.instance.paramsGuessed) ref.instance = { ...ref.instance, paramsGuessed: true };
    return m!;
  }
  if (ref instanceof InstanceObj && !ref.containerKind) {
    if (adds) ref.unknownChildren = true;
    return m!;
  }
  return UNKNOWN;
}
