// x[key]: PyTorch's indexing. Ints select, slices narrow, None inserts, `...` skips; int lists
// and tensors are advanced indices whose broadcast shape replaces the indexed dims (in place when
// they are adjacent, else in front); bool masks select a data-dependent number of elements.
import { lowerGetitem } from './lowerGetitem';
import { Dim } from '../../shape/dim';
import type { Shape } from '../../shape/shape';
import type { Value } from '../../value';
import { intArg, tensorArg, wrapDim } from '../args';
import { defineFunction, fail, giveUp, requireEqual, type OpContext } from '../op';
import { listText, sliceLength, tensor } from './helpers';

/** An advanced index after PyTorch turns lists into tensors: its shape and known values. */
interface AdvIndex {
  readonly shape: Shape;
  readonly mask: boolean;
  readonly values?: readonly number[];
}

const isSeq = (v: Value) => v.kind === 'list' || v.kind === 'tuple';
const isMaskDtype = (v: Value) => v.kind === 'tensor' && (v.dtype === 'bool' || v.dtype === 'uint8');

/** PyTorch's treatSequenceAsTuple: a list holding slices, None, `...`, tensors or lists is a tuple. */
function keyItems(key: Value): readonly Value[] {
  if (key.kind === 'tuple') return key.items;
  if (key.kind === 'list' && key.items.some((i) => isSeq(i) || i.kind === 'tensor' || i.kind === 'slice' || i.kind === 'none' || i.kind === 'ellipsis')) {
    return key.items;
  }
  return [key];
}

/** A (nested) list of ints as an index tensor: its shape and flattened values. */
function listIndex(v: Value): AdvIndex {
  const shape: Dim[] = [];
  const values: number[] = [];
  let probe: Value = v;
  while (isSeq(probe)) {
    const items = (probe as { items: readonly Value[] }).items;
    shape.push(Dim.of(items.length));
    if (items.length === 0) break;
    probe = items[0];
  }
  const visit = (x: Value): void => {
    if (isSeq(x)) (x as { items: readonly Value[] }).items.forEach(visit);
    else if (x.kind === 'int' || x.kind === 'bool') {
      const n = intArg(x).value;
      if (n === undefined) giveUp('symbolic index');
      values.push(n);
    } else giveUp('unsupported index list');
  };
  visit(v);
  return { shape, mask: false, values };
}

function countSpecified(items: readonly Value[]): number {
  let n = 0;
  for (const it of items) {
    if (it.kind === 'tensor') n += isMaskDtype(it) ? tensorArg(it).shape.length : 1;
    else if (it.kind !== 'none' && it.kind !== 'ellipsis' && it.kind !== 'bool') n += 1;
  }
  return n;
}

function selectIndex(shape: Dim[], dim: number, realDim: number, index: Dim): void {
  wrapDim(dim, shape.length); // several `...` can push past the last dim
  const size = shape[dim].value;
  const i = index.value;
  if (size !== undefined && i !== undefined && (i < -size || i >= size)) {
    fail('index-out-of-bounds', 'IndexError', `index ${i} is out of bounds for dimension ${realDim} with size ${size}`);
  }
  shape.splice(dim, 1);
}

function sliceStep(v: Value): number {
  if (v.kind === 'none') return 1;
  const s = intArg(v).value ?? giveUp('symbolic step');
  if (s === 0) fail('slice-step', 'ValueError', 'slice step cannot be zero');
  if (s < 0) fail('slice-step', 'ValueError', 'step must be greater than zero');
  return s;
}

function applySlice(ctx: OpContext, shape: Dim[], dim: number, sl: Extract<Value, { kind: 'slice' }>): void {
  wrapDim(dim, shape.length);
  const step = sliceStep(sl.step);
  // A bound the analysis does not know (`x[:, :int(ratio * n)]`, the ratio a float nobody gave):
  // the slice keeps some of the axis, how much is not known.
  if (sl.start.kind === 'unknown' || sl.stop.kind === 'unknown') {
    shape[dim] = Dim.unknown();
    return;
  }
  const bound = (v: Value) => (v.kind === 'none' ? undefined : intArg(v));
  shape[dim] = sliceLength(ctx, shape[dim], bound(sl.start), bound(sl.stop), step);
}

function getitem(ctx: OpContext, input: Value, key: Value): Value {
  const x = tensorArg(input);
  const rank = x.shape.length;
  // Single ints and slices take PyTorch's fast path, with its own 0-dim messages.
  if (rank === 0 && (key.kind === 'int')) {
    fail('index-0-dim', 'IndexError', 'invalid index of a 0-dim tensor. Use `tensor.item()` in Python or `tensor.item<T>()` in C++ to convert a 0-dim tensor to a number');
  }
  if (rank === 0 && key.kind === 'slice') fail('index-0-dim', 'IndexError', 'slice() cannot be applied to a 0-dim tensor.');
  const items = keyItems(key);
  const specified = countSpecified(items);
  if (specified > rank) fail('too-many-indices', 'IndexError', `too many indices for tensor of dimension ${rank}`);
  const shape = [...x.shape];
  const adv: (AdvIndex | undefined)[] = [];
  const record = (dim: number, a: AdvIndex) => {
    while (adv.length < dim) adv.push(undefined);
    adv[dim] = a;
  };
  let dim = 0;
  // PyTorch's messages name the position of the item in the key as "dimension".
  let realDim = -1;
  for (const it of items) {
    realDim++;
    if (it.kind === 'int') {
      selectIndex(shape, dim, realDim, intArg(it));
    } else if (it.kind === 'slice') {
      applySlice(ctx, shape, dim, it);
      dim++;
    } else if (it.kind === 'ellipsis') {
      dim += rank - specified;
    } else if (it.kind === 'none') {
      wrapDim(dim, shape.length + 1);
      shape.splice(dim, 0, Dim.of(1));
      dim++;
    } else if (it.kind === 'bool') {
      // True/False: a new size-1 dim indexed by [0] or by nothing.
      shape.splice(dim, 0, Dim.of(1));
      record(dim, { shape: [Dim.of(it.value ? 1 : 0)], mask: false, values: it.value ? [0] : [] });
      dim++;
    } else if (it.kind === 'tensor') {
      const t = tensorArg(it);
      if (t.dtype === undefined) giveUp('index tensor of unknown dtype'); // mask or indices?
      if (t.shape.length === 0 && !isMaskDtype(it)) {
        // A 0-dim integer tensor selects like an int (value unknown: no bounds check).
        selectIndex(shape, dim, realDim, Dim.unknown());
        continue;
      }
      if (t.shape.length === 0) giveUp('0-dim mask');
      record(dim, { shape: t.shape, mask: isMaskDtype(it) });
      dim++;
    } else if (isSeq(it)) {
      record(dim, listIndex(it));
      dim++;
    } else {
      giveUp('unsupported index');
    }
  }
  if (adv.length === 0) return tensor(shape, x.dtype);
  return tensor(advancedIndex(ctx, shape, adv), x.dtype);
}

/** at::index: masks become one index per mask dim, indices broadcast, then take their place. */
function advancedIndex(ctx: OpContext, shape: readonly Dim[], recorded: readonly (AdvIndex | undefined)[]): Dim[] {
  const list: (AdvIndex | undefined)[] = [];
  for (const a of recorded) {
    if (!a || !a.mask) {
      list.push(a);
      continue;
    }
    const n = Dim.unknown();
    const at = list.length;
    a.shape.forEach((d, j) => {
      const message = `The shape of the mask ${listText(a.shape)} at index ${j} does not match the shape of the indexed tensor ${listText(shape)} at index ${at + j}`;
      const have = shape[at + j];
      if (have === undefined) fail('index-mask-shape', 'IndexError', message);
      requireEqual(ctx, d, have, () => ({ code: 'index-mask-shape', exception: 'IndexError', message }));
      list.push({ shape: [n], mask: false });
    });
  }
  if (list.length > shape.length) {
    fail('too-many-indices', 'IndexError', `too many indices for tensor of dimension ${shape.length} (got ${list.length})`);
  }
  const defined = list.flatMap((a, i) => (a ? [i] : []));
  const shapes = defined.map((i) => list[i]!.shape);
  let b: Shape = [];
  for (const s of shapes) {
    const rank = Math.max(b.length, s.length);
    const out: Dim[] = [];
    for (let i = 0; i < rank; i++) {
      const da = b[b.length - rank + i] ?? Dim.of(1);
      const db = s[s.length - rank + i] ?? Dim.of(1);
      if (da.value === 1) out.push(db);
      else if (db.value === 1 || da.same(db)) out.push(da);
      else if (da.hasUnknown || db.hasUnknown) giveUp('data-dependent broadcast');
      else {
        requireEqual(ctx, da, db, () => ({
          code: 'index-broadcast', exception: 'IndexError',
          message: `shape mismatch: indexing tensors could not be broadcast together with shapes ${shapes.map(listText).join(', ')}`,
        }));
        out.push(da);
      }
    }
    b = out;
  }
  // Known int-list values are bounds-checked against the dim they index; the kernel numbers
  // the indexed dims among themselves.
  for (const [k, i] of defined.entries()) {
    const size = shape[i].value;
    for (const v of list[i]!.values ?? []) {
      if (size !== undefined && (v < -size || v >= size)) {
        fail('index-out-of-bounds', 'IndexError', `index ${v} is out of bounds for dimension ${k} with size ${size}`);
      }
    }
  }
  const first = defined[0];
  const last = defined[defined.length - 1];
  const contiguous = last - first + 1 === defined.length;
  const rest = shape.filter((_, i) => i >= list.length || list[i] === undefined);
  if (!contiguous) return [...b, ...rest];
  return [...shape.slice(0, first), ...b, ...shape.slice(last + 1)];
}

/** [5, 6, 7][:, [0, 2], 1:3] -> [5, 2, 2]; x[mask] -> [?] */
export const getItem = defineFunction({
  names: ['torch.Tensor.__getitem__'],
  signature: 'input, key, /',
  onnx: lowerGetitem,
  rule: (args, ctx) => getitem(ctx, args.input, args.key),
});
