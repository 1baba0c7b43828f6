// ONNX lowering of torch.norm / Tensor.norm, count_nonzero and median: reductions ONNX has no
// single operator for. Results are reshaped to the traced output (keepdim or not).
import { constIntArg, isNone, wrapDim } from '../args';
import { castTo, reshapeTo, sliceAxis } from '../common/onnx';
import { isFloating } from '../dtype';
import type { Lowered, OnnxCall, OnnxGraph } from '../lowering';
import { pNorm } from '../layers/lowerDistance';
import { reduceDims } from './reduce';

function axesOf(g: OnnxGraph, call: OnnxCall): number[] {
  const rank = g.shape(call.args.input).length;
  const dims = reduceDims(call.args.dim, Math.max(rank, 1));
  if (rank === 0) return [];
  return dims ?? Array.from({ length: rank }, (_, i) => i);
}

export function lowerNorm(g: OnnxGraph, call: OnnxCall): Lowered {
  const a = call.args;
  const dtype = g.dtype(call.output);
  if (!isFloating(dtype)) return g.noKernel(`a ${dtype} norm`);
  const x = g.inputAs(a.input, dtype);
  const axes = axesOf(g, call);
  const p = a.p;
  let value: string;
  if (p.kind === 'str') {
    if (p.value !== 'fro') return g.noKernel(`the ${p.value} norm`);
    value = pNorm(g, x, axes, true, 2, dtype);
  } else if (p.kind === 'float' || p.kind === 'int') {
    const pv = p.kind === 'float' ? p.value : g.int(p);
    if (pv === 0) {
      const nz = castTo(g, g.op('Not', [g.op('Equal', [x, g.scalar(0, dtype)])]), dtype);
      value = axes.length === 0 ? nz : g.op('ReduceSum', [nz, g.ints(axes)], { keepdims: 1 });
    } else value = pNorm(g, x, axes, true, pv, dtype);
  } else if (isNone(p)) {
    value = pNorm(g, x, axes, true, 2, dtype);
  } else return g.noKernel('a norm order of that kind');
  g.flops(2 * g.shape(a.input).reduce((q, r) => q * r, 1));
  return reshapeTo(g, value, g.shape(call.output));
}

export function lowerCountNonzero(g: OnnxGraph, call: OnnxCall): Lowered {
  const a = call.args;
  const dtype = g.dtype(a.input);
  const zero = g.scalar(0, dtype === 'bool' ? 'uint8' : dtype);
  const x = dtype === 'bool' ? castTo(g, g.input(a.input), 'uint8') : g.input(a.input);
  const nz = castTo(g, g.op('Not', [g.op('Equal', [x, zero])]), 'int64');
  const axes = axesOf(g, call);
  const sum = axes.length === 0 ? nz : g.op('ReduceSum', [nz, g.ints(axes)], { keepdims: 0 });
  return reshapeTo(g, sum, g.shape(call.output));
}

/** The lower median ((n - 1) / 2-th smallest); any NaN makes it NaN, as in PyTorch. */
export function lowerMedian(g: OnnxGraph, call: OnnxCall): Lowered {
  const a = call.args;
  if (call.name.endsWith('nanmedian')) return g.noKernel('nanmedian');
  const dtype = g.dtype(a.input);
  const shape = g.shape(a.input);
  const all = isNone(a.dim);
  let x = g.input(a.input);
  let axis = 0;
  if (all || shape.length === 0) x = reshapeTo(g, x, [-1]);
  else axis = wrapDim(constIntArg(a.dim), shape.length);
  const n = all || shape.length === 0 ? shape.reduce((p, q) => p * q, 1) : shape[axis];
  const k = Math.floor((n - 1) / 2);
  const [vals, idx] = g.node('TopK', [x, g.ints([k + 1])], { axis, largest: 0, sorted: 1 }, 2);
  let value = sliceAxis(g, vals, axis, k, k + 1);
  let index = sliceAxis(g, idx, axis, k, k + 1);
  if (isFloating(dtype)) {
    const nan = g.op('IsNaN', [x]);
    const anyNan = g.op('Cast', [g.op('ReduceMax', [g.op('Cast', [nan], { to: 2 })], { axes: [axis], keepdims: 1 })], { to: 9 });
    value = g.op('Where', [anyNan, g.scalar(NaN, dtype), value]);
    // PyTorch points at the (first) NaN.
    index = g.op('Where', [anyNan, g.op('ArgMax', [g.op('Cast', [nan], { to: 2 })], { axis, keepdims: 1 }), index]);
  }
  if (call.output.kind !== 'tuple') return reshapeTo(g, value, g.shape(call.output));
  const [vOut, iOut] = call.output.items;
  return [reshapeTo(g, value, g.shape(vOut)), reshapeTo(g, index, g.shape(iOut))];
}
