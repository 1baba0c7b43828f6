// Python's enum classes (`class Format(str, Enum): NCHW = 'NCHW'`, timm's layers/format.py):
// members are instances made once, `Format('NCHW')` looks one up by value, `is` compares them,
// and a str or int mixin member equals its value (`Format.NCHW == 'NCHW'`).
import type { Value } from '../value';
import { UNKNOWN } from '../value';
import { BuiltinObj, ClassObj, FunctionObj, InstanceObj, PyModuleObj, obj, refOf } from './objects';
import { str } from './pyvalues';
import { raise } from './pyRaise';

/** The enum module's base classes, by name. */
const ENUM_BASES = ['Enum', 'IntEnum', 'StrEnum'];

export function enumModule(): Value {
  // Calling a base itself is the functional API (`Enum('Color', 'RED GREEN')`): not modelled.
  return obj(new PyModuleObj('enum', new Map(ENUM_BASES.map((n) => [n, obj(new BuiltinObj(`enum.${n}`, () => UNKNOWN))]))));
}

/** The mixin an enum base gives its members (`IntEnum`: int), or undefined for a plain Enum; null when `v` is no enum base. */
export function enumBaseMixin(v: Value): 'str' | 'int' | undefined | null {
  const b = refOf(v, BuiltinObj);
  if (!b || !b.name.startsWith('enum.') || !ENUM_BASES.includes(b.name.slice(5))) return null;
  return b.name === 'enum.IntEnum' ? 'int' : b.name === 'enum.StrEnum' ? 'str' : undefined;
}

/** `str` or `int` named as a base beside an enum base. */
export function builtinMixin(v: Value): 'str' | 'int' | undefined {
  const b = refOf(v, BuiltinObj);
  return b && (b.name === 'str' || b.name === 'int') ? b.name : undefined;
}

/** The enum facts of a class: its members by name, and its mixin. */
export interface EnumInfo {
  readonly members: Map<string, InstanceObj>;
  readonly mixin: 'str' | 'int' | undefined;
}

/** The value a member was given, when `v` is an enum member. */
export function enumMemberValue(v: Value): { member: InstanceObj; value: Value; mixin: 'str' | 'int' | undefined } | undefined {
  const m = refOf(v, InstanceObj);
  const info = m && m.cls.mro().find((c) => c.enumInfo)?.enumInfo;
  if (!m || !info || ![...info.members.values()].includes(m)) return undefined;
  return { member: m, value: m.attrs.get('value') ?? UNKNOWN, mixin: info.mixin };
}

/**
 * Make the class body's plain values members: each an instance with `name` and `value` (one
 * with the value of an earlier member is an alias of it). Undefined when a value is not known
 * (`auto()`): the class is then left as it is.
 */
export function makeEnumMembers(cls: ClassObj, vars: ReadonlyMap<string, Value>, mixin: 'str' | 'int' | undefined, equal: (a: Value, b: Value) => boolean | undefined): EnumInfo | undefined {
  const members = new Map<string, InstanceObj>();
  for (const [name, v] of vars) {
    if (name.startsWith('_') || refOf(v, FunctionObj) || refOf(v, ClassObj)) continue;
    // An object (torchvision's `IMAGENET1K_V1 = Weights(url=..., meta=...)`) is a member too; a
    // name given the same object (`DEFAULT = IMAGENET1K_V1`) is an alias of it.
    const isObject = v.kind === 'object' && refOf(v, InstanceObj) !== undefined;
    if (!isObject && !['int', 'str', 'float', 'bool', 'tuple', 'none'].includes(v.kind)) return undefined;
    const alias = [...members.values()].find((m) => {
      const value = m.attrs.get('value')!;
      return isObject ? value.kind === 'object' && v.kind === 'object' && value.ref === v.ref : equal(value, v) === true;
    });
    if (alias) {
      members.set(name, alias);
      continue;
    }
    const m = new InstanceObj(cls, cls.range);
    m.attrs.set('name', str(name));
    m.attrs.set('value', v);
    m.attrs.set('_value_', v);
    m.attrs.set('_name_', str(name));
    members.set(name, m);
  }
  return { members, mixin };
}

/** `Format(x)`: the member x is or has the value of; ValueError when none has it. */
export function enumLookup(info: EnumInfo, arg: Value | undefined, equal: (a: Value, b: Value) => boolean | undefined): Value {
  if (!arg) return UNKNOWN;
  const given = refOf(arg, InstanceObj);
  if (given && [...info.members.values()].includes(given)) return arg;
  let unsure = false;
  for (const m of info.members.values()) {
    const e = equal(m.attrs.get('value')!, arg);
    if (e === true) return obj(m);
    if (e === undefined) unsure = true;
  }
  return unsure ? UNKNOWN : raise('ValueError');
}
