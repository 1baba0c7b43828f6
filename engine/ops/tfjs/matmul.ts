// TF.js matrix products: matMul (batched, broadcasting the batch dims, transposeA/B), dot (rank 1
// or 2), outerProduct and einsum (two operands at most, no ellipsis, as TF.js supports it).
// tf.matMul(a[5, 2, 3], b[3, 4]) -> [5, 2, 4]
import { Dim } from '../../shape/dim';
import { boolArg, strArg } from '../args';
import { defineFunction, giveUp, requireEqual, type FunctionOp } from '../op';
import { tfBroadcast } from './elementwise';
import { jsList, sizeOf, tensorLike, tfFail, tfOut, upcast } from './tensorLike';

/** The BatchMatMul kernel's shape rule and its check of the inner sizes. */
const matMul = defineFunction({
  names: ['tfjs.matMul'],
  signature: 'a, b, transposeA=False, transposeB=False',
  rule(args, ctx) {
    const a = tensorLike(args.a);
    const b = tensorLike(args.b);
    const ta = boolArg(args.transposeA);
    const tb = boolArg(args.transposeB);
    const ra = a.shape.length;
    const rb = b.shape.length;
    const at = (s: readonly Dim[], i: number): Dim | undefined => (i >= 0 ? s[i] : undefined);
    const innerA = ta ? at(a.shape, ra - 2) : at(a.shape, ra - 1);
    const innerB = tb ? at(b.shape, rb - 1) : at(b.shape, rb - 2);
    const outerA = ta ? at(a.shape, ra - 1) : at(a.shape, ra - 2);
    const outerB = tb ? at(b.shape, rb - 2) : at(b.shape, rb - 1);
    const batch = tfBroadcast(ctx, a.shape.slice(0, -2), b.shape.slice(0, -2));
    const message = `Error in matMul: inner shapes (${innerA ?? 'undefined'}) and (${innerB ?? 'undefined'}) of Tensors with shapes ${jsList(a.shape)} and ${jsList(b.shape)} and transposeA=${ta} and transposeB=${tb} must match.`;
    if (innerA === undefined || innerB === undefined) tfFail('matmul-shapes', message);
    requireEqual(ctx, innerA!, innerB!, () => ({ code: 'matmul-shapes', exception: 'Error', message }));
    if (outerA === undefined) {
      // The kernel reshapes a rank-1 `a` to [batch, undefined, inner]: TF.js's reshape check fails.
      const shape = `${sizeOf(a.shape.slice(0, -2))},,${innerA}`;
      tfFail('matmul-shapes', `The new shape (${shape}) has NaN elements and the old shape (${jsList(a.shape)}) has ${sizeOf(a.shape)} elements. The new shape and old shape must have the same number of elements.`);
    }
    if (outerB === undefined) return giveUp('rank-1 b');
    return tfOut([...batch, outerA!, outerB], upcast(a.dtype, b.dtype));
  },
});

const dot = defineFunction({
  names: ['tfjs.dot'],
  signature: 't1, t2',
  rule(args, ctx) {
    const a = tensorLike(args.t1);
    const b = tensorLike(args.t2);
    const ra = a.shape.length;
    const rb = b.shape.length;
    if (!((ra === 1 || ra === 2) && (rb === 1 || rb === 2))) tfFail('matmul-rank', `Error in dot: inputs must all be rank 1 or 2, but got ranks ${ra} and ${rb}.`);
    const innerA = ra === 1 ? sizeOf(a.shape) : a.shape[1];
    const innerB = rb === 1 ? sizeOf(b.shape) : b.shape[0];
    requireEqual(ctx, innerA, innerB, () => ({ code: 'matmul-shapes', exception: 'Error', message: `Error in dot: inner dimensions of inputs must match, but got ${innerA} and ${innerB}.` }));
    const dtype = upcast(a.dtype, b.dtype);
    if (ra === 1 && rb === 1) return tfOut([], dtype);
    if (ra === 1) return tfOut([b.shape[1]], dtype);
    if (rb === 1) return tfOut([a.shape[0]], dtype);
    return tfOut([a.shape[0], b.shape[1]], dtype);
  },
});

const outerProduct = defineFunction({
  names: ['tfjs.outerProduct'],
  signature: 'v1, v2',
  rule(args) {
    const a = tensorLike(args.v1);
    const b = tensorLike(args.v2);
    if (a.shape.length !== 1 || b.shape.length !== 1) tfFail('outer-rank', `Error in outerProduct: inputs must be rank 1, but got ranks ${a.shape.length} and ${b.shape.length}.`);
    return tfOut([a.shape[0], b.shape[0]], upcast(a.dtype, b.dtype));
  },
});

/** backend_util.decodeEinsumEquation and checkEinsumDimSizes. */
const einsum = defineFunction({
  names: ['tfjs.einsum'],
  signature: 'equation, *tensors',
  rule(args) {
    const eq = strArg(args.equation).replace(/\s/g, '');
    const ts = (args.tensors.kind === 'tuple' ? args.tensors.items : []).map(tensorLike);
    const arrows = eq.split('->').length - 1;
    if (arrows < 1) tfFail('einsum', 'Equations without an arrow are not supported.');
    if (arrows > 1) tfFail('einsum', 'Equation must contain exactly one arrow ("->").');
    const [input, output] = eq.split('->');
    if (input.includes('...')) tfFail('einsum', 'The ellipsis notation ("...") is not supported yet.');
    const terms = input.split(',');
    if (ts.length !== terms.length) tfFail('einsum', `Expected ${terms.length} input tensors, received ${ts.length}`);
    if (terms.length > 2) tfFail('einsum', 'Support for more than 2 input tensors is not implemented yet.');
    for (const label of output) {
      if (!terms.some((t) => t.includes(label))) tfFail('einsum', `Output subscripts contain the label ${label} not present in the input subscripts.`);
    }
    terms.forEach((t) => {
      if (new Set(t).size !== t.length) tfFail('einsum', `Found duplicate axes in input component ${t}. Support for duplicate axes in input is not implemented yet.`);
    });
    const sizes = new Map<string, Dim>();
    terms.forEach((t, i) => {
      const shape = ts[i].shape;
      if (shape.length !== t.length) giveUp('subscripts and rank differ');
      [...t].forEach((label, j) => {
        const seen = sizes.get(label);
        if (seen === undefined) sizes.set(label, shape[j]);
        else if (seen.equals(shape[j]) !== 'yes') {
          if (seen.equals(shape[j]) === 'unknown') giveUp('symbolic sizes');
          tfFail('einsum', `Expected dimension ${seen} at axis ${j} of input shaped [${jsList(shape)}], but got dimension ${shape[j]}`);
        }
      });
    });
    const dtype = ts.map((t) => t.dtype).reduce((x, y) => upcast(x, y));
    return tfOut([...output].map((l) => sizes.get(l)!), dtype);
  },
});

export const matmulOps: readonly FunctionOp[] = [matMul, dot, outerProduct, einsum];
