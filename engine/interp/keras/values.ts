// Small conversions between Keras objects and interpreter values: shapes as the lists a program
// reads (`layer.outputShape` -> `[null, 10]`), tensors tagged with their framework, config objects.
import { Dim } from '../../shape/dim';
import type { Shape } from '../../shape/shape';
import type { Framework, TensorValue, Value } from '../../value';
import { NONE, UNKNOWN } from '../../value';
import { BuiltinObj, DictObj, obj, refOf, type CallArgs } from '../objects';
import type { Host } from '../host';
import type { Range } from '../ir';

/** A shape as the program sees it: a list of ints, `null`/`None` for an unknown batch. */
export function shapeValue(shape: Shape): Value {
  return { kind: 'list', items: shape.map((d) => (d.isNone ? NONE : { kind: 'int', dim: d })) };
}

/** A shape written by the program (`[null, 28, 28, 1]`), undefined when not all known. */
export function shapeFrom(v: Value | undefined): Dim[] | undefined {
  if (!v || (v.kind !== 'list' && v.kind !== 'tuple')) return undefined;
  const out: Dim[] = [];
  for (const d of v.items) {
    if (d.kind === 'none') out.push(Dim.none());
    else if (d.kind === 'int') out.push(d.dim);
    else return undefined;
  }
  return out;
}

/** Every tensor in `v` marked as `framework`'s (so hints print in its style). */
export function tagged(v: Value, framework: Framework): Value {
  if (v.kind === 'tensor') return v.framework === framework ? v : { kind: 'tensor', shape: v.shape, dtype: v.dtype, framework };
  if (v.kind === 'list' || v.kind === 'tuple') return { kind: v.kind, items: v.items.map((x) => tagged(x, framework)) } as Value;
  return v;
}

/**
 * An array as a Keras Python layer gets it: Layer.__call__ casts a float array to the layer's
 * compute dtype, float32 (keras/src/layers/layer.py:883-900, dtype_policy.convert_input); ints stay.
 */
export function autocast(t: TensorValue): TensorValue {
  return t.dtype === 'float64' || t.dtype === 'float16' ? { ...t, dtype: 'float32' } : t;
}

export function tensorWith(shape: Shape, dtype: TensorValue['dtype'], framework: Framework): TensorValue {
  return { kind: 'tensor', shape, dtype, framework };
}

/** The entries of an object literal / dict argument, undefined when it is not one. */
export function configOf(v: Value | undefined): Map<string, Value> | undefined {
  if (!v || v.kind === 'none') return new Map();
  const d = refOf(v, DictObj);
  if (!d) return undefined;
  const out = new Map<string, Value>();
  for (const [k, val] of d.entries.values()) if (k.kind === 'str') out.set(k.value, val);
  return out;
}

export function dictValue(entries: Iterable<[string, Value]>): Value {
  const d = new DictObj();
  for (const [k, v] of entries) d.entries.set(`s:${k}`, [{ kind: 'str', value: k }, v]);
  return obj(d);
}

export function str(s: string): Value {
  return { kind: 'str', value: s };
}

export function int(n: number | Dim): Value {
  return { kind: 'int', dim: Dim.of(n) };
}

/** A method of a framework object: a builtin called with the call's arguments and the host. */
export function method(name: string, impl: (args: readonly Value[], site: Range, host: Host, kwargs: Readonly<Record<string, Value>>) => Value): Value {
  return obj(new BuiltinObj(name, ({ args, kwargs }: CallArgs, site, host) => impl(args, site, host, kwargs)));
}

export { UNKNOWN, NONE };
