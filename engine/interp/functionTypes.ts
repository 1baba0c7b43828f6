// The types of callables model code checks for (timm's get_norm_layer asserts
// `isinstance(norm_layer, (type, str, types.FunctionType, functools.partial))` and unbinds a
// partial with `.func` and `.keywords`): a def or lambda is a types.FunctionType, a
// functools.partial(...) a functools.partial.
import type { Value } from '../value';
import { UNKNOWN } from '../value';
import { BuiltinObj, ClassObj, DictObj, FunctionObj, OpRefObj, PartialObj, obj, refOf } from './objects';
import { dictSet, str, tupleOf } from './pyvalues';

/** The class names this answers for. */
export const FUNCTION_TYPES = ['functools.partial', 'types.FunctionType'] as const;

/** isinstance(v, functools.partial | types.FunctionType); undefined when not known. */
export function isFunctionKind(v: Value, name: string): boolean | undefined {
  const partial = refOf(v, PartialObj) !== undefined;
  const fn = refOf(v, FunctionObj) !== undefined;
  if (partial || fn) return name === 'functools.partial' ? partial : fn;
  // Classes (an nn layer class too), builtins (builtin_function_or_method, torch's functions),
  // plain values and tensors are neither.
  if (refOf(v, ClassObj) || refOf(v, BuiltinObj) || refOf(v, OpRefObj)) return false;
  if (v.kind === 'object' || v.kind === 'unknown') return undefined;
  return false;
}

/** A functools.partial's attributes: `func`, `args`, `keywords` (a dict of its keyword arguments). */
export function partialAttr(p: PartialObj, name: string): Value {
  if (name === 'func') return p.fn;
  if (name === 'args') return tupleOf(p.args);
  if (name !== 'keywords') return UNKNOWN;
  const d = new DictObj();
  for (const [k, v] of Object.entries(p.kwargs)) if (!dictSet(d, str(k), v)) return UNKNOWN;
  return obj(d);
}
