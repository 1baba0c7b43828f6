// TF.js reductions: sum / mean / max / min / prod / logSumExp / all / any over axes (null: all)
// with keepDims, argMax / argMin (int32), norm, moments ({mean, variance}), cumsum.
// tf.sum(x[2, 3, 4], 1) -> [2, 4]; tf.argMax(logits[N, 10], 1) -> [N] int32
import type { Value } from '../../value';
import { boolArg, constIntArg } from '../args';
import type { DType } from '../dtype';
import { defineFunction, type FunctionOp } from '../op';
import { reducedShape } from '../math/reduce';
import { Dim } from '../../shape/dim';
import { parseAxisParam, sizeOf, tensorLike, tfFail, tfOut, upcast } from './tensorLike';

function reduction(name: string, dtype: (x: DType | undefined) => DType | undefined): FunctionOp {
  return defineFunction({
    names: [`tfjs.${name}`],
    signature: 'x, axis=None, keepDims=False',
    rule(a) {
      const x = tensorLike(a.x);
      const axes = parseAxisParam(a.axis, x.shape.length);
      return tfOut(reducedShape(x.shape, axes, boolArg(a.keepDims)), dtype(x.dtype));
    },
  });
}

/** sum and prod accumulate bools and ints in int32 (upcastType(dtype, 'int32')). */
const accumulated = (d: DType | undefined): DType | undefined => upcast(d === 'bool' ? 'int32' : d, 'int32');

function argReduction(name: string): FunctionOp {
  return defineFunction({
    names: [`tfjs.${name}`],
    signature: 'x, axis=0',
    rule(a) {
      const x = tensorLike(a.x);
      const axes = parseAxisParam(a.axis, x.shape.length);
      return tfOut(reducedShape(x.shape, [axes[0]], false), 'int32');
    },
  });
}

const norm = defineFunction({
  names: ['tfjs.norm'],
  signature: "x, ord='euclidean', axis=None, keepDims=False",
  rule(a) {
    const x = tensorLike(a.x);
    const axes = parseAxisParam(a.axis, x.shape.length);
    return tfOut(reducedShape(x.shape, axes, boolArg(a.keepDims)), 'float32');
  },
});

const moments = defineFunction({
  names: ['tfjs.moments'],
  signature: 'x, axis=None, keepDims=False',
  rule(a) {
    const x = tensorLike(a.x);
    const axes = parseAxisParam(a.axis, x.shape.length);
    const t = tfOut(reducedShape(x.shape, axes, boolArg(a.keepDims)), 'float32');
    const entries: [Value, Value][] = [[{ kind: 'str', value: 'mean' }, t], [{ kind: 'str', value: 'variance' }, t]];
    return { kind: 'dict', entries };
  },
});

const cumsum = defineFunction({
  names: ['tfjs.cumsum', 'tfjs.cumprod'],
  signature: 'x, axis=0, exclusive=False, reverse=False',
  rule(a) {
    const x = tensorLike(a.x);
    constIntArg(a.axis);
    return tfOut(x.shape, x.dtype);
  },
});

/** tf.topk: the k largest along the last axis, {values, indices}. */
const topk = defineFunction({
  names: ['tfjs.topk'],
  signature: 'x, k=1, sorted=True',
  rule(a) {
    const x = tensorLike(a.x);
    if (x.shape.length === 0) tfFail('topk-k', 'topk() expects the input to be of rank 1 or higher');
    const last = x.shape[x.shape.length - 1];
    const k = constIntArg(a.k);
    if (k < 0) tfFail('topk-k', `'k' passed to topk() must be >= 0 but got ${k}`);
    if (last.value !== undefined && k > last.value) tfFail('topk-k', `'k' passed to topk() must be <= the last dimension (${last}) but got ${k}`);
    const shape = [...x.shape.slice(0, -1), Dim.of(k)];
    const entries: [Value, Value][] = [[{ kind: 'str', value: 'values' }, tfOut(shape, x.dtype)], [{ kind: 'str', value: 'indices' }, tfOut(shape, 'int32')]];
    return { kind: 'dict', entries };
  },
});

/** tf.multinomial: `numSamples` draws per row of logits ([batch, outcomes] or [outcomes]). */
const multinomial = defineFunction({
  names: ['tfjs.multinomial'],
  signature: 'logits, numSamples, seed=None, normalized=False',
  rule(a) {
    const x = tensorLike(a.logits);
    const n = constIntArg(a.numSamples);
    const outcomes = sizeOf(x.shape).value;
    if (outcomes !== undefined && outcomes < 2) tfFail('tfjs-values', `Error in multinomial: you need at least 2 outcomes, but got ${outcomes}.`);
    if (x.shape.length > 2) tfFail('tfjs-rank', `Rank of probabilities must be 1 or 2, but is ${x.shape.length}`);
    return tfOut(x.shape.length === 1 ? [n] : [x.shape[0], n], 'int32');
  },
});

export const reduceOps: readonly FunctionOp[] = [
  topk, multinomial,
  reduction('sum', accumulated), reduction('prod', accumulated), reduction('mean', () => 'float32'),
  reduction('max', (d) => d), reduction('min', (d) => d), reduction('logSumExp', () => 'float32'),
  reduction('all', () => 'bool'), reduction('any', () => 'bool'),
  argReduction('argMax'), argReduction('argMin'), norm, moments, cumsum,
];
