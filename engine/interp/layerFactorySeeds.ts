// A norm or activation layer factory a constructor takes with no default (`norm_layer=None`, then
// `self.bn1 = norm_layer(width)`: its model always passes one, timm's res2net and nfnet blocks):
// for a block nothing builds, nn.Identity stands for it, as every such layer keeps its input's shape.
import type { Value } from '../value';
import type { FunctionObj } from './objects';
import { onlyCalls } from './irSearch';
import { resolveTorchAttr } from './torchApi';

/** Names of layer factories: `norm_layer`, `act_layer`, `down_norm_layer`... */
const SHAPE_KEEPING_FACTORY = /^(\w+_)?(norm|act)_layer$/;

/** The constructor arguments to pass as nn.Identity: defaults of None that `__init__` only calls. */
export function shapeKeepingFactories(init: FunctionObj): Record<string, Value> {
  const out: Record<string, Value> = {};
  const body = init.body;
  if (!Array.isArray(body)) return out;
  for (const p of init.params) {
    if (!SHAPE_KEEPING_FACTORY.test(p.name) || init.defaults.get(p.name)?.kind !== 'none') continue;
    if (onlyCalls(body, p.name)) out[p.name] = resolveTorchAttr('torch.nn', 'Identity');
  }
  return out;
}
