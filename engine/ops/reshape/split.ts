// Taking a tensor apart: split, chunk, tensor_split, unbind, narrow, select.
import type { Lowered, OnnxCall, OnnxGraph } from '../lowering';
import { Dim } from '../../shape/dim';
import type { Shape } from '../../shape/shape';
import { constIntArg, intArg, sequenceArg, tensorArg, tuple, wrapDim, type TensorArg } from '../args';
import { defineFunction, fail, giveUp, requireEqual, type OpContext } from '../op';
import type { Value } from '../../value';
import type { BoundArgs } from '../signature';
import { assumeAtLeast, listText, sliceLength, tensor } from './helpers';

function withSize(shape: Shape, dim: number, size: Dim): Dim[] {
  const out = [...shape];
  out[dim] = size;
  return out;
}

function pieces(x: TensorArg, dim: number, sizes: readonly Dim[]): Value {
  return tuple(sizes.map((s) => tensor(withSize(x.shape, dim, s), x.dtype)));
}

function requireRank1(x: TensorArg, message: string): void {
  if (x.shape.length === 0) fail('split-rank', 'RuntimeError', message);
}

/** Equal pieces of `size` and a shorter last one; the count must be known statically. */
function splitBySize(x: TensorArg, dim: number, size: Dim): Value {
  const L = x.shape[dim];
  const s = size.value;
  if (s !== undefined && s < 0) fail('split-size', 'RuntimeError', `split expects split_size be non-negative, but got split_size=${s}`);
  if (s === 0) {
    if (L.value === undefined) giveUp();
    if (L.value !== 0) fail('split-size', 'RuntimeError', `split_size can only be 0 if dimension size is 0, but got dimension size of ${L}`);
    return pieces(x, dim, [L]);
  }
  const n = L.ceildiv(size)?.value;
  // A symbolic length cut in pieces of a fixed or configured size (blocks of a sequence,
  // `x.split(self.seq_len, dim = -1)` segments of a long input): any number of pieces, each at
  // most `size` long, as a loop over them sees them.
  if (n === undefined) {
    if (s !== undefined && s <= 0) giveUp('number of pieces not known');
    const piece = tensor(withSize(x.shape, dim, Dim.unknown()), x.dtype);
    return { kind: 'list', items: [piece], open: true, sample: piece };
  }
  const count = Math.max(n, 1);
  const last = L.sub(size.mul(count - 1));
  return pieces(x, dim, [...Array(count - 1).fill(size), last]);
}

function splitWithSizes(ctx: OpContext, x: TensorArg, dim: number, sizes: readonly Dim[]): Value {
  for (const s of sizes) {
    if (s.value !== undefined && s.value < 0) {
      fail('split-sizes', 'RuntimeError', `split_with_sizes expects split_sizes have only non-negative entries, but got split_sizes=${listText(sizes)}`);
    }
  }
  const sum = sizes.reduce((a, s) => a.add(s), Dim.of(0));
  requireEqual(ctx, sum, x.shape[dim], () => ({
    code: 'split-sizes', exception: 'RuntimeError',
    message: `split_with_sizes expects split_sizes to sum exactly to ${x.shape[dim]} (input tensor's size at dimension ${dim}), but got split_sizes=${listText(sizes)}`,
  }));
  return pieces(x, dim, sizes);
}

function splitRule(ctx: OpContext, input: Value, spec: Value, dimArg: Value): Value {
  const x = tensorArg(input);
  requireRank1(x, 'split expects at least a 1-dimensional tensor');
  const dim = wrapDim(constIntArg(dimArg), x.shape.length);
  if (spec.kind === 'int' || spec.kind === 'bool') return splitBySize(x, dim, intArg(spec));
  return splitWithSizes(ctx, x, dim, sequenceArg(spec).map(intArg));
}

/** Consecutive pieces along `dim`, sized like the traced outputs (split, chunk, tensor_split). */
function lowerPieces(g: OnnxGraph, call: OnnxCall, input: Value, dimArg: Value, squeezeDim = false): Lowered {
  const rank = g.shape(input).length;
  const dim = wrapDim(constIntArg(dimArg), rank);
  const x = g.input(input);
  const outs = call.output.kind === 'tuple' || call.output.kind === 'list' ? call.output.items : [];
  let start = 0;
  return outs.map((o) => {
    const len = squeezeDim ? 1 : g.shape(o)[dim];
    const piece = g.op('Slice', [x, g.ints([start]), g.ints([start + len]), g.ints([dim])]);
    start += len;
    return squeezeDim ? g.op('Squeeze', [piece, g.ints([dim])]) : piece;
  });
}

/** [10, 4] -> split(3) -> [3, 4] x3 + [1, 4]; split([3, 7]) -> [3, 4], [7, 4] */
export const split = defineFunction({
  names: ['torch.split'],
  signature: 'tensor, split_size_or_sections, dim=0',
  onnx: (g, call) => lowerPieces(g, call, call.args.tensor, call.args.dim),
  rule: (args, ctx) => splitRule(ctx, args.tensor, args.split_size_or_sections, args.dim),
});

/** x.split(split_size, dim=0): as torch.split. */
export const splitMethod = defineFunction({
  names: ['torch.Tensor.split'],
  signature: 'self, split_size, dim=0',
  onnx: (g, call) => lowerPieces(g, call, call.args.self, call.args.dim),
  rule: (args, ctx) => splitRule(ctx, args.self, args.split_size, args.dim),
});

/** [10, 4] -> chunk(3) -> [4, 4], [4, 4], [2, 4] */
export const chunk = defineFunction({
  names: ['torch.chunk', 'torch.Tensor.chunk'],
  signature: 'input, chunks, dim=0',
  onnx: (g, call) => lowerPieces(g, call, call.args.input, call.args.dim),
  rule(args, ctx) {
    const x = tensorArg(args.input);
    requireRank1(x, 'chunk expects at least a 1-dimensional tensor');
    const n = constIntArg(args.chunks);
    if (n <= 0) fail('chunk-count', 'RuntimeError', `chunk expects \`chunks\` to be greater than 0, got: ${n}`);
    const dim = wrapDim(constIntArg(args.dim), x.shape.length);
    const L = x.shape[dim];
    const size = L.add(n - 1).floordiv(n)!;
    // Zero-length: n empty pieces (split would return only one).
    if (size.value === 0 && L.value === 0) return pieces(x, dim, Array(n).fill(Dim.of(0)));
    // A symbolic length: how many pieces depends on it (7 in 3 chunks is 3 + 3 + 1, 4 is 2 + 2),
    // so the n equal pieces the code expects stand on n dividing it, which is said.
    if (L.value === undefined && L.ceildiv(size)?.value === undefined) {
      const piece = L.floordiv(n)!;
      // Never an error: unequal pieces are no error of chunk's own.
      if (piece.mul(n).equals(L) === 'no') giveUp('chunk of a length n does not divide');
      requireEqual(ctx, piece.mul(n), L, () => ({ code: 'chunk-size', exception: 'RuntimeError', message: `needs ${L} % ${n} = 0` }));
      return pieces(x, dim, Array(n).fill(piece));
    }
    return splitBySize(x, dim, size);
  },
});

/** [7] -> tensor_split(3) -> [3], [2], [2]; tensor_split([2, 5]) -> [2], [3], [2] */
export const tensorSplit = defineFunction({
  names: ['torch.tensor_split', 'torch.Tensor.tensor_split'],
  // PyTorch's overloads also take the split by name: `indices=(1,)` (torchvision's MViT), `sections=3`.
  signature: 'input, indices_or_sections=None, dim=0, *, indices=None, sections=None, tensor_indices_or_sections=None',
  onnx(g, call) {
    const spec = splitSpec(call.args);
    if (spec.kind !== 'int' && spec.kind !== 'bool') {
      const idx = sequenceArg(spec).map((v) => g.int(v));
      if (idx.some((v, i) => v < 0 || (i > 0 && v < idx[i - 1]))) return g.noKernel('tensor_split with unordered or negative indices');
    }
    return lowerPieces(g, call, call.args.input, call.args.dim);
  },
  rule(args, ctx) {
    const x = tensorArg(args.input);
    if (x.shape.length === 0) {
      fail('tensor-split-rank', 'RuntimeError', `tensor_split expected at least a 1-dimensional tensor, but got a tensor with 0 dims`);
    }
    const spec = splitSpec(args);
    if (spec.kind === 'int' || spec.kind === 'bool') {
      const n = constIntArg(spec);
      const dim = wrapDim(constIntArg(args.dim), x.shape.length);
      if (n <= 0) fail('tensor-split-sections', 'RuntimeError', `number of sections must be larger than 0, got ${n}`);
      const L = x.shape[dim].value ?? giveUp('symbolic size');
      const base = Math.floor(L / n);
      const extra = L % n;
      return pieces(x, dim, Array.from({ length: n }, (_, i) => Dim.of(i < extra ? base + 1 : base)));
    }
    const indices = sequenceArg(spec).map(intArg);
    const dim = wrapDim(constIntArg(args.dim), x.shape.length);
    const L = x.shape[dim];
    const bounds: (Dim | undefined)[] = [Dim.of(0), ...indices, undefined];
    const sizes: Dim[] = [];
    for (let i = 0; i + 1 < bounds.length; i++) sizes.push(sliceLength(ctx, L, bounds[i], bounds[i + 1], 1));
    return pieces(x, dim, sizes);
  },
});

/** The one split tensor_split was given, positionally or by one of its overloads' names. */
function splitSpec(args: BoundArgs): Value {
  const given = [args.indices_or_sections, args.indices, args.sections, args.tensor_indices_or_sections].filter((v) => v.kind !== 'none');
  return given.length === 1 ? given[0] : giveUp('tensor_split needs one of indices_or_sections, indices, sections');
}

/** [2, 3, 4] -> unbind(1) -> [2, 4] x3 */
export const unbind = defineFunction({
  names: ['torch.unbind', 'torch.Tensor.unbind'],
  signature: 'input, dim=0',
  onnx: (g, call) => lowerPieces(g, call, call.args.input, call.args.dim, true),
  rule(args) {
    const x = tensorArg(args.input);
    const dim = wrapDim(constIntArg(args.dim), x.shape.length);
    if (x.shape.length === 0) fail('unbind-rank', 'IndexError', `Dimension specified as ${dim} but tensor has no dimensions`);
    const n = x.shape[dim].value ?? giveUp('number of pieces not known');
    const rest = [...x.shape.slice(0, dim), ...x.shape.slice(dim + 1)];
    return tuple(Array.from({ length: n }, () => tensor(rest, x.dtype)));
  },
});

/** [5, 4] -> narrow(0, 1, 2) -> [2, 4] */
export const narrow = defineFunction({
  names: ['torch.narrow', 'torch.Tensor.narrow'],
  signature: 'input, dim, start, length',
  onnx(g, { args }) {
    const shape = g.shape(args.input);
    const dim = wrapDim(constIntArg(args.dim), shape.length);
    let start = g.int(args.start);
    if (start < 0) start += shape[dim];
    return g.op('Slice', [g.input(args.input), g.ints([start]), g.ints([start + g.int(args.length)]), g.ints([dim])]);
  },
  rule(args, ctx) {
    const x = tensorArg(args.input);
    if (x.shape.length === 0) fail('narrow-rank', 'RuntimeError', 'narrow() cannot be applied to a 0-dim tensor.');
    const dim = wrapDim(constIntArg(args.dim), x.shape.length);
    const size = x.shape[dim];
    let start = intArg(args.start);
    const length = intArg(args.length);
    const L = size.value;
    const s = start.value;
    if (L !== undefined && s !== undefined) {
      // start == size is a valid empty narrow; otherwise start wraps like a dim index.
      if (s !== L) start = Dim.of(wrapDim(s, L));
      const n = length.value;
      if (n !== undefined && (n < 0 || start.value! > L - n)) {
        fail('narrow-range', 'RuntimeError', `start (${start}) + length (${length}) exceeds dimension size (${size}).`);
      }
    } else {
      if (s !== undefined && s < 0) start = size.add(s);
      assumeAtLeast(ctx, 'narrow-range', size, start.add(length));
    }
    return tensor(withSize(x.shape, dim, length), x.dtype);
  },
});

/** [5, 4] -> select(1, 2) -> [5] */
export const select = defineFunction({
  names: ['torch.select', 'torch.Tensor.select'],
  signature: 'input, dim, index',
  onnx(g, { args }) {
    const shape = g.shape(args.input);
    const dim = wrapDim(constIntArg(args.dim), shape.length);
    let index = g.int(args.index);
    if (index < 0) index += shape[dim];
    return g.op('Gather', [g.input(args.input), g.scalar(index, 'int64')], { axis: dim });
  },
  rule(args) {
    const x = tensorArg(args.input);
    if (x.shape.length === 0) fail('select-rank', 'IndexError', 'select() cannot be applied to a 0-dim tensor.');
    const dim = wrapDim(constIntArg(args.dim), x.shape.length);
    const index = intArg(args.index).value;
    const size = x.shape[dim].value;
    if (index !== undefined && size !== undefined && (index < -size || index >= size)) {
      fail('select-index', 'IndexError', `select(): index ${index} out of range for tensor of size ${listText(x.shape)} at dimension ${dim}`);
    }
    return tensor([...x.shape.slice(0, dim), ...x.shape.slice(dim + 1)], x.dtype);
  },
});
