// Methods of Python's plain values as the interpreter models them: list.append/extend/insert/pop,
// dict.items/keys/values/get/update. Unknown methods give Unknown (never a guess).
import type { Dim } from '../shape/dim';
import type { Value } from '../value';
import { NONE, UNKNOWN } from '../value';
import type { Host } from './host';
import { BuiltinObj, DictObj, obj } from './objects';
import { keyOf, listOf, mutableItems, str, tupleOf } from './pyvalues';

/** `v.name` for a list, tuple, str or dict; undefined when `v` is none of those. */
export function pythonValueAttr(_host: Host, v: Value, name: string): Value | undefined {
  if (v.kind === 'list' && (name === 'append' || name === 'extend' || name === 'insert')) {
    const items = mutableItems(v);
    return obj(new BuiltinObj(`list.${name}`, ({ args }, _site, host) => {
      host.noteMutation(v);
      if (name === 'append') items.push(args[0] ?? UNKNOWN);
      else if (name === 'extend') items.push(...(host.iterate(args[0] ?? UNKNOWN) ?? [UNKNOWN]));
      else items.splice(Number((args[0] as { dim?: Dim }).dim?.value ?? items.length), 0, args[1] ?? UNKNOWN);
      return NONE;
    }));
  }
  if (v.kind === 'list' || v.kind === 'tuple') {
    if (name === 'pop' && v.kind === 'list') {
      const items = mutableItems(v);
      return obj(new BuiltinObj('list.pop', (_args, _site, host) => {
        host.noteMutation(v);
        return v.open ? UNKNOWN : items.pop() ?? UNKNOWN;
      }));
    }
    return UNKNOWN;
  }
  if (v.kind === 'str') return UNKNOWN;
  if (v.kind === 'object' && v.ref instanceof DictObj) return dictAttr(v.ref, name);
  return undefined;
}

function dictAttr(d: DictObj, name: string): Value {
  switch (name) {
    case 'items': return obj(new BuiltinObj(name, () => listOf([...d.entries.values()].map(([k, v]) => tupleOf([k, v])))));
    case 'keys': return obj(new BuiltinObj(name, () => listOf([...d.entries.values()].map(([k]) => k))));
    case 'values': return obj(new BuiltinObj(name, () => listOf([...d.entries.values()].map(([, v]) => v))));
    case 'get': return obj(new BuiltinObj(name, ({ args }) => {
      const key = args[0] ? keyOf(args[0]) : undefined;
      if (key === undefined) return UNKNOWN;
      return d.entries.get(key)?.[1] ?? (d.open ? UNKNOWN : args[1] ?? NONE);
    }));
    case 'update': return obj(new BuiltinObj(name, ({ args, kwargs }, _site, host) => {
      host.noteMutation(d);
      const src = args[0] ? (args[0].kind === 'object' && args[0].ref instanceof DictObj ? args[0].ref : undefined) : undefined;
      if (src) for (const [k, kv] of src.entries) d.entries.set(k, kv);
      for (const [k, v] of Object.entries(kwargs)) d.entries.set(`s:${k}`, [str(k), v]);
      return NONE;
    }));
    default: return UNKNOWN;
  }
}
