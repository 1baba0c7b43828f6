// TF.js reductions: sum / mean / max / min / prod / logSumExp / all / any over axes (null: all)
// with keepDims, argMax / argMin (int32), norm, moments ({mean, variance}), cumsum.
// tf.sum(x[2, 3, 4], 1) -> [2, 4]; tf.argMax(logits[N, 10], 1) -> [N] int32
import type { Value } from '../../value';
import { boolArg, constIntArg } from '../args';
import type { DType } from '../dtype';
import { defineFunction, type FunctionOp } from '../op';
import { reducedShape } from '../math/reduce';
import { parseAxisParam, tensorLike, tfOut, upcast } from './tensorLike';

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

export const reduceOps: readonly FunctionOp[] = [
  reduction('sum', accumulated), reduction('prod', accumulated), reduction('mean', () => 'float32'),
  reduction('max', (d) => d), reduction('min', (d) => d), reduction('logSumExp', () => 'float32'),
  reduction('all', () => 'bool'), reduction('any', () => 'bool'),
  argReduction('argMax'), argReduction('argMin'), norm, moments, cumsum,
];
