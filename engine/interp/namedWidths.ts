// A width a constructor computes that the analysis cannot settle under assumed arguments (timm's
// `transformer_dim = make_divisible(bottle_ratio * in_chs)`: `new_v += divisor` on one path) is
// some whole number: named after the variable the constructor binds it to, behind the `?` no
// Python name has (`?transformer_dim`), so the hints downstream read `[B, ?transformer_dim, H, W]`
// instead of losing every size built on `?`. Each binding gets a name of its own; like `?`, it
// may be 0 (`n if c else 0`), so `if width:` stays undecided (pyvalues.ts, truthy).
import { Dim } from '../shape/dim';
import type { Value } from '../value';

/** `value` with a named symbol for its unsettled size, or as it is. `taken` counts the names given. */
export function namedUnsettledWidth(value: Value, name: string, taken: Map<string, number>): Value {
  if (value.kind !== 'int') return value;
  const atom = Dim.soleAtomOf(value.dim);
  if (atom?.kind !== 'sym' || atom.name !== '?') return value;
  const n = (taken.get(name) ?? 0) + 1;
  taken.set(name, n);
  return { kind: 'int', dim: Dim.sym(n === 1 ? `?${name}` : `?${name}${n}`) };
}
