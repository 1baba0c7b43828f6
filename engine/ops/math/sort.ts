// Sorting and scans along one dim: topk, sort, argsort, cumsum, cumprod, cummax/cummin,
// logcumsumexp, diff. [B, L] .topk(k, -1) -> ([B, k], [B, k])
import { Dim } from '../../shape/dim';
import type { Shape } from '../../shape/shape';
import { constIntArg, dtypeArg, intArg, optTensorArg, tensor, tensorArg, tuple, wrapDim } from '../args';
import { dtypeCategory } from '../dtype';
import { defineFunction, fail, requireEqual, type FunctionOp } from '../op';
import { dtypeOf, notImplemented, resultType } from './promote';
import { lowerCumExtremum, lowerCumulative, lowerDiff, lowerLogcumsumexp, lowerSort, lowerTopk } from './lowerSort';

const T = 'torch.';
const V = 'torch.Tensor.';

/** [*, L, *] -> ([*, k, *], indices); k must lie in [0, L] (a 0-d tensor counts as L = 1). */
export const topk = defineFunction({
  names: [T + 'topk', V + 'topk'],
  signature: 'input, k, dim=-1, largest=True, sorted=True, *, out=None',
  onnx: lowerTopk,
  rule(args) {
    const x = tensorArg(args.input);
    const d = dtypeOf(x);
    // A k the analysis does not know (`int(n * (1 - self.prob))`, the prob a float nobody gave):
    // that many, how many is not known.
    const k = args.k.kind === 'unknown' ? Dim.unknown() : intArg(args.k);
    const dim = wrapDim(constIntArg(args.dim), x.shape.length);
    const size = x.shape.length === 0 ? Dim.of(1) : x.shape[dim];
    // k must lie in [0, size]; with symbolic sizes a known violation still fails, an open
    // question is assumed valid (k <= size is not an equality to record).
    const slack = size.sub(k).value;
    if ((k.value !== undefined && k.value < 0) || (slack !== undefined && slack < 0)) {
      fail('topk-k', 'RuntimeError', 'selected index k out of range');
    }
    const shape: Shape = x.shape.length === 0 ? [] : x.shape.map((s, i) => (i === dim ? k : s));
    return tuple([tensor(shape, d), tensor(shape, 'int64')]);
  },
});

export const sort = defineFunction({
  names: [T + 'sort', V + 'sort'],
  signature: 'input, dim=-1, descending=False, stable=False, *, out=None',
  onnx: lowerSort,
  rule(args) {
    const x = tensorArg(args.input);
    wrapDim(constIntArg(args.dim), x.shape.length);
    return tuple([tensor(x.shape, dtypeOf(x)), tensor(x.shape, 'int64')]);
  },
});

export const argsort = defineFunction({
  names: [T + 'argsort', V + 'argsort'],
  signature: 'input, dim=-1, descending=False, stable=False',
  onnx: lowerSort,
  rule(args) {
    const x = tensorArg(args.input);
    wrapDim(constIntArg(args.dim), x.shape.length);
    return tensor(x.shape, 'int64');
  },
});

/** cumsum / cumprod: same shape; integers and bools accumulate in int64 unless dtype= is given. */
export const cumulative = defineFunction({
  names: [T + 'cumsum', V + 'cumsum', T + 'cumprod', V + 'cumprod'],
  signature: 'input, dim, *, dtype=None, out=None',
  onnx: lowerCumulative,
  rule(args) {
    const x = tensorArg(args.input);
    wrapDim(constIntArg(args.dim), x.shape.length);
    const d = dtypeOf(x);
    return tensor(x.shape, dtypeArg(args.dtype) ?? (dtypeCategory(d) < 2 ? 'int64' : d));
  },
});

export const cumExtremum = defineFunction({
  names: [T + 'cummax', V + 'cummax', T + 'cummin', V + 'cummin'],
  signature: 'input, dim, *, out=None',
  onnx: lowerCumExtremum,
  rule(args) {
    const x = tensorArg(args.input);
    wrapDim(constIntArg(args.dim), x.shape.length);
    return tuple([tensor(x.shape, dtypeOf(x)), tensor(x.shape, 'int64')]);
  },
});

export const logcumsumexp = defineFunction({
  names: [T + 'logcumsumexp', V + 'logcumsumexp'],
  signature: 'input, dim, *, out=None',
  onnx: lowerLogcumsumexp,
  rule(args) {
    const x = tensorArg(args.input);
    wrapDim(constIntArg(args.dim), x.shape.length);
    const d = dtypeOf(x);
    if (dtypeCategory(d) < 2) notImplemented('logcumsumexp_out_cpu', d);
    return tensor(x.shape, d);
  },
});

/** n-th forward difference: [*, L] -> [*, max(L' - n, 0)] with L' counting prepend/append. */
export const diff = defineFunction({
  names: [T + 'diff', V + 'diff'],
  signature: 'input, n=1, dim=-1, prepend=None, append=None',
  onnx: lowerDiff,
  rule(args, ctx) {
    const x = tensorArg(args.input);
    if (x.shape.length === 0) fail('diff-rank', 'RuntimeError', 'diff expects input to be at least one-dimensional');
    const n = constIntArg(args.n);
    const dim = wrapDim(constIntArg(args.dim), x.shape.length);
    let length = x.shape[dim];
    const operands = [args.input];
    for (const key of ['prepend', 'append'] as const) {
      const t = optTensorArg(args[key]);
      if (!t) continue;
      operands.push(args[key]);
      x.shape.forEach((s, i) => {
        if (i === dim) return;
        requireEqual(ctx, t.shape[i] ?? Dim.of(1), s, () => ({
          code: 'diff-shape', exception: 'RuntimeError',
          message: `diff expects the shape of tensor to prepend or append to match that of input except along the differencing dimension; input.size(${i}) = ${s}, but got tensor.size(${i}) = ${t.shape[i]}`,
        }));
      });
      length = length.add(t.shape[dim]);
    }
    const out = Dim.max(length.sub(n), 0);
    // bool inputs use logical_xor, keeping bool; others subtract in the promoted type.
    const d = resultType(operands);
    return tensor(x.shape.map((s, i) => (i === dim ? out : s)), d);
  },
});

export const sortOps: readonly FunctionOp[] = [topk, sort, argsort, cumulative, cumExtremum, logcumsumexp, diff];
