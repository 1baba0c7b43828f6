// Hints on names bound to sizes and to tuples of tensors (`b, c, h, w = x.shape` shows each
// size; `qkv = self.to_qkv(x).chunk(3, dim=-1)` shows the three shapes). Tensors' own hints are
// recorded as they are bound (Interpreter.assign); these only for plain assignments, not for
// loop targets, and not where the value is written out in the code (`h, w = 224, 224`).
import type { Value } from '../value';
import type { Expr } from './ir';
import type { Recorder } from './record';
import type { Shape } from '../shape/shape';

/** Tuples longer than this are shown as nothing (a list of 24 block outputs says little inline). */
const MAX_ITEMS = 8;

export function recordValueHints(recorder: Recorder, target: Expr, value: Value, written: Expr | undefined, producer: string | undefined, unshown?: (v: Value) => boolean): void {
  if (target.k === 'name') {
    if (written !== undefined && isLiteral(written)) return;
    // (A size read off an input nothing described yet: its name is the seeding's, not the code's.)
    if (value.kind === 'int' && unshown?.(value)) {
      recorder.unknownAt(target.range);
      return;
    }
    if (value.kind === 'int') {
      if (!value.dim.hasUnknown && !value.dim.hasNone) recorder.size(target.range, target.id, value.dim, producer);
      // Under assumed inputs, a size not known on one run shows nothing, not the others' alone (as for tensors).
      else recorder.unknownAt(target.range);
      return;
    }
    if (value.kind === 'tuple' || (value.kind === 'list' && !value.open)) {
      const shapes = tensorShapes(value.items);
      if (shapes && shapes.length > 0 && shapes.length <= MAX_ITEMS) {
        const first = value.items[0];
        const style = first.kind === 'tensor' ? first.framework : undefined;
        recorder.tuple(target.range, target.id, { shapes, list: value.kind === 'list' }, producer, style);
      }
    }
    return;
  }
  if ((target.k === 'tuple' || target.k === 'list') && (value.kind === 'tuple' || (value.kind === 'list' && !value.open))) {
    const star = target.items.findIndex((t) => t.k === 'starred');
    const n = target.items.length;
    if (star < 0 ? value.items.length !== n : value.items.length < n - 1) return;
    // `a, b = f(x), 3`: each target beside the expression written for it.
    const parts = written && (written.k === 'tuple' || written.k === 'list') && !written.items.some((e) => e.k === 'starred') && written.items.length === value.items.length ? written.items : undefined;
    target.items.forEach((t, i) => {
      if (t.k === 'starred') return;
      const at = star >= 0 && i > star ? value.items.length - (n - i) : i;
      recordValueHints(recorder, t, value.items[at], parts ? parts[at] : undefined, producer, unshown);
    });
  }
}

function tensorShapes(items: readonly Value[]): Shape[] | undefined {
  const out: Shape[] = [];
  for (const v of items) {
    if (v.kind !== 'tensor' || !v.shape) return undefined;
    out.push(v.shape);
  }
  return out;
}

/** A value written out in the code: a number, or a tuple or sum of them. */
function isLiteral(e: Expr): boolean {
  switch (e.k) {
    case 'num': case 'bool': case 'none': case 'str': return true;
    case 'unary': return isLiteral(e.operand);
    case 'binop': return isLiteral(e.left) && isLiteral(e.right);
    case 'tuple': case 'list': return e.items.every(isLiteral);
    default: return false;
  }
}
