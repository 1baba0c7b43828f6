// Joining tensors: cat (concat, concatenate), stack, hstack, vstack, dstack.
import { sequenceArg, tensorArg } from '../args';
import type { OnnxCall, OnnxGraph } from '../lowering';
import { Dim } from '../../shape/dim';
import type { Shape } from '../../shape/shape';
import { constIntArg, tensorsArg, wrapDim, type TensorArg } from '../args';
import { DEFAULT_FLOAT } from '../dtype';
import { defineFunction, fail, requireEqual, type OpContext } from '../op';
import type { Value } from '../../value';
import { listText, resultType, tensor } from './helpers';

/** Legacy rule: 1-D empty tensors ([0]) are skipped by cat whatever their rank. */
function skipped(t: TensorArg): boolean {
  return t.shape.length === 1 && t.shape[0].value === 0;
}

function joinedDtype(ts: readonly TensorArg[]) {
  if (ts.some((t) => t.dtype === undefined)) return undefined;
  return resultType(ts.map((t) => ({ kind: 'tensor' as const, dtype: t.dtype ?? DEFAULT_FLOAT, rank: t.shape.length })));
}

/** PyTorch's cat checks, in its order: non-empty list, no 0-dim, then ranks and sizes. */
export function catShapes(ctx: OpContext, ts: readonly TensorArg[], dimArg: number, who = 'torch.cat()'): Value {
  if (ts.length === 0) fail('cat-empty', 'RuntimeError', `${who}: expected a non-empty list of Tensors`);
  ts.forEach((t, i) => {
    if (t.shape.length === 0) fail('cat-zero-dim', 'RuntimeError', `zero-dimensional tensor (at position ${i}) cannot be concatenated`);
  });
  const valid = ts.findIndex((t) => !skipped(t));
  const dtype = joinedDtype(ts);
  if (valid < 0) return tensor([0], dtype);
  const first = ts[valid];
  const dim = wrapDim(dimArg, first.shape.length);
  let total = Dim.of(0);
  ts.forEach((t, i) => {
    if (skipped(t)) return;
    if (t.shape.length !== first.shape.length) {
      fail('cat-rank', 'RuntimeError', `Tensors must have same number of dimensions: got ${first.shape.length} and ${t.shape.length}`);
    }
    t.shape.forEach((d, k) => {
      if (k === dim) return;
      requireEqual(ctx, d, first.shape[k], () => ({
        code: 'cat-sizes', exception: 'RuntimeError',
        message: `Sizes of tensors must match except in dimension ${dim}. Expected size ${first.shape[k]} but got size ${d} for tensor number ${i} in the list.`,
      }));
    });
    total = total.add(t.shape[dim]);
  });
  const out = [...first.shape];
  out[dim] = total;
  return tensor(out, dtype);
}

/** Concat of the inputs in the output dtype, skipping the legacy empty [0] tensors. */
function lowerCat(g: OnnxGraph, call: OnnxCall, items: readonly Value[], dimArg: number, prepare?: (v: Value, x: string) => string): string {
  const out = call.output;
  const dtype = g.dtype(out);
  const rank = g.shape(out).length;
  const axis = wrapDim(dimArg, rank);
  const parts = items
    .filter((v) => !(g.shape(v).length === 1 && g.shape(v)[0] === 0 && rank !== 1))
    .map((v) => (prepare ? prepare(v, g.inputAs(v, dtype)) : g.inputAs(v, dtype)));
  return parts.length === 1 ? g.op('Identity', parts) : g.op('Concat', parts, { axis });
}

/** [2, 3] + [4, 3] -> cat(dim=0) -> [6, 3] */
export const cat = defineFunction({
  names: ['torch.cat', 'torch.concat', 'torch.concatenate'],
  signature: 'tensors, dim=0, *, out=None',
  onnx: (g, call) => lowerCat(g, call, sequenceArg(call.args.tensors), constIntArg(call.args.dim)),
  rule: (args, ctx) => catShapes(ctx, tensorsArg(args.tensors), constIntArg(args.dim)),
});

/** [2, 3] x 4 -> stack(dim=1) -> [2, 4, 3] */
export const stack = defineFunction({
  names: ['torch.stack'],
  signature: 'tensors, dim=0, *, out=None',
  onnx(g, call) {
    const rank = g.shape(call.output).length;
    const axis = wrapDim(constIntArg(call.args.dim), rank);
    return lowerCat(g, call, sequenceArg(call.args.tensors), axis, (_v, x) => g.op('Unsqueeze', [x, g.ints([axis])]));
  },
  rule(args, ctx) {
    const ts = tensorsArg(args.tensors);
    if (ts.length === 0) fail('stack-empty', 'RuntimeError', 'stack expects a non-empty TensorList');
    const rank = ts[0].shape.length;
    const dim = wrapDim(constIntArg(args.dim), rank + 1);
    // PyTorch compares whole shapes, with its own message; open symbolic sizes become assumptions.
    const first = ts[0].shape;
    ts.forEach((t, i) => {
      const mismatch = () => ({
        code: 'stack-sizes', exception: 'RuntimeError',
        message: `stack expects each tensor to be equal size, but got ${listText(first)} at entry 0 and ${listText(t.shape)} at entry ${i}`,
      });
      if (t.shape.length !== rank || t.shape.some((d, k) => d.equals(first[k]) === 'no')) fail('stack-sizes', 'RuntimeError', mismatch().message);
      t.shape.forEach((d, k) => requireEqual(ctx, d, first[k], mismatch));
    });
    // Sizes are now checked (or assumed) equal: the result is one shape with the count inserted.
    const out = [...ts[0].shape];
    out.splice(dim, 0, Dim.of(ts.length));
    return tensor(out, joinedDtype(ts));
  },
});

function atLeast(t: TensorArg, n: 1 | 2 | 3): TensorArg {
  const s = t.shape;
  const one = Dim.of(1);
  let shape: Shape = s;
  if (s.length === 0) shape = Array(n).fill(one);
  else if (s.length === 1 && n >= 2) shape = n === 2 ? [one, s[0]] : [one, s[0], one];
  else if (s.length === 2 && n === 3) shape = [s[0], s[1], one];
  return { shape, dtype: t.dtype };
}

function stackFamily(name: string, n: 1 | 2 | 3, pickDim: (first: TensorArg) => number) {
  return defineFunction({
    names: [`torch.${name}`],
    signature: 'tensors, *, out=None',
    onnx(g, call) {
      const items = sequenceArg(call.args.tensors);
      const first = atLeast(tensorArg(items[0]), n);
      return lowerCat(g, call, items, pickDim(first), (v, x) => {
        const shape = atLeast(tensorArg(v), n).shape.map((d) => g.int({ kind: 'int', dim: d }));
        return g.op('Reshape', [x, g.ints(shape)]);
      });
    },
    rule(args, ctx) {
      const ts = tensorsArg(args.tensors).map((t) => atLeast(t, n));
      if (ts.length === 0) fail(`${name}-empty`, 'RuntimeError', `${name} expects a non-empty TensorList`);
      return catShapes(ctx, ts, pickDim(ts[0]));
    },
  });
}

/** [2, 3] + [2, 4] -> hstack -> [2, 7]; 1-D inputs join along dim 0. */
export const hstack = stackFamily('hstack', 1, (first) => (first.shape.length === 1 ? 0 : 1));
/** [3] + [3] -> vstack -> [2, 3] */
export const vstack = stackFamily('vstack', 2, () => 0);
/** [2, 3] + [2, 3] -> dstack -> [2, 3, 2] */
export const dstack = stackFamily('dstack', 3, () => 2);
