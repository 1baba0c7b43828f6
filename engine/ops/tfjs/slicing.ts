// TF.js slicing and repetition: slice (begin/size with -1 meaning "to the end"), gather along an
// axis, tile, pad; concat / stack / unstack / split.
// tf.slice(x[4, 5], [1, 1], [2, -1]) -> [2, 4]; tf.concat([a[2, 3], b[2, 5]], 1) -> [2, 8]
import { Dim } from '../../shape/dim';
import type { Value } from '../../value';
import { constIntArg, isNone, sequenceArg } from '../args';
import { defineFunction, giveUp, requireEqual, type FunctionOp } from '../op';
import { intList, jsList, parseAxisParam, requireDtype, tensorLike, tfFail, tfOut, type TfTensor } from './tensorLike';

/** slice_util.parseSliceParams then assertParamsValid. */
const slice = defineFunction({
  names: ['tfjs.slice'],
  signature: 'x, begin, size=None',
  rule(a, ctx) {
    const x = tensorLike(a.x);
    const rank = x.shape.length;
    const pad = (v: number[], fill: number): number[] => (v.length < rank ? [...v, ...Array<number>(rank - v.length).fill(fill)] : v);
    const begin = a.begin.kind === 'int' ? [constIntArg(a.begin), ...Array<number>(Math.max(rank - 1, 0)).fill(0)] : pad(intList(a.begin), 0);
    if (begin.some((d) => d === -1)) tfFail('slice-begin', 'slice() does not support negative begin indexing.');
    const sizeList = isNone(a.size) ? Array<number>(rank).fill(-1) : a.size.kind === 'int' ? [constIntArg(a.size), ...Array<number>(Math.max(rank - 1, 0)).fill(-1)] : pad(intList(a.size), -1);
    const size = sizeList.map((d, i) => {
      if (d >= 0) return Dim.of(d);
      if (d !== -1) tfFail('slice-size', `Negative size values should be exactly -1 but got ${d} for the slice() size at index ${i}.`);
      return x.shape[i].sub(begin[i]);
    });
    if (begin.length !== rank) tfFail('slice-rank', `Error in slice${rank}D: Length of begin ${begin.join(',')} must match the rank of the array (${rank}).`);
    if (size.length !== rank) tfFail('slice-rank', `Error in slice${rank}D: Length of size ${jsList(size)} must match the rank of the array (${rank}).`);
    for (let i = 0; i < rank; i++) {
      const end = size[i].add(begin[i]);
      const over = end.sub(x.shape[i]).value;
      if (over !== undefined && over > 0) tfFail('index-out-of-bounds', `Error in slice${rank}D: begin[${i}] + size[${i}] (${end}) would overflow input.shape[${i}] (${x.shape[i]})`);
      if (over === undefined) requireEqual(ctx, Dim.max(end, x.shape[i]), x.shape[i], () => ({ code: 'index-out-of-bounds', exception: 'Error', message: `Error in slice${rank}D: begin[${i}] + size[${i}] (${end}) would overflow input.shape[${i}] (${x.shape[i]})` }));
    }
    return tfOut(size, x.dtype);
  },
});

const gather = defineFunction({
  names: ['tfjs.gather'],
  signature: 'x, indices, axis=0, batchDims=0',
  rule(a) {
    const x = tensorLike(a.x);
    const idx = tensorLike(a.indices);
    if (a.indices.kind === 'tensor') requireDtype(idx, 'int32', 'indices', 'gather');
    const axis = parseAxisParam(a.axis, x.shape.length)[0];
    const batchDims = constIntArg(a.batchDims);
    if (batchDims !== 0) return giveUp('gather with batchDims');
    return tfOut([...x.shape.slice(0, axis), ...idx.shape, ...x.shape.slice(axis + 1)], x.dtype);
  },
});

const tile = defineFunction({
  names: ['tfjs.tile'],
  signature: 'x, reps',
  rule(a) {
    const x = tensorLike(a.x);
    const reps = intList(a.reps);
    // TF.js's own text says "transpose" here.
    if (reps.length !== x.shape.length) tfFail('tile-reps', `Error in transpose: rank of input ${x.shape.length} must match length of reps ${reps.join(',')}.`);
    return tfOut(x.shape.map((d, i) => d.mul(reps[i])), x.dtype);
  },
});

/** tf.pad: each output size is `before + size + after`, as many as there are paddings. */
const pad = defineFunction({
  names: ['tfjs.pad'],
  signature: 'x, paddings, constantValue=0',
  rule(a) {
    const x = tensorLike(a.x);
    if (x.shape.length === 0) tfFail('pad-rank', 'pad(scalar) is not defined. Pass non-scalar to pad');
    const pads = sequenceArg(a.paddings).map(intList);
    if (pads.length > x.shape.length) return giveUp('more paddings than dimensions');
    return tfOut(pads.map((p, i) => x.shape[i].add((p[0] ?? NaN) + (p[1] ?? NaN))), x.dtype);
  },
});

function tensorsArg(v: Value): TfTensor[] {
  return sequenceArg(v).map(tensorLike);
}

/** backend_util.assertParamsConsistent and computeOutShape for concat along `axis`. */
function concatShapes(ts: readonly TfTensor[], axis: number): Dim[] {
  const rank = ts[0].shape.length;
  ts.forEach((t, i) => {
    if (t.shape.length !== rank) tfFail('cat-shapes', `Error in concat${rank}D: rank of tensors[${i}] must be the same as the rank of the rest (${rank})`);
  });
  const first = ts[0].shape;
  ts.forEach((t, i) => {
    for (let r = 0; r < rank; r++) {
      // TF.js names the tensor's index where it means the axis.
      if (r !== axis && t.shape[r].equals(first[r]) === 'no') {
        tfFail('cat-shapes', `Error in concat${rank}D: Shape of tensors[${i}] (${jsList(t.shape)}) does not match the shape of the rest (${jsList(first)}) along the non-concatenated axis ${i}.`);
      }
    }
  });
  const out = [...first];
  out[axis] = ts.reduce((acc, t) => acc.add(t.shape[axis]), Dim.of(0));
  return out;
}

function concatRule(tensors: Value, axisV: Value): Value {
  const ts = tensorsArg(tensors);
  if (ts.length < 1) tfFail('cat-shapes', 'Pass at least one tensor to concat');
  const axis = parseAxisParam(axisV, ts[0].shape.length)[0];
  return tfOut(concatShapes(ts, axis), ts[0].dtype);
}

const concat = defineFunction({ names: ['tfjs.concat'], signature: 'tensors, axis=0', rule: (a) => concatRule(a.tensors, a.axis) });
const concat1d = defineFunction({ names: ['tfjs.concat1d'], signature: 'tensors', rule: (a) => concatRule(a.tensors, { kind: 'int', dim: Dim.of(0) }) });
const concatNd = (n: number): FunctionOp => defineFunction({ names: [`tfjs.concat${n}d`], signature: 'tensors, axis', rule: (a) => concatRule(a.tensors, a.axis) });

const stack = defineFunction({
  names: ['tfjs.stack'],
  signature: 'tensors, axis=0',
  rule(a) {
    const ts = tensorsArg(a.tensors);
    if (ts.length < 1) tfFail('cat-shapes', 'Pass at least one tensor to tf.stack');
    let axis = constIntArg(a.axis);
    const rank = ts[0].shape.length;
    if (axis > rank) tfFail('dim-out-of-range', 'Axis must be <= rank of the tensor');
    const first = ts[0];
    if (ts.length > 1) {
      for (const t of ts) {
        if (jsList(t.shape) !== jsList(first.shape)) tfFail('cat-shapes', `All tensors passed to stack must have matching shapes Shapes ${jsList(first.shape)} and ${jsList(t.shape)} must match`);
        if (t.dtype !== first.dtype) tfFail('tfjs-dtype', 'All tensors passed to stack must have matching dtypes');
      }
    }
    if (axis < 0) {
      if (axis < -(rank + 1)) tfFail('dim-out-of-range', `Axis must be in the interval [${-(rank + 1)}, ${rank}]`);
      axis = rank + axis + 1;
    }
    const out = [...first.shape];
    out.splice(axis, 0, Dim.of(ts.length));
    return tfOut(out, first.dtype);
  },
});

const unstack = defineFunction({
  names: ['tfjs.unstack'],
  signature: 'x, axis=0',
  rule(a) {
    const x = tensorLike(a.x);
    const rank = x.shape.length;
    const axis = constIntArg(a.axis);
    if (!(axis >= -rank && axis < rank)) tfFail('dim-out-of-range', `Axis = ${axis} is not in [-${rank}, ${rank})`);
    const ax = axis < 0 ? axis + rank : axis;
    const n = x.shape[ax].value;
    if (n === undefined) return giveUp('symbolic count');
    const piece = tfOut([...x.shape.slice(0, ax), ...x.shape.slice(ax + 1)], x.dtype);
    return { kind: 'list', items: Array.from({ length: n }, () => piece) };
  },
});

/** backend_util.prepareSplitSize, with its way of summing (the first size seeds the total even if -1). */
const split = defineFunction({
  names: ['tfjs.split'],
  signature: 'x, numOrSizeSplits, axis=0',
  rule(a) {
    const x = tensorLike(a.x);
    const axis = parseAxisParam(a.axis, x.shape.length)[0];
    const n = x.shape[axis].value;
    if (n === undefined) return giveUp('symbolic axis');
    let sizes: number[];
    if (a.numOrSizeSplits.kind === 'int') {
      const k = constIntArg(a.numOrSizeSplits);
      if (n % k !== 0) tfFail('split-size', 'Number of splits must evenly divide the axis.');
      sizes = Array<number>(k).fill(n / k);
    } else {
      sizes = intList(a.numOrSizeSplits);
      if (sizes.filter((s) => s === -1).length > 1) tfFail('split-size', 'There should be only one negative value in split array.');
      const neg = sizes.indexOf(-1);
      if (neg !== -1) sizes[neg] = n - sizes.reduce((acc, b) => (b > 0 ? acc + b : acc));
      if (n !== sizes.reduce((acc, b) => acc + b)) tfFail('split-size', 'The sum of sizes must match the size of the axis dimension.');
    }
    return { kind: 'list', items: sizes.map((s) => tfOut(x.shape.map((d, i) => (i === axis ? Dim.of(s) : d)), x.dtype)) };
  },
});

export const slicingOps: readonly FunctionOp[] = [slice, gather, tile, pad, concat, concat1d, concatNd(2), concatNd(3), concatNd(4), stack, unstack, split];

