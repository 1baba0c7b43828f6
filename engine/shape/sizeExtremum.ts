// Python's min/max of sizes a program computed. Dim.min/max stay exact for any integers; here the
// symbols are sizes (each at least 1, as Dim.provablyAtLeast assumes), so an argument another one
// provably bounds goes: upfirdn2d's `max((k + 1) // 2, 0)` is `(k + 1) // 2`, `max(-(k // 2), 0)` is 0.
import { Dim } from './dim';

export function extremumOfSizes(kind: 'min' | 'max', dims: readonly Dim[]): Dim {
  const kept: Dim[] = [];
  for (const d of dims) {
    let dominated = false;
    for (let i = 0; i < kept.length; i++) {
      const diff = d.sub(kept[i]);
      const order = diff.provablyAtLeast(0) ? 1 : diff.neg().provablyAtLeast(0) ? -1 : 0;
      if (order === 0) continue;
      if ((kind === 'max') === (order > 0)) kept.splice(i--, 1);
      else dominated = true;
    }
    if (!dominated) kept.push(d);
  }
  return kind === 'min' ? Dim.min(...kept) : Dim.max(...kept);
}
