// Solving the one unknown (-1) size of a reshape from the element count, shared by frameworks
// whose texts differ: each caller turns a problem into its own error.
import { Dim } from '../../shape/dim';
import { giveUp, OpFailure, requireEqual, type OpContext, type OpError } from '../op';

export type ReshapeProblem = 'several-unknown' | 'size-mismatch' | 'not-divisible';

/**
 * `sizes` with its -1 replaced so that the product is `total`. With symbolic sizes an exact
 * quotient is used and an open divisibility is recorded as an assumption.
 */
export function solveReshape(ctx: OpContext, sizes: readonly Dim[], total: Dim, problem: (p: ReshapeProblem) => OpError): Dim[] {
  let known = Dim.of(1);
  let inferAt = -1;
  sizes.forEach((s, i) => {
    if (s.value === -1) {
      if (inferAt >= 0) throw new OpFailure(problem('several-unknown'));
      inferAt = i;
    } else known = known.mul(s);
  });
  if (inferAt < 0) {
    requireEqual(ctx, known, total, () => problem('size-mismatch'));
    return [...sizes];
  }
  const k = known.value;
  const t = total.value;
  const out = [...sizes];
  if (k !== undefined && t !== undefined) {
    if (k === 0 || t % k !== 0) throw new OpFailure(problem('not-divisible'));
    out[inferAt] = Dim.of(t / k);
    return out;
  }
  if (k === 0) giveUp('zero-sized reshape of a symbolic size');
  const q = total.floordiv(known);
  if (q === undefined) return giveUp();
  requireEqual(ctx, q.mul(known), total, () => problem('not-divisible'));
  out[inferAt] = q;
  return out;
}
