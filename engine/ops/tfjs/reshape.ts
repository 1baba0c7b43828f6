// TF.js ops that rearrange a tensor's shape: reshape (one -1 inferred, with TF.js's checks and
// texts), the chained flatten / as1D..as5D / asScalar, expandDims, squeeze, transpose, cast and
// its chained forms, clone, reverse, broadcastTo.
// x.reshape([-1, 784]) on [60000, 28, 28] -> [60000, 784]
import { Dim } from '../../shape/dim';
import type { Shape } from '../../shape/shape';
import type { Value } from '../../value';
import { constIntArg, isNone, sequenceArg } from '../args';
import type { DType } from '../dtype';
import { defineFunction, giveUp, requireEqual, type FunctionOp, type OpContext } from '../op';
import { assertNonNegative, dtypeName, intList, jsList, parseAxisParam, sizeOf, tensorLike, tfFail, tfOut } from './tensorLike';

/** A shape argument whose entries may be symbolic sizes. */
function dimsArg(v: Value): Dim[] {
  return sequenceArg(v).map((d) => (d.kind === 'int' ? d.dim : giveUp('shape entry')));
}

/**
 * util.inferFromImplicitShape, then the Reshape kernel's size check. TF.js allows one -1, solved
 * from the element count; a zero-element input reshapes into any size.
 */
export function tfReshape(ctx: OpContext, input: Shape, target: readonly Dim[]): Dim[] {
  const total = sizeOf(input);
  let known = Dim.of(1);
  let implicit = -1;
  target.forEach((d, i) => {
    const v = d.value;
    if (v === -1) {
      if (implicit !== -1) tfFail('view-size', `Shapes can only have 1 implicit size. Found -1 at dim ${implicit} and dim ${i}`);
      implicit = i;
    } else if (v !== undefined && v < 0) tfFail('view-size', `Shapes can not be < 0. Found ${v} at dim ${i}`);
    else known = known.mul(d);
  });
  const t = total.value;
  const k = known.value;
  const out = [...target];
  if (implicit === -1) {
    if (t !== undefined && k !== undefined) {
      if (t > 0 && t !== k) tfFail('view-size', `Size(${t}) must match the product of shape ${jsList(target)}`);
      if (t !== k) tfFail('view-size', `The new shape (${jsList(target)}) has ${k} elements and the old shape (${jsList(input)}) has ${t} elements. The new shape and old shape must have the same number of elements.`);
    } else {
      requireEqual(ctx, known, total, () => ({ code: 'view-size', exception: 'Error', message: `Size(${total}) must match the product of shape ${jsList(target)}` }));
    }
    return out;
  }
  if (k === 0) tfFail('view-size', `Cannot infer the missing size in [${jsList(target)}] when there are 0 elements`);
  if (t !== undefined && k !== undefined) {
    if (t % k !== 0) tfFail('view-size', `The implicit shape can't be a fractional number. Got ${t} / ${k}`);
    out[implicit] = Dim.of(t / k);
    return out;
  }
  const q = total.floordiv(known);
  if (q === undefined || q.mul(known).equals(total) !== 'yes') return giveUp('symbolic reshape');
  out[implicit] = q;
  return out;
}

const reshape = defineFunction({
  names: ['tfjs.reshape'],
  signature: 'x, shape',
  rule(a, ctx) {
    const x = tensorLike(a.x);
    return tfOut(tfReshape(ctx, x.shape, dimsArg(a.shape)), x.dtype);
  },
});

/** x.flatten() and x.as1D(): `reshape(x, [x.size])`. */
function toVector(name: string): FunctionOp {
  return defineFunction({ names: [`tfjs.Tensor.${name}`], signature: 'x', rule: (a) => {
    const x = tensorLike(a.x);
    return tfOut([sizeOf(x.shape)], x.dtype);
  } });
}

/** x.as2D(rows, columns) ... x.as5D(...): reshape to the given sizes. */
function asNd(n: number): FunctionOp {
  const params = ['rows', 'columns', 'depth', 'depth2', 'depth3'].slice(0, n);
  return defineFunction({
    names: [`tfjs.Tensor.as${n}D`],
    signature: `x, ${params.join(', ')}`,
    rule(a, ctx) {
      const x = tensorLike(a.x);
      return tfOut(tfReshape(ctx, x.shape, params.map((p) => (a[p].kind === 'int' ? a[p].dim : giveUp('size')))), x.dtype);
    },
  });
}

const asScalar = defineFunction({
  names: ['tfjs.Tensor.asScalar'],
  signature: 'x',
  rule(a) {
    const x = tensorLike(a.x);
    const n = sizeOf(x.shape).value;
    if (n !== undefined && n !== 1) tfFail('view-size', 'The array must have only 1 element.');
    return tfOut([], x.dtype);
  },
});

const expandDims = defineFunction({
  names: ['tfjs.expandDims'],
  signature: 'x, axis=0',
  rule(a) {
    const x = tensorLike(a.x);
    const rank = x.shape.length;
    let axis = constIntArg(a.axis);
    if (axis > rank) tfFail('dim-out-of-range', 'Axis must be <= rank of the tensor');
    if (axis < 0) {
      if (axis < -(rank + 1)) tfFail('dim-out-of-range', `Axis must be in the interval [${-(rank + 1)}, ${rank}]`);
      axis = rank + axis + 1;
    }
    const out = [...x.shape];
    out.splice(axis, 0, Dim.of(1));
    return tfOut(out, x.dtype);
  },
});

/** util.squeezeShape: the listed axes (sorted as strings, as JavaScript sorts) must be 1. */
const squeeze = defineFunction({
  names: ['tfjs.squeeze'],
  signature: 'x, axis=None',
  rule(a) {
    const x = tensorLike(a.x);
    const shape = x.shape;
    const empty = !isNone(a.axis) && (a.axis.kind === 'list' || a.axis.kind === 'tuple') && a.axis.items.length === 0;
    const axes = isNone(a.axis) || empty ? undefined : parseAxisParam(a.axis, shape.length).sort();
    const out: Dim[] = [];
    let j = 0;
    for (let i = 0; i < shape.length; i++) {
      const d = shape[i];
      if (d.value === undefined) {
        // An axis not listed is kept whatever its size (both branches below keep it once).
        if (axes === undefined || axes.includes(i)) return giveUp('symbolic size');
        out.push(d);
        if (axes[j] <= i) j++;
        continue;
      }
      if (axes !== undefined) {
        if (axes[j] === i && d.value !== 1) tfFail('squeeze-dim', `Can't squeeze axis ${i} since its dim '${d.value}' is not 1`);
        if ((axes[j] === undefined || axes[j] > i) && d.value === 1) out.push(d);
        if (axes[j] <= i) j++;
      }
      if (d.value !== 1) out.push(d);
    }
    return tfOut(out, x.dtype);
  },
});

const transpose = defineFunction({
  names: ['tfjs.transpose'],
  signature: 'x, perm=None, conjugate=False',
  rule(a) {
    const x = tensorLike(a.x);
    const rank = x.shape.length;
    const perm = isNone(a.perm) ? x.shape.map((_, i) => rank - 1 - i) : intList(a.perm);
    if (perm.length !== rank) tfFail('permute-dims', `Error in transpose: rank of input ${rank} must match length of perm ${perm.join(',')}.`);
    if (perm.some((p) => p < 0 || p >= rank)) tfFail('permute-dims', `All entries in 'perm' must be between 0 and ${rank - 1} but got ${perm.join(',')}`);
    return tfOut(perm.map((p) => x.shape[p]), x.dtype);
  },
});

function castTo(name: string, signature: string, dtype: (a: Readonly<Record<string, Value>>) => DType | undefined): FunctionOp {
  return defineFunction({ names: [name], signature, rule: (a) => tfOut(tensorLike(a.x).shape, dtype(a)) });
}

const reverse = defineFunction({
  names: ['tfjs.reverse'],
  signature: 'x, axis=None',
  rule(a) {
    const x = tensorLike(a.x);
    parseAxisParam(a.axis, x.shape.length);
    return tfOut(x.shape, x.dtype);
  },
});

const broadcastTo = defineFunction({
  names: ['tfjs.broadcastTo'],
  signature: 'x, shape',
  rule(a) {
    const x = tensorLike(a.x);
    const shape = dimsArg(a.shape);
    assertNonNegative(shape);
    if (shape.length < x.shape.length) tfFail('expand-rank', `broadcastTo(): shape.length=${shape.length} < input.rank=${x.shape.length}.`);
    const padded = [...Array.from({ length: shape.length - x.shape.length }, () => Dim.of(1)), ...x.shape];
    for (let i = shape.length - 1; i >= 0; i--) {
      if (padded[i].equals(shape[i]) === 'yes') continue;
      if (padded[i].value !== 1) tfFail('expand-size', `broadcastTo(): [${jsList(x.shape)}] cannot be broadcast to [${jsList(shape)}].`);
    }
    return tfOut(shape, x.dtype);
  },
});

export const reshapeOps: readonly FunctionOp[] = [
  reshape, toVector('flatten'), toVector('as1D'), asNd(2), asNd(3), asNd(4), asNd(5), asScalar,
  expandDims, squeeze, transpose, reverse, broadcastTo,
  castTo('tfjs.cast', 'x, dtype', (a) => dtypeName(a.dtype, undefined)),
  castTo('tfjs.Tensor.asType', 'x, dtype', (a) => dtypeName(a.dtype, undefined)),
  castTo('tfjs.Tensor.toFloat', 'x', () => 'float32'),
  castTo('tfjs.Tensor.toInt', 'x', () => 'int32'),
  castTo('tfjs.Tensor.toBool', 'x', () => 'bool'),
  castTo('tfjs.clone', 'x', (a) => tensorLike(a.x).dtype),
];
