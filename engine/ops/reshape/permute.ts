// Reordering dimensions: permute, transpose (swapaxes, swapdims), t, movedim (moveaxis).
import type { OnnxGraph } from '../lowering';
import { constIntArg, constIntsArg, intsArg, tensorArg, varIntsArg, wrapDim, type TensorArg } from '../args';
import { defineFunction, fail, giveUp } from '../op';
import type { Value } from '../../value';
import { listText, tensor } from './helpers';

function permuteRule(x: TensorArg, dims: number[]): Value {
  const rank = x.shape.length;
  if (dims.length !== rank) {
    fail('permute-dims', 'RuntimeError', `permute(sparse_coo): number of dimensions in the tensor input does not match the length of the desired ordering of dimensions i.e. input.dim() = ${rank} is not equal to len(dims) = ${dims.length}`);
  }
  const wrapped = dims.map((d) => wrapDim(d, rank));
  if (new Set(wrapped).size !== wrapped.length) fail('permute-dims', 'RuntimeError', 'permute(): duplicate dims are not allowed.');
  return tensor(wrapped.map((d) => x.shape[d]), x.dtype);
}

function lowerPermute(g: OnnxGraph, input: Value, perm: number[]): string {
  const x = g.input(input);
  return perm.every((p, i) => p === i) ? g.op('Identity', [x]) : g.op('Transpose', [x], { perm });
}

function wrappedPerm(g: OnnxGraph, input: Value, dims: number[]): number[] {
  const rank = g.shape(input).length;
  return dims.map((d) => wrapDim(d, rank));
}

function swapPerm(g: OnnxGraph, input: Value, a: Value, b: Value): number[] {
  const rank = g.shape(input).length;
  const perm = Array.from({ length: rank }, (_, i) => i);
  if (rank === 0) return perm;
  const d0 = wrapDim(constIntArg(a), rank);
  const d1 = wrapDim(constIntArg(b), rank);
  [perm[d0], perm[d1]] = [perm[d1], perm[d0]];
  return perm;
}

/** movedim's order: moved dims land at their destinations, the rest fill the free slots in order. */
function movedimOrder(rank: number, src: number[], dst: number[]): number[] {
  const s = src.map((d) => wrapDim(d, rank));
  const d = dst.map((v) => wrapDim(v, rank));
  const order: number[] = new Array(rank).fill(-1);
  s.forEach((from, i) => (order[d[i]] = from));
  const rest = [...Array(rank).keys()].filter((i) => !s.includes(i));
  for (let i = 0, j = 0; i < rank; i++) if (order[i] < 0) order[i] = rest[j++];
  return order;
}

function knownInts(v: Value, varargs: boolean): number[] {
  return (varargs ? varIntsArg(v) : intsArg(v)).map((d) => d.value ?? giveUp('symbolic dim'));
}

/** torch.permute(x, dims): [2, 3, 4] -> (2, 0, 1) -> [4, 2, 3] */
export const permute = defineFunction({
  names: ['torch.permute'],
  signature: 'input, dims',
  onnx: (g, { args }) => lowerPermute(g, args.input, wrappedPerm(g, args.input, knownInts(args.dims, false))),
  rule: (args) => permuteRule(tensorArg(args.input), knownInts(args.dims, false)),
});

/** x.permute(*dims): [2, 3, 4] -> permute(2, 0, 1) -> [4, 2, 3] */
export const permuteMethod = defineFunction({
  names: ['torch.Tensor.permute'],
  signature: 'input, *dims:keyword',
  onnx: (g, { args }) => lowerPermute(g, args.input, wrappedPerm(g, args.input, knownInts(args.dims, true))),
  rule: (args) => permuteRule(tensorArg(args.input), knownInts(args.dims, true)),
});

function transposeRule(input: Value, a: Value, b: Value): Value {
  const x = tensorArg(input);
  const rank = x.shape.length;
  const d0 = wrapDim(constIntArg(a), rank);
  const d1 = wrapDim(constIntArg(b), rank);
  if (rank === 0) return tensor([], x.dtype);
  const out = [...x.shape];
  [out[d0], out[d1]] = [out[d1], out[d0]];
  return tensor(out, x.dtype);
}

/** [2, 3, 4] -> transpose(1, 2) -> [2, 4, 3] */
export const transpose = defineFunction({
  names: ['torch.transpose', 'torch.Tensor.transpose', 'torch.swapdims', 'torch.Tensor.swapdims'],
  signature: 'input, dim0, dim1',
  onnx: (g, { args }) => lowerPermute(g, args.input, swapPerm(g, args.input, args.dim0, args.dim1)),
  rule: (args) => transposeRule(args.input, args.dim0, args.dim1),
});

/** [2, 3, 4] -> swapaxes(0, 2) -> [4, 3, 2] */
export const swapaxes = defineFunction({
  names: ['torch.swapaxes', 'torch.Tensor.swapaxes'],
  signature: 'input, axis0, axis1',
  onnx: (g, { args }) => lowerPermute(g, args.input, swapPerm(g, args.input, args.axis0, args.axis1)),
  rule: (args) => transposeRule(args.input, args.axis0, args.axis1),
});

/** [2, 3] -> t() -> [3, 2]; 0-D and 1-D unchanged. */
export const t = defineFunction({
  names: ['torch.t', 'torch.Tensor.t'],
  signature: 'input',
  onnx: (g, { args }) => lowerPermute(g, args.input, g.shape(args.input).length === 2 ? [1, 0] : g.shape(args.input).map((_, i) => i)),
  rule(args) {
    const x = tensorArg(args.input);
    const rank = x.shape.length;
    if (rank > 2) fail('t-rank', 'RuntimeError', `t() expects a tensor with <= 2 dimensions, but self is ${rank}D`);
    return tensor(rank === 2 ? [x.shape[1], x.shape[0]] : x.shape, x.dtype);
  },
});

function movedimRule(input: Value, source: Value, destination: Value): Value {
  const x = tensorArg(input);
  const rank = x.shape.length;
  const src = constIntsArg(source);
  const dst = constIntsArg(destination);
  if (src.length !== dst.length) {
    fail('movedim-dims', 'RuntimeError', `movedim: Invalid source or destination dims: source (${listText(src)} dims) should contain the same number of dims as destination (${listText(dst)} dims)`);
  }
  const s = src.map((d) => wrapDim(d, rank));
  const d = dst.map((v) => wrapDim(v, rank));
  if (new Set(s).size !== s.length) fail('movedim-dims', 'RuntimeError', `movedim: repeated dim in \`source\` (${listText(src)})`);
  if (new Set(d).size !== d.length) fail('movedim-dims', 'RuntimeError', `movedim: repeated dim in \`destination\` (${listText(dst)})`);
  if (rank === 0) return tensor([], x.dtype);
  // Moved dims land at their destinations; the rest keep their order in the free slots.
  const order: number[] = new Array(rank).fill(-1);
  s.forEach((from, i) => (order[d[i]] = from));
  const rest = [...Array(rank).keys()].filter((i) => !s.includes(i));
  for (let i = 0, j = 0; i < rank; i++) if (order[i] < 0) order[i] = rest[j++];
  return tensor(order.map((i) => x.shape[i]), x.dtype);
}

/** [2, 3, 4] -> movedim(0, -1) -> [3, 4, 2] */
export const movedim = defineFunction({
  names: ['torch.movedim', 'torch.Tensor.movedim', 'torch.moveaxis', 'torch.Tensor.moveaxis'],
  signature: 'input, source, destination',
  onnx: (g, { args }) => lowerPermute(g, args.input, movedimOrder(g.shape(args.input).length, constIntsArg(args.source), constIntsArg(args.destination))),
  rule: (args) => movedimRule(args.input, args.source, args.destination),
});
