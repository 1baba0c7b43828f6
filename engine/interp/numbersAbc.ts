// The `numbers` module's abstract classes for isinstance (`isinstance(c, numbers.Integral)`, as
// timm's RmsNorm asks of its size): Python's int and bool are Integral, float is Real, not Integral.
import type { Value } from '../value';
import { BuiltinObj, PyModuleObj, obj } from './objects';
import { raise } from './pyRaise';

/** numbers.py's tower: Number > Complex > Real > Rational > Integral. */
const TOWER = ['Number', 'Complex', 'Real', 'Rational', 'Integral'] as const;

export function numbersModule(): Value {
  // The abstract classes cannot be instantiated (TypeError, as in CPython).
  return obj(new PyModuleObj('numbers', new Map(TOWER.map((n) => [n, obj(new BuiltinObj(`numbers.${n}`, () => raise('TypeError')))]))));
}

/**
 * isinstance(v, numbers.<abc>) for the values we model; undefined when not known (an object
 * of a class we do not see may be registered with the tower, a numpy scalar is).
 */
export function isNumberKind(v: Value, abc: string): boolean | undefined {
  const level = TOWER.indexOf(abc as (typeof TOWER)[number]);
  if (level < 0) return undefined;
  if (v.kind === 'int' || v.kind === 'bool') return true;
  // float is a Real, not a Rational (numbers.py registers it with Real only).
  if (v.kind === 'float') return level <= 2;
  // Tensors, strings, containers, None, dtypes are not registered with the tower.
  if (v.kind === 'tensor' || v.kind === 'str' || v.kind === 'list' || v.kind === 'tuple' || v.kind === 'none' || v.kind === 'dtype') return false;
  return undefined;
}
