// Broadcasting as TensorIterator checks it: sizes compared from the LAST dimension backwards,
// so the first mismatch reported is the rightmost one (infer_size's order). The shared
// broadcastShapes scans left to right, which names a different dimension when several differ.
import { Dim } from '../../shape/dim';
import type { Shape } from '../../shape/shape';
import { requireEqual, type OpContext } from '../op';

export function broadcastPair(ctx: OpContext, a: Shape, b: Shape): Shape {
  const rank = Math.max(a.length, b.length);
  const out: Dim[] = new Array(rank);
  for (let i = rank - 1; i >= 0; i--) {
    const da = a[a.length - rank + i] ?? Dim.of(1);
    const db = b[b.length - rank + i] ?? Dim.of(1);
    if (da.value === 1) out[i] = db;
    else if (db.value === 1) out[i] = da;
    else {
      requireEqual(ctx, da, db, () => ({
        code: 'broadcast-shapes', exception: 'RuntimeError',
        message: `The size of tensor a (${da}) must match the size of tensor b (${db}) at non-singleton dimension ${i}`,
      }));
      out[i] = da;
    }
  }
  return out;
}

export function broadcastMany(ctx: OpContext, shapes: readonly Shape[]): Shape {
  return shapes.reduce((acc, s) => broadcastPair(ctx, acc, s), [] as Shape);
}
