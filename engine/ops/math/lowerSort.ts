// ONNX lowering of sorting and scans along one dim. TopK lists equal values lowest index first,
// as a stable sort does; scans without an ONNX op (cumprod, cummax, logcumsumexp) are unrolled
// over the dim, up to MAX_UNROLL steps.
import type { Value } from '../../value';
import { boolArg, constIntArg, isNone, wrapDim } from '../args';
import { reshapeTo, sliceAxis, unsqueeze } from '../common/onnx';
import type { DType } from '../dtype';
import type { Lowered, OnnxCall, OnnxGraph } from '../lowering';

const MAX_UNROLL = 256;

function axisOf(g: OnnxGraph, input: Value, dim: Value): number {
  const rank = g.shape(input).length;
  return rank === 0 ? 0 : wrapDim(constIntArg(dim), rank);
}

/** (values, int64 indices) of the k largest or smallest along `axis`, in order. */
function topK(g: OnnxGraph, input: Value, k: number, axis: number, largest: boolean, dtype: DType): [string, string] {
  const rank = g.shape(input).length;
  let x = g.inputAs(input, dtype);
  if (rank === 0) x = unsqueeze(g, x, [0]);
  const [v, i] = g.node('TopK', [x, g.ints([k])], { axis, largest: largest ? 1 : 0, sorted: 1 }, 2);
  if (rank === 0) return [reshapeTo(g, v, []), reshapeTo(g, i, [])];
  return [v, i];
}

export function lowerTopk(g: OnnxGraph, call: OnnxCall): Lowered {
  const a = call.args;
  const axis = axisOf(g, a.input, a.dim);
  const k = g.int(a.k);
  // Unsorted results come in an order PyTorch leaves to the kernel: only whole sorts agree.
  if (!boolArg(a.sorted) && k !== 1 && k !== 0) return g.noKernel('topk with sorted=False');
  return topK(g, a.input, k, axis, boolArg(a.largest), g.dtype(a.input));
}

export function lowerSort(g: OnnxGraph, call: OnnxCall): Lowered {
  const a = call.args;
  const axis = axisOf(g, a.input, a.dim);
  const size = g.shape(a.input)[axis] ?? 1;
  const [v, i] = topK(g, a.input, size, axis, boolArg(a.descending), g.dtype(a.input));
  return call.name.endsWith('argsort') ? i : [v, i];
}

/** cumsum (CumSum) and cumprod (unrolled products) in the output dtype. */
export function lowerCumulative(g: OnnxGraph, call: OnnxCall): Lowered {
  const a = call.args;
  const dtype = g.dtype(call.output);
  const x = g.inputAs(a.input, dtype);
  const rank = g.shape(a.input).length;
  if (rank === 0) return g.op('Identity', [x]);
  const axis = wrapDim(constIntArg(a.dim), rank);
  if (call.name.endsWith('cumsum')) return g.op('CumSum', [x, g.ints([axis])]);
  return scan(g, x, axis, g.shape(a.input)[axis], (acc, cur) => g.op('Mul', [acc, cur]));
}

/** Prefix combination along `axis`: out[k] = f(out[k-1], x[k]). */
function scan(g: OnnxGraph, x: string, axis: number, n: number, f: (acc: string, cur: string) => string): string {
  if (n > MAX_UNROLL) return g.noKernel(`a scan over ${n} steps`);
  if (n <= 1) return g.op('Identity', [x]);
  const steps: string[] = [];
  let acc = sliceAxis(g, x, axis, 0, 1);
  steps.push(acc);
  for (let k = 1; k < n; k++) {
    acc = f(acc, sliceAxis(g, x, axis, k, k + 1));
    steps.push(acc);
  }
  return g.op('Concat', steps, { axis });
}

/** cummax / cummin: running extremum and the index where it was last reached (ties move it). */
export function lowerCumExtremum(g: OnnxGraph, call: OnnxCall): Lowered {
  const a = call.args;
  const dtype = g.dtype(a.input);
  const x = g.inputAs(a.input, dtype);
  const shape = g.shape(a.input);
  if (shape.length === 0) return [g.op('Identity', [x]), g.constant([0], [], 'int64')];
  const axis = wrapDim(constIntArg(a.dim), shape.length);
  const n = shape[axis];
  if (n > MAX_UNROLL) return g.noKernel(`a scan over ${n} steps`);
  const isMax = call.name.endsWith('cummax');
  const sliceShape = shape.map((s, i) => (i === axis ? 1 : s));
  const values: string[] = [];
  const indices: string[] = [];
  let best = sliceAxis(g, x, axis, 0, 1);
  let idx = g.op('Expand', [g.constant([0], [], 'int64'), g.ints(sliceShape)]);
  values.push(best);
  indices.push(idx);
  for (let k = 1; k < n; k++) {
    const cur = sliceAxis(g, x, axis, k, k + 1);
    // PyTorch moves to the newer index on ties (>= for cummax, <= for cummin); NaN sticks.
    const better = g.op(isMax ? 'GreaterOrEqual' : 'LessOrEqual', [cur, best]);
    const takeAll = dtype === 'float32' || dtype === 'float64' ? g.op('Or', [better, g.op('IsNaN', [cur])]) : better;
    best = g.op('Where', [takeAll, cur, best]);
    idx = g.op('Where', [takeAll, g.constant([k], [], 'int64'), idx]);
    values.push(best);
    indices.push(idx);
  }
  return [g.op('Concat', values, { axis }), g.op('Concat', indices, { axis })];
}

/** log(sum exp) prefix: each step is a stable logaddexp. */
export function lowerLogcumsumexp(g: OnnxGraph, call: OnnxCall): Lowered {
  const a = call.args;
  const dtype = g.dtype(call.output);
  const x = g.inputAs(a.input, dtype);
  const shape = g.shape(a.input);
  if (shape.length === 0) return g.op('Identity', [x]);
  const axis = wrapDim(constIntArg(a.dim), shape.length);
  return scan(g, x, axis, shape[axis], (acc, cur) => {
    const m = g.op('Max', [acc, cur]);
    // max(a, b) + log1p(exp(-|a - b|)); -inf on both sides stays -inf.
    const d = g.op('Neg', [g.op('Abs', [g.op('Sub', [acc, cur])])]);
    const safe = g.op('Where', [g.op('IsNaN', [d]), g.scalar(-Infinity, dtype), d]);
    return g.op('Add', [m, g.op('Log', [g.op('Add', [g.scalar(1, dtype), g.op('Exp', [safe])])])]);
  });
}

/** n-th forward difference along `dim`, prepend/append joined first. */
export function lowerDiff(g: OnnxGraph, call: OnnxCall): Lowered {
  const a = call.args;
  const dtype = g.dtype(call.output);
  if (dtype === 'bool') return g.noKernel('diff of bools');
  const rank = g.shape(a.input).length;
  const axis = wrapDim(constIntArg(a.dim), rank);
  const parts = [a.prepend, a.input, a.append].filter((v) => !isNone(v)).map((v) => {
    const name = g.inputAs(v, dtype);
    // A 0-d prepend/append is expanded along the dim (PyTorch broadcasts it to size 1).
    if (g.shape(v).length === 0) return g.op('Expand', [name, g.ints(g.shape(a.input).map((s, i) => (i === axis ? 1 : s)))]);
    return name;
  });
  let x = parts.length === 1 ? g.op('Identity', [parts[0]]) : g.op('Concat', parts, { axis });
  let len = [a.prepend, a.input, a.append].filter((v) => !isNone(v)).reduce((p, v) => p + (g.shape(v)[axis] ?? 1), 0);
  const n = constIntArg(a.n);
  for (let k = 0; k < n && len > 0; k++) {
    x = g.op('Sub', [sliceAxis(g, x, axis, 1, len), sliceAxis(g, x, axis, 0, len - 1)]);
    len -= 1;
  }
  return g.op('Identity', [x]);
}

