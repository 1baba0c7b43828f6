// Hints on names bound to sizes, to tuples of sizes and to tuples of tensors (`b, c, h, w = x.shape`
// shows each size; `restore_shape = x.shape[:-1]` the sizes; `qkv = self.to_qkv(x).chunk(3, dim=-1)`
// the three shapes). Tensors' own hints are
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
      const sizes = knownSizes(value.items);
      if (sizes !== undefined) {
        if (value.items.some((v) => unshown?.(v))) recorder.unknownAt(target.range);
        else if (sizes === 'unknown') recorder.unknownAt(target.range);
        else recorder.sizes(target.range, target.id, sizes, value.kind === 'list', producer);
        return;
      }
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
      // `n, *rest = x.shape`: the starred name is bound to a list of the items left.
      if (t.k === 'starred') return recordValueHints(recorder, t.value, { kind: 'list', items: value.items.slice(i, value.items.length - (n - 1 - i)) }, undefined, producer, unshown);
      const at = star >= 0 && i > star ? value.items.length - (n - i) : i;
      recordValueHints(recorder, t, value.items[at], parts ? parts[at] : undefined, producer, unshown);
    });
  }
}

/**
 * The items' sizes when every item is an int (1 to MAX_ITEMS of them); 'unknown' when one of
 * them is not known (under assumed inputs that place then shows nothing); undefined for other tuples.
 */
function knownSizes(items: readonly Value[]): Shape | 'unknown' | undefined {
  if (items.length === 0 || items.length > MAX_ITEMS || items.some((v) => v.kind !== 'int')) return undefined;
  const dims = items.map((v) => (v as Extract<Value, { kind: 'int' }>).dim);
  return dims.some((d) => d.hasUnknown || d.hasNone) ? 'unknown' : dims;
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
