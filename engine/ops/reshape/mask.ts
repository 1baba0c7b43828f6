// Mask- and condition-driven ops: masked_fill, masked_select, where, nonzero. Selections whose
// length depends on the values give an unknown (`?`) dimension.
import type { Lowered, OnnxGraph } from '../lowering';
import type { DType } from '../dtype';
import { Dim } from '../../shape/dim';
import type { Value } from '../../value';
import { boolArg, tensorArg, tuple } from '../args';
import { broadcastAll, broadcastShapes } from '../common/broadcast';
import { defineFunction, fail, type OpContext } from '../op';
import { operandOf, resultType, tensor } from './helpers';

/** [4, 5] with a mask [5] -> [4, 5] (mask and input broadcast together). */
export const maskedFill = defineFunction({
  names: ['torch.masked_fill', 'torch.Tensor.masked_fill'],
  signature: 'input, mask, value',
  onnx(g, call) {
    const out = g.dtype(call.output);
    const y = g.op('Where', [g.inputAs(call.args.mask, 'bool'), g.inputAs(call.args.value, out), g.inputAs(call.args.input, out)]);
    return g.op('Expand', [y, g.ints(g.shape(call.output))]);
  },
  rule(args, ctx) {
    const x = tensorArg(args.input);
    const mask = tensorArg(args.mask);
    if (args.value.kind === 'tensor') {
      const v = tensorArg(args.value);
      if (v.shape.length !== 0) {
        fail('masked-fill-value', 'RuntimeError', `masked_fill_ only supports a 0-dimensional value tensor, but got tensor with ${v.shape.length} dimension(s).`);
      }
    }
    return tensor(broadcastShapes(ctx, mask.shape, x.shape), x.dtype);
  },
});

/** [4, 5] with a mask [4, 5] -> [?] */
export const maskedSelect = defineFunction({
  names: ['torch.masked_select', 'torch.Tensor.masked_select'],
  signature: 'input, mask, *, out=None',
  onnx(g, { args }) {
    // Both broadcast to a common (known) shape, then Compress keeps the selected elements.
    const x = g.shape(args.input);
    const m = g.shape(args.mask);
    const rank = Math.max(x.length, m.length);
    const pad = (s: number[]): number[] => [...new Array<number>(rank - s.length).fill(1), ...s];
    const shape = pad(x).map((d, i) => Math.max(d, pad(m)[i]));
    const n = shape.reduce((a, b) => a * b, 1);
    const flat = (v: string): string => g.op('Reshape', [g.op('Expand', [v, g.ints(shape)]), g.ints([n])]);
    return g.op('Compress', [flat(g.input(args.input)), flat(g.inputAs(args.mask, 'bool'))], { axis: 0 });
  },
  rule(args, ctx) {
    const x = tensorArg(args.input);
    const mask = tensorArg(args.mask);
    broadcastShapes(ctx, mask.shape, x.shape);
    return tensor([Dim.unknown()], x.dtype);
  },
});

/** One index vector of unknown length per dimension (a scalar counts as 1-D). */
function indexTuple(rank: number): Value {
  const n = Dim.unknown();
  return tuple(Array.from({ length: Math.max(rank, 1) }, () => tensor([n], 'int64')));
}

function where3(ctx: OpContext, condition: Value, a: Value, b: Value): Value {
  const cond = tensorArg(condition);
  const shapes = [cond.shape];
  for (const v of [a, b]) if (v.kind === 'tensor') shapes.push(tensorArg(v).shape);
  const shape = broadcastAll(ctx, shapes);
  // A tensor of unknown dtype leaves the result's dtype unknown, not its shape.
  const unknownDtype = [a, b].some((v) => v.kind === 'tensor' && v.dtype === undefined);
  return tensor(shape, unknownDtype ? undefined : resultType([operandOf(a), operandOf(b)]));
}

/** Where in the output dtype; onnxruntime has no bool Where, so bools go through uint8. */
function lowerWhere(g: OnnxGraph, out: DType, cond: Value, x: Value, y: Value): string {
  const via: DType = out === 'bool' ? 'uint8' : out;
  if (!['float32', 'float64', 'int32', 'int64', 'uint8'].includes(via)) return g.noKernel(`where on ${out}`);
  const r = g.op('Where', [g.inputAs(cond, 'bool'), g.inputAs(x, via), g.inputAs(y, via)]);
  return out === 'bool' ? g.op('Cast', [r], { to: 9 }) : r;
}

/** where(cond [4, 1], x [5], y [4, 5]) -> [4, 5]; where(cond [4, 5]) -> ([?], [?]) */
export const where = defineFunction({
  names: ['torch.where'],
  signature: 'condition, input=None, other=None',
  onnx(g, call) {
    const a = call.args;
    if (a.input.kind === 'none') return lowerNonzero(g, a.condition, true);
    return lowerWhere(g, g.dtype(call.output), a.condition, a.input, a.other);
  },
  rule(args, ctx) {
    if (args.input.kind === 'none' && args.other.kind === 'none') return indexTuple(tensorArg(args.condition).shape.length);
    return where3(ctx, args.condition, args.input, args.other);
  },
});

/** x.where(cond, y): where(cond, x, y). */
export const whereMethod = defineFunction({
  names: ['torch.Tensor.where'],
  signature: 'input, condition, other',
  onnx(g, call) {
    const a = call.args;
    return lowerWhere(g, g.dtype(call.output), a.condition, a.input, a.other);
  },
  rule: (args, ctx) => where3(ctx, args.condition, args.input, args.other),
});

/** ONNX NonZero gives [rank, count]: PyTorch's [count, rank], or one vector per dim for as_tuple. */
function lowerNonzero(g: OnnxGraph, input: Value, asTuple: boolean): Lowered {
  const rank = g.shape(input).length;
  const dtype = g.dtype(input);
  // onnxruntime's NonZero takes bool, uint8, int32, int64 and float: cast the rest to bool.
  const x = ['bool', 'uint8', 'int32', 'int64', 'float32'].includes(dtype) ? g.input(input) : g.op('Cast', [g.input(input)], { to: 9 });
  if (!asTuple) {
    if (rank === 0) return g.noKernel('nonzero of a 0-d tensor');
    return g.op('Transpose', [g.op('NonZero', [x])], { perm: [1, 0] });
  }
  // A 0-d tensor counts as 1-D here.
  const indices = g.op('NonZero', [rank === 0 ? g.op('Reshape', [x, g.ints([1])]) : x]);
  const n = Math.max(rank, 1);
  if (n === 1) return [g.op('Squeeze', [indices, g.ints([0])])];
  return g.node('Split', [indices], { axis: 0 }, n).map((row) => g.op('Squeeze', [row, g.ints([0])]));
}

/** [4, 5] -> nonzero() -> [?, 2]; as_tuple=True -> ([?], [?]) */
export const nonzero = defineFunction({
  names: ['torch.nonzero', 'torch.Tensor.nonzero'],
  signature: 'input, *, out=None, as_tuple=False',
  onnx: (g, { args }) => lowerNonzero(g, args.input, boolArg(args.as_tuple)),
  rule(args) {
    const x = tensorArg(args.input);
    if (boolArg(args.as_tuple)) return indexTuple(x.shape.length);
    return tensor([Dim.unknown(), x.shape.length], 'int64');
  },
});
