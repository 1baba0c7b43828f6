// The few timm helpers that model files everywhere import when timm itself is not in the
// workspace (`from timm.models.layers import DropPath, to_2tuple, trunc_normal_` in every Swin
// and ViT copy): without them an image size is unknown and so is every window after it; and its
// model builder, for model files copied out of timm. Asked only
// when an import does not resolve, so a workspace that holds timm's sources reads those.
import type { Value } from '../value';
import { UNKNOWN } from '../value';
import { lookupOp } from '../ops/registry';
import { BuiltinObj, OpRefObj, PyModuleObj, obj } from './objects';
import { tupleOf } from './pyvalues';
import { timmBuild } from './timmBuilder';

/** `to_ntuple(n)(x)`: a sequence as a tuple, anything else but a string repeated n times. */
function ntuple(name: string, n: number): Value {
  return obj(new BuiltinObj(name, ({ args }) => {
    const x = args[0];
    if (!x) return UNKNOWN;
    if (x.kind === 'tuple' || (x.kind === 'list' && !x.open)) return tupleOf(x.items);
    if (x.kind === 'int' || x.kind === 'float' || x.kind === 'bool' || x.kind === 'none') return tupleOf(Array(n).fill(x));
    return UNKNOWN;
  }));
}

function makeHelpers(path: string): Map<string, Value> {
  const m = new Map<string, Value>();
  for (const n of [1, 2, 3, 4]) m.set(`to_${n}tuple`, ntuple(`${path}.to_${n}tuple`, n));
  const makeN = ({ args }: { readonly args: readonly Value[] }): Value => {
    const n = args[0]?.kind === 'int' ? args[0].dim.value : undefined;
    return n !== undefined && n >= 0 && n <= 8 ? ntuple(`${path}.to_ntuple`, n) : UNKNOWN;
  };
  m.set('to_ntuple', obj(new BuiltinObj(`${path}.to_ntuple`, makeN)));
  m.set('_ntuple', obj(new BuiltinObj(`${path}._ntuple`, makeN)));
  // DropPath (stochastic depth) drops whole samples, never a size: an Identity for shapes.
  const identity = lookupOp('torch.nn.Identity');
  if (identity) m.set('DropPath', obj(new OpRefObj(identity, `${path}.DropPath`)));
  // The initialisers fill their tensor and give it back.
  for (const init of ['trunc_normal_', 'lecun_normal_', 'variance_scaling_']) {
    m.set(init, obj(new BuiltinObj(`${path}.${init}`, ({ args }) => args[0] ?? UNKNOWN)));
  }
  return m;
}

const PACKAGES = ['timm.layers', 'timm.models.layers'];
let shared: Map<string, Value> | undefined;

function makeModules(): Map<string, Value> {
  const mods = new Map<string, Value>();
  for (const p of PACKAGES) {
    const attrs = makeHelpers(p);
    mods.set(p, obj(new PyModuleObj(p, attrs)));
    // The submodules that define them (`from timm.models.layers.helpers import to_2tuple`).
    for (const sub of ['helpers', 'drop', 'weight_init']) mods.set(`${p}.${sub}`, obj(new PyModuleObj(`${p}.${sub}`, attrs)));
  }
  // timm's model builder (timmBuilder.ts), where timm/models/_builder.py (helpers.py before timm 0.9) defines it.
  const builder = obj(new BuiltinObj('timm.models._builder.build_model_with_cfg', (args, site, host) => {
    const built = timmBuild(args);
    return built ? host.call(built.cls, { args: [], kwargs: built.kwargs }, site) : UNKNOWN;
  }));
  for (const p of ['timm.models._builder', 'timm.models.helpers']) mods.set(p, obj(new PyModuleObj(p, new Map([['build_model_with_cfg', builder]]))));
  return mods;
}

/** A stand-in for a timm module the workspace does not hold; undefined for any other name. */
export function timmFallbackModule(name: string): Value | undefined {
  if (!name.startsWith('timm.')) return undefined;
  return (shared ??= makeModules()).get(name);
}
