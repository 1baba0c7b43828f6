// Dataclass configs whose sizes default to None, filled in only by the model that builds the blocks:
// timm's MaxxVit passes `replace(cfg, window_size=..., grid_size=...)` computed from its image size to
// blocks that default to `cfg: MaxxVitTransformerCfg = MaxxVitTransformerCfg()`, whose window is None.
// Built on its own, such a block gets the config with those sizes standing for themselves.
import type { Expr, Range } from './ir';
import type { Value } from '../value';
import type { Host } from './host';
import { Dim } from '../shape/dim';
import { ClassObj, InstanceObj, obj, refOf, type DataclassField } from './objects';
import { int } from './pyvalues';
import { sizeTupleArgument } from './sizeInputs';

/**
 * `dataclasses.replace(cfg, **changes)`: a new instance of cfg's dataclass from its fields as they
 * stand, changed where given (its __post_init__ runs again, as in Python). Undefined when cfg is no
 * dataclass instance or a change names no field.
 */
export function replacedDataclass(host: Host, cfg: Value, changes: Readonly<Record<string, Value>>, site: Range): Value | undefined {
  const inst = refOf(cfg, InstanceObj);
  const fields = inst && declaredFields(inst.cls);
  if (!inst || !fields) return undefined;
  const names = new Set(fields.map((f) => f.name));
  if (Object.keys(changes).some((k) => !names.has(k))) return undefined;
  const kwargs: Record<string, Value> = {};
  for (const f of fields) {
    const v = changes[f.name] ?? inst.attrs.get(f.name);
    if (v === undefined) return undefined;
    kwargs[f.name] = v;
  }
  return host.call(obj(inst.cls), { args: [], kwargs }, site);
}

/**
 * The config `cfg` with each field that is still None and annotated as sizes (`Optional[int]`,
 * `Optional[Tuple[int, int]]`) standing for itself, named after the field (`window_size[0]`);
 * undefined when cfg is no dataclass instance or has no such field.
 */
export function configWithSizes(host: Host, cfg: Value, site: Range): Value | undefined {
  const inst = refOf(cfg, InstanceObj);
  const fields = inst && declaredFields(inst.cls);
  if (!inst || !fields) return undefined;
  const changes: Record<string, Value> = {};
  for (const f of fields) {
    if (inst.attrs.get(f.name)?.kind !== 'none') continue;
    const size = sizeOf(f.name, optionalMember(f.annotation));
    if (size) changes[f.name] = size;
  }
  if (Object.keys(changes).length === 0) return undefined;
  const built = replacedDataclass(host, cfg, changes, site);
  return built && refOf(built, InstanceObj) ? built : undefined;
}

function declaredFields(cls: ClassObj): readonly DataclassField[] | undefined {
  return cls.mro().find((c) => c.dataclassFields)?.dataclassFields;
}

/** `X` of `Optional[X]`, `Union[X, None]`, `X | None`; undefined for any other annotation. */
function optionalMember(a: Expr | undefined): Expr | undefined {
  if (!a) return undefined;
  if (a.k === 'binop' && a.op === '|') return a.right.k === 'none' ? a.left : a.left.k === 'none' ? a.right : undefined;
  if (a.k !== 'subscript') return undefined;
  const head = a.obj.k === 'name' ? a.obj.id : a.obj.k === 'attr' ? a.obj.name : undefined;
  if (head === 'Optional') return a.index;
  if (head === 'Union' && a.index.k === 'tuple' && a.index.items.length === 2) {
    const [x, y] = a.index.items;
    return y.k === 'none' ? x : x.k === 'none' ? y : undefined;
  }
  return undefined;
}

/** A size named `name` for `int`, sizes `name[i]` for a tuple of ints of written length. */
function sizeOf(name: string, member: Expr | undefined): Value | undefined {
  if (member?.k === 'name' && member.id === 'int') return int(Dim.sym(name));
  return sizeTupleArgument(name, member);
}
