// ONNX lowering of reductions, by op name. Axes come from the same reduceDims rule as the shapes;
// "all dims" reduces every axis to a 0-d result (or 1s with keepdim).
import type { Value } from '../../value';
import { boolArg, isNone } from '../args';
import type { DType } from '../dtype';
import { isFloating } from '../dtype';
import type { Lowered, OnnxCall, OnnxGraph } from '../lowering';
import { reduceDims } from './reduce';

function baseName(name: string): string {
  return name.slice(name.lastIndexOf('.') + 1);
}

/** Reduce with an opset-17 Reduce* op (axes attribute; ReduceSum takes them as an input). */
function reduce(g: OnnxGraph, op: string, x: string, axes: number[], keep: boolean): string {
  if (op === 'ReduceSum') return g.op(op, [x, g.ints(axes)], { keepdims: keep ? 1 : 0 });
  return g.op(op, [x], { axes, keepdims: keep ? 1 : 0 });
}

export function lowerReduce(g: OnnxGraph, call: OnnxCall): Lowered {
  const a = call.args;
  const name = baseName(call.name);
  const input: Value = a.input;
  const rank = g.shape(input).length;
  if (a.dim !== undefined && a.dim.kind === 'tensor') {
    // torch.max(a, b): elementwise.
    const out = g.dtype(call.output);
    return g.op(name === 'max' ? 'Max' : 'Min', [g.inputAs(input, out), g.inputAs(a.dim, out)]);
  }
  const dims = reduceDims(a.dim, Math.max(rank, 1));
  const all = dims === undefined;
  const axes = rank === 0 ? [] : all ? Array.from({ length: rank }, (_, i) => i) : dims;
  const keep = a.keepdim !== undefined && !isNone(a.keepdim) && boolArg(a.keepdim);
  g.flops(g.shape(input).reduce((p, q) => p * q, 1));
  const outs = call.output.kind === 'tuple' ? call.output.items : [call.output];
  const outDtype: DType = g.dtype(outs[0]);
  const x = (dtype: DType): string => g.inputAs(input, dtype);
  if (rank === 0 && !['std', 'var', 'std_mean', 'var_mean'].includes(name)) {
    // A 0-d tensor reduces to itself (argmax to 0).
    if (name === 'argmax' || name === 'argmin') return g.constant([0], [], 'int64');
    const v = g.op('Identity', [x(outDtype)]);
    return outs.length === 2 ? [v, g.constant([0], [], 'int64')] : v;
  }
  switch (name) {
    case 'sum': return reduce(g, 'ReduceSum', x(outDtype), axes, keep);
    case 'mean': return reduce(g, 'ReduceMean', x(outDtype), axes, keep);
    case 'nansum': case 'nanmean': {
      const xs = x(outDtype);
      if (!isFloating(outDtype)) return reduce(g, name === 'nansum' ? 'ReduceSum' : 'ReduceMean', xs, axes, keep);
      const nan = g.op('IsNaN', [xs]);
      const total = reduce(g, 'ReduceSum', g.op('Where', [nan, g.scalar(0, outDtype), xs]), axes, keep);
      if (name === 'nansum') return total;
      const count = reduce(g, 'ReduceSum', g.op('Cast', [g.op('Not', [nan])], { to: outDtype === 'float64' ? 11 : 1 }), axes, keep);
      return g.op('Div', [total, count]);
    }
    case 'prod': return reduce(g, 'ReduceProd', x(outDtype), axes, keep);
    case 'amax': return reduce(g, 'ReduceMax', x(outDtype), axes, keep);
    case 'amin': return reduce(g, 'ReduceMin', x(outDtype), axes, keep);
    case 'logsumexp': return reduce(g, 'ReduceLogSumExp', x(outDtype), axes, keep);
    case 'max': case 'min': {
      const op = name === 'max' ? 'ReduceMax' : 'ReduceMin';
      if (outs.length === 1) return reduce(g, op, x(outDtype), axes, keep);
      // (values, indices) along one dim; PyTorch returns the first index of ties.
      const axis = axes[0];
      const values = reduce(g, op, x(outDtype), [axis], keep);
      const idx = g.op(name === 'max' ? 'ArgMax' : 'ArgMin', [x(outDtype)], { axis, keepdims: keep ? 1 : 0 });
      return [values, idx];
    }
    case 'argmax': case 'argmin': {
      const op = name === 'argmax' ? 'ArgMax' : 'ArgMin';
      if (all) {
        const flat = g.op('Reshape', [x(g.dtype(input)), g.ints([-1])]);
        const r = g.op(op, [flat], { axis: 0, keepdims: 0 });
        return keep ? g.op('Reshape', [r, g.ints(g.shape(call.output))]) : r;
      }
      return g.op(op, [x(g.dtype(input))], { axis: axes[0], keepdims: keep ? 1 : 0 });
    }
    case 'all': case 'any': {
      // Over bools: all = min, any = max (as uint8, which ReduceMin/Max accept).
      const asInt = g.op('Cast', [g.op('Cast', [g.input(input)], { to: 9 })], { to: 6 });
      const r = reduce(g, name === 'all' ? 'ReduceMin' : 'ReduceMax', asInt, axes, keep);
      const b = g.op('Cast', [r], { to: 9 });
      return outDtype === 'bool' ? b : g.op('Cast', [b], { to: 2 });
    }
    case 'std': case 'var': case 'std_mean': case 'var_mean': {
      if (!isFloating(outDtype)) return g.noKernel(name);
      const shape = g.shape(input);
      const n = axes.reduce((p, i) => p * shape[i], 1);
      const correction = a.correction !== undefined && !isNone(a.correction) ? g.int(a.correction) : boolArg(a.unbiased) ? 1 : 0;
      const xs = x(outDtype);
      const mean = reduce(g, 'ReduceMean', xs, axes, true);
      const d = g.op('Sub', [xs, mean]);
      const ss = reduce(g, 'ReduceSum', g.op('Mul', [d, d]), axes, keep);
      const variance = g.op('Div', [ss, g.scalar(Math.max(n - correction, 0), outDtype)]);
      const value = name.startsWith('std') ? g.op('Sqrt', [variance]) : variance;
      if (!name.endsWith('_mean')) return value;
      return [value, keep ? mean : reduce(g, 'ReduceMean', xs, axes, false)];
    }
    default: return g.noKernel(name);
  }
}
