// The `einops` package as the interpreter sees it: `einops` (rearrange, reduce, repeat, pack,
// unpack, einsum, parse_shape) and `einops.layers.torch` (Rearrange, Reduce, EinMix), each an op
// declaration from the registry (engine/ops/einops). einops's own sources are never read.
import type { Value } from '../value';
import { UNKNOWN } from '../value';
import { lookupOp } from '../ops/registry';
import { BuiltinObj, DictObj, OpRefObj, PyModuleObj, obj } from './objects';
import { keyOf } from './pyvalues';

const FUNCTIONS = ['rearrange', 'reduce', 'repeat', 'pack', 'unpack', 'einsum'];
const LAYERS = ['Rearrange', 'Reduce', 'EinMix'];

let shared: Map<string, Value> | undefined;

function opRef(name: string): Value {
  const op = lookupOp(name);
  return op ? obj(new OpRefObj(op, name)) : UNKNOWN;
}

function makeModules(): Map<string, Value> {
  const m = new Map<string, Value>();
  const torchLayers = new Map(LAYERS.map((n) => [n, opRef(`einops.layers.torch.${n}`)]));
  const layersTorch = obj(new PyModuleObj('einops.layers.torch', torchLayers));
  const layers = obj(new PyModuleObj('einops.layers', new Map([['torch', layersTorch]])));
  // parse_shape's dict becomes a Python dict object, so that `**parse_shape(x, 'b _ h w')` and `['h']` work.
  const parseShape = obj(new BuiltinObj('einops.parse_shape', (args, site, host) => {
    const v = host.callOp('einops.parse_shape', args, site);
    if (v.kind !== 'dict') return v;
    const d = new DictObj();
    for (const [k, x] of v.entries) d.entries.set(keyOf(k)!, [k, x]);
    return obj(d);
  }));
  const top = new Map<string, Value>(FUNCTIONS.map((n) => [n, opRef(`einops.${n}`)]));
  top.set('parse_shape', parseShape);
  top.set('layers', layers);
  // `except EinopsError:` only needs the name to exist.
  top.set('EinopsError', obj(new BuiltinObj('einops.EinopsError', () => UNKNOWN)));
  m.set('einops', obj(new PyModuleObj('einops', top)));
  m.set('einops.layers', layers);
  m.set('einops.layers.torch', layersTorch);
  return m;
}

/** The module value for `einops`, `einops.layers` or `einops.layers.torch`; undefined for any other name. */
export function einopsModule(name: string): Value | undefined {
  if (name !== 'einops' && !name.startsWith('einops.')) return undefined;
  return (shared ??= makeModules()).get(name);
}
