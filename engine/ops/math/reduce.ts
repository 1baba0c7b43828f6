// Reductions: sum, mean, prod, max/min (with indices), amax/amin, argmax/argmin, std/var (and
// their _mean forms), logsumexp, all/any, count_nonzero, median, norm.
// [B, C, L] .sum(1) -> [B, L]; with keepdim -> [B, 1, L]
import { Dim } from '../../shape/dim';
import { formatShape, numel, type Shape } from '../../shape/shape';
import type { Value } from '../../value';
import { boolArg, constIntArg, dtypeArg, isNone, sequenceArg, tensor, tensorArg, tuple, wrapDim, type TensorArg } from '../args';
import { dtypeCategory, isFloating, type DType } from '../dtype';
import { defineFunction, fail, type FunctionOp } from '../op';
import { broadcastShapes as broadcastPair } from '../common/broadcast';
import { cName, dtypeOf, notImplemented, resultType } from './promote';
import { lowerReduce } from './lowerReduce';
import { lowerCountNonzero, lowerMedian, lowerNorm } from './lowerStats';

/** Reduced dims (wrapped, deduplicated with PyTorch's error), or undefined for "all". */
export function reduceDims(v: Value | undefined, rank: number): number[] | undefined {
  if (v === undefined || isNone(v)) return undefined;
  const raw = v.kind === 'tuple' || v.kind === 'list' ? sequenceArg(v).map(constIntArg) : [constIntArg(v)];
  const seen = new Set<number>();
  for (const d of raw) {
    const w = wrapDim(d, rank);
    if (seen.has(w)) fail('reduce-dim-repeated', 'RuntimeError', `dim ${w} appears multiple times in the list of dims`);
    seen.add(w);
  }
  // An empty list reduces every dimension, like None.
  return seen.size === 0 ? undefined : [...seen];
}

/** The reduced shape; a 0-d input stays 0-d even with keepdim. */
export function reducedShape(shape: Shape, dims: readonly number[] | undefined, keepdim: boolean): Shape {
  const all = dims === undefined;
  const out: Dim[] = [];
  shape.forEach((d, i) => {
    if (all || dims.includes(i)) {
      if (keepdim) out.push(Dim.of(1));
    } else out.push(d);
  });
  return out;
}

/** Is the tensor known to be empty? Symbolic sizes count as non-empty (they name real lengths). */
const knownEmpty = (s: Shape): boolean => numel(s).value === 0;

const keep = (args: Readonly<Record<string, Value>>): boolean => boolArg(args.keepdim);

/** sum and prod: integers and bools accumulate in int64 unless dtype= says otherwise. */
function accumulate(x: TensorArg, dtypeKw: Value | undefined): DType {
  const forced = dtypeArg(dtypeKw);
  if (forced) return forced;
  const d = dtypeOf(x);
  return dtypeCategory(d) < 2 ? 'int64' : d;
}

function requireFloating(what: string, d: DType, message: string): void {
  if (dtypeCategory(d) < 2) fail(what, 'RuntimeError', message);
}

const T = 'torch.';
const V = 'torch.Tensor.';

/** [*] -> reduced, dtype int64 for integer inputs */
export const sum = defineFunction({
  names: [T + 'sum', V + 'sum', T + 'nansum', V + 'nansum'],
  signature: 'input, dim=None, keepdim=False, *, dtype=None',
  onnx: lowerReduce,
  rule(args) {
    const x = tensorArg(args.input);
    return tensor(reducedShape(x.shape, reduceDims(args.dim, x.shape.length), keep(args)), accumulate(x, args.dtype));
  },
});

export const prod = defineFunction({
  names: [T + 'prod', V + 'prod'],
  signature: 'input, dim=None, keepdim=False, *, dtype=None',
  onnx: lowerReduce,
  rule(args) {
    const x = tensorArg(args.input);
    return tensor(reducedShape(x.shape, reduceDims(args.dim, x.shape.length), keep(args)), accumulate(x, args.dtype));
  },
});

export const mean = defineFunction({
  names: [T + 'mean', V + 'mean', T + 'nanmean', V + 'nanmean'],
  signature: 'input, dim=None, keepdim=False, *, dtype=None',
  onnx: lowerReduce,
  rule(args) {
    const x = tensorArg(args.input);
    const forced = dtypeArg(args.dtype);
    const d = dtypeOf(x);
    if (!forced) {
      requireFloating('mean-dtype', d, `mean(): could not infer output dtype. Input dtype must be either a floating point or complex dtype. Got: ${cName(d)}`);
    }
    return tensor(reducedShape(x.shape, reduceDims(args.dim, x.shape.length), keep(args)), forced ?? d);
  },
});

/** max/min: whole tensor -> [], along a dim -> (values, indices), with a tensor -> elementwise. */
function extremum(name: 'max' | 'min'): FunctionOp {
  return defineFunction({
    names: [T + name, V + name],
    signature: 'input, dim=None, keepdim=False',
    onnx: lowerReduce,
    rule(args, ctx) {
      const x = tensorArg(args.input);
      const d = dtypeOf(x);
      if (args.dim.kind === 'tensor') {
        const o = tensorArg(args.dim);
        return tensor(broadcastPair(ctx, x.shape, o.shape), resultType([args.input, args.dim]));
      }
      if (isNone(args.dim)) {
        if (knownEmpty(x.shape)) {
          fail('reduce-empty', 'RuntimeError', `${name}(): Expected reduction dim to be specified for input.numel() == 0. Specify the reduction dim with the 'dim' argument.`);
        }
        return tensor([], d);
      }
      const dim = wrapDim(constIntArg(args.dim), x.shape.length);
      if (x.shape.length > 0 && x.shape[dim].value === 0) {
        fail('reduce-empty', 'IndexError', `${name}(): Expected reduction dim ${dim} to have non-zero size.`);
      }
      const shape = reducedShape(x.shape, [dim], keep(args));
      return tuple([tensor(shape, d), tensor(shape, 'int64')]);
    },
  });
}

function amaxLike(name: 'amax' | 'amin'): FunctionOp {
  return defineFunction({
    names: [T + name, V + name],
    signature: 'input, dim=(), keepdim=False',
    onnx: lowerReduce,
    rule(args) {
      const x = tensorArg(args.input);
      const dims = reduceDims(args.dim, x.shape.length);
      if (dims === undefined && knownEmpty(x.shape)) {
        fail('reduce-empty', 'RuntimeError', `${name}(): Expected reduction dim to be specified for input.numel() == 0. Specify the reduction dim with the 'dim' argument.`);
      }
      return tensor(reducedShape(x.shape, dims, keep(args)), dtypeOf(x));
    },
  });
}

function argLike(name: 'argmax' | 'argmin'): FunctionOp {
  return defineFunction({
    names: [T + name, V + name],
    signature: 'input, dim=None, keepdim=False',
    onnx: lowerReduce,
    rule(args) {
      const x = tensorArg(args.input);
      const d = dtypeOf(x);
      if (d === 'bool') notImplemented(`${name}_cpu`, d);
      if (isNone(args.dim)) {
        if (knownEmpty(x.shape)) fail('reduce-empty', 'IndexError', `${name}(): Expected reduction dim to be specified for input.numel() == 0.`);
        return tensor(reducedShape(x.shape, undefined, keep(args)), 'int64');
      }
      const dim = wrapDim(constIntArg(args.dim), x.shape.length);
      if (x.shape.length > 0 && x.shape[dim].value === 0) {
        fail('reduce-empty', 'IndexError', `${name}(): Expected reduction dim ${dim} to have non-zero size.`);
      }
      return tensor(reducedShape(x.shape, [dim], keep(args)), 'int64');
    },
  });
}

/** std/var and their _mean forms; `std(x, False)` binds the bool to unbiased, as PyTorch's overloads do. */
function moments(name: 'std' | 'var' | 'std_mean' | 'var_mean'): FunctionOp {
  return defineFunction({
    names: [T + name, ...(name.includes('mean') ? [] : [V + name])],
    signature: 'input, dim=None, unbiased=True, keepdim=False, *, correction=None',
    onnx: lowerReduce,
    rule(args) {
      const x = tensorArg(args.input);
      const d = dtypeOf(x);
      const message = name.includes('mean') ? `${name} only support floating point and complex dtypes` : 'std and var only support floating point and complex dtypes';
      requireFloating('moments-dtype', d, message);
      const dimArg = args.dim.kind === 'bool' ? undefined : args.dim;
      const shape = reducedShape(x.shape, reduceDims(dimArg, x.shape.length), keep(args));
      const out = tensor(shape, d);
      return name.includes('mean') ? tuple([out, tensor(shape, d)]) : out;
    },
  });
}

export const logsumexp = defineFunction({
  names: [T + 'logsumexp', V + 'logsumexp'],
  signature: 'input, dim, keepdim=False',
  onnx: lowerReduce,
  rule(args) {
    const x = tensorArg(args.input);
    const d = dtypeOf(x);
    const dims = reduceDims(args.dim, x.shape.length);
    const out = dtypeCategory(d) < 2 ? 'float32' : d;
    if (dims === undefined && x.shape.length > 0 && !keep(args)) {
      // An empty dim list reduces nothing away but keeps size-1 dims: the 0-d output
      // buffer then cannot take the result.
      fail('logsumexp-dims', 'RuntimeError', `output with shape [] doesn't match the broadcast shape ${formatShape(x.shape.map(() => Dim.of(1)))}`);
    }
    return tensor(reducedShape(x.shape, dims, keep(args)), out);
  },
});

/** all/any: bool, except that uint8 inputs keep uint8. */
export const allAny = defineFunction({
  names: [T + 'all', V + 'all', T + 'any', V + 'any'],
  signature: 'input, dim=None, keepdim=False',
  onnx: lowerReduce,
  rule(args) {
    const x = tensorArg(args.input);
    const d = dtypeOf(x);
    const dims = isNone(args.dim) ? undefined : [wrapDim(constIntArg(args.dim), x.shape.length)];
    return tensor(reducedShape(x.shape, dims, keep(args)), d === 'uint8' ? 'uint8' : 'bool');
  },
});

export const countNonzero = defineFunction({
  names: [T + 'count_nonzero', V + 'count_nonzero'],
  signature: 'input, dim=None',
  onnx: lowerCountNonzero,
  rule(args) {
    const x = tensorArg(args.input);
    return tensor(reducedShape(x.shape, reduceDims(args.dim, x.shape.length), false), 'int64');
  },
});

export const median = defineFunction({
  names: [T + 'median', V + 'median', T + 'nanmedian', V + 'nanmedian'],
  signature: 'input, dim=None, keepdim=False',
  onnx: lowerMedian,
  rule(args) {
    const x = tensorArg(args.input);
    const d = dtypeOf(x);
    if (d === 'bool' || d === 'float16') notImplemented('median_cpu', d);
    if (isNone(args.dim)) return tensor([], d);
    const dim = wrapDim(constIntArg(args.dim), x.shape.length);
    const shape = reducedShape(x.shape, [dim], keep(args));
    return tuple([tensor(shape, d), tensor(shape, 'int64')]);
  },
});

/** torch.norm: vector norms over dims, Frobenius and nuclear matrix norms. */
function normRule(args: Readonly<Record<string, Value>>): Value {
  const x = tensorArg(args.input);
  const d = dtypeOf(x);
  const forced = dtypeArg(args.dtype);
  if (!isFloating(d) && dtypeCategory(d) !== 3) {
    fail('norm-dtype', 'RuntimeError', `norm(): input dtype should be either floating point or complex. Got ${cName(d)} instead.`);
  }
  const p = args.p;
  const dims = isNone(args.dim) ? undefined : args.dim.kind === 'tuple' || args.dim.kind === 'list' ? sequenceArg(args.dim).map(constIntArg) : [constIntArg(args.dim)];
  if (p.kind === 'str' && p.value === 'nuc') {
    if (dims === undefined) {
      if (x.shape.length !== 2) {
        fail('norm-rank', 'RuntimeError', `Expected a tensor with 2 dimensions, but got a tensor with ${x.shape.length} dimensions instead.`);
      }
    } else if (dims.length !== 2) fail('norm-dims', 'RuntimeError', "nuclear norm requires a 'dim' argument of size 2");
  }
  const wrapped = dims === undefined ? undefined : reduceDims(args.dim, x.shape.length);
  return tensor(reducedShape(x.shape, wrapped, boolArg(args.keepdim)), forced ?? d);
}

export const norm = defineFunction({
  names: [T + 'norm'],
  signature: "input, p='fro', dim=None, keepdim=False, out=None, dtype=None",
  onnx: lowerNorm,
  rule: (args) => normRule(args),
});

export const tensorNorm = defineFunction({
  names: [V + 'norm'],
  signature: "input, p='fro', dim=None, keepdim=False, dtype=None",
  onnx: lowerNorm,
  rule: (args) => normRule(args),
});

export const reduceOps: readonly FunctionOp[] = [
  sum, prod, mean, extremum('max'), extremum('min'), amaxLike('amax'), amaxLike('amin'), argLike('argmax'), argLike('argmin'),
  moments('std'), moments('var'), moments('std_mean'), moments('var_mean'), logsumexp, allAny, countNonzero, median, norm, tensorNorm,
];
