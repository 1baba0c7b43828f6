// collections.namedtuple: a tuple class whose items are also attributes (`VggOutputs(h1, h2)` then
// `out.relu1_2`, LPIPS's and torchvision's model outputs). Its instances are tuples that know
// their field names (value.ts): they index, unpack and iterate as tuples do.
import type { Value } from '../value';
import { UNKNOWN } from '../value';
import { BuiltinObj, obj, type CallArgs, type DataclassField } from './objects';
import { str, tupleOf } from './pyvalues';

/** `namedtuple("VggOutputs", ['relu1_2', ...])` (or the names in one string, by spaces or commas). */
export function namedtupleFactory(): Value {
  return obj(new BuiltinObj('collections.namedtuple', ({ args, kwargs }) => {
    const typename = args[0] ?? kwargs.typename;
    const names = args[1] ?? kwargs.field_names;
    const fields = fieldNames(names);
    if (typename?.kind !== 'str' || !fields || kwargs.defaults !== undefined || kwargs.rename !== undefined) return UNKNOWN;
    return obj(new BuiltinObj(`namedtuple ${typename.value}`, ({ args: items, kwargs: named }) => {
      if (items.length > fields.length) return UNKNOWN;
      const values = fields.map((f, i) => items[i] ?? named[f]);
      if (values.some((v) => v === undefined) || Object.keys(named).some((k) => !fields.includes(k))) return UNKNOWN;
      return { kind: 'tuple', items: values as Value[], fields };
    }));
  }));
}

function fieldNames(v: Value | undefined): string[] | undefined {
  if (v?.kind === 'str') return v.value.split(/[\s,]+/).filter((s) => s.length > 0);
  if (v?.kind !== 'list' && v?.kind !== 'tuple') return undefined;
  const out: string[] = [];
  for (const item of v.items) {
    if (item.kind !== 'str') return undefined;
    out.push(item.value);
  }
  return out;
}

/** An attribute of a namedtuple instance: its item of that name, or `_fields`. */
export function namedTupleAttr(v: Extract<Value, { kind: 'tuple' }>, name: string): Value | undefined {
  if (!v.fields) return undefined;
  const i = v.fields.indexOf(name);
  if (i >= 0) return v.items[i];
  if (name === '_fields') return tupleOf(v.fields.map((f) => str(f)));
  return undefined;
}

/** typing.NamedTuple, as a base class (`class Outputs(NamedTuple): ...`); called itself, not modelled. */
export const NAMED_TUPLE_BASE: Value = obj(new BuiltinObj('typing.NamedTuple', () => UNKNOWN));

/**
 * An instance of a `class Outputs(NamedTuple)`: its fields from the arguments, by place then by
 * name, else their defaults. Undefined when the arguments do not fit (CPython's TypeError).
 */
export function namedTupleInstance(fields: readonly DataclassField[], call: CallArgs): Value | undefined {
  if (call.args.length > fields.length) return undefined;
  const names = fields.map((f) => f.name);
  if (Object.keys(call.kwargs).some((k) => !names.includes(k))) return undefined;
  const items: Value[] = [];
  for (const [i, f] of fields.entries()) {
    const v = call.args[i] ?? call.kwargs[f.name] ?? f.default;
    if (v === undefined) return undefined;
    items.push(v);
  }
  return { kind: 'tuple', items, fields: names };
}
