// `t.tolist()` of a tensor or NumPy array whose shape is known: nested lists of the right
// lengths, holding numbers whose values are not tracked (a float, or an int of unknown value).
// Enough for code that only counts or slices them (MaxVit's stochastic-depth probabilities from
// `np.linspace(...).tolist()`); code that computes sizes from the values stays unknown.
import { Dim } from '../shape/dim';
import type { TensorValue, Value } from '../value';
import { UNKNOWN } from '../value';
import { dtypeCategory } from '../ops/dtype';
import { SOME_FLOAT, listOf } from './pyvalues';

/** Lists built at most this large (a model's `.tolist()` is of a few dozen numbers). */
const MAX_ITEMS = 4096;

export function tensorToList(t: TensorValue): Value {
  const dims = t.shape?.map((d) => d.value);
  if (!dims || dims.some((d) => d === undefined) || !t.dtype) return UNKNOWN;
  if ((dims as number[]).reduce((a, b) => a * b, 1) > MAX_ITEMS) return UNKNOWN;
  const category = dtypeCategory(t.dtype);
  // Categories: 0 bool, 1 integer, 2 floating, 3 complex (ops/dtype.ts).
  const leaf: Value = category === 1 ? { kind: 'int', dim: Dim.unknown() } : category === 2 ? SOME_FLOAT : UNKNOWN;
  // Known numbers (valueFolding.ts) are given as the Python numbers they are.
  const known = t.values;
  let next = 0;
  const number = (): Value => {
    if (!known) return leaf;
    const x = known[next++];
    return category === 1 ? { kind: 'int', dim: Dim.of(x) } : category === 2 ? { kind: 'float', value: x } : category === 0 ? { kind: 'bool', value: x !== 0 } : leaf;
  };
  const build = (depth: number): Value => (depth === dims.length ? number() : listOf(Array.from({ length: dims[depth]! }, () => build(depth + 1))));
  return build(0);
}
