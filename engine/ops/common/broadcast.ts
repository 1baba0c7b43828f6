// NumPy-style broadcasting, shared by every elementwise rule (arithmetic, where, masked_fill,
// losses). Sizes are matched from the right; a 1 stretches to the other size.
import { Dim } from '../../shape/dim';
import type { Shape } from '../../shape/shape';
import { fail, requireEqual, type OpContext, type OpError } from '../op';

/** What a framework says when two sizes cannot broadcast (`axis` counts from the left of the result). */
export type BroadcastMismatch = (a: Dim, b: Dim, axis: number) => OpError;

/**
 * The broadcast shape of `a` and `b` (a 1 stretches), checked from the last dimension backwards
 * as PyTorch and TF.js both do, so the first mismatch named is the rightmost one; a mismatch
 * raises `mismatch`'s error. With symbolic sizes, an open question (`H` vs `W`) is recorded as an
 * assumption and the result takes the left size.
 */
export function broadcastShapesWith(ctx: OpContext, a: Shape, b: Shape, mismatch: BroadcastMismatch): Shape {
  const pairs = alignRight(a, b);
  const rank = pairs.length;
  const out: Dim[] = new Array<Dim>(rank);
  for (let i = rank - 1; i >= 0; i--) {
    const [da, db] = pairs[i];
    if (da.value === 1) out[i] = db;
    else if (db.value === 1) out[i] = da;
    else {
      requireEqual(ctx, da, db, () => mismatch(da, db, i));
      out[i] = da;
    }
  }
  return out;
}

/**
 * The broadcast shape of `a` and `b`, or PyTorch's error:
 * `The size of tensor a (3) must match the size of tensor b (4) at non-singleton dimension 1`.
 */
export function broadcastShapes(ctx: OpContext, a: Shape, b: Shape): Shape {
  return broadcastShapesWith(ctx, a, b, (da, db, i) => ({
    code: 'broadcast-shapes',
    exception: 'RuntimeError',
    message: `The size of tensor a (${da}) must match the size of tensor b (${db}) at non-singleton dimension ${i}`,
  }));
}

/**
 * The two shapes' sizes paired from the right, the shorter one padded with 1s on the left: the
 * alignment every broadcasting rule starts from (PyTorch's, and Keras' merge layers').
 */
export function alignRight(a: Shape, b: Shape): [Dim, Dim][] {
  const rank = Math.max(a.length, b.length);
  const out: [Dim, Dim][] = [];
  for (let i = 0; i < rank; i++) out.push([a[a.length - rank + i] ?? Dim.of(1), b[b.length - rank + i] ?? Dim.of(1)]);
  return out;
}

/** Broadcast several shapes left to right (torch.broadcast_shapes order of checks). */
export function broadcastAll(ctx: OpContext, shapes: readonly Shape[]): Shape {
  return shapes.reduce((acc, s) => broadcastShapes(ctx, acc, s), [] as Shape);
}

/** `shape` expanded to `target` (expand/expand_as semantics), or PyTorch's error. */
export function canBroadcastTo(shape: Shape, target: Shape): boolean {
  if (shape.length > target.length) return false;
  for (let i = 1; i <= shape.length; i++) {
    const s = shape[shape.length - i];
    const t = target[target.length - i];
    if (s.value !== 1 && s.equals(t) === 'no') return false;
  }
  return true;
}

export { fail };
